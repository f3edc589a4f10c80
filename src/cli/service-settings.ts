// The CLI's own settings, for running the proxy as a service: the metrics port and the shutdown grace.
import { SettingsError } from '../proxy/index.js';

export interface ServiceSettings {
  /** METRICS_PORT: serve Prometheus metrics there (0 picks a free port); undefined = off. */
  metricsPort: number | undefined;
  /** SHUTDOWN_GRACE_MS: how long requests in flight may finish after SIGTERM/SIGINT. */
  shutdownGraceMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads METRICS_PORT and SHUTDOWN_GRACE_MS; a bad value throws a SettingsError naming it. */
export function serviceSettingsFromEnv(env: Env, chatPort: number): ServiceSettings {
  const metricsPort = readInteger(env, 'METRICS_PORT', 0, 65_535);
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === chatPort) {
    throw new SettingsError('METRICS_PORT', 'METRICS_PORT must differ from PORT: metrics are never served on the chat port');
  }
  return { metricsPort, shutdownGraceMs: readInteger(env, 'SHUTDOWN_GRACE_MS', 0, 24 * 60 * 60 * 1000) ?? 10_000 };
}

function readInteger(env: Env, name: string, min: number, max: number): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new SettingsError(name, `${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}
