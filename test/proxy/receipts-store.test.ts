// The receipt stores against the real databases: embedded PGlite in a temp directory, and a throwaway
// PostgreSQL server. Same behaviour from both; the embedded one keeps a second process out.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, mock, test } from 'node:test';
import { openEmbeddedReceipts, ReceiptsLockedError } from '../../src/proxy/receipts/embedded.js';
import { keepReceipts } from '../../src/proxy/receipts/open.js';
import { openServerReceipts } from '../../src/proxy/receipts/server.js';
import type { ReceiptDatabase } from '../../src/proxy/receipts/types.js';
import { SKIP_POSTGRES, startPostgres, type PostgresServer } from './postgres-server.js';
import { NOW, receipt } from './receipts-support.js';

const DAY = 86_400_000;

/** The behaviour both databases share; `open` gives a fresh handle on the same database each call. */
function sharedSuite(open: () => Promise<ReceiptDatabase>) {
  let db: ReceiptDatabase;
  before(async () => {
    db = await open();
    await db.deleteBefore(new Date('3000-01-01T00:00:00Z'));
  });
  after(async () => db.close());

  test('a receipt reads back exactly as written, times as ISO strings', async () => {
    const written = receipt({ channel: 'whatsapp', vendor_status: 'scheduled', schedule_at: '2026-11-25T15:00:00.000Z' });
    await db.add(written);
    const [read] = await db.list({ contact: written.contact, since: new Date(NOW) });
    assert.deepEqual(read, written);
  });

  test('nulls stay null (no consent text, page, IP or vendor id)', async () => {
    const written = receipt({ contact: '+447911123456', consent: null, consent_text: null, page: null, ip_hash: null, user_agent: null, vendor_session_id: null });
    await db.add(written);
    assert.deepEqual(await db.list({ contact: '+447911123456' }), [written]);
  });

  test('filters by contact (email whatever its case), since (inclusive) and until (exclusive)', async () => {
    const early = receipt({ contact: 'Jane.Doe@example.com', channel: 'email', created_at: new Date(NOW - 2 * DAY).toISOString() });
    const late = receipt({ contact: 'jane.doe@example.com', channel: 'email', created_at: new Date(NOW - DAY).toISOString() });
    const other = receipt({ contact: 'john@example.com', channel: 'email', created_at: new Date(NOW - DAY).toISOString() });
    for (const item of [late, other, early]) await db.add(item);
    assert.deepEqual((await db.list({ contact: 'JANE.DOE@example.com' })).map((r) => r.id), [early.id, late.id]);
    assert.deepEqual((await db.list({ contact: 'jane.doe@example.com', since: new Date(NOW - DAY) })).map((r) => r.id), [late.id]);
    assert.deepEqual((await db.list({ contact: 'jane.doe@example.com', until: new Date(NOW - DAY) })).map((r) => r.id), [early.id]);
    assert.deepEqual((await db.list({ latest: 1, until: new Date(NOW - DAY + 1) })).map((r) => r.id).length, 1);
  });

  test('erasing a contact removes all its receipts and nothing else', async () => {
    const mine = [receipt({ contact: 'erase.me@example.com', channel: 'email' }), receipt({ contact: 'Erase.Me@example.com', channel: 'email' })];
    const kept = receipt({ contact: 'keep.me@example.com', channel: 'email' });
    for (const item of [...mine, kept]) await db.add(item);
    assert.equal(await db.erase('erase.me@example.com'), 2);
    assert.deepEqual(await db.list({ contact: 'erase.me@example.com' }), []);
    assert.deepEqual(await db.list({ contact: 'keep.me@example.com' }), [kept]);
    assert.equal(await db.erase('erase.me@example.com'), 0);
  });

  test('retention deletes only receipts older than the kept days, at start', async () => {
    const contact = '+4915123456789';
    const old = receipt({ contact, created_at: new Date(NOW - 31 * DAY).toISOString() });
    const edge = receipt({ contact, created_at: new Date(NOW - 30 * DAY + 1000).toISOString() });
    const fresh = receipt({ contact, created_at: new Date(NOW - DAY).toISOString() });
    for (const item of [old, edge, fresh]) await db.add(item);
    const deleted: number[] = [];
    const stop = await keepReceipts(db, { days: 30, now: () => NOW, onDeleted: (count) => deleted.push(count) });
    stop();
    assert.ok(deleted[0]! >= 1);
    assert.deepEqual((await db.list({ contact })).map((r) => r.id), [edge.id, fresh.id]);
  });

  test('a reopened database keeps its receipts (restart)', async () => {
    const written = receipt({ contact: '+14155559876' });
    await db.add(written);
    await db.close();
    db = await open();
    assert.deepEqual(await db.list({ contact: '+14155559876' }), [written]);
  });
}

describe('embedded receipts (PGlite in a directory)', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'agent-chat-receipts-'));
  });
  after(async () => rm(directory, { recursive: true, force: true }));

  sharedSuite(() => openEmbeddedReceipts(join(directory, 'receipts')));

  test('a second opener of a held directory is refused with a clear message, and nothing is lost', async () => {
    const path = join(directory, 'held');
    const owner = await openEmbeddedReceipts(path);
    try {
      await assert.rejects(openEmbeddedReceipts(path), (error: Error) => {
        assert.ok(error instanceof ReceiptsLockedError);
        assert.match(error.message, /in use by another process.*postgres:\/\//s);
        return true;
      });
      const written = receipt();
      await owner.add(written);
      assert.deepEqual(await owner.list(), [written]);
    } finally {
      await owner.close();
    }
    const next = await openEmbeddedReceipts(path);
    assert.equal((await next.list()).length, 1);
    await next.close();
  });
});

describe('receipts on a PostgreSQL server', { skip: SKIP_POSTGRES }, () => {
  let server: PostgresServer;
  before(async () => {
    server = await startPostgres();
  });
  after(async () => server?.remove());

  sharedSuite(() => openServerReceipts(server.url));

  test('instances starting together migrate once and share one table', async () => {
    const instances = await Promise.all([1, 2, 3].map(() => openServerReceipts(server.url)));
    try {
      const written = receipt({ contact: '+442071838750' });
      await instances[0]!.add(written);
      for (const instance of instances) assert.deepEqual(await instance.list({ contact: '+442071838750' }), [written]);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });

  test('a server that is down makes a write fail within the timeout, and writes work again once it is back', async () => {
    const db = await openServerReceipts(server.url, { timeoutMs: 1000, onError: () => {} });
    try {
      await server.kill();
      const started = Date.now();
      await assert.rejects(db.add(receipt()));
      assert.ok(Date.now() - started < 3000);
      await server.start();
      const written = receipt({ contact: '+14155551000' });
      await db.add(written);
      assert.deepEqual(await db.list({ contact: '+14155551000' }), [written]);
    } finally {
      await db.close();
    }
  });
});

describe('retention', () => {
  test('runs at start and again each day; stop() ends it', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      let now = NOW;
      const cutoffs: number[] = [];
      const db = { deleteBefore: async (time: Date) => (cutoffs.push(time.getTime()), 0) } as unknown as ReceiptDatabase;
      const stop = await keepReceipts(db, { days: 10, now: () => now });
      assert.deepEqual(cutoffs, [NOW - 10 * DAY]);
      now += DAY;
      mock.timers.tick(DAY);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(cutoffs, [NOW - 10 * DAY, NOW - 9 * DAY]);
      stop();
      mock.timers.tick(DAY);
      assert.equal(cutoffs.length, 2);
    } finally {
      mock.timers.reset();
    }
  });

  test('a failed run is reported, not thrown, and the next day tries again', async () => {
    const errors: string[] = [];
    const db = { deleteBefore: async () => Promise.reject(new Error('database down')) } as unknown as ReceiptDatabase;
    const stop = await keepReceipts(db, { days: 1, onError: (error) => errors.push(error.message) });
    stop();
    assert.deepEqual(errors, ['database down']);
  });
});
