// Builds the proxy handler (and the simulator, when simulating) from the environment's settings:
// shared by the `agent-chat-proxy` CLI and the `npm start` demo server.
import { CHANNELS, CHANNEL_TYPES } from '../contract/index.js';
import {
  SettingsError,
  createChatProxy,
  redisStores,
  type ChatProxyConfig,
  type ChatProxyHandler,
  type ProxySettings,
} from '../proxy/index.js';
import { startReceipts } from '../proxy/receipts/open.js';
import type { ReceiptDatabase } from '../proxy/receipts/types.js';
import { connectRedis, evictionPolicyWarning, redactUrl } from '../proxy/stores/redis-connection.js';
import { SIMULATOR_DEFAULTS, createSimulator, type Simulator } from '../simulator/index.js';

type Env = Readonly<Record<string, string | undefined>>;

/** `env` with the simulator's demo key, agent and channels wherever `env` leaves them unset (`--simulate`). */
export function withSimulatorDefaults(env: Env): Env {
  const defaults: Record<string, string> = { WHIPPY_API_KEY: SIMULATOR_DEFAULTS.apiKey, WHIPPY_AGENT_ID: SIMULATOR_DEFAULTS.agentId };
  for (const type of CHANNEL_TYPES) defaults[CHANNELS[type].env] = SIMULATOR_DEFAULTS.channels[type];
  const merged: Record<string, string | undefined> = { ...env };
  for (const [name, value] of Object.entries(defaults)) if (!env[name]?.trim()) merged[name] = value;
  return merged;
}

export interface ProxySetup {
  handler: ChatProxyHandler;
  /** The in-process vendor, when simulating. */
  simulator?: Simulator;
  /** The consent receipt database once open; undefined when RECEIPTS is off. */
  receipts?: Promise<ReceiptDatabase>;
  /**
   * Resolves once the stores can be used; with REDIS_URL, once Redis is connected. Rejects with a
   * SettingsError naming REDIS_URL when the first connection fails. Until then, and whenever Redis
   * is down later, the handler answers 503 `service_unavailable` (it never waits on Redis).
   * Also rejects, naming RECEIPTS, when the receipt database cannot be opened.
   */
  ready: Promise<void>;
  /** Closes what the setup opened (the Redis connection, the receipt database). */
  close(): Promise<void>;
}

/**
 * The handler for these settings: memory stores, or Redis stores when `redisUrl` is set (with a
 * warning on stderr when Redis may evict their keys). `overrides` go into createChatProxy's
 * config last (e.g. a `log`).
 */
export function setUpProxy(settings: ProxySettings, simulate: boolean, overrides: Partial<ChatProxyConfig> = {}): ProxySetup {
  const { proxy, redisUrl } = settings;
  const simulator = simulate ? createSimulator({ apiKey: proxy.apiKey, agentId: proxy.agentId, channels: proxy.channels ?? {} }) : undefined;

  const redis = redisUrl === undefined ? undefined : connectRedis(redisUrl, { onStateChange: logRedisState(redisUrl) });
  const { location, days } = settings.receipts;
  const receipts = location.kind === 'off' ? undefined : startReceipts(location, { days, onEvent: (event) => logEvent({ ...event }) });
  const handler = createChatProxy({
    ...proxy,
    ...(simulator && { fetch: simulator.fetch }),
    ...(redis && { stores: redisStores(redis.client) }),
    ...(receipts && { receipts: receipts.store }),
    ...overrides,
  });

  const redisReady = redis
    ? redis.ready.then(
        async () => {
          const warning = await evictionPolicyWarning(redis.client);
          if (warning) logEvent({ event: 'redis_eviction_policy', redis: redactUrl(redisUrl!), detail: warning });
        },
        (error: Error) => {
          throw new SettingsError('REDIS_URL', `REDIS_URL ${error.message}`);
        },
      )
    : Promise.resolve();
  const receiptsReady = receipts?.database.catch((error: Error) => {
    throw new SettingsError('RECEIPTS', `RECEIPTS: ${error.message}`);
  });
  const ready = Promise.all([redisReady, receiptsReady]).then(() => {});
  ready.catch(() => {});
  return {
    handler,
    simulator,
    receipts: receipts?.database,
    ready,
    close: async () => {
      await Promise.all([redis?.close(), receipts?.close()]);
    },
  };
}

/** One JSON line on stderr (beside the request log on stdout): the service's own events. */
export function logEvent(fields: Record<string, unknown>): void {
  console.error(JSON.stringify({ time: new Date().toISOString(), ...fields }));
}

// Each time the connection goes down or comes back.
function logRedisState(url: string) {
  return (state: 'down' | 'up', detail: string) => logEvent({ event: state === 'down' ? 'redis_down' : 'redis_up', redis: redactUrl(url), detail });
}
