// REDIS_URL: rate limits and idempotency records in a real redis-server, shared by several proxy instances;
// and what happens when Redis is down or frozen (the proxy answers 503 at once and never hangs or crashes).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpProxy, withSimulatorDefaults } from '../../src/cli/setup.js';
import { connectRedis, evictionPolicyWarning, type RedisConnection } from '../../src/proxy/stores/redis-connection.js';
import {
  SettingsError,
  redisStores,
  settingsFromEnv,
  type ChatProxyConfig,
} from '../../src/proxy/index.js';
import { createSimulator, SIMULATOR_DEFAULTS } from '../../src/simulator/index.js';
import { KEY, NOW, PHONE, json, phoneBody, post, setup } from './support.js';
import { SKIP_REDIS, startRedis, type RedisServer } from './redis-server.js';
import { storeContract } from './store-contract.js';

let prefixes = 0;
const freshPrefix = () => `test${process.pid}-${++prefixes}:`;
const withKey = (body: unknown) => post(body, { 'Idempotency-Key': KEY });
const HIGH = { perIp: 10_000, perContact: 10_000, daily: 10_000 };

describe('Redis stores', { skip: SKIP_REDIS }, () => {
  let redis: RedisServer;
  let a: RedisConnection;
  let b: RedisConnection;

  before(async () => {
    redis = await startRedis();
    a = connectRedis(redis.url);
    b = connectRedis(redis.url);
    await Promise.all([a.ready, b.ready]);
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  /** Two proxy instances, each with its own Redis connection, one store prefix and one vendor. */
  function twoInstances(config: Partial<ChatProxyConfig> = {}) {
    const prefix = freshPrefix();
    const simulator = createSimulator({ now: () => NOW });
    const logs: unknown[] = [];
    const make = (connection: RedisConnection) =>
      setup({ stores: redisStores(connection.client, { prefix }), fetch: simulator.fetch, log: (entry) => logs.push(entry), ...config }).handler;
    return { one: make(a), two: make(b), simulator, prefix };
  }

  describe('the store contract', () => storeContract(() => redisStores(a.client, { prefix: freshPrefix() })));

  test('a key finished on one instance is replayed by the other, without a vendor call', async () => {
    const { one, two, simulator } = twoInstances();
    const first = await one(withKey(phoneBody()));
    assert.equal(first.status, 201);
    const replay = await two(withKey(phoneBody()));
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await json(replay), await json(first));
    assert.equal((await json(await two(withKey(phoneBody({ type: 'whatsapp' }))))).error.code, 'idempotency_key_reused');
    assert.equal(simulator.received.length, 1);
  });

  test('60 concurrent identical submits spread over two instances: exactly one vendor call', async () => {
    const { one, two, simulator } = twoInstances({ limits: HIGH });
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two)(withKey(phoneBody()))));
    const statuses = responses.map((response) => response.status);
    assert.equal(simulator.received.length, 1);
    assert.ok(statuses.every((status) => status === 201 || status === 409), statuses.join());
    assert.ok(statuses.includes(201));
  });

  test('the per-IP limit counts requests to both instances together', async () => {
    const { one, two } = twoInstances({ limits: { ...HIGH, perIp: 2 } });
    const ip = { clientIp: '203.0.113.50' };
    assert.equal((await one(post(phoneBody({ contact: '+14155550123' })), ip)).status, 201);
    assert.equal((await two(post(phoneBody({ contact: '+14155551000' })), ip)).status, 201);
    const limited = await one(post(phoneBody({ contact: '+14155559876' })), ip);
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 590 && retryAfter <= 600, String(retryAfter));
  });

  test('the per-contact limit and the daily budget are shared too', async () => {
    const contact = twoInstances({ limits: { ...HIGH, perContact: 1 } });
    assert.equal((await contact.one(post(phoneBody()))).status, 201);
    assert.equal((await contact.two(post(phoneBody()))).status, 429);

    const daily = twoInstances({ limits: { ...HIGH, daily: 3 } });
    const emails = Array.from({ length: 6 }, (_, i) => `visitor${i}@example.com`);
    const statuses = await Promise.all(emails.map((email, i) => (i % 2 ? daily.one : daily.two)(post({ type: 'email', contact: email }))));
    assert.deepEqual([...statuses.map((r) => r.status)].sort(), [201, 201, 201, 429, 429, 429]);
    assert.equal(daily.simulator.received.length, 3);
  });

  test('nothing in Redis holds a contact or an IP address in clear', async () => {
    const { one, prefix } = twoInstances({ limits: HIGH });
    await one(withKey(phoneBody()), { clientIp: '203.0.113.77' });
    await one(post({ type: 'email', contact: 'jane.doe@example.com' }), { clientIp: '203.0.113.77' });
    const keys = await a.client.keys(`${prefix}*`);
    assert.ok(keys.length >= 5, keys.join());
    const values = await Promise.all(keys.map((key) => a.client.get(key)));
    const everything = [...keys, ...values].join('\n');
    for (const secret of [PHONE, PHONE.slice(2), 'jane.doe', '203.0.113.77']) assert.ok(!everything.includes(secret), `${secret} in\n${everything}`);
  });

  test('records and counters expire: idempotency 24 h, per IP 10 min, per contact 24 h, daily after the UTC day', async () => {
    const { one, prefix } = twoInstances({ limits: HIGH });
    await one(withKey(phoneBody()), { clientIp: '203.0.113.78' });
    const ttl = async (pattern: string) => {
      const [key] = await a.client.keys(`${prefix}${pattern}`);
      assert.ok(key, pattern);
      return a.client.pttl(key);
    };
    const day = 86_400_000;
    assert.ok((await ttl('idem:*')) > day - 5000);
    assert.ok((await ttl('rl:*:ip:*')) > 595_000 && (await ttl('rl:*:ip:*')) <= 600_000);
    assert.ok((await ttl('rl:*:contact:*')) > day - 5000);
    const daily = await ttl('rl:*:daily:*');
    assert.ok(daily > 12 * 3_600_000 && daily <= 13 * 3_600_000, `NOW is 12:00 UTC: 12 h + 1 h slack, got ${daily}`);
  });

  test('a flood of distinct contacts and addresses meets the daily budget: Redis holds nothing more', async () => {
    const prefix = freshPrefix();
    const { handler, simulator } = setup({ stores: redisStores(a.client, { prefix }), limits: { perIp: 5, perContact: 3, daily: 10 } });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const contact = `+1415555${String(1000 + i).padStart(4, '0')}`;
      statuses.push((await handler(post(phoneBody({ contact })), { clientIp: `10.1.${i >> 8}.${i & 255}` })).status);
    }
    assert.equal(statuses.filter((status) => status === 201).length, 10);
    assert.equal(statuses.filter((status) => status === 429).length, 190);
    assert.equal(simulator.received.length, 10);
    assert.equal((await a.client.keys(`${prefix}idem:*`)).length, 10);
    assert.ok((await a.client.keys(`${prefix}rl:*:contact:*`)).length <= 11);
    assert.ok((await a.client.keys(`${prefix}rl:*:ip:*`)).length <= 11);
  });

  test('setUpProxy with REDIS_URL keeps its state in Redis, scoped by agent id', async () => {
    const settings = settingsFromEnv(withSimulatorDefaults({ REDIS_URL: redis.url, RECEIPTS: 'off' }));
    const proxy = setUpProxy(settings, true, { log: () => {} });
    await proxy.ready;
    try {
      assert.equal((await proxy.handler(withKey(phoneBody()))).status, 201);
      const keys = await a.client.keys(`agent-chat:idem:${SIMULATOR_DEFAULTS.agentId}:${KEY}`);
      assert.equal(keys.length, 1);
    } finally {
      await proxy.close();
    }
  });
});

describe('Redis down or frozen', { skip: SKIP_REDIS }, () => {
  test('killed: 503 service_unavailable at once, no vendor call, no crash; back to normal when Redis returns', async () => {
    const redis = await startRedis();
    const states: string[] = [];
    const connection = connectRedis(redis.url, { onStateChange: (state) => states.push(state) });
    await connection.ready;
    const { handler, simulator, logs } = setup({ stores: redisStores(connection.client, { prefix: freshPrefix() }) });
    try {
      assert.equal((await handler(post(phoneBody()))).status, 201);
      await redis.stop();
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const response = await handler(post(phoneBody({ contact: '+14155551000' })));
        assert.equal(response.status, 503);
        assert.equal((await json(response)).error.code, 'service_unavailable');
        assert.ok(performance.now() - started < 500, 'no waiting on a dead Redis');
      }
      assert.equal(simulator.received.length, 1);
      assert.match(logs.at(-1)!.detail ?? '', /store unavailable/);

      const again = await startRedis(redis.port);
      try {
        await new Promise<void>((resolve) => connection.client.once('ready', () => resolve()));
        assert.equal((await handler(post(phoneBody({ contact: '+14155551000' })))).status, 201);
        assert.deepEqual(states, ['down', 'up'], 'told once when it went down and once when it came back');
      } finally {
        await again.stop();
      }
    } finally {
      await connection.close();
      await redis.stop();
    }
  });

  test('frozen (connection open, no answers): 503 after the command timeout, not a hang', async () => {
    const redis = await startRedis();
    const connection = connectRedis(redis.url, { commandTimeoutMs: 200 });
    await connection.ready;
    const { handler, simulator } = setup({ stores: redisStores(connection.client, { prefix: freshPrefix() }) });
    try {
      redis.pause();
      const started = performance.now();
      const response = await handler(withKey(phoneBody()));
      const elapsed = performance.now() - started;
      assert.equal(response.status, 503);
      assert.ok(elapsed >= 150 && elapsed < 1500, String(elapsed));
      assert.equal(simulator.received.length, 0);
    } finally {
      redis.resume();
      await connection.close();
      await redis.stop();
    }
  });

  test('Redis lost during the vendor call: the visitor still gets 201 (a retry would double), the log says why', async () => {
    const redis = await startRedis();
    const connection = connectRedis(redis.url, { commandTimeoutMs: 200 });
    await connection.ready;
    const simulator = createSimulator({ now: () => NOW });
    const { handler, logs } = setup({
      stores: redisStores(connection.client, { prefix: freshPrefix() }),
      fetch: async (request) => {
        await redis.stop();
        return simulator.fetch(request);
      },
    });
    try {
      const response = await handler(withKey(phoneBody()));
      assert.equal(response.status, 201);
      assert.equal((await json(response)).status, 'started');
      assert.match(logs[0]!.detail ?? '', /idempotency record not stored/);
    } finally {
      await connection.close();
      await redis.stop();
    }
  });

  test('setUpProxy: an unreachable REDIS_URL rejects `ready` with an error naming REDIS_URL', async () => {
    const redis = await startRedis();
    await redis.stop();
    const settings = settingsFromEnv(withSimulatorDefaults({ REDIS_URL: `redis://:secret@127.0.0.1:${redis.port}`, RECEIPTS: 'off' }));
    const proxy = setUpProxy(settings, true, { log: () => {} });
    try {
      await assert.rejects(proxy.ready, (error: unknown) => {
        assert.ok(error instanceof SettingsError);
        assert.equal(error.setting, 'REDIS_URL');
        assert.match(error.message, /^REDIS_URL cannot connect to redis:\/\/:\*\*\*@127\.0\.0\.1:\d+/);
        assert.doesNotMatch(error.message, /secret/);
        return true;
      });
      assert.equal((await proxy.handler(post(phoneBody()))).status, 503);
    } finally {
      await proxy.close();
    }
  });
});

describe('Redis eviction policy', { skip: SKIP_REDIS }, () => {
  test('a warning at start when maxmemory-policy could evict the proxy\'s keys, none with noeviction or no memory limit', async (t) => {
    const redis = await startRedis();
    const connection = connectRedis(redis.url);
    try {
      await connection.ready;
      assert.equal(await evictionPolicyWarning(connection.client), undefined, 'redis-server defaults: noeviction');
      await connection.client.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
      assert.equal(await evictionPolicyWarning(connection.client), undefined, 'no maxmemory: nothing is evicted');
      await connection.client.call('CONFIG', 'SET', 'maxmemory', '100mb');
      for (const policy of ['allkeys-lru', 'allkeys-random', 'volatile-lru', 'volatile-ttl']) {
        await connection.client.call('CONFIG', 'SET', 'maxmemory-policy', policy);
        assert.match((await evictionPolicyWarning(connection.client)) ?? '', new RegExp(`maxmemory-policy is ${policy}.*noeviction`), policy);
      }
      const lines: string[] = [];
      t.mock.method(console, 'error', (line: string) => lines.push(line));
      const proxy = setUpProxy(settingsFromEnv(withSimulatorDefaults({ REDIS_URL: redis.url, RECEIPTS: 'off' })), true, { log: () => {} });
      await proxy.ready;
      await proxy.close();
      assert.equal(lines.length, 1);
      assert.equal(JSON.parse(lines[0]!).event, 'redis_eviction_policy');
      await connection.client.call('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
      assert.equal(await evictionPolicyWarning(connection.client), undefined);
    } finally {
      await connection.close();
      await redis.stop();
    }
  });
});
