// The proxy's public entry: createChatProxy, its configuration, and the environment reader for servers.
export { createChatProxy, type ChatContext, type ChatProxyHandler, type ChatStage } from './handler.js';
export { DEFAULT_BASE_URL, chatProxyConfigSchema, type ChatProxyConfig, type FetchLike } from './config.js';
export { SettingsError, settingsFromEnv, type ProxySettings } from './env.js';
export type { ClientInfo } from './client-ip.js';
export { jsonLineLogger, type ProxyLogEntry, type ProxyLogger } from './log.js';
export { maskContact } from './mask.js';
export { memoryStores, type MemoryStoreOptions, type MemoryStores } from './stores/memory.js';
export { redisStores, type RedisStoreOptions } from './stores/redis.js';
export type * from './stores/types.js';
export type { LimitSettings } from './limits.js';
