// The proxy's settings from environment variables, for the CLI and `npm start`: ONE table says each
// variable's name, where its value goes, how it is read and its --help line; a bad one throws naming it.
import { CHANNELS, CHANNEL_TYPES } from '../contract/index.js';
import { chatProxyConfigSchema, firstIssue, type ChatProxyConfig } from './config.js';
import { DEFAULT_RECEIPTS_DAYS, DEFAULT_RECEIPTS_DIRECTORY, receiptsLocation, type ReceiptsLocation } from './receipts/location.js';

/** A setting that cannot be used; `setting` is the environment variable's name. */
export class SettingsError extends Error {
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(message);
    this.name = 'SettingsError';
    this.setting = setting;
  }
}

/** Everything the environment configures. */
export interface ProxySettings {
  /** For createChatProxy (add `fetch`/`log` as needed). */
  proxy: ChatProxyConfig;
  /** For startProxyServer. */
  server: { host: string; port: number; chatPath: string };
  /** Shared store for limits and idempotency (`redis://` or `rediss://`); undefined = in-memory. */
  redisUrl?: string;
  /** Where consent receipts are kept (RECEIPTS) and for how many days (RECEIPTS_DAYS). */
  receipts: { location: ReceiptsLocation; days: number };
  /** For the CLI as a service: the Prometheus metrics port (undefined = off) and the shutdown grace. */
  service: { metricsPort?: number; shutdownGraceMs: number };
}

/** One environment variable: where its value goes, how its text is read, its --help line. */
export interface EnvSetting {
  name: string;
  /** Where the value goes in ProxySettings, e.g. `['proxy', 'limits', 'perIp']`. */
  path: readonly string[];
  /** Reads the (trimmed, non-empty) text, undefined for unset; throws an Error whose message completes "NAME …". */
  read: (text: string) => unknown;
  /** The value's text when the variable is unset (proxy settings take theirs from the config schema). */
  default?: string;
  help: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const text = (value: string) => value;
function list(value: string): string[] | undefined {
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}
function boolean(value: string): boolean {
  const lower = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lower)) return true;
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  throw new Error('must be true or false');
}
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => (value: string) => {
  if (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max) return Number(value);
  throw new Error(`must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`}`);
};
function redisUrl(value: string): string {
  if (URL.canParse(value) && /^rediss?:$/.test(new URL(value).protocol)) return value;
  throw new Error('must be a redis:// or rediss:// URL');
}
function urlPath(value: string): string {
  if (value.startsWith('/')) return value;
  throw new Error('must start with /');
}

/** Every environment variable the proxy reads. A new setting is one row here. */
export const ENV_SETTINGS: readonly EnvSetting[] = [
  { name: 'WHIPPY_API_KEY', path: ['proxy', 'apiKey'], read: text, help: 'vendor API key (required unless --simulate); never logged' },
  { name: 'WHIPPY_AGENT_ID', path: ['proxy', 'agentId'], read: text, help: 'UUID of the vendor agent (required)' },
  { name: 'WHIPPY_BASE_URL', path: ['proxy', 'baseUrl'], read: text, help: 'vendor API base (default https://api.whippy.co/v1)' },
  ...CHANNEL_TYPES.map((type) => ({
    name: CHANNELS[type].env,
    path: ['proxy', 'channels', type],
    read: text,
    help: `the organization's ${type} sender (${CHANNELS[type].contact === 'phone' ? 'E.164 number' : 'address'}); unset: ${type} unavailable`,
  })),
  { name: 'SEND_INITIAL_MESSAGE', path: ['proxy', 'sendInitialMessage'], read: boolean, help: 'the agent writes first (default true)' },
  { name: 'REQUIRE_CONSENT', path: ['proxy', 'requireConsent'], read: boolean, help: 'phone/WhatsApp requests need consent: true (default true)' },
  { name: 'ALLOWED_ORIGINS', path: ['proxy', 'allowedOrigins'], read: list, help: 'comma list of origins allowed to call besides the own one' },
  { name: 'PHONE_COUNTRIES', path: ['proxy', 'phoneCountries'], read: list, help: 'comma list of ISO countries accepted for phone numbers; 001 admits numbers of no country (default every country, not 001)' },
  { name: 'RATE_LIMIT_IP', path: ['proxy', 'limits', 'perIp'], read: integer(1), help: 'requests per client IP per 10 min (default 5)' },
  { name: 'RATE_LIMIT_CONTACT', path: ['proxy', 'limits', 'perContact'], read: integer(1), help: 'requests per contact per 24 h (default 3)' },
  { name: 'DAILY_LIMIT', path: ['proxy', 'limits', 'daily'], read: integer(1), help: 'vendor sessions per UTC day, all instances (default 500)' },
  { name: 'MAX_SCHEDULE_DAYS', path: ['proxy', 'maxScheduleDays'], read: integer(1), help: 'scheduling horizon in days (default 30)' },
  { name: 'UPSTREAM_TIMEOUT_MS', path: ['proxy', 'upstreamTimeoutMs'], read: integer(1), help: 'vendor timeout (default 8000)' },
  { name: 'TRUST_PROXY', path: ['proxy', 'trustProxy'], read: boolean, help: 'client IP from X-Forwarded-For, own origin from X-Forwarded-Host/-Proto (default false)' },
  { name: 'PUBLIC_ORIGIN', path: ['proxy', 'publicOrigin'], read: text, help: 'the own origin as visitors reach it, e.g. https://www.example.com; other hosts are refused' },
  { name: 'REDIS_URL', path: ['redisUrl'], read: redisUrl, help: 'shared store for limits and idempotency (default in this process, bounded)' },
  { name: 'RECEIPTS', path: ['receipts', 'location'], read: receiptsLocation, default: DEFAULT_RECEIPTS_DIRECTORY, help: 'where consent receipts are kept: off, a postgres:// URL (shared by instances) or a directory (one process)' },
  { name: 'RECEIPTS_DAYS', path: ['receipts', 'days'], read: integer(1), default: String(DEFAULT_RECEIPTS_DAYS), help: 'days receipts are kept' },
  { name: 'HOST', path: ['server', 'host'], read: text, default: '127.0.0.1', help: 'address to listen on' },
  { name: 'PORT', path: ['server', 'port'], read: integer(0, 65535), default: '8787', help: 'port to listen on' },
  { name: 'CHAT_PATH', path: ['server', 'chatPath'], read: urlPath, default: '/api/agent-chat', help: 'path of the chat endpoint' },
  { name: 'METRICS_PORT', path: ['service', 'metricsPort'], read: integer(0, 65535), help: 'serve Prometheus metrics at /metrics on this port, same HOST (default off)' },
  { name: 'SHUTDOWN_GRACE_MS', path: ['service', 'shutdownGraceMs'], read: integer(0), default: '10000', help: 'on SIGTERM/SIGINT, how long requests in flight may finish' },
];

/** `NAME  help (default …)` lines for --help. */
export function envHelp(): string {
  const width = Math.max(...ENV_SETTINGS.map((setting) => setting.name.length)) + 2;
  return ENV_SETTINGS.map(({ name, help, default: fallback }) => `  ${name.padEnd(width)}${help}${fallback === undefined ? '' : ` (default ${fallback})`}`).join('\n');
}

/**
 * Reads and validates every variable of ENV_SETTINGS. An empty variable counts as unset.
 * @throws SettingsError whose message starts with the variable's name.
 */
export function settingsFromEnv(env: Env): ProxySettings {
  const settings: Record<string, unknown> = { proxy: {}, server: {}, service: {} };
  for (const setting of ENV_SETTINGS) {
    const value = env[setting.name]?.trim() || setting.default;
    if (value === undefined) continue;
    try {
      const read = setting.read(value);
      if (read !== undefined) place(settings, setting.path, read);
    } catch (error) {
      throw new SettingsError(setting.name, `${setting.name} ${(error as Error).message}`);
    }
  }
  const { server, service } = settings as unknown as Pick<ProxySettings, 'server' | 'service'>;
  if (service.metricsPort && service.metricsPort === server.port) {
    throw new SettingsError('METRICS_PORT', 'METRICS_PORT must differ from PORT: metrics are never served on the chat port');
  }
  const proxy = settings.proxy as ChatProxyConfig;
  if (proxy.apiKey === undefined) {
    throw new SettingsError('WHIPPY_API_KEY', 'WHIPPY_API_KEY is not set: give the vendor API key, or run with --simulate to use the built-in simulator');
  }
  const result = chatProxyConfigSchema.safeParse(proxy, { reportInput: true });
  if (!result.success) {
    const { path, message } = firstIssue(result.error);
    const key = ['proxy', ...path.filter((part) => typeof part === 'string')].join('.');
    const name = ENV_SETTINGS.find((setting) => setting.path.join('.') === key)?.name ?? key;
    throw new SettingsError(name, `${name} ${message}`);
  }
  return { ...settings, proxy: result.data } as unknown as ProxySettings;
}

function place(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[path.at(-1)!] = value;
}
