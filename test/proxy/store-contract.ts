// The behaviour every ProxyStores implementation must have; run against memory and Redis stores.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProxyStores } from '../../src/proxy/index.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers the contract's tests; `make` gives fresh stores (a fresh prefix for Redis). */
export function storeContract(make: () => ProxyStores): void {
  test('rate limit: allows `points` per window, then refuses with the time left', async () => {
    const limit = make().rateLimit({ name: 'ip', points: 2, windowSeconds: 600 });
    assert.equal((await limit.consume('a')).allowed, true);
    assert.equal((await limit.consume('a')).allowed, true);
    const refused = await limit.consume('a');
    assert.equal(refused.allowed, false);
    assert.ok(refused.msBeforeReset > 590_000 && refused.msBeforeReset <= 600_000, String(refused.msBeforeReset));
    assert.equal((await limit.consume('b')).allowed, true, 'keys are counted apart');
  });

  test('rate limit: peek reads the count and the time left, counting nothing', async () => {
    const limit = make().rateLimit({ name: 'peek', points: 1, windowSeconds: 600 });
    assert.equal((await limit.peek('a')).count, 0);
    await limit.consume('a');
    await limit.consume('a');
    const seen = await limit.peek('a');
    assert.equal(seen.count, 2);
    assert.ok(seen.msBeforeReset > 590_000 && seen.msBeforeReset <= 600_000, String(seen.msBeforeReset));
    assert.equal((await limit.peek('a')).count, 2);
  });

  test('rate limit: limits of different names do not share keys', async () => {
    const stores = make();
    const one = stores.rateLimit({ name: 'one', points: 1, windowSeconds: 60 });
    const two = stores.rateLimit({ name: 'two', points: 1, windowSeconds: 60 });
    assert.equal((await one.consume('k')).allowed, true);
    assert.equal((await two.consume('k')).allowed, true);
  });

  test('rate limit: a custom window applies to a new key; a refund gives one request back', async () => {
    const limit = make().rateLimit({ name: 'daily', points: 1, windowSeconds: 60 });
    const first = await limit.consume('day', 3600);
    assert.ok(first.msBeforeReset > 3_590_000, String(first.msBeforeReset));
    assert.equal((await limit.consume('day', 3600)).allowed, false);
    await limit.refund('day', 3600);
    await limit.refund('day', 3600);
    assert.equal((await limit.consume('day', 3600)).allowed, true);
  });

  test('rate limit: concurrent consumes never exceed the points', async () => {
    const limit = make().rateLimit({ name: 'burst', points: 5, windowSeconds: 60 });
    const decisions = await Promise.all(Array.from({ length: 40 }, () => limit.consume('k')));
    assert.equal(decisions.filter((decision) => decision.allowed).length, 5);
  });

  test('idempotency: of many concurrent claims of one key exactly one wins', async () => {
    const store = make().idempotency;
    const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim('k', 'fp', 10_000)));
    assert.equal(claims.filter((claim) => claim.claimed).length, 1);
    for (const claim of claims.filter((claim) => !claim.claimed)) {
      assert.deepEqual(claim, { claimed: false, fingerprint: 'fp', response: null });
    }
  });

  test('idempotency: a completed record is returned with its response; another key is free', async () => {
    const store = make().idempotency;
    const claim = await store.claim('k', 'fp', 10_000);
    assert.ok(claim.claimed);
    await claim.lease.complete({ status: 201, body: '{"status":"started","id":"x"}' }, 60_000);
    assert.deepEqual(await store.claim('k', 'other', 10_000), {
      claimed: false,
      fingerprint: 'fp',
      response: { status: 201, body: '{"status":"started","id":"x"}' },
    });
    assert.equal((await store.claim('k2', 'fp', 10_000)).claimed, true);
  });

  test('idempotency: a released key can be claimed again', async () => {
    const store = make().idempotency;
    const claim = await store.claim('k', 'fp', 10_000);
    assert.ok(claim.claimed);
    await claim.lease.release();
    assert.equal((await store.claim('k', 'fp', 10_000)).claimed, true);
  });

  test('idempotency: a claim expires after lockMs (a crashed request frees its key); its late lease changes nothing', async () => {
    const store = make().idempotency;
    const stale = await store.claim('k', 'fp', 40);
    assert.ok(stale.claimed);
    await wait(80);
    const fresh = await store.claim('k', 'fp2', 10_000);
    assert.ok(fresh.claimed, 'the expired claim no longer holds the key');
    await stale.lease.complete({ status: 201, body: 'stale' }, 60_000);
    await stale.lease.release();
    assert.deepEqual(await store.claim('k', 'x', 10_000), { claimed: false, fingerprint: 'fp2', response: null });
  });

  test('idempotency: a record expires after its ttl', async () => {
    const store = make().idempotency;
    const claim = await store.claim('k', 'fp', 10_000);
    assert.ok(claim.claimed);
    await claim.lease.complete({ status: 201, body: '{}' }, 40);
    await wait(80);
    assert.equal((await store.claim('k', 'fp', 10_000)).claimed, true);
  });
}
