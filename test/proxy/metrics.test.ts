// The Prometheus series, as a scraper reads them from the metrics server, moving with the requests the
// proxy answers: successes, refusals by each limit, vendor failures, store failures, the daily count.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createProxyMetrics, startMetricsServer, type MetricsServer } from '../../src/proxy/adapters/metrics.js';
import { memoryStores, type ProxyStores } from '../../src/proxy/index.js';
import { EMAIL, NOW, inMinutes, phoneBody, post, setup } from './support.js';

/** The value of one sample in Prometheus text (0 when absent), labels matched in any order. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

const servers: MetricsServer[] = [];
after(async () => {
  for (const server of servers) await server.close();
});

async function scrape(metrics: ReturnType<typeof createProxyMetrics>): Promise<string> {
  const server = await startMetricsServer({ metrics, port: 0 });
  servers.push(server);
  const response = await fetch(server.url);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return response.text();
}

describe('proxy metrics', () => {
  test('requests by status and code, the vendor histogram by outcome, and the daily sessions, move as requests arrive', async () => {
    const metrics = createProxyMetrics({ now: () => NOW, dailyLimit: 500 });
    const { handler, simulator } = setup({ log: metrics.logger(() => {}) });

    const before = await scrape(metrics);
    assert.equal(sample(before, 'agent_chat_daily_sessions'), 0);
    assert.equal(sample(before, 'agent_chat_daily_limit'), 500);

    const key = crypto.randomUUID();
    const started = post({ type: 'email', contact: EMAIL, hp: '' }, { 'Idempotency-Key': key });
    assert.equal((await handler(started.clone())).status, 201);
    assert.equal((await handler(started)).status, 201, 'the replay');
    assert.equal((await handler(post(phoneBody({ schedule_at: inMinutes(60) })))).status, 202);
    assert.equal((await handler(post(phoneBody({ contact: '+14155551000', hp: 'bot' })))).status, 201, 'the honeypot');
    simulator.failNext(500);
    assert.equal((await handler(post(phoneBody({ contact: '+14155559876' })))).status, 502);
    assert.equal((await handler(post('{'))).status, 400);

    const text = await scrape(metrics);
    assert.equal(sample(text, 'agent_chat_requests_total', { status: '201', code: '' }), 1);
    assert.equal(sample(text, 'agent_chat_requests_total', { status: '201', code: 'replayed' }), 1);
    assert.equal(sample(text, 'agent_chat_requests_total', { status: '201', code: 'honeypot' }), 1);
    assert.equal(sample(text, 'agent_chat_requests_total', { status: '202', code: '' }), 1);
    assert.equal(sample(text, 'agent_chat_requests_total', { status: '502', code: 'upstream_error' }), 1);
    assert.equal(sample(text, 'agent_chat_requests_total', { status: '400', code: 'invalid_json' }), 1);
    // Only the three calls the vendor received: no replay, no honeypot.
    assert.equal(simulator.received.length, 3);
    assert.equal(sample(text, 'agent_chat_vendor_request_duration_seconds_count', { outcome: 'started' }), 1);
    assert.equal(sample(text, 'agent_chat_vendor_request_duration_seconds_count', { outcome: 'scheduled' }), 1);
    assert.equal(sample(text, 'agent_chat_vendor_request_duration_seconds_count', { outcome: 'upstream_error' }), 1);
    assert.equal(sample(text, 'agent_chat_vendor_request_duration_seconds_bucket', { outcome: 'upstream_error', le: '+Inf' }), 1);
    assert.equal(sample(text, 'agent_chat_daily_sessions'), 2);
    // Node's default process metrics are there too.
    assert.ok(sample(text, 'process_resident_memory_bytes') > 0);
    assert.match(text, /^nodejs_eventloop_lag_seconds /m);
  });

  test('each limit counts its refusals under its own label', async () => {
    const metrics = createProxyMetrics({ now: () => NOW, defaultMetrics: false });
    const log = metrics.logger(() => {});
    const perIp = setup({ log, limits: { perIp: 1, perContact: 100, daily: 100 } });
    const ip = { clientIp: '198.51.100.7' };
    await perIp.handler(post(phoneBody()), ip);
    assert.equal((await perIp.handler(post(phoneBody({ contact: '+14155551000' })), ip)).status, 429);
    const perContact = setup({ log, limits: { perIp: 100, perContact: 1, daily: 100 } });
    await perContact.handler(post(phoneBody()));
    assert.equal((await perContact.handler(post(phoneBody()))).status, 429);
    const daily = setup({ log, limits: { perIp: 100, perContact: 100, daily: 1 } });
    await daily.handler(post(phoneBody()));
    assert.equal((await daily.handler(post(phoneBody({ contact: '+14155551000' })))).status, 429);
    assert.equal((await daily.handler(post(phoneBody({ contact: '+14155559876' })))).status, 429);

    const text = await scrape(metrics);
    assert.equal(sample(text, 'agent_chat_rate_limited_total', { limit: 'ip' }), 1);
    assert.equal(sample(text, 'agent_chat_rate_limited_total', { limit: 'contact' }), 1);
    assert.equal(sample(text, 'agent_chat_rate_limited_total', { limit: 'daily' }), 2);
    assert.equal(sample(text, 'agent_chat_requests_total', { status: '429', code: 'rate_limited' }), 4);
  });

  test('a store that cannot answer counts as a store error', async () => {
    const metrics = createProxyMetrics({ now: () => NOW, defaultMetrics: false });
    const working = memoryStores();
    const broken: ProxyStores = {
      idempotency: working.idempotency,
      rateLimit: () => ({ consume: () => Promise.reject(new Error('connection lost')), peek: () => Promise.reject(new Error('connection lost')), refund: async () => {} }),
    };
    const { handler } = setup({ log: metrics.logger(() => {}), stores: broken });
    assert.equal((await handler(post(phoneBody()))).status, 503);
    const text = await scrape(metrics);
    assert.equal(sample(text, 'agent_chat_store_errors_total'), 1);
    assert.equal(sample(text, 'agent_chat_requests_total', { status: '503', code: 'service_unavailable' }), 1);
    assert.equal(sample(text, 'agent_chat_vendor_request_duration_seconds_count', { outcome: 'service_unavailable' }), 0);
  });

  test('the daily count starts again at UTC midnight', async () => {
    let now = Date.parse('2026-11-24T23:59:00.000Z');
    const metrics = createProxyMetrics({ now: () => now, defaultMetrics: false });
    const { handler } = setup({ log: metrics.logger(() => {}), now: () => now });
    await handler(post(phoneBody()));
    assert.equal(sample(await scrape(metrics), 'agent_chat_daily_sessions'), 1);
    now += 2 * 60_000;
    assert.equal(sample(await scrape(metrics), 'agent_chat_daily_sessions'), 0);
  });

  test('the metrics server answers only GET /metrics', async () => {
    const metrics = createProxyMetrics({ defaultMetrics: false });
    const server = await startMetricsServer({ metrics, port: 0 });
    servers.push(server);
    const origin = new URL(server.url).origin;
    assert.equal((await fetch(`${origin}/`)).status, 404);
    assert.equal((await fetch(`${origin}/api/agent-chat`, { method: 'POST' })).status, 404);
    assert.equal((await fetch(server.url, { method: 'POST' })).status, 404);
  });
});
