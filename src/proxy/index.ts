// The proxy's public entry: createChatProxy, its configuration, the environment reader for servers,
// and what a site needs to add a stage of its own.
import type { ChatContext, Stage } from './stage.js';

export { createChatProxy, type ChatProxyHandler } from './handler.js';
export { chatProxyConfigSchema, type ChatProxyConfig } from './config.js';
export { DEFAULT_BASE_URL, type FetchLike } from './vendor.js';
export { ENV_SETTINGS, SettingsError, settingsFromEnv, type EnvSetting, type ProxySettings } from './env.js';
export type { ClientInfo } from './client-ip.js';
export { ProxyError, type ProxyErrorOptions } from './errors.js';
export { jsonLineLogger, type ProxyLogEntry, type ProxyLogger } from './log.js';
export { maskContact } from './mask.js';
export { memoryStores, type MemoryStoreOptions, type MemoryStores } from './stores/memory.js';
export { redisStores, type RedisStoreOptions } from './stores/redis.js';
export type * from './stores/types.js';
export type { Receipt, ReceiptStore } from './receipts/types.js';
export type { LimitSettings } from './limits.js';
export type { ChatContext, LimitName, Reply, RequestContext, Stage } from './stage.js';

/** A check of the site's own (`config.stages`), run after validation: see `ChatContext`. */
export type ChatStage = Stage<ChatContext>;
