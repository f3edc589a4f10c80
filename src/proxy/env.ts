// Reads the SPEC §5 settings from environment variables, for the CLI and `npm start`; a bad one throws naming it.
import { SIMULATOR_DEFAULTS } from '../simulator/defaults.js';
import { chatProxyConfigSchema, firstIssue, type ChatProxyConfig } from './config.js';

/** A setting that cannot be used; `setting` is the environment variable's name. */
export class SettingsError extends Error {
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(message);
    this.name = 'SettingsError';
    this.setting = setting;
  }
}

/** Everything SPEC §5 configures. */
export interface ProxySettings {
  /** For createChatProxy (add `fetch`/`log` as needed). */
  proxy: ChatProxyConfig;
  /** For startProxyServer. */
  server: { host: string; port: number; chatPath: string };
  /** Shared store for limits and idempotency (`redis://` or `rediss://`); undefined = in-memory. */
  redisUrl: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

// Which variable each config field comes from, to name it in errors.
const ENV_NAMES: Record<string, string> = {
  apiKey: 'WHIPPY_API_KEY',
  agentId: 'WHIPPY_AGENT_ID',
  baseUrl: 'WHIPPY_BASE_URL',
  'channels.phone': 'CHANNEL_PHONE',
  'channels.whatsapp': 'CHANNEL_WHATSAPP',
  'channels.email': 'CHANNEL_EMAIL',
  sendInitialMessage: 'SEND_INITIAL_MESSAGE',
  requireConsent: 'REQUIRE_CONSENT',
  allowedOrigins: 'ALLOWED_ORIGINS',
  phoneCountries: 'PHONE_COUNTRIES',
  maxScheduleDays: 'MAX_SCHEDULE_DAYS',
  upstreamTimeoutMs: 'UPSTREAM_TIMEOUT_MS',
  trustProxy: 'TRUST_PROXY',
  'limits.perIp': 'RATE_LIMIT_IP',
  'limits.perContact': 'RATE_LIMIT_CONTACT',
  'limits.daily': 'DAILY_LIMIT',
};

/**
 * Reads and validates the SPEC §5 variables. An empty variable counts as unset.
 * With `simulate`, the vendor key, agent id and each channel not set fall back to SIMULATOR_DEFAULTS.
 * @throws SettingsError whose message starts with the variable's name.
 */
export function settingsFromEnv(env: Env, options: { simulate?: boolean } = {}): ProxySettings {
  const read = (name: string): string | undefined => env[name]?.trim() || undefined;
  const simulated = options.simulate ? SIMULATOR_DEFAULTS : undefined;

  const apiKey = read('WHIPPY_API_KEY') ?? simulated?.apiKey;
  if (apiKey === undefined) {
    throw new SettingsError(
      'WHIPPY_API_KEY',
      'WHIPPY_API_KEY is not set: give the vendor API key, or run with --simulate to use the built-in simulator',
    );
  }

  const raw = {
    apiKey,
    agentId: read('WHIPPY_AGENT_ID') ?? simulated?.agentId,
    baseUrl: read('WHIPPY_BASE_URL'),
    channels: withoutUndefined({
      phone: read('CHANNEL_PHONE') ?? simulated?.channels.phone,
      whatsapp: read('CHANNEL_WHATSAPP') ?? simulated?.channels.whatsapp,
      email: read('CHANNEL_EMAIL') ?? simulated?.channels.email,
    }),
    sendInitialMessage: readBoolean(env, 'SEND_INITIAL_MESSAGE'),
    requireConsent: readBoolean(env, 'REQUIRE_CONSENT'),
    allowedOrigins: readList(env, 'ALLOWED_ORIGINS'),
    phoneCountries: readList(env, 'PHONE_COUNTRIES'),
    maxScheduleDays: readInteger(env, 'MAX_SCHEDULE_DAYS', 1),
    upstreamTimeoutMs: readInteger(env, 'UPSTREAM_TIMEOUT_MS', 1),
    trustProxy: readBoolean(env, 'TRUST_PROXY'),
    limits: withoutUndefined({
      perIp: readInteger(env, 'RATE_LIMIT_IP', 1),
      perContact: readInteger(env, 'RATE_LIMIT_CONTACT', 1),
      daily: readInteger(env, 'DAILY_LIMIT', 1),
    }),
  };
  const result = chatProxyConfigSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    const { path, message } = firstIssue(result.error);
    const key = path.filter((part) => typeof part === 'string').join('.');
    const name = ENV_NAMES[key] ?? key;
    throw new SettingsError(name, `${name} ${message}`);
  }

  const chatPath = read('CHAT_PATH') ?? '/api/agent-chat';
  if (!chatPath.startsWith('/')) throw new SettingsError('CHAT_PATH', 'CHAT_PATH must start with /');
  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined && !(URL.canParse(redisUrl) && /^rediss?:$/.test(new URL(redisUrl).protocol))) {
    throw new SettingsError('REDIS_URL', 'REDIS_URL must be a redis:// or rediss:// URL');
  }

  return {
    proxy: result.data,
    server: {
      host: read('HOST') ?? '127.0.0.1',
      port: readInteger(env, 'PORT', 0, 65535) ?? 8787,
      chatPath,
    },
    redisUrl,
  };
}

function readBoolean(env: Env, name: string): boolean | undefined {
  const value = env[name]?.trim().toLowerCase();
  if (!value) return undefined;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new SettingsError(name, `${name} must be true or false`);
}

function readInteger(env: Env, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new SettingsError(name, `${name} must be a whole number ${range}`);
  }
  return number;
}

function readList(env: Env, name: string): string[] | undefined {
  const items = (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

// A type is unavailable when its channel key is absent, not merely undefined.
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
