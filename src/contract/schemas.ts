// The wire format of SPEC §3 as zod schemas: the proxy validates with them,
// the widget imports only their types (`import type`), so zod never reaches a browser.
import { z } from 'zod';
import { CHANNEL_TYPES, ERROR_FIELDS, ERROR_STATUS, LIMITS, type ProxyErrorCode } from './constants.js';

const shortText = z.string().max(LIMITS.shortText);

/** The body the widget POSTs to the proxy. Unknown properties are refused. */
export const chatRequestSchema = z.strictObject({
  type: z.enum(CHANNEL_TYPES),
  contact: z.string().min(1).max(LIMITS.emailLength),
  /** Omitted (or null) for "now". */
  schedule_at: z.iso.datetime({ offset: true }).nullish(),
  consent: z.boolean().optional(),
  locale: shortText.optional(),
  timezone: shortText.optional(),
  /** The consent wording exactly as the visitor saw it: evidence for the consent receipt. */
  consent_text: z.string().max(LIMITS.consentText).optional(),
  /** The page the visitor was on (no fragment): evidence for the consent receipt. */
  page: z.url({ protocol: /^https?$/ }).max(LIMITS.pageUrl).optional(),
  /** Honeypot: people leave it empty. */
  hp: shortText.optional(),
});
export type ChatRequest = z.input<typeof chatRequestSchema>;

/** Both successes name the canonical contact the vendor received and the consent receipt's id. */
const successFields = {
  contact: z.string(),
  receipt: z.string().nullable(),
};
export const startedResponseSchema = z.object({
  status: z.literal('started'),
  id: z.string().nullable(),
  ...successFields,
});
export const scheduledResponseSchema = z.object({
  status: z.literal('scheduled'),
  // null when the vendor's 202 body could not be read: the session is scheduled all the same.
  id: z.string().nullable(),
  schedule_at: z.string(),
  ...successFields,
});
/** 201 or 202 from the proxy. */
export const chatSuccessSchema = z.discriminatedUnion('status', [startedResponseSchema, scheduledResponseSchema]);
export type ChatSuccess = z.infer<typeof chatSuccessSchema>;

const errorCodes = Object.keys(ERROR_STATUS) as [ProxyErrorCode, ...ProxyErrorCode[]];
/** Every non-2xx answer of the proxy. */
export const chatErrorSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    field: z.enum(ERROR_FIELDS).optional(),
    retry_after: z.number().int().nonnegative().optional(),
  }),
});
export type ChatError = z.infer<typeof chatErrorSchema>;
