// Rate limits (SPEC §5): RATE_LIMIT_IP per 10 min, RATE_LIMIT_CONTACT per 24 h, DAILY_LIMIT per UTC day,
// each a 429 rate_limited with Retry-After; TRUST_PROXY; what does and does not count.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contactKey, nextUtcMidnight } from '../../src/proxy/limits.js';
import { memoryStores, type ProxyStores } from '../../src/proxy/index.js';
import { EMAIL, NOW, json, phoneBody, post, setup } from './support.js';

const HIGH = 10_000;
const numbers = ['+14155550123', '+14155551000', '+14155559876', '+442071838750', '+447911123456', '+4915123456789'];

async function expectLimited(response: Response, maxSeconds: number): Promise<number> {
  assert.equal(response.status, 429);
  const body = await json(response);
  assert.equal(body.error.code, 'rate_limited');
  const retryAfter = body.error.retry_after;
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= maxSeconds, String(retryAfter));
  assert.equal(response.headers.get('retry-after'), String(retryAfter));
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return retryAfter;
}

describe('RATE_LIMIT_IP: requests per client IP per 10 minutes', () => {
  test('the request after the limit: 429 with Retry-After up to 600 s; another IP is not affected', async () => {
    const { handler, simulator, logs } = setup({ limits: { perIp: 2, perContact: HIGH, daily: HIGH } });
    const ip = { clientIp: '203.0.113.7' };
    assert.equal((await handler(post(phoneBody({ contact: numbers[0] })), ip)).status, 201);
    assert.equal((await handler(post(phoneBody({ contact: numbers[1] })), ip)).status, 201);
    await expectLimited(await handler(post(phoneBody({ contact: numbers[2] })), ip), 600);
    assert.equal((await handler(post(phoneBody({ contact: numbers[2] })), { clientIp: '203.0.113.8' })).status, 201);
    assert.equal(simulator.received.length, 3);
    assert.equal(logs[2]!.code, 'rate_limited');
    assert.equal(logs[2]!.limit, 'ip');
  });

  test('the window ends after 10 minutes', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: NOW });
    const { handler } = setup({ limits: { perIp: 1, perContact: HIGH, daily: HIGH } });
    const ip = { clientIp: '203.0.113.7' };
    await handler(post(phoneBody({ contact: numbers[0] })), ip);
    t.mock.timers.setTime(NOW + 599_000);
    assert.equal(await expectLimited(await handler(post(phoneBody({ contact: numbers[1] })), ip), 600), 1);
    t.mock.timers.setTime(NOW + 601_000);
    assert.equal((await handler(post(phoneBody({ contact: numbers[1] })), ip)).status, 201);
  });

  test('an IPv6 client counts by its /64: rotating addresses inside it does not help', async () => {
    const { handler } = setup({ limits: { perIp: 1, perContact: HIGH, daily: HIGH } });
    assert.equal((await handler(post(phoneBody({ contact: numbers[0] })), { clientIp: '2001:db8:1:2::1' })).status, 201);
    assert.equal((await handler(post(phoneBody({ contact: numbers[1] })), { clientIp: '2001:db8:1:2:ffff::9' })).status, 429);
    assert.equal((await handler(post(phoneBody({ contact: numbers[2] })), { clientIp: '2001:db8:1:3::1' })).status, 201);
  });

  test('without a known client IP (a runtime that gave none), the per-IP limit is not applied', async () => {
    const { handler } = setup({ limits: { perIp: 1, perContact: HIGH, daily: HIGH } });
    for (const contact of numbers.slice(0, 3)) assert.equal((await handler(post(phoneBody({ contact })))).status, 201);
  });
});

describe('TRUST_PROXY and the client IP', () => {
  const forwarded = (contact: string, ip: string) => post(phoneBody({ contact }), { 'X-Forwarded-For': `198.51.100.1, ${ip}` });

  test('without trustProxy, X-Forwarded-For is ignored: rotating it does not dodge the limit', async () => {
    const { handler } = setup({ limits: { perIp: 1, perContact: HIGH, daily: HIGH } });
    const socket = { clientIp: '10.0.0.2' };
    assert.equal((await handler(forwarded(numbers[0]!, '203.0.113.1'), socket)).status, 201);
    assert.equal((await handler(forwarded(numbers[1]!, '203.0.113.2'), socket)).status, 429);
  });

  test('with trustProxy, the last X-Forwarded-For entry is the client: each counts apart', async () => {
    const { handler } = setup({ trustProxy: true, limits: { perIp: 1, perContact: HIGH, daily: HIGH } });
    const socket = { clientIp: '10.0.0.2' };
    assert.equal((await handler(forwarded(numbers[0]!, '203.0.113.1'), socket)).status, 201);
    assert.equal((await handler(forwarded(numbers[1]!, '203.0.113.2'), socket)).status, 201);
    assert.equal((await handler(forwarded(numbers[2]!, '203.0.113.1'), socket)).status, 429);
  });
});

describe('RATE_LIMIT_CONTACT: requests per contact per 24 hours', () => {
  test('from many IPs, the contact is limited; Retry-After up to 24 h; other contacts are not', async () => {
    const { handler, simulator, logs } = setup({ limits: { perIp: HIGH, perContact: 2, daily: HIGH } });
    assert.equal((await handler(post(phoneBody()), { clientIp: '203.0.113.1' })).status, 201);
    assert.equal((await handler(post(phoneBody()), { clientIp: '203.0.113.2' })).status, 201);
    await expectLimited(await handler(post(phoneBody()), { clientIp: '203.0.113.3' }), 86_400);
    assert.equal(logs[2]!.limit, 'contact');
    assert.equal((await handler(post(phoneBody({ contact: numbers[1] })), { clientIp: '203.0.113.3' })).status, 201);
    assert.equal(simulator.received.length, 3);
  });

  test('phone and WhatsApp on one number share the count', async () => {
    const { handler } = setup({ limits: { perIp: HIGH, perContact: 1, daily: HIGH } });
    assert.equal((await handler(post(phoneBody()))).status, 201);
    assert.equal((await handler(post(phoneBody({ type: 'whatsapp' })))).status, 429);
  });

  test('an email address counts case-insensitively and without its +tag', async () => {
    const { handler } = setup({ limits: { perIp: HIGH, perContact: 2, daily: HIGH } });
    assert.equal((await handler(post({ type: 'email', contact: 'Jane.Doe@Example.com' }))).status, 201);
    assert.equal((await handler(post({ type: 'email', contact: 'jane.doe+promo@example.com' }))).status, 201);
    assert.equal((await handler(post({ type: 'email', contact: EMAIL }))).status, 429);
  });

  test('the window ends after 24 hours', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: NOW });
    const { handler } = setup({ limits: { perIp: HIGH, perContact: 1, daily: HIGH } });
    await handler(post(phoneBody()));
    t.mock.timers.setTime(NOW + 86_399_000);
    assert.equal((await handler(post(phoneBody()))).status, 429);
    t.mock.timers.setTime(NOW + 86_401_000);
    assert.equal((await handler(post(phoneBody()))).status, 201);
  });
});

describe('DAILY_LIMIT: vendor sessions per UTC day', () => {
  test('a bot network (a new IP and number each time, forged same-origin Origin) still meets it', async () => {
    const { handler, simulator } = setup({ limits: { perIp: HIGH, perContact: HIGH, daily: 50 } });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const contact = `+1415555${String(1000 + i).padStart(4, '0')}`;
      const request = post(phoneBody({ contact }), { Origin: 'http://shop.example' });
      statuses.push((await handler(request, { clientIp: `198.51.${i >> 8}.${i & 255}` })).status);
    }
    assert.equal(statuses.filter((status) => status === 201).length, 50);
    assert.equal(statuses.filter((status) => status === 429).length, 150);
    assert.equal(simulator.received.length, 50);
  });

  test('its Retry-After runs to the next UTC midnight', async () => {
    const { handler, logs } = setup({ limits: { perIp: HIGH, perContact: HIGH, daily: 1 } });
    await handler(post(phoneBody()));
    const retryAfter = await expectLimited(await handler(post(phoneBody({ contact: numbers[1] }))), 86_400);
    assert.equal(retryAfter, 12 * 60 * 60, 'NOW is 12:00 UTC');
    assert.equal(logs[1]!.limit, 'daily');
  });

  test('a new UTC day has a new budget', async () => {
    let now = Date.parse('2026-11-24T23:59:30Z');
    const { handler } = setup({ now: () => now, limits: { perIp: HIGH, perContact: HIGH, daily: 1 } });
    assert.equal((await handler(post({ type: 'email', contact: 'a@example.com' }))).status, 201);
    const limited = await handler(post({ type: 'email', contact: 'b@example.com' }));
    assert.equal(await expectLimited(limited, 86_400), 30);
    now = Date.parse('2026-11-25T00:00:01Z');
    assert.equal((await handler(post({ type: 'email', contact: 'c@example.com' }))).status, 201);
  });

  test('a session the vendor refused (error status, or never reached) gives its budget back', async () => {
    const { handler, simulator } = setup({ limits: { perIp: HIGH, perContact: HIGH, daily: 1 } });
    for (const fault of [500, 401, 422, 429] as const) {
      simulator.failNext(fault);
      assert.ok((await handler(post(phoneBody()))).status >= 500);
    }
    simulator.failNext('connection-refused');
    simulator.failNext('connection-refused');
    assert.equal((await handler(post(phoneBody()))).status, 502);
    assert.equal((await handler(post(phoneBody()))).status, 201, 'the budget is intact');
    assert.equal((await handler(post(phoneBody({ contact: numbers[1] })))).status, 429);
  });

  for (const fault of ['hang', 'connection-reset'] as const) {
    test(`a session of unknown fate (${fault}) counts`, async () => {
      const { handler, simulator } = setup({ upstreamTimeoutMs: 30, limits: { perIp: HIGH, perContact: HIGH, daily: 1 } });
      simulator.failNext(fault);
      assert.ok((await handler(post(phoneBody()))).status >= 500);
      assert.equal((await handler(post(phoneBody()))).status, 429);
    });
  }

  test('nextUtcMidnight', () => {
    assert.equal(nextUtcMidnight(Date.parse('2026-11-24T12:00:00Z')), Date.parse('2026-11-25T00:00:00Z'));
    assert.equal(nextUtcMidnight(Date.parse('2026-12-31T23:59:59.999Z')), Date.parse('2027-01-01T00:00:00Z'));
    assert.equal(nextUtcMidnight(Date.parse('2026-11-25T00:00:00Z')), Date.parse('2026-11-26T00:00:00Z'));
  });
});

describe('what does not count', () => {
  test('honeypot requests consume nothing and always look like success, even past a limit', async () => {
    const { handler, simulator } = setup({ limits: { perIp: 1, perContact: 1, daily: 1 } });
    const ip = { clientIp: '203.0.113.7' };
    for (let i = 0; i < 5; i++) assert.equal((await handler(post(phoneBody({ hp: 'bot' })), ip)).status, 201);
    assert.equal((await handler(post(phoneBody()), ip)).status, 201, 'the limits are untouched');
    assert.equal((await handler(post(phoneBody({ contact: numbers[1] })), ip)).status, 429);
    const trap = await handler(post(phoneBody({ hp: 'bot' })), ip);
    assert.equal(trap.status, 201);
    assert.deepEqual(await json(trap), { status: 'started', id: null, contact: numbers[0], receipt: null });
    assert.equal(simulator.received.length, 1);
  });

  test('requests refused before the limits (validation, channel, origin) consume nothing', async () => {
    const { handler } = setup({ limits: { perIp: 1, perContact: 1, daily: 1 }, channels: { phone: '+14155550100' } });
    const ip = { clientIp: '203.0.113.7' };
    await handler(post(phoneBody({ consent: false })), ip);
    await handler(post(phoneBody({ type: 'whatsapp' })), ip);
    await handler(post(phoneBody(), { Origin: 'https://evil.example' }), ip);
    await handler(post('{'), ip);
    assert.equal((await handler(post(phoneBody()), ip)).status, 201);
  });
});

describe('a store that fails', () => {
  test('503 service_unavailable (fail closed), vendor not called', async () => {
    const broken: ProxyStores = {
      ...memoryStores(),
      rateLimit: () => ({
        consume: async () => Promise.reject(new Error('Connection is closed.')),
        peek: async () => Promise.reject(new Error('Connection is closed.')),
        refund: async () => {},
      }),
    };
    const { handler, simulator, logs } = setup({ stores: broken });
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 503);
    assert.equal((await json(response)).error.code, 'service_unavailable');
    assert.equal(simulator.received.length, 0);
    assert.match(logs[0]!.detail ?? '', /store unavailable: Connection is closed/);
  });
});

describe('keys', () => {
  test('contactKey: phone numbers as validated; email lower-cased without +tag', () => {
    assert.equal(contactKey({ type: 'phone', contact: '+14155550123' }), '+14155550123');
    assert.equal(contactKey({ type: 'email', contact: 'Jane.Doe+x@Example.COM' }), 'jane.doe@example.com');
    assert.equal(contactKey({ type: 'email', contact: '+x@example.com' }), '+x@example.com');
  });
});
