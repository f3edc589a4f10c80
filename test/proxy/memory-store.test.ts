// The in-memory stores: the store contract, and bounded size (oldest keys evicted) under floods of distinct keys.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoryStores } from '../../src/proxy/index.js';
import { storeContract } from './store-contract.js';

describe('memoryStores: the store contract', () => storeContract(() => memoryStores()));

describe('memoryStores: bounded', () => {
  test('a counter holds at most maxEntries keys; recent keys stay counted, the least recently used are forgotten', async () => {
    const stores = memoryStores({ maxEntries: 100 });
    const limit = stores.rateLimit({ name: 'contact', points: 1, windowSeconds: 86_400 });
    for (let i = 0; i < 1000; i++) {
      await limit.consume(`c${i}`);
      await limit.consume('abuser');
      assert.ok(stores.sizes().rateLimits.contact! <= 100);
    }
    assert.equal((await limit.consume('c999')).allowed, false, 'a recent key is still limited');
    assert.equal((await limit.consume('abuser')).allowed, false, 'a key in constant use is never forgotten');
    assert.equal((await limit.consume('c0')).allowed, true, 'an old idle key was forgotten');
  });

  test('idempotency holds at most maxEntries records', async () => {
    const stores = memoryStores({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) {
      const claim = await stores.idempotency.claim(`k${i}`, 'fp', 10_000);
      assert.ok(claim.claimed);
      await claim.lease.complete({ status: 201, body: '{}' }, 86_400_000);
      assert.ok(stores.sizes().idempotency <= 100);
    }
    assert.equal((await stores.idempotency.claim('k999', 'fp', 10_000)).claimed, false, 'a recent record is kept');
    assert.equal((await stores.idempotency.claim('k0', 'fp', 10_000)).claimed, true, 'the oldest was evicted');
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

  test('a lease whose record was evicted stores nothing', async () => {
    const stores = memoryStores({ maxEntries: 2 });
    const first = await stores.idempotency.claim('a', 'fp', 10_000);
    assert.ok(first.claimed);
    await stores.idempotency.claim('b', 'fp', 10_000);
    await stores.idempotency.claim('c', 'fp', 10_000);
    await first.lease.complete({ status: 201, body: '{}' }, 60_000);
    assert.equal((await stores.idempotency.claim('a', 'fp', 10_000)).claimed, true);
  });
});
