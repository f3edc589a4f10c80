// The form's rules, with no DOM: the visitor's draft, its validation into the request the
// proxy takes, an answer of the proxy turned into what the panel shows, what a screen reader
// hears and where focus goes. The panel renders this state and forwards the visitor's input.
import { CHANNELS, isEmailAddress, isPhoneChannel, LIMITS, type ChannelType } from '../contract/constants.js';
import type { ChatRequest } from '../contract/schemas.js';
import type { LauncherErrorDetail, LauncherSuccessDetail } from './events.js';
import { formatWait, type StringKey } from './i18n.js';
import { formatE164, regionOfNumber, toE164, type PhoneProblem } from './phone.js';
import { parseSchedule, scheduleBounds } from './schedule.js';
import type { SubmitOutcome } from './submit.js';

/** The fields a message can belong to, by their names in the request. */
export type FormField = 'contact' | 'schedule_at' | 'consent';

/** A text to show: a key of the UI strings and the values of its `{placeholders}`. */
export interface Message {
  key: StringKey;
  values?: Record<string, string>;
}

/** The attributes the rules depend on, already parsed. */
export interface FormSettings {
  /** The channels the site offers, in display order. */
  channels: readonly ChannelType[];
  consent: 'required' | 'notice' | 'off';
  schedule: 'optional' | 'off';
  locale: string;
  timezone: string;
  /** A UI text in the visitor's language (to name a channel inside a message). */
  text(key: StringKey): string;
}

/** What the visitor entered. Phone and email are kept apart, so switching channel loses neither. */
export interface Draft {
  type: ChannelType;
  phone: string;
  /** ISO 3166 region the phone number is read in. */
  region: string;
  email: string;
  consent: boolean;
  /** "Pick a time" rather than "Now". */
  later: boolean;
  /** The picked time as the datetime-local field holds it, in the visitor's zone. */
  schedule_at: string;
  /** The honeypot field: people leave it empty. */
  hp: string;
}

/** What the visitor saw that the consent receipt keeps. */
export interface Evidence {
  /** The consent text as shown (slotted or built in). */
  consentText?: string;
  /** The page's address without its fragment. */
  page?: string;
}

/** A failed request as the panel shows it. */
export interface Failure {
  code: LauncherErrorDetail['code'];
  message: Message;
  /** Whether a "Try again" can work now (not after a 429 or a refusal). */
  retry: boolean;
}

/** Where focus goes after the next render: the panel's start, a field, "Try again" or the confirmation. */
export type FocusRequest = 'start' | FormField | 'retry' | 'done';

/** Each channel's texts: its consent (when it needs one) and its confirmations. Its name is the key of its type. */
export const CHANNEL_TEXT: Record<ChannelType, { consent?: StringKey; now: StringKey; later: StringKey }> = {
  phone: { consent: 'consentSms', now: 'donePhoneNow', later: 'donePhoneLater' },
  whatsapp: { consent: 'consentWhatsapp', now: 'doneWhatsappNow', later: 'doneWhatsappLater' },
  email: { now: 'doneEmailNow', later: 'doneEmailLater' },
};

const PHONE_MESSAGES: Record<PhoneProblem, StringKey> = { empty: 'phoneEmpty', invalid: 'phoneInvalid', too_short: 'phoneShort', too_long: 'phoneLong' };

/** The order fields appear in, which is the order focus visits the invalid ones. */
const FIELD_ORDER: readonly FormField[] = ['contact', 'schedule_at', 'consent'];

/** Whether the visitor is shown consent text for this channel. */
export function consentShown(type: ChannelType, settings: FormSettings): boolean {
  return CHANNELS[type].needsConsent && settings.consent !== 'off';
}

/** "Tue 25 Nov, 15:00" or "Tue, Nov 25, 3:00 PM": the visitor's own format, in their zone. */
export function formatTime(locale: string, time: string | number): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(time));
}

/** "Choose 15:08 or later": the earliest time the picker offers now. */
function tooEarly(now: number, locale: string): Message {
  return { key: 'timeTooEarly', values: { time: formatTime(locale, scheduleBounds(now).min) } };
}

/** Checks every field; the request when all are valid. */
export function validate(draft: Draft, settings: FormSettings, now: number, evidence: Evidence = {}): { errors: Partial<Record<FormField, Message>>; request?: ChatRequest } {
  const errors: Partial<Record<FormField, Message>> = {};
  let contact = draft.email.trim();
  if (isPhoneChannel(draft.type)) {
    const phone = toE164(draft.phone, draft.region);
    if (phone.ok) contact = phone.e164;
    else errors.contact = { key: PHONE_MESSAGES[phone.problem] };
  } else if (!isEmailAddress(contact)) {
    errors.contact = { key: 'emailInvalid' };
  }
  let scheduleAt: string | undefined;
  if (draft.later && settings.schedule !== 'off') {
    const picked = parseSchedule(draft.schedule_at, now);
    if (picked.ok) scheduleAt = picked.iso;
    else if (picked.problem === 'missing') errors.schedule_at = { key: 'timeMissing' };
    else if (picked.problem === 'past') errors.schedule_at = tooEarly(now, settings.locale);
    else errors.schedule_at = { key: 'timeFar', values: { date: formatTime(settings.locale, scheduleBounds(now).max) } };
  }
  const asked = consentShown(draft.type, settings);
  if (asked && settings.consent === 'required' && !draft.consent) errors.consent = { key: 'consentNeeded' };
  if (FIELD_ORDER.some((field) => errors[field])) return { errors };

  const request: ChatRequest = { type: draft.type, contact };
  if (scheduleAt) request.schedule_at = scheduleAt;
  // A notice counts as consent on submit; with consent="off" the visitor was asked nothing.
  if (CHANNELS[draft.type].needsConsent) request.consent = asked && (draft.consent || settings.consent === 'notice');
  if (asked && evidence.consentText) request.consent_text = evidence.consentText.slice(0, LIMITS.consentText);
  if (evidence.page) request.page = evidence.page;
  request.locale = settings.locale;
  request.timezone = settings.timezone;
  request.hp = draft.hp;
  return { errors, request };
}

/** The confirmation sentence: the channel named, the AI assistant disclosed, the contact as the vendor got it. */
export function confirmation(done: LauncherSuccessDetail, locale: string): Message {
  const texts = CHANNEL_TEXT[done.type];
  const contact = isPhoneChannel(done.type) ? formatE164(done.contact) : done.contact;
  return done.scheduleAt
    ? { key: texts.later, values: { contact, time: formatTime(locale, done.scheduleAt) } }
    : { key: texts.now, values: { contact } };
}

export type OutcomeView =
  | { done: LauncherSuccessDetail }
  /** The proxy refused a field the visitor can correct there. */
  | { field: FormField; message: Message; error: Omit<LauncherErrorDetail, 'message'> }
  | { failure: Failure; error: Omit<LauncherErrorDetail, 'message'> };

/** What the panel shows for the proxy's answer to `request`. */
export function describeOutcome(outcome: SubmitOutcome, request: ChatRequest, settings: FormSettings, now: number): OutcomeView {
  if (outcome.ok) {
    const { status, id, scheduleAt, contact, receipt } = outcome;
    return { done: { status, id, type: request.type, contact, scheduleAt, receipt } satisfies LauncherSuccessDetail };
  }
  const { code, retryable } = outcome;
  const error = { code, retryable };
  const field = code === 'validation_failed' && !retryable ? FIELD_ORDER.find((f) => f === outcome.field) : undefined;
  if (field) {
    const message: Message =
      field === 'schedule_at' ? tooEarly(now, settings.locale) : field === 'consent' ? { key: 'consentNeeded' } : { key: isPhoneChannel(request.type) ? 'phoneInvalid' : 'emailInvalid' };
    return { field, message, error };
  }
  let failure: Failure;
  if (code === 'rate_limited') {
    // Trying again before the wait is over cannot work: say when, offer no button.
    failure = { code, message: { key: 'errorRateLimited', values: { when: formatWait(settings.locale, outcome.retryAfter ?? 60) } }, retry: false };
  } else if (code === 'channel_unavailable') {
    failure = { code, message: { key: 'errorChannelUnavailable', values: { channel: settings.text(request.type) } }, retry: false };
  } else {
    failure = { code, message: { key: retryable ? 'errorRetry' : 'errorRejected' }, retry: retryable };
  }
  return { failure, error };
}

function emptyDraft(type: ChannelType, region = ''): Draft {
  return { type, phone: '', region, email: '', consent: false, later: false, schedule_at: '', hp: '' };
}

/**
 * The form's state from first keystroke to confirmation. The panel calls one method per
 * thing the visitor does and re-renders; nothing here touches the DOM.
 */
export class FormModel {
  draft: Draft;
  errors: Partial<Record<FormField, Message>> = {};
  failure?: Failure;
  sending = false;
  done?: LauncherSuccessDetail;
  /** What the live region says: each message once, cleared when there is nothing new. */
  announcement: Message[] = [];
  /** Where focus goes after the next render; the panel takes it (and clears it). */
  focus?: FocusRequest;
  /** The last request sent, which "Try again" sends again. */
  request?: ChatRequest;
  /** Channels the proxy said it does not offer: no longer offered to the visitor. */
  private readonly unavailable = new Set<ChannelType>();
  private typeChosen = false;
  /** The regions the country select offers. */
  private regions: readonly string[] = [];

  constructor(private readonly settings: () => FormSettings) {
    this.draft = emptyDraft(settings().channels[0]);
  }

  /** The channels offered: the site's, minus those the proxy refused (all of them if it refused every one). */
  get channels(): ChannelType[] {
    const { channels } = this.settings();
    const offered = channels.filter((c) => !this.unavailable.has(c));
    return offered.length ? offered : [...channels];
  }

  /** Follows the attributes: the preselected channel until the visitor picks one, and a region on offer. */
  sync(preselected: string, regions: readonly string[], preferredRegion: string, regionChanged: boolean): void {
    const channels = this.channels;
    if (!this.typeChosen || !channels.includes(this.draft.type)) {
      this.draft.type = channels.find((c) => c === preselected) ?? channels[0];
    }
    if (regionChanged || !regions.includes(this.draft.region)) this.draft.region = preferredRegion;
    this.regions = regions;
  }

  /** The visitor changed a field: keep it, and drop that field's message. */
  set<K extends keyof Draft>(name: K, value: Draft[K]): void {
    this.draft[name] = value;
    if (name === 'phone') {
      // "+44 …" typed or pasted: the country select follows, when it offers that country.
      const region = regionOfNumber(value as string, this.draft.region);
      if (region && this.regions.includes(region)) this.draft.region = region;
    }
    if (name === 'type') {
      this.typeChosen = true;
      this.errors = {};
    } else {
      const field: FormField | undefined = name === 'phone' || name === 'email' ? 'contact' : name === 'consent' || name === 'schedule_at' ? name : undefined;
      if (field && this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    }
  }

  /** Submit pressed: the request to send, or the messages shown with focus on the first invalid field. */
  submit(now: number, evidence: Evidence = {}): ChatRequest | undefined {
    const { errors, request } = validate(this.draft, this.settings(), now, evidence);
    this.errors = errors;
    const invalid = FIELD_ORDER.filter((field) => errors[field]);
    // Focus reads the first field's message (its description); the live region says only the others.
    this.focus = invalid[0];
    this.announcement = invalid.slice(1).map((field) => errors[field]!);
    return request;
  }

  /** The request is on its way. A failure shown so far stays until this attempt has an answer. */
  sent(request: ChatRequest): void {
    this.request = request;
    this.sending = true;
    this.announcement = [{ key: 'sending' }];
  }

  /** The proxy answered (or did not): what to emit, with the state updated to show it. */
  answered(outcome: SubmitOutcome, now: number): OutcomeView {
    const view = describeOutcome(outcome, this.request!, this.settings(), now);
    this.sending = false;
    this.failure = undefined;
    this.announcement = [];
    if ('done' in view) {
      this.done = view.done;
      this.errors = {};
      this.announcement = [confirmation(view.done, this.settings().locale)];
      this.focus = 'done';
    } else if ('field' in view) {
      this.errors = { [view.field]: view.message };
      this.focus = view.field;
    } else {
      this.failure = view.failure;
      if (view.failure.code === 'channel_unavailable') {
        this.unavailable.add(this.request!.type);
        this.draft.type = this.channels[0];
      }
      this.focus = view.failure.retry ? 'retry' : undefined;
    }
    return view;
  }

  /** "Use different details": back to the form with everything the visitor typed. */
  edit(): void {
    this.done = undefined;
    this.request = undefined;
    this.announcement = [];
    this.focus = 'start';
  }

  /** Back to an empty form (the channels the proxy refused stay unoffered). */
  reset(): void {
    this.draft = emptyDraft(this.channels[0], this.draft.region);
    this.typeChosen = false;
    this.errors = {};
    this.failure = undefined;
    this.done = undefined;
    this.request = undefined;
    this.announcement = [];
  }
}
