// Limits and records hold under floods: no stream of distinct contacts, keys or addresses evicts a live
// per-contact counter, the daily count or a claim in progress; a full memory store answers 503 instead,
// and with the default order of checks a flood meets the daily budget or the per-IP limit before it can
// fill a store at all.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoryStores } from '../../src/proxy/index.js';
import { KEY, PHONE, phoneBody, post, setup } from './support.js';

const HIGH = 1_000_000;
/** A valid US number, different for every i below 8 million. */
const contact = (i: number) => `+1415${200 + (Math.floor(i / 10_000) % 800)}${String(i % 10_000).padStart(4, '0')}`;
const address = (i: number) => ({ clientIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });

async function flood(handler: (request: Request, info?: { clientIp?: string }) => Promise<Response>, count: number, from = 1) {
  const statuses = new Map<number, number>();
  for (let i = from; i < from + count; i++) {
    const { status } = await handler(post(phoneBody({ contact: contact(i) })), address(i));
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  return Object.fromEntries(statuses);
}

describe('a bounded memory store under a flood of distinct keys', () => {
  test('a victim\'s per-contact count survives 500 distinct contacts from distinct addresses: 503, never a second session', async () => {
    const stores = memoryStores({ maxEntries: 50 });
    const { handler, simulator } = setup({ stores, limits: { perIp: HIGH, perContact: 1, daily: HIGH } });
    assert.equal((await handler(post(phoneBody()), address(0))).status, 201);
    const statuses = await flood(handler, 500);
    assert.ok(statuses[503]! > 400, JSON.stringify(statuses));
    const again = await handler(post(phoneBody()), address(99_999));
    assert.notEqual(again.status, 201);
    assert.equal(simulator.received.filter((chat) => (chat.body as { to: string }).to === PHONE).length, 1);
    assert.ok(stores.sizes().rateLimits[Object.keys(stores.sizes().rateLimits).find((name) => name.endsWith(':contact'))!]! <= 50);
  });

  test('a claim in progress survives 500 distinct keys during a slow vendor call: 409, then the one answer replayed', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const vendorCalls: string[] = [];
    const { handler } = setup({
      stores: memoryStores({ maxEntries: 50 }),
      limits: { perIp: HIGH, perContact: HIGH, daily: HIGH },
      fetch: async (request) => {
        const { to } = (await request.json()) as { to: string };
        vendorCalls.push(to);
        if (to === PHONE) await slow;
        return Response.json({ data: { id: to } }, { status: 201 });
      },
    });
    const first = handler(post(phoneBody(), { 'Idempotency-Key': KEY }), address(0));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const statuses = await flood(handler, 500);
    assert.ok(statuses[503]! > 400, JSON.stringify(statuses));
    assert.equal((await handler(post(phoneBody(), { 'Idempotency-Key': KEY }), address(1))).status, 409);
    release();
    assert.equal((await first).status, 201);
    const replay = await handler(post(phoneBody(), { 'Idempotency-Key': KEY }), address(2));
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(vendorCalls.filter((to) => to === PHONE).length, 1);
  });
});

describe('the order of checks keeps floods out of the stores', () => {
  test('distinct contacts from distinct addresses meet the daily budget: no 503, stores stay small', async () => {
    const stores = memoryStores({ maxEntries: 50 });
    const { handler, simulator } = setup({ stores, limits: { perIp: 5, perContact: 3, daily: 20 } });
    const statuses = await flood(handler, 600);
    assert.deepEqual(statuses, { 201: 20, 429: 580 });
    assert.equal(simulator.received.length, 20);
    const { idempotency, rateLimits } = stores.sizes();
    assert.equal(idempotency, 20, 'only the sessions are recorded');
    for (const [name, size] of Object.entries(rateLimits)) assert.ok(size <= 21, `${name}: ${size}`);
  });

  test('distinct contacts and keys from one address meet the per-IP limit: nothing more is stored', async () => {
    const stores = memoryStores({ maxEntries: 50 });
    const { handler } = setup({ stores, limits: { perIp: 5, perContact: 3, daily: HIGH } });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 600; i++) {
      const { status } = await handler(post(phoneBody({ contact: contact(i) })), { clientIp: '203.0.113.9' });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(statuses), { 201: 5, 429: 595 });
    const { idempotency, rateLimits } = stores.sizes();
    assert.equal(idempotency, 5);
    for (const [name, size] of Object.entries(rateLimits)) assert.ok(size <= 6, `${name}: ${size}`);
  });

  test('a replay still answers when its address has just reached the per-IP limit', async () => {
    const { handler } = setup({ limits: { perIp: 2, perContact: HIGH, daily: HIGH } });
    const ip = address(7);
    assert.equal((await handler(post(phoneBody({ contact: contact(1) })), ip)).status, 201);
    assert.equal((await handler(post(phoneBody({ contact: contact(2) }), { 'Idempotency-Key': KEY }), ip)).status, 201);
    const replay = await handler(post(phoneBody({ contact: contact(2) }), { 'Idempotency-Key': KEY }), ip);
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  });
});
