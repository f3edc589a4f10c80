// Consent receipts through the proxy: one per accepted request (none for replays, refusals or the
// honeypot), the evidence as sent, and a visitor who always gets the success even when the database
// does not answer. Against embedded PGlite and a real PostgreSQL server (two instances sharing it).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChatProxyHandler } from '../../src/proxy/index.js';
import { openEmbeddedReceipts } from '../../src/proxy/receipts/embedded.js';
import { openServerReceipts } from '../../src/proxy/receipts/server.js';
import { keepReceipt } from '../../src/proxy/receipts/step.js';
import type { Receipt, ReceiptDatabase, ReceiptStore } from '../../src/proxy/receipts/types.js';
import { SIMULATOR_DEFAULTS } from '../../src/simulator/index.js';
import { SKIP_POSTGRES, startPostgres, type PostgresServer } from './postgres-server.js';
import { EMAIL, KEY, NOW, PHONE, inMinutes, json, phoneBody, post, setup } from './support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CONSENT_TEXT = 'I agree that Harbor Dental’s AI assistant may text me at this number. Msg & data rates may apply.';
const evidence = { consent_text: CONSENT_TEXT, page: 'https://harbor.example/book?from=ad#section-2' };

/** A store in memory that records what it was given, and can be told to fail. */
function memoryReceipts() {
  const kept: Receipt[] = [];
  let failure: Error | undefined;
  const store: ReceiptStore = {
    async add(receipt) {
      if (failure) throw failure;
      kept.push(receipt);
    },
  };
  return { store, kept, fail: (error: Error | undefined) => (failure = error) };
}

describe('a receipt per accepted request', () => {
  test('201: the receipt holds the evidence as sent, its id is in the body', async () => {
    const { store, kept } = memoryReceipts();
    const { handler } = setup({ receipts: store });
    const request = post(phoneBody({ contact: '+4407400123456', ...evidence }), { 'User-Agent': 'Mozilla/5.0 Test', 'Idempotency-Key': KEY });
    const response = await handler(request, { clientIp: '203.0.113.7' });
    assert.equal(response.status, 201);
    const body = await json(response);
    assert.match(body.receipt, UUID);
    assert.equal(body.contact, '+447400123456');
    assert.equal(kept.length, 1);
    const receipt = kept[0]!;
    assert.deepEqual({ ...receipt, ip_hash: undefined }, {
      id: body.receipt,
      created_at: new Date(NOW).toISOString(),
      channel: 'phone',
      contact: '+447400123456',
      consent: true,
      consent_text: CONSENT_TEXT,
      page: 'https://harbor.example/book?from=ad',
      locale: 'en-US',
      timezone: 'America/Los_Angeles',
      sender: SIMULATOR_DEFAULTS.channels.phone,
      ip_hash: undefined,
      user_agent: 'Mozilla/5.0 Test',
      idempotency_key: KEY,
      vendor_session_id: body.id,
      vendor_status: 'started',
      schedule_at: null,
    });
    // A keyed hash: not the address, the same for the same address, different for another.
    assert.ok(receipt.ip_hash && !receipt.ip_hash.includes('203.0.113'));
    await handler(post(phoneBody({ contact: '+14155551000' })), { clientIp: '203.0.113.7' });
    await handler(post(phoneBody({ contact: '+14155559876' })), { clientIp: '198.51.100.1' });
    assert.equal(kept[1]!.ip_hash, receipt.ip_hash);
    assert.notEqual(kept[2]!.ip_hash, receipt.ip_hash);
  });

  test('202: a scheduled session and an email without consent flag', async () => {
    const { store, kept } = memoryReceipts();
    const { handler } = setup({ receipts: store });
    const at = inMinutes(90);
    const response = await handler(post({ type: 'email', contact: EMAIL, schedule_at: at }));
    assert.equal(response.status, 202);
    const body = await json(response);
    assert.equal(body.receipt, kept[0]!.id);
    assert.equal(kept[0]!.vendor_status, 'scheduled');
    assert.equal(kept[0]!.schedule_at, at);
    assert.equal(kept[0]!.consent, null);
    assert.equal(kept[0]!.consent_text, null);
    assert.equal(kept[0]!.ip_hash, null);
  });

  test('concurrent duplicate submits make one receipt; the replay names the same one', async () => {
    const { store, kept } = memoryReceipts();
    const { handler, simulator } = setup({ receipts: store });
    const body = phoneBody(evidence);
    const submit = () => handler(post(body, { 'Idempotency-Key': KEY }));
    const responses = await Promise.all(Array.from({ length: 8 }, submit));
    const statuses = responses.map((response) => response.status).sort();
    assert.equal(statuses.filter((status) => status === 201).length, 1, `statuses ${statuses}`);
    const first = await json(responses.find((response) => response.status === 201)!);
    const replay = await submit();
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await json(replay)).receipt, first.receipt);
    assert.equal(kept.length, 1);
    assert.equal(simulator.received.filter((chat) => chat.status === 201).length, 1);
  });

  test('refusals and the honeypot make none', async () => {
    const { store, kept } = memoryReceipts();
    const { handler } = setup({ receipts: store, limits: { perIp: 100, perContact: 1, daily: 100 } });
    assert.equal((await handler(post(phoneBody()))).status, 201);
    assert.equal(kept.length, 1);
    const refused: Array<[Request, number, string]> = [
      [post(phoneBody({ consent: false })), 422, 'consent'],
      [post(phoneBody({ page: 'javascript:alert(1)' })), 422, 'body'],
      [post(phoneBody({ page: 'ftp://harbor.example/' })), 422, 'body'],
      [post(phoneBody({ consent_text: 'x'.repeat(1001) })), 422, 'body'],
      [post(phoneBody()), 429, 'rate_limited'],
    ];
    for (const [request, status, what] of refused) {
      const response = await handler(request);
      const { error } = await json(response);
      assert.equal(response.status, status);
      assert.equal(status === 429 ? error.code : error.field, what);
    }
    // At the limits, evidence is accepted.
    const longest = await handler(post(phoneBody({ contact: '+14155559876', consent_text: 'x'.repeat(1000), page: `https://harbor.example/${'p'.repeat(2000)}` })));
    assert.equal(longest.status, 201);
    assert.equal(kept.length, 2);
    const honeypot = await handler(post(phoneBody({ contact: '+14155551000', hp: 'bot' })));
    assert.equal(honeypot.status, 201);
    assert.equal((await json(honeypot)).receipt, null);
    assert.equal(kept.length, 2);
  });

  test('a vendor error makes none; a started session whose body could not be read makes one', async () => {
    const { store, kept } = memoryReceipts();
    const { handler, simulator } = setup({ receipts: store });
    simulator.failNext(500);
    assert.equal((await handler(post(phoneBody()))).status, 502);
    simulator.failNext('unreadable-body');
    // Started (the vendor's status is authoritative), id unknown: the receipt is kept all the same.
    const started = await handler(post(phoneBody({ contact: '+14155551000' })));
    assert.equal(started.status, 201);
    assert.equal(kept.length, 1);
    assert.equal(kept[0]!.vendor_session_id, null);
  });

  test('a store that fails: the visitor still gets the success with receipt null, the log says receipt_failed at error level', async () => {
    const { store, kept, fail } = memoryReceipts();
    const { handler, logs } = setup({ receipts: store });
    fail(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const response = await handler(post(phoneBody(evidence)));
    assert.equal(response.status, 201);
    const body = await json(response);
    assert.equal(body.receipt, null);
    assert.ok(body.id);
    assert.equal(logs[0]!.status, 201);
    assert.equal(logs[0]!.code, 'receipt_failed');
    assert.equal(logs[0]!.level, 'error');
    assert.match(logs[0]!.detail!, /receipt not stored: connect ECONNREFUSED/);
    assert.ok(!JSON.stringify(logs[0]).includes(PHONE));
    // The proxy keeps serving, and receipts come back with the store.
    fail(undefined);
    const next = await handler(post(phoneBody({ contact: '+14155551000' })));
    assert.equal(next.status, 201);
    assert.equal((await json(next)).receipt, kept[0]!.id);
  });

  test('a store that never answers: the write gives up at its deadline with null, and says why', async () => {
    const reasons: string[] = [];
    const hanging: ReceiptStore = { add: () => new Promise(() => {}) };
    const started = performance.now();
    const id = await keepReceipt(hanging, { id: 'r' } as Receipt, (reason) => reasons.push(reason), 50);
    assert.equal(id, null);
    assert.ok(performance.now() - started < 1000);
    assert.deepEqual(reasons, ['receipt not stored: no answer within 50 ms']);
  });

  test('without a store the body says receipt null and nothing is kept', async () => {
    const { handler } = setup();
    const body = await json(await handler(post(phoneBody())));
    assert.ok('receipt' in body);
    assert.equal(body.receipt, null);
  });
});

/** 8 concurrent submits of one key, then a replay: the database holds one receipt for that key. */
async function concurrentDuplicates(handler: ChatProxyHandler, db: ReceiptDatabase, contact: string): Promise<void> {
  const key = crypto.randomUUID();
  const body = phoneBody({ contact, ...evidence });
  const responses = await Promise.all(Array.from({ length: 8 }, () => handler(post(body, { 'Idempotency-Key': key }))));
  const accepted = responses.filter((response) => response.status === 201);
  assert.equal(accepted.length, 1);
  const { receipt } = await json(accepted[0]!);
  assert.equal((await json(await handler(post(body, { 'Idempotency-Key': key })))).receipt, receipt);
  const kept = (await db.list({ contact })).filter((item) => item.idempotency_key === key);
  assert.deepEqual(kept.map((item) => item.id), [receipt]);
}

describe('receipts in the embedded database through the proxy', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'agent-chat-receipts-proxy-'));
  });
  after(async () => rm(directory, { recursive: true, force: true }));

  test('concurrent duplicate submits make one receipt; a restart keeps it', async () => {
    let db = await openEmbeddedReceipts(directory);
    const { handler } = setup({ receipts: db });
    await concurrentDuplicates(handler, db, '+14155551000');
    await db.erase('+14155551000');
    const body = await json(await handler(post(phoneBody(evidence))));
    await db.close();
    db = await openEmbeddedReceipts(directory);
    const [receipt] = await db.list();
    await db.close();
    assert.equal(receipt!.id, body.receipt);
    assert.equal(receipt!.consent_text, CONSENT_TEXT);
  });
});

describe('receipts on a PostgreSQL server through two proxy instances', { skip: SKIP_POSTGRES }, () => {
  let server: PostgresServer;
  let databases: ReceiptDatabase[];
  let instances: Array<{ handler: ChatProxyHandler; logs: ReturnType<typeof setup>['logs'] }>;
  before(async () => {
    server = await startPostgres();
    databases = [await openServerReceipts(server.url, { timeoutMs: 1000, onError: () => {} }), await openServerReceipts(server.url, { timeoutMs: 1000, onError: () => {} })];
    instances = databases.map((db) => setup({ receipts: db }));
  });
  after(async () => {
    await Promise.all(databases?.map((db) => db.close()) ?? []);
    await server?.remove();
  });

  test('concurrent duplicate submits make one receipt', async () => {
    await concurrentDuplicates(instances[0]!.handler, databases[0]!, '+4915123456789');
  });

  test('both instances write to one table and each reads what the other wrote', async () => {
    const a = await json(await instances[0]!.handler(post(phoneBody(evidence))));
    const b = await json(await instances[1]!.handler(post(phoneBody({ contact: '+14155551000', ...evidence }))));
    for (const db of databases) {
      const ids = (await db.list()).map((receipt) => receipt.id);
      assert.ok(ids.includes(a.receipt) && ids.includes(b.receipt), `${a.receipt} and ${b.receipt} in ${ids}`);
    }
  });

  test('the database down: visitors still get 201 (receipt null, logged); back up: receipts again', async () => {
    await server.kill();
    try {
      const response = await instances[0]!.handler(post(phoneBody({ contact: '+14155559876' })));
      assert.equal(response.status, 201);
      assert.equal((await json(response)).receipt, null);
      const entry = instances[0]!.logs.at(-1)!;
      assert.equal(entry.code, 'receipt_failed');
      assert.equal(entry.level, 'error');
    } finally {
      await server.start();
    }
    const response = await instances[1]!.handler(post(phoneBody({ contact: '+442071838750' })));
    const { receipt } = await json(response);
    assert.match(receipt, UUID);
    assert.equal((await databases[0]!.list({ contact: '+442071838750' }))[0]!.id, receipt);
  });
});

describe('the runtime-neutral proxy entry', () => {
  test('loads no database client, lock file or file system (they are Node-only, in the Node entry)', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: ['src/proxy/index.ts'],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((input) => input.endsWith('receipts/step.ts')), 'the receipt step is in the entry');
    assert.deepEqual(imports.filter((path) => /pglite|^pg$|proper-lockfile|^node:fs/.test(path)), []);
    assert.deepEqual(inputs.filter((input) => /receipts\/(embedded|server|open)\.ts$/.test(input)), []);
  });
});
