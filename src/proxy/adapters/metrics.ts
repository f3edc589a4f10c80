// Prometheus metrics for operators, built from the proxy's per-request log entries, and a small
// server for them on a port of their own (never the chat port: visitors must not read them).
import { createServer } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { jsonLineLogger, type ProxyLogEntry, type ProxyLogger } from '../log.js';
import type { LimitName } from '../stage.js';
import { listen } from './listen.js';

export interface ProxyMetrics {
  /** Where the series live; `registry.metrics()` is the Prometheus text. */
  registry: Registry;
  /** A logger that counts each entry, then hands it to `next` (default: one JSON line on stdout). */
  logger(next?: ProxyLogger): ProxyLogger;
  /** Counts one log entry. */
  observe(entry: ProxyLogEntry): void;
}

export interface ProxyMetricsOptions {
  /** DAILY_LIMIT, exported as `agent_chat_daily_limit` so an alert can compare against it. */
  dailyLimit?: number;
  /** The clock, in epoch milliseconds (the daily count restarts at each UTC midnight). */
  now?: () => number;
  /** Node's default process metrics (`process_*`, `nodejs_*`); default true. */
  defaultMetrics?: boolean;
}

// Seconds: from a fast vendor answer to UPSTREAM_TIMEOUT_MS's default (8 s) and beyond.
const VENDOR_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16];

/**
 * The series of the proxy, in a registry of their own:
 * `agent_chat_requests_total{status,code}`, `agent_chat_vendor_request_duration_seconds{outcome}`,
 * `agent_chat_rate_limited_total{limit}`, `agent_chat_daily_sessions` (sessions the vendor started or
 * scheduled through this process since UTC midnight), `agent_chat_daily_limit`,
 * `agent_chat_store_errors_total`, and Node's default process metrics.
 */
export function createProxyMetrics(options: ProxyMetricsOptions = {}): ProxyMetrics {
  const { now = Date.now, dailyLimit, defaultMetrics = true } = options;
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'agent_chat_requests_total',
    help: 'Requests answered, by HTTP status and error code ("" for a plain success).',
    labelNames: ['status', 'code'] as const,
    registers: [registry],
  });
  const vendorDuration = new Histogram({
    name: 'agent_chat_vendor_request_duration_seconds',
    help: 'Time of each call to the vendor API, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: VENDOR_BUCKETS,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'agent_chat_rate_limited_total',
    help: 'Requests refused by a rate limit: ip, contact or daily.',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  // Zero from the start, so rate() and increase() see the first refusal.
  for (const limit of ['ip', 'contact', 'daily'] satisfies LimitName[]) rateLimited.inc({ limit }, 0);
  const storeErrors = new Counter({
    name: 'agent_chat_store_errors_total',
    help: 'Requests answered 503 because the store (memory bound or Redis) could not answer.',
    registers: [registry],
  });

  let day = utcDate(now());
  let sessionsToday = 0;
  const rollOver = () => {
    const today = utcDate(now());
    if (today !== day) [day, sessionsToday] = [today, 0];
  };
  new Gauge({
    name: 'agent_chat_daily_sessions',
    help: 'Vendor sessions started or scheduled through this process since UTC midnight (sum over instances for the deployment).',
    registers: [registry],
    collect() {
      rollOver();
      this.set(sessionsToday);
    },
  });
  if (dailyLimit !== undefined) {
    new Gauge({ name: 'agent_chat_daily_limit', help: 'DAILY_LIMIT: vendor sessions allowed per UTC day, all instances together.', registers: [registry] }).set(dailyLimit);
  }

  // Label values are only what the proxy itself writes: HTTP statuses, its own codes and limit names.
  const observe = (entry: ProxyLogEntry) => {
    requests.inc({ status: String(entry.status), code: entry.code ?? '' });
    if (entry.limit) rateLimited.inc({ limit: entry.limit });
    if (entry.store) storeErrors.inc();
    if (entry.vendor) {
      // `started`, `scheduled`, or the error code the call became.
      vendorDuration.observe({ outcome: entry.vendor.outcome }, entry.vendor.ms / 1000);
      if (entry.vendor.outcome === 'started' || entry.vendor.outcome === 'scheduled') {
        rollOver();
        sessionsToday += 1;
      }
    }
  };

  return {
    registry,
    observe,
    logger: (next = jsonLineLogger) => (entry) => {
      observe(entry);
      next(entry);
    },
  };
}

function utcDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export interface MetricsServer {
  /** `http://host:port/metrics`. */
  url: string;
  close(): Promise<void>;
}

/** Serves `GET /metrics` (Prometheus text) on its own port; everything else is 404. Resolves once listening. */
export async function startMetricsServer(options: { metrics: ProxyMetrics; host?: string; port: number }): Promise<MetricsServer> {
  const { metrics, host = '127.0.0.1', port } = options;
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' }).end(text),
      () => response.writeHead(500, { 'Content-Type': 'text/plain' }).end('Metrics unavailable\n'),
    );
  });
  const origin = await listen(server, port, host);
  return {
    url: `${origin}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
