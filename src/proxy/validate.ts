// Checks a parsed request body against the contract's schema and the proxy's own rules; the first fault becomes a 422.
import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import type { z } from 'zod';
import {
  E164_PATTERN,
  IDEMPOTENCY_HEADER,
  LIMITS,
  PHONE_CHANNELS,
  UUID_PATTERN,
  chatRequestSchema,
  canonicalEmailAddress,
  isEmailAddress,
  type ChannelType,
  type ErrorField,
  type ChatSuccess,
} from '../contract/index.js';
import { ProxyError } from './errors.js';
import type { ChatContext, RequestContext, Stage } from './stage.js';

/** A request that passed every check, normalised. */
export type ValidChatRequest = ChatContext['chat'];

/** The rules of this proxy's configuration. */
export interface ValidationPolicy {
  requireConsent: boolean;
  /** Accepted regions for phone/WhatsApp (`001`: numbers of no country); undefined = every country, not `001`. */
  phoneCountries?: readonly string[] | undefined;
  maxScheduleDays: number;
  now: () => number;
}

/**
 * Number types that certainly cannot receive an SMS or WhatsApp conversation with a person,
 * and are the usual targets of SMS pumping. Never FIXED_LINE_OR_MOBILE (US numbers cannot be
 * told apart), nor FIXED_LINE or VOIP: some of those do receive texts.
 */
const UNREACHABLE_TYPES: ReadonlySet<NumberType> = new Set<NumberType>([
  'PREMIUM_RATE',
  'SHARED_COST',
  'TOLL_FREE',
  'PAGER',
  'VOICEMAIL',
]);

// Keys that could reach an object's prototype if the body were ever merged into another object.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const MESSAGES: Record<ErrorField, string> = {
  type: 'Choose text message, WhatsApp or email.',
  contact: 'Enter a valid contact.',
  schedule_at: 'Pick a valid time with its time zone.',
  consent: 'Please agree to be contacted.',
  idempotency_key: `The ${IDEMPOTENCY_HEADER} header must be a UUID.`,
  body: 'The request contains unexpected data.',
};

function invalid(field: ErrorField, message = MESSAGES[field]): ProxyError {
  return new ProxyError('validation_failed', { field, message });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the honeypot `hp` holds anything: only bots fill a field people cannot see. */
export function isHoneypotFilled(body: unknown): boolean {
  return isPlainObject(body) && body.hp !== undefined && body.hp !== null && body.hp !== '';
}

/** A filled honeypot is answered exactly like a started session, so a bot learns nothing. */
export const honeypotStage: Stage<RequestContext> = (context, next) => {
  if (!isHoneypotFilled(context.body)) return next();
  context.facts.code = 'honeypot';
  const contact = typeof context.body?.contact === 'string' ? context.body.contact : '';
  const body: ChatSuccess = { status: 'started', id: null, contact, receipt: null };
  return Promise.resolve({ status: 201, body });
};

/** The Idempotency-Key header: null when absent, 422 `idempotency_key` when not a UUID. */
export function readIdempotencyKey(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!UUID_PATTERN.test(key)) throw invalid('idempotency_key');
  return key.toLowerCase();
}

/**
 * Validates the parsed body; throws a 422 ProxyError naming the first field at fault,
 * in the contract's field order (the one the visitor sees first).
 */
export function validateChatRequest(body: unknown, policy: ValidationPolicy): ValidChatRequest {
  if (!isPlainObject(body)) throw invalid('body', 'The request body must be a JSON object.');
  if (Object.keys(body).some((key) => FORBIDDEN_KEYS.has(key))) throw invalid('body');

  const { shape } = chatRequestSchema;
  const type = parseField('type', shape.type, body.type);
  const contact = parseField('contact', shape.contact, body.contact);
  const byPhone = PHONE_CHANNELS.includes(type);
  const canonical = byPhone ? canonicalPhoneNumber(contact, policy.phoneCountries) : canonicalEmail(contact);
  const scheduleAt = parseField('schedule_at', shape.schedule_at, body.schedule_at);
  const normalizedScheduleAt = scheduleAt ? checkScheduleAt(scheduleAt, policy) : null;
  const consent = parseField('consent', shape.consent, body.consent);
  if (byPhone && policy.requireConsent && consent !== true) throw invalid('consent');
  // Whatever else is wrong (unknown keys, over-long locale/timezone/hp) is the body's fault.
  if (!chatRequestSchema.safeParse(body).success) throw invalid('body');

  return { type, contact: canonical, scheduleAt: normalizedScheduleAt };
}

function parseField<T>(field: ErrorField, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(field);
  return result.data;
}

// The number as libphonenumber reads it (`+4407400123456` is `+447400123456`): the vendor gets,
// and the limits count, one spelling per number.
function canonicalPhoneNumber(contact: string, countries: readonly string[] | undefined): string {
  const phone = E164_PATTERN.test(contact) ? parsePhoneNumberFromString(contact) : undefined;
  // With full metadata a number is valid exactly when it has a type; isValid() (which computes
  // the type again) only decides the rare number without one.
  const numberType = phone?.getType();
  if (!phone || (numberType === undefined && !phone.isValid())) {
    throw invalid('contact', 'Enter a valid phone number with its country code.');
  }
  // Numbers of no country (+800, +881 satellite, …) are classic toll-fraud targets: only by choice.
  const region = phone.country ?? NO_COUNTRY;
  if (countries ? !countries.includes(region) : region === NO_COUNTRY) {
    throw invalid('contact', 'Phone numbers from this country are not accepted.');
  }
  if (numberType && UNREACHABLE_TYPES.has(numberType)) {
    throw invalid('contact', 'This number cannot receive messages. Please use a mobile number.');
  }
  return phone.number;
}

/** libphonenumber's region of numbers that belong to no country. */
export const NO_COUNTRY = '001';

function canonicalEmail(contact: string): string {
  if (!isEmailAddress(contact)) throw invalid('contact', 'Enter a valid email address.');
  return canonicalEmailAddress(contact);
}

// Rounded down to whole seconds (the vendor's example format), then held to the lead and horizon.
function checkScheduleAt(value: string, policy: ValidationPolicy): string {
  const time = Math.floor(Date.parse(value) / 1000) * 1000;
  const now = policy.now();
  if (Number.isNaN(time)) throw invalid('schedule_at');
  if (time < now + LIMITS.scheduleLeadSeconds * 1000) {
    throw invalid('schedule_at', 'Pick a time at least a minute from now.');
  }
  if (time > now + policy.maxScheduleDays * 86_400_000) {
    throw invalid('schedule_at', `Pick a time within the next ${policy.maxScheduleDays} days.`);
  }
  return new Date(time).toISOString();
}

/** The channel settings validation needs besides its policy. */
export interface ChatPolicy extends ValidationPolicy {
  channels: Partial<Record<ChannelType, string>>;
}

/**
 * The step from a request with a JSON object body to a chat: the key header, the body's fields,
 * then the channel (422 `channel_unavailable` when this proxy has no sender for the type).
 */
export function toChatContext(context: RequestContext, policy: ChatPolicy): ChatContext {
  const idempotencyKey = readIdempotencyKey(context.request);
  const chat = validateChatRequest(context.body, policy);
  context.facts.contact = chat.contact;
  const from = policy.channels[chat.type];
  if (from === undefined) throw new ProxyError('channel_unavailable');
  return { ...context, body: context.body!, chat, from, idempotencyKey };
}
