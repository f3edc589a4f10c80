// Fuzzing: thousands of malformed bodies and headers (seeded, so a failure replays) through the handler, and
// malformed raw HTTP through the Node server: never a 5xx, never a vendor call, and the process stays healthy.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { startProxyServer } from '../../src/proxy/adapters/node.js';
import { ERROR_STATUS } from '../../src/contract/index.js';
import { ENDPOINT, json, phoneBody, post, setup } from './support.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const CASES = Number(process.env.FUZZ_CASES ?? 5000);
const RAW_CASES = Number(process.env.FUZZ_RAW_CASES ?? 200);

/** mulberry32: a small seeded PRNG. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (length: number, alphabet = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~') =>
    Array.from({ length }, () => alphabet[int(alphabet.length)]).join('');
  return { next, int, pick, text };
}

type Rng = ReturnType<typeof random>;

// Values that are wrong for every field of the contract.
function junk(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => rng.int(1e9) - 5e8,
    () => -0.000001,
    () => rng.next() < 0.5,
    () => [],
    () => ({ nested: { deeper: [1, 2, { x: 'y' }] } }),
    () => rng.text(rng.int(40)),
    () => 'x'.repeat(101 + rng.int(400)),
    () => '\u0000\u202e\ud83d\ude00' + rng.text(5),
    () => '+' + '9'.repeat(1 + rng.int(20)),
    () => '<script>alert(1)</script>',
    () => ({ __proto__: { polluted: true } }),
    () => '2026-13-45T99:99:99Z',
  ])();
}

const wrongContact = ['', 'abc', '+1234', '+10000000000', '+19005550123', '+18005550199', '4155550123', 'a@b', 'jane@localhost', '@example.com', `${'a'.repeat(65)}@example.com`, '+1 415 555 0123', '+44', '💥@example.com'];
const wrongSchedule = ['2020-01-01T00:00:00Z', '2026-11-24T12:00:30Z', '2099-01-01T00:00:00Z', 'tomorrow', '2026-11-25T15:00:00', '2026-11-25', 1764072000000, '', 'T'];
const wrongType = ['fax', 'PHONE', 'sms', '', 'email ', 'whatsApp'];
const badMediaTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx', 'json', '', 'application/javascript', '*/*', 'application/json; charset="utf-16"'];
const badKeys = ['abc', '123', '0b7e4c9a3f1d4e2b8a6c5d9f1e2a3b4c', '0b7e4c9a-3f1d-4e2b-8a6c-5d9f1e2a3b4c-x', ' ', "'; DROP TABLE--", 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'];
const methods = ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND', 'FOO'];

interface Case {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

// A body mutation that leaves the request certainly invalid (or a filled honeypot).
function mutateBody(rng: Rng, body: Record<string, unknown>): void {
  rng.pick<() => void>([
    () => (body.type = rng.pick([...wrongType, junk(rng)])),
    () => (body.contact = rng.pick([...wrongContact, junk(rng)])),
    // null (and Infinity, which JSON writes as null) would count as "now": valid.
    () => (body.schedule_at = rng.pick<unknown>([...wrongSchedule, junk(rng)]) ?? 'null'),
    () => (body.consent = rng.pick(['true', 'yes', 1, 0, {}, []])),
    () => delete body[rng.pick(['type', 'contact'])],
    () => (body[rng.pick(['name', 'email', 'phone', 'admin', 'TYPE', rng.text(1 + rng.int(10), 'abcdefgh_')])] = junk(rng)),
    () => (body[rng.pick(['locale', 'timezone'])] = rng.pick(['x'.repeat(101), 5, {}, [], true])),
    () => (body.hp = rng.pick(['x', 'https://spam.example', 1, true, { a: 1 }])),
  ])();
}

function serialize(rng: Rng, body: Record<string, unknown>): string {
  let text = JSON.stringify(body, null, rng.next() < 0.2 ? 2 : undefined);
  if (rng.next() < 0.1) text = text.replace('{', `{"${rng.pick(['__proto__', 'constructor', 'prototype'])}":{"polluted":true},`);
  return text;
}

function fuzzCase(rng: Rng): Case {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (rng.next() < 0.7) headers['Idempotency-Key'] = crypto.randomUUID();
  const kind = rng.int(10);
  if (kind === 0) {
    // Random bytes.
    return { method: 'POST', headers, body: new Uint8Array(Array.from({ length: rng.int(600) }, () => rng.int(256))) };
  }
  if (kind === 1) {
    // JSON that is not an object, or is nested deeply.
    const depth = 1 + rng.int(1500);
    const values = [() => '[' .repeat(depth) + ']'.repeat(depth), () => JSON.stringify(junk(rng)), () => JSON.stringify([phoneBody()]), () => '{"a":'.repeat(depth / 6) + '1' + '}'.repeat(depth / 6)];
    return { method: 'POST', headers, body: rng.pick(values)() };
  }
  if (kind === 2) {
    // A valid body cut short, or with garbage appended.
    const text = JSON.stringify(phoneBody());
    return { method: 'POST', headers, body: rng.next() < 0.5 ? text.slice(0, rng.int(text.length)) : text + rng.pick([',', '}', 'x', '{}', '\u0000']) };
  }
  if (kind === 3) {
    // Headers that refuse the request whatever the body.
    const body = JSON.stringify(phoneBody());
    rng.pick<() => void>([
      () => (headers['Content-Type'] = rng.pick(badMediaTypes)),
      () => delete headers['Content-Type'],
      () => (headers['Idempotency-Key'] = rng.pick(badKeys)),
      () => (headers.Origin = rng.pick(['https://evil.example', 'null', 'http://shop.example:8080', 'https://shop.example', 'file://'])),
    ])();
    return { method: 'POST', headers, body };
  }
  if (kind === 4) {
    return { method: rng.pick(methods), headers };
  }
  if (kind === 5) {
    // Too large: padded past 4 KiB.
    return { method: 'POST', headers, body: JSON.stringify(phoneBody({ locale: 'x'.repeat(4097 + rng.int(20_000)) })) };
  }
  // A valid body with one to three certain faults.
  const body = rng.pick([phoneBody(), phoneBody({ type: 'whatsapp' }), { type: 'email', contact: 'jane@example.com' }]) as Record<string, unknown>;
  const faults = 1 + rng.int(3);
  for (let i = 0; i < faults; i++) mutateBody(rng, body);
  return { method: 'POST', headers, body: serialize(rng, body) };
}

const KNOWN_CODES = new Set(Object.keys(ERROR_STATUS));

describe('fuzz', () => {
  test(`${CASES} malformed requests (seed ${SEED}): no 5xx, no vendor call, every answer the contract's JSON`, async (t) => {
    const rng = random(SEED);
    const { handler, simulator } = setup({ limits: { perIp: 1e6, perContact: 1e6, daily: 1e6 }, log: () => {} });
    const statuses = new Map<number, number>();
    for (let i = 0; i < CASES; i++) {
      const fuzz = fuzzCase(rng);
      const init: RequestInit = { method: fuzz.method, headers: fuzz.headers };
      if (fuzz.body !== undefined) init.body = fuzz.body;
      const request = new Request(ENDPOINT, init);
      const response = await handler(request, { clientIp: `10.0.${i >> 8}.${i & 255}` });
      const text = await response.text();
      const where = `case ${i}: ${fuzz.method} ${JSON.stringify(fuzz.headers)} ${String(fuzz.body).slice(0, 200)} → ${response.status} ${text}`;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      assert.ok(response.status < 500, where);
      assert.equal(simulator.received.length, 0, where);
      assert.equal(response.headers.get('cache-control'), 'no-store', where);
      if (response.status === 204) continue;
      const body = JSON.parse(text);
      if (response.status === 201) assert.deepEqual([body.status, body.id, body.receipt], ['started', null, null], `only the honeypot succeeds: ${where}`);
      else assert.ok(KNOWN_CODES.has(body.error?.code) && ERROR_STATUS[body.error.code as keyof typeof ERROR_STATUS] === response.status, where);
    }
    t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    assert.ok((statuses.get(422) ?? 0) > CASES / 3, 'most cases reach validation');

    // Still healthy: a valid request goes through, and nothing leaked into Object.prototype.
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const valid = await handler(post(phoneBody()));
    assert.equal(valid.status, 201);
    assert.equal(typeof (await json(valid)).id, 'string');
    assert.equal(simulator.received.length, 1);
  });

  test(`${RAW_CASES} malformed raw HTTP requests to the Node server: no 5xx, no vendor call, still serving`, async (t) => {
    const rng = random(SEED + 1);
    const { handler, simulator } = setup({ limits: { perIp: 1e6, perContact: 1e6, daily: 1e6 }, log: () => {} });
    const server = await startProxyServer({ handler, port: 0 });
    const { hostname, port } = new URL(server.origin);
    const statuses = new Map<string, number>();
    try {
      for (let i = 0; i < RAW_CASES; i++) {
        const raw = rawRequest(rng);
        const answer = await sendRaw(hostname, Number(port), raw);
        const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 'closed';
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        assert.ok(status === 'closed' || Number(status) < 500, `case ${i}: ${JSON.stringify(raw.slice(0, 300))} → ${answer.slice(0, 300)}`);
      }
      t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
      assert.equal(simulator.received.length, 0);
      assert.equal((await fetch(`${server.origin}/healthz`)).status, 200);
      const valid = await fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(phoneBody()) });
      assert.equal(valid.status, 201);
    } finally {
      await server.close();
    }
  });
});

// A request line, headers and body, each possibly broken: lying Content-Length, broken chunking, junk headers.
function rawRequest(rng: Rng): string {
  const body = rng.pick([JSON.stringify(phoneBody({ consent: false })), '{"type":', rng.text(rng.int(200)), '']);
  const lines = [rng.pick(['POST /api/agent-chat HTTP/1.1', 'POST /api/agent-chat HTTP/1.0', 'POST /api/agent-chat?x=1 HTTP/1.1', 'GET /api/agent-chat HTTP/1.1', 'POST  HTTP/1.1', 'POST /api/agent-chat HTTP/9.9', rng.text(20)])];
  lines.push('Host: 127.0.0.1');
  const contentType = rng.pick(['application/json', 'text/plain', '', 'application/json; charset=utf-8']);
  if (contentType) lines.push(`Content-Type: ${contentType}`);
  const framing = rng.int(5);
  let payload = body;
  if (framing === 0) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  if (framing === 1) lines.push(`Content-Length: ${rng.pick([0, 1, Buffer.byteLength(body) + 5, -1, 99999999999])}`);
  if (framing === 2) {
    lines.push('Transfer-Encoding: chunked');
    payload = rng.next() < 0.5 ? `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n` : `zz\r\n${body}\r\n`;
  }
  if (framing === 3) lines.push('Content-Length: 5', 'Transfer-Encoding: chunked');
  for (let i = rng.int(4); i > 0; i--) {
    lines.push(rng.pick([`Idempotency-Key: ${rng.text(10)}`, `X-${rng.text(5, 'abc')}: ${rng.text(30)}`, `Origin: ${rng.text(15)}`, rng.text(25), 'X-Forwarded-For: 1.2.3.4, ::1', `Content-Type: ${rng.text(12)}`]));
  }
  lines.push('Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n${payload}`;
}

// Sends raw bytes; resolves with whatever came back once the server closes, or after 250 ms
// (a Content-Length longer than the body keeps the server waiting for the rest).
function sendRaw(host: string, port: number, raw: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, 250);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', done);
    socket.on('error', done);
    socket.on('close', done);
    socket.write(raw, 'latin1');
  });
}
