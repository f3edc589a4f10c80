// The in-memory stores: the store contract, and a bounded size under floods of distinct keys that never costs a live entry.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoryStores } from '../../src/proxy/index.js';
import { storeContract } from './store-contract.js';

describe('memoryStores: the store contract', () => storeContract(() => memoryStores()));

describe('memoryStores: bounded, and never forgetting a live entry', () => {
  test('a counter full of live keys refuses new keys, and every live count stays', async () => {
    const stores = memoryStores({ maxEntries: 100 });
    const limit = stores.rateLimit({ name: 'contact', points: 1, windowSeconds: 86_400 });
    assert.equal((await limit.consume('victim')).allowed, true);
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      await limit.consume(`c${i}`).catch((error: Error) => {
        assert.equal(error.name, 'StoreFullError');
        refused++;
      });
      assert.ok(stores.sizes().rateLimits.contact! <= 100);
    }
    assert.equal(refused, 901);
    assert.equal((await limit.consume('victim')).allowed, false, 'the victim is still limited');
    assert.equal((await limit.consume('c0')).allowed, false, 'the first flood key is still counted');
  });

  test('expired keys make room again', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    const stores = memoryStores({ maxEntries: 10 });
    const limit = stores.rateLimit({ name: 'ip', points: 1, windowSeconds: 600 });
    for (let i = 0; i < 10; i++) await limit.consume(`a${i}`);
    await assert.rejects(limit.consume('new'), { name: 'StoreFullError' });
    t.mock.timers.setTime(1_000_000 + 600_001);
    assert.equal((await limit.consume('new')).allowed, true);
    assert.equal((await limit.peek('a0')).count, 0, 'an expired key counts as absent');
  });

  test('peek reads a count without counting', async () => {
    const limit = memoryStores().rateLimit({ name: 'ip', points: 2, windowSeconds: 600 });
    assert.deepEqual(await limit.peek('a'), { count: 0, msBeforeReset: 0 });
    await limit.consume('a');
    const seen = await limit.peek('a');
    assert.equal(seen.count, 1);
    assert.ok(seen.msBeforeReset > 590_000);
    assert.equal((await limit.peek('a')).count, 1);
  });

  test('an idempotency store full of claims in progress refuses new keys and keeps every claim', async () => {
    const stores = memoryStores({ maxEntries: 100 });
    const first = await stores.idempotency.claim('victim', 'fp', 60_000);
    assert.ok(first.claimed);
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      await stores.idempotency.claim(`k${i}`, 'fp', 60_000).catch(() => refused++);
      assert.ok(stores.sizes().idempotency <= 100);
    }
    assert.equal(refused, 901);
    assert.deepEqual(await stores.idempotency.claim('victim', 'fp', 60_000), { claimed: false, fingerprint: 'fp', response: null });
    await first.lease.complete({ status: 201, body: '{}' }, 86_400_000);
    assert.deepEqual((await stores.idempotency.claim('victim', 'fp', 60_000) as any).response, { status: 201, body: '{}' });
  });

  test('an expired record counts as absent', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    const stores = memoryStores();
    const claim = await stores.idempotency.claim('k', 'fp', 10_000);
    assert.ok(claim.claimed);
    await claim.lease.complete({ status: 201, body: '{}' }, 60_000);
    t.mock.timers.setTime(1_000_000 + 60_001);
    assert.equal((await stores.idempotency.claim('k', 'other', 10_000)).claimed, true);
  });

  test('a lease whose claim expired and was taken by another request stores nothing', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    const stores = memoryStores();
    const first = await stores.idempotency.claim('a', 'fp', 10_000);
    assert.ok(first.claimed);
    t.mock.timers.setTime(1_000_000 + 10_001);
    const second = await stores.idempotency.claim('a', 'fp', 10_000);
    assert.ok(second.claimed);
    await first.lease.complete({ status: 201, body: '{"late":true}' }, 60_000);
    assert.deepEqual(await stores.idempotency.claim('a', 'fp', 10_000), { claimed: false, fingerprint: 'fp', response: null });
  });
});
