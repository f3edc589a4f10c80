// `agent-chat-proxy receipts`: CSV (read back by csv-parse) and JSON output, filters, contact in any
// spelling, erasure with confirmation, and a directory held by a running proxy.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { runReceipts } from '../../src/cli/receipts.js';
import { openEmbeddedReceipts } from '../../src/proxy/receipts/embedded.js';
import type { Receipt } from '../../src/proxy/receipts/types.js';
import { NOW, receipt } from '../proxy/receipts-support.js';

const DAY = 86_400_000;

async function run(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runReceipts(args, env, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

// CSV cells are text: what a receipt becomes in a spreadsheet.
const asCsvRow = (r: Receipt) =>
  Object.fromEntries(Object.entries(r).map(([key, value]) => [key, value === null ? '' : String(value)]));

describe('agent-chat-proxy receipts', () => {
  let directory: string;
  let env: NodeJS.ProcessEnv;
  const phone = receipt({ contact: '+447400123456', created_at: new Date(NOW - 2 * DAY).toISOString() });
  const tricky = receipt({
    contact: '+14155550123',
    consent_text: '=HYPERLINK("http://evil.example","click"), then "quotes",\r\nnew lines',
    user_agent: '-2+3',
    created_at: new Date(NOW - DAY).toISOString(),
  });
  const email = receipt({ channel: 'email', contact: 'Jane.Doe@example.com', consent: null, consent_text: null, created_at: new Date(NOW).toISOString() });

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'agent-chat-receipts-cli-'));
    env = { RECEIPTS: join(directory, 'receipts') };
    const db = await openEmbeddedReceipts(env.RECEIPTS!);
    for (const item of [email, phone, tricky]) await db.add(item);
    await db.close();
  });
  after(async () => rm(directory, { recursive: true, force: true }));

  test('CSV: a header and one row per receipt, oldest first, as a CSV parser reads it', async () => {
    const { code, stdout } = await run([], env);
    assert.equal(code, 0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows[0], asCsvRow(phone));
    // Formula-like text a visitor sent is defused; the phone number is kept as it is.
    assert.deepEqual(rows[1], {
      ...asCsvRow(tricky),
      consent_text: `'${tricky.consent_text}`,
      user_agent: `'${tricky.user_agent}`,
    });
    assert.deepEqual(rows[2], asCsvRow(email));
  });

  test('JSON: the receipts exactly, filtered by contact in another spelling and by time', async () => {
    const all = await run(['--format', 'json'], env);
    assert.deepEqual(JSON.parse(all.stdout), [phone, tricky, email]);
    const uk = await run(['--format', 'json', '--contact', '+44 (0)7400 123456'], env);
    assert.deepEqual(JSON.parse(uk.stdout), [phone]);
    const us = await run(['--format', 'json', '--contact', '+1 (415) 555-0123'], env);
    assert.deepEqual(JSON.parse(us.stdout), [tricky]);
    const mail = await run(['--format', 'json', '--contact', 'jane.doe@EXAMPLE.com'], env);
    assert.deepEqual(JSON.parse(mail.stdout), [email]);
    const window = await run(['--format', 'json', '--since', new Date(NOW - DAY).toISOString(), '--until', new Date(NOW).toISOString()], env);
    assert.deepEqual(JSON.parse(window.stdout), [tricky]);
  });

  test('refuses bad input with a message naming the flag', async () => {
    for (const [args, pattern] of [
      [['--format', 'xml'], /--format must be csv or json/],
      [['--since', 'yesterday'], /--since must be an ISO 8601/],
      [['--contact', '4155550123'], /international form/],
      [['--delete'], /--delete erases one person/],
    ] as const) {
      const { code, stderr } = await run([...args], env);
      assert.equal(code, 1);
      assert.match(stderr, pattern);
    }
    for (const [RECEIPTS, pattern] of [
      ['off', /RECEIPTS is off/],
      ['redis://localhost', /RECEIPTS must be off, a postgres:\/\/ URL or a directory/],
      [join(directory, 'typo'), /there is no receipt database in .*typo/],
    ] as const) {
      const { code, stderr } = await run([], { RECEIPTS });
      assert.equal(code, 1);
      assert.match(stderr, pattern);
    }
  });

  test('--delete erases one person only with --yes, and only that person', async () => {
    const extra = receipt({ contact: '+447400123456' });
    const db = await openEmbeddedReceipts(env.RECEIPTS!);
    await db.add(extra);
    await db.close();

    const unconfirmed = await run(['--delete', '--contact', '+44 7400 123456'], env);
    assert.equal(unconfirmed.code, 1);
    assert.match(unconfirmed.stderr, /2 receipt\(s\) of \+447400123456 would be erased; run again with --yes/);
    assert.equal(JSON.parse((await run(['--format', 'json'], env)).stdout).length, 4);

    const confirmed = await run(['--delete', '--contact', '+44 7400 123456', '--yes'], env);
    assert.equal(confirmed.code, 0);
    assert.match(confirmed.stderr, /erased 2 receipt\(s\)/);
    assert.deepEqual(JSON.parse((await run(['--format', 'json'], env)).stdout), [tricky, email]);
  });

  test('on a directory a running proxy holds, it refuses with a clear message and leaves it intact', async () => {
    const owner = await openEmbeddedReceipts(env.RECEIPTS!);
    try {
      const { code, stderr } = await run(['--delete', '--contact', '+1 415 555 0123', '--yes'], env);
      assert.equal(code, 1);
      assert.match(stderr, /in use by another process/);
      const later = receipt({ contact: '+14155551000' });
      await owner.add(later);
      assert.equal((await owner.list()).length, 3);
    } finally {
      await owner.close();
    }
  });

  test('the installed command dispatches `receipts` and needs no vendor settings', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/agent-chat-proxy.ts', 'receipts', '--format', 'json', '--contact', 'jane.doe@example.com'],
      { env: { PATH: process.env.PATH, RECEIPTS: env.RECEIPTS } },
    );
    assert.deepEqual(JSON.parse(stdout), [email]);
  });
});
