// The configuration object of createChatProxy: its zod schema, defaults, and the resolved form the handler runs on.
import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import { E164_PATTERN, LIMITS, UUID_PATTERN, isEmailAddress } from '../contract/index.js';
import { jsonLineLogger, type ProxyLogger } from './log.js';
import type { ReceiptStore } from './receipts/types.js';
import type { ChatContext, Stage } from './stage.js';
import { memoryStores } from './stores/memory.js';
import type { ProxyStores } from './stores/types.js';
import { NO_COUNTRY } from './validate.js';
import { DEFAULT_BASE_URL, type FetchLike } from './vendor.js';

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

// An origin is scheme://host[:port], optionally with a trailing slash, nothing else.
function isOrigin(value: string): boolean {
  if (!isHttpUrl(value)) return false;
  const url = new URL(value);
  return url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !value.endsWith('?');
}

const quote = (value: unknown) => JSON.stringify(value);

const functionOf = <T>() => z.custom<T>((value) => typeof value === 'function', 'must be a function');

const isStores = (value: unknown): boolean => {
  const stores = value as Partial<ProxyStores> | null;
  return typeof stores?.rateLimit === 'function' && typeof stores.idempotency?.claim === 'function';
};

const perWindow = z.int().positive('must be a positive whole number');

const phoneChannel = z.string().regex(E164_PATTERN, 'must be an E.164 phone number like +14155550100');

/** Validates a ChatProxyConfig and fills in its defaults. */
export const chatProxyConfigSchema = z.strictObject({
  /** The vendor API key, sent as `X-WHIPPY-KEY`. Never logged. */
  apiKey: z.string().min(1, 'must not be empty'),
  /** UUID of the vendor agent that starts the chats. */
  agentId: z.string().regex(UUID_PATTERN, 'must be a UUID'),
  /** Vendor API base URL. */
  baseUrl: z
    .string()
    .refine(isHttpUrl, 'must be an http(s) URL')
    .transform((value) => value.replace(/\/+$/, ''))
    .default(DEFAULT_BASE_URL),
  /** The organization's channel used as sender for each type; a type without one is unavailable. */
  channels: z
    .strictObject({
      phone: phoneChannel.optional(),
      whatsapp: phoneChannel.optional(),
      email: z.string().refine(isEmailAddress, 'must be an email address').optional(),
    })
    .default({}),
  /** The agent writes first. */
  sendInitialMessage: z.boolean().default(true),
  /** Phone and WhatsApp requests need `consent: true`. */
  requireConsent: z.boolean().default(true),
  /** Origins allowed to call besides the proxy's own. */
  allowedOrigins: z
    .array(
      z
        .string()
        .refine(isOrigin, { error: (issue) => `must list origins like https://shop.example (not ${quote(issue.input)})` })
        .transform((value) => new URL(value).origin),
    )
    .default([]),
  /**
   * ISO 3166 alpha-2 regions accepted for phone and WhatsApp numbers, and `001` for numbers of no
   * country (+800, +881…, toll-fraud targets); when absent, every country but not `001`.
   */
  phoneCountries: z
    .array(
      z
        .string()
        .transform((value) => value.toUpperCase())
        .refine((value) => value === NO_COUNTRY || isSupportedCountry(value), {
          error: (issue) => `must list ISO country codes like US,CA (not ${quote(issue.input)})`,
        }),
    )
    .min(1, 'must list at least one country')
    .optional(),
  /** How far ahead a chat may be scheduled, in days. */
  maxScheduleDays: z.int().positive('must be positive').default(LIMITS.defaultScheduleDays),
  /** How long the vendor may take to answer, in milliseconds. */
  upstreamTimeoutMs: z.int().positive('must be positive').default(8000),
  /** Behind a reverse proxy: client IP from X-Forwarded-For, own origin from X-Forwarded-Host/-Proto. */
  trustProxy: z.boolean().default(false),
  /**
   * The proxy's own origin as visitors reach it, e.g. `https://www.example.com`: then the only own
   * origin, and a request addressed to another host is refused (DNS rebinding).
   */
  publicOrigin: z
    .string()
    .refine(isOrigin, 'must be an origin like https://www.example.com')
    .transform((value) => new URL(value).origin)
    .optional(),
  /** Requests allowed: per client IP per 10 min, per contact per 24 h, vendor sessions per UTC day. */
  limits: z
    .strictObject({
      perIp: perWindow.default(5),
      perContact: perWindow.default(3),
      daily: perWindow.default(500),
    })
    .prefault({}),
  /**
   * Where rate counters and idempotency records live: default `memoryStores()` (this process
   * only, bounded); `redisStores(client)` to share them between instances.
   */
  stores: z.custom<ProxyStores>(isStores, 'must be stores like memoryStores() or redisStores(client)').optional(),
  /**
   * The site's own checks (a CAPTCHA, an allowlist), run in order after validation and before
   * idempotency and limits; each answers by itself (throw a ProxyError) or calls `next()`.
   */
  stages: z.array(functionOf<Stage<ChatContext>>()).default([]),
  /**
   * Where consent receipts are kept (one per accepted request): any object with `add(receipt)`,
   * e.g. `await openReceipts(receiptsLocation(url))` from `agent-chat-launcher/receipts`. None when absent.
   */
  receipts: z.custom<ReceiptStore>((value) => typeof (value as Partial<ReceiptStore> | null)?.add === 'function', 'must be a receipt store with add(receipt)').optional(),
  /** Sends the vendor request; default the global fetch. Inject the simulator's here. */
  fetch: functionOf<FetchLike>().optional(),
  /** Receives one entry per request; default one JSON line on stdout. */
  log: functionOf<ProxyLogger>().optional(),
  /** The clock, in epoch milliseconds (tests). */
  now: functionOf<() => number>().optional(),
});

/** The object `createChatProxy` takes. Only `apiKey` and `agentId` are required. */
export type ChatProxyConfig = z.input<typeof chatProxyConfigSchema>;

/** A config with every default filled in. */
export type ResolvedConfig = Omit<z.output<typeof chatProxyConfigSchema>, 'fetch' | 'log' | 'now' | 'stores' | 'stages' | 'receipts'> & {
  stages: Stage<ChatContext>[];
  stores: ProxyStores;
  receipts: ReceiptStore | undefined;
  /** undefined: the global fetch. */
  fetch: FetchLike | undefined;
  log: ProxyLogger;
  now: () => number;
};

/** The first problem of a failed parse, as `{ path, message }` (path like `channels.phone`). */
export function firstIssue(error: z.ZodError): { path: PropertyKey[]; message: string } {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    return { path: issue.path, message: `has unknown key(s): ${issue.keys.join(', ')}` };
  }
  if (issue.code === 'invalid_type') {
    const missing = 'input' in issue && issue.input === undefined;
    const expected = issue.expected === 'int' ? 'whole number' : issue.expected;
    return { path: issue.path, message: missing ? 'is required' : `must be a ${expected}` };
  }
  return { path: issue.path, message: issue.message };
}

/** Validates the config and fills in defaults; throws an Error naming the bad field. */
export function resolveConfig(config: ChatProxyConfig): ResolvedConfig {
  const result = chatProxyConfigSchema.safeParse(config, { reportInput: true });
  if (!result.success) {
    const { path, message } = firstIssue(result.error);
    throw new Error(`createChatProxy: ${path.map(String).join('.') || 'config'} ${message}`);
  }
  return {
    ...result.data,
    stages: result.data.stages as Stage<ChatContext>[],
    receipts: result.data.receipts as ReceiptStore | undefined,
    fetch: result.data.fetch,
    log: result.data.log ?? jsonLineLogger,
    now: result.data.now ?? Date.now,
    stores: result.data.stores ?? memoryStores(),
  };
}
