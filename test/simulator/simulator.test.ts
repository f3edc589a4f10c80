// The vendor simulator: Start Agent Chat semantics (auth, agent, body rules, 201/202) and its switchable faults.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SIMULATOR_DEFAULTS, createSimulator } from '../../src/simulator/index.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const BASE = 'https://api.whippy.test/v1';
const { apiKey, agentId, channels } = SIMULATOR_DEFAULTS;

function chat(body: unknown, options: { key?: string | null; agent?: string; method?: string; signal?: AbortSignal } = {}): Request {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.key !== null) headers['X-WHIPPY-KEY'] = options.key ?? apiKey;
  return new Request(`${BASE}/agents/${options.agent ?? agentId}/chat`, {
    method: options.method ?? 'POST',
    headers,
    ...(options.method !== 'GET' && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...(options.signal && { signal: options.signal }),
  });
}

const valid = { from: channels.phone, to: '+14155550123', type: 'phone', send_initial_message: true };

describe('Start Agent Chat semantics', () => {
  test('201 {data: {id, ...}} for a chat started now', async () => {
    const simulator = createSimulator({ now: () => NOW });
    const response = await simulator.fetch(chat(valid));
    assert.equal(response.status, 201);
    const { data } = await response.json();
    assert.match(data.id, /^[0-9a-f-]{36}$/);
    assert.equal(data.to, valid.to);
    assert.equal(simulator.received[0]!.id, data.id);
    assert.equal(simulator.received[0]!.status, 201);
    assert.deepEqual(simulator.received[0]!.body, valid);
  });

  test('202 {data: {id, schedule_at}} for a scheduled chat', async () => {
    const simulator = createSimulator({ now: () => NOW });
    const response = await simulator.fetch(chat({ ...valid, schedule_at: '2026-11-25T10:00:00Z' }));
    assert.equal(response.status, 202);
    const { data } = await response.json();
    assert.equal(typeof data.id, 'string');
    assert.equal(data.schedule_at, '2026-11-25T10:00:00Z');
  });

  test('each type needs an enabled channel of that type as from', async () => {
    const simulator = createSimulator({ now: () => NOW });
    assert.equal((await simulator.fetch(chat({ ...valid, type: 'email', from: channels.email, to: 'a@b.example' }))).status, 201);
    assert.equal((await simulator.fetch(chat({ ...valid, type: 'whatsapp', from: channels.whatsapp }))).status, 201);
    const wrong = await simulator.fetch(chat({ ...valid, type: 'whatsapp', from: channels.phone }));
    assert.equal(wrong.status, 422);
    assert.equal((await wrong.json()).errors[0].field, 'from');
  });

  test('a missing or wrong X-WHIPPY-KEY → 401', async () => {
    const simulator = createSimulator();
    assert.equal((await simulator.fetch(chat(valid, { key: null }))).status, 401);
    assert.equal((await simulator.fetch(chat(valid, { key: 'nope' }))).status, 401);
    assert.equal(simulator.received[1]!.authorized, false);
  });

  test('an unknown agent id → 404', async () => {
    const simulator = createSimulator();
    assert.equal((await simulator.fetch(chat(valid, { agent: '00000000-0000-4000-8000-000000000000' }))).status, 404);
  });

  test('another path → 404, another method → 405', async () => {
    const simulator = createSimulator();
    assert.equal((await simulator.fetch(new Request(`${BASE}/agents`, { method: 'POST' }))).status, 404);
    assert.equal((await simulator.fetch(chat(valid, { method: 'GET' }))).status, 405);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['missing to', { ...valid, to: undefined }, 'to'],
    ['to not E.164 for phone', { ...valid, to: '415 555 0123' }, 'to'],
    ['unknown type', { ...valid, type: 'fax' }, 'type'],
    ['missing from', { ...valid, from: undefined }, 'from'],
    ['schedule_at in the past', { ...valid, schedule_at: '2026-11-24T11:59:00Z' }, 'schedule_at'],
    ['schedule_at exactly now (not strictly future)', { ...valid, schedule_at: '2026-11-24T12:00:00Z' }, 'schedule_at'],
    ['schedule_at not ISO 8601', { ...valid, schedule_at: 'tomorrow' }, 'schedule_at'],
    ['a field it does not know', { ...valid, recipient: '+14155550123' }, 'recipient'],
  ];
  for (const [name, body, field] of invalid) {
    test(`${name} → 422 naming ${field}`, async () => {
      const response = await createSimulator({ now: () => NOW }).fetch(chat(body));
      assert.equal(response.status, 422);
      assert.equal((await response.json()).errors[0].field, field);
    });
  }

  test('a body that is not JSON → 400', async () => {
    assert.equal((await createSimulator().fetch(chat('{nope'))).status, 400);
  });

  test('options override the defaults', async () => {
    const simulator = createSimulator({ apiKey: 'other', agentId: 'a-1', channels: { email: 'x@y.example' } });
    const response = await simulator.fetch(chat({ from: 'x@y.example', to: 'a@b.example', type: 'email' }, { key: 'other', agent: 'a-1' }));
    assert.equal(response.status, 201);
  });
});

describe('faults', () => {
  for (const status of [500, 502, 401, 429, 422]) {
    test(`failNext(${status}) answers the next request with ${status}, then behaves again`, async () => {
      const simulator = createSimulator({ now: () => NOW });
      simulator.failNext(status);
      assert.equal((await simulator.fetch(chat(valid))).status, status);
      assert.equal((await simulator.fetch(chat(valid))).status, 201);
      assert.equal(simulator.received[0]!.fault, status);
    });
  }

  test('hang: no answer until the request is aborted', async () => {
    const simulator = createSimulator();
    simulator.failNext('hang');
    const controller = new AbortController();
    let settled = false;
    const pending = simulator.fetch(chat(valid, { signal: controller.signal })).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(settled, false);
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    assert.equal(simulator.received[0]!.status, null);
  });

  test('unreadable-body: 201 whose body stream breaks', async () => {
    const simulator = createSimulator();
    simulator.failNext('unreadable-body');
    const response = await simulator.fetch(chat(valid));
    assert.equal(response.status, 201);
    await assert.rejects(response.json());
  });

  test('connection-reset: rejects with a TypeError like fetch', async () => {
    const simulator = createSimulator();
    simulator.failNext('connection-reset');
    await assert.rejects(simulator.fetch(chat(valid)), TypeError);
  });

  test('connection-refused: rejects like fetch with ECONNREFUSED, and the request never arrived', async () => {
    const simulator = createSimulator({ now: () => NOW });
    simulator.failNext('connection-refused');
    await assert.rejects(simulator.fetch(chat(valid)), (error: any) => error instanceof TypeError && (error.cause as { code?: string })?.code === 'ECONNREFUSED');
    assert.equal(simulator.received.length, 0);
    assert.equal((await simulator.fetch(chat(valid))).status, 201);
  });

  test('faults queue in order; reset() forgets them and the received list', async () => {
    const simulator = createSimulator({ now: () => NOW });
    simulator.failNext(500);
    simulator.failNext(503);
    assert.equal((await simulator.fetch(chat(valid))).status, 500);
    simulator.reset();
    assert.equal(simulator.received.length, 0);
    assert.equal((await simulator.fetch(chat(valid))).status, 201);
  });
});

describe('bounded', () => {
  test('received keeps the last maxReceived requests', async () => {
    const simulator = createSimulator({ now: () => NOW, maxReceived: 3 });
    for (let i = 0; i < 10; i++) await simulator.fetch(chat({ ...valid, to: `+1415555012${i}` }));
    assert.deepEqual(simulator.received.map((r) => (r.body as any).to), ['+14155550127', '+14155550128', '+14155550129']);
  });
});
