// The request log: one entry per request, contact masked, never the raw contact or the API key.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createChatProxy, maskContact } from '../../src/proxy/index.js';
import { SIMULATOR_DEFAULTS } from '../../src/simulator/index.js';
import { EMAIL, ENDPOINT, KEY, PHONE, json, phoneBody, post, setup } from './support.js';

describe('maskContact', () => {
  test('phone numbers keep the country code, area and last four digits', () => {
    assert.equal(maskContact('+14155550123'), '+1415•••0123');
  });
  test('email addresses keep the first letter and the domain', () => {
    assert.equal(maskContact('jane.doe@example.com'), 'j•••@example.com');
  });
  test('anything else keeps only its first character', () => {
    assert.equal(maskContact('hello world'), 'h•••');
    assert.equal(maskContact('+12345'), '+1•••45');
  });
});

describe('log entries', () => {
  test('one entry per request with id, method, path, status, latency, type and masked contact', async () => {
    const { handler, logs } = setup();
    await handler(post(phoneBody()));
    assert.equal(logs.length, 1);
    const [entry] = logs;
    assert.match(entry!.id, /^[0-9a-f-]{36}$/);
    assert.equal(entry!.method, 'POST');
    assert.equal(entry!.path, '/api/agent-chat');
    assert.equal(entry!.status, 201);
    assert.equal(typeof entry!.latency_ms, 'number');
    assert.equal(entry!.type, 'phone');
    assert.equal(entry!.contact, '+1415•••0123');
    assert.equal(entry!.time, '2026-11-24T12:00:00.000Z');
  });

  test('errors log their code and field', async () => {
    const { handler, logs } = setup();
    await handler(post(phoneBody({ consent: false })));
    assert.equal(logs[0]!.code, 'validation_failed');
    assert.equal(logs[0]!.field, 'consent');
  });

  test('the path is logged without its query string', async () => {
    const { handler, logs } = setup();
    await handler(new Request(`${ENDPOINT}?email=${encodeURIComponent(EMAIL)}`));
    assert.equal(logs[0]!.path, '/api/agent-chat');
  });

  test('no log line contains the raw contact or the API key, even when the vendor echoes them', async () => {
    const apiKey = 'live-key-1234567890';
    const echo = async (request: Request) => {
      const body = await request.text();
      return new Response(`bad request ${body} with key ${request.headers.get('x-whippy-key')}`, { status: 422 });
    };
    const { handler, logs } = setup({ apiKey, fetch: echo });
    await handler(post(phoneBody()));
    await handler(post({ type: 'email', contact: EMAIL }));
    await handler(post(phoneBody({ consent: false })));
    await handler(post(phoneBody({ hp: 'x' })));
    await handler(post(phoneBody(), { 'Idempotency-Key': KEY }));
    await handler(post(phoneBody(), { 'Idempotency-Key': KEY }));
    const lines = logs.map((entry) => JSON.stringify(entry)).join('\n');
    assert.ok(!lines.includes(KEY), 'nor the idempotency key');
    assert.match(lines, /vendor answered 422/, 'the vendor text is logged');
    assert.ok(!lines.includes(PHONE), lines);
    assert.ok(!lines.includes(EMAIL), lines);
    assert.ok(!lines.includes(apiKey), lines);
  });

  test('the default logger writes one JSON line to stdout, masked', async (t) => {
    const lines: string[] = [];
    t.mock.method(console, 'log', (line: string) => lines.push(line));
    const handler = createChatProxy({
      apiKey: SIMULATOR_DEFAULTS.apiKey,
      agentId: SIMULATOR_DEFAULTS.agentId,
      fetch: async () => Response.json({ data: { id: 'x' } }, { status: 201 }),
      channels: { email: 'agent@example.com' },
    });
    const response = await handler(post({ type: 'email', contact: EMAIL }));
    assert.equal((await json(response)).id, 'x');
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!);
    assert.equal(entry.contact, 'j•••@example.com');
    assert.ok(!lines[0]!.includes(SIMULATOR_DEFAULTS.apiKey));
  });
});

describe('the contact in other forms, and unsafe characters', () => {
  test('the vendor repeating the contact lower-cased, digits only or formatted never puts it in the log', async () => {
    const phoneForms = ['4155550123', '14155550123', '(415) 555-0123', '+1 415-555-0123', '415.555.0123', '+1\u00a0415\u2011555\u20110123'];
    const emailForms = ['JANE.DOE@EXAMPLE.COM', 'jane.doe@example.com'];
    const echo = async (request: Request) => {
      const { type } = (await request.json()) as { type: string };
      return new Response(`refused: ${(type === 'email' ? emailForms : phoneForms).join(', ')}`, { status: 422 });
    };
    const { handler, logs } = setup({ fetch: echo });
    await handler(post(phoneBody()));
    await handler(post({ type: 'email', contact: 'Jane.Doe@Example.com' }));
    const lines = logs.map((entry) => JSON.stringify(entry)).join('\n');
    assert.match(lines, /refused: /);
    assert.ok(!/555\D?0123/.test(lines), lines);
    assert.ok(!lines.toLowerCase().includes('jane.doe@example.com'), lines);
  });

  test('controls, line and paragraph separators and bidi overrides are escaped in every logged string', async () => {
    const unsafe = ['\u0000', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\u202e', '\u2066', '\u200f', '\u061c', '\n', '\r'];
    const echo = async () => new Response(`vendor says ${unsafe.join('x')}`, { status: 500 });
    const { handler, logs } = setup({ fetch: echo });
    await handler(post(phoneBody()));
    await handler(new Request(`${ENDPOINT.replace('/api/agent-chat', '/api/agent-chat%E2%80%AE')}`));
    await handler(post({ type: 'email', contact: '\u202egro.live@x', hp: '' }));
    assert.equal(logs.length, 3);
    for (const entry of logs) {
      for (const value of Object.values(entry)) {
        if (typeof value !== 'string') continue;
        for (const char of unsafe) assert.ok(!value.includes(char), `${JSON.stringify(char)} in ${JSON.stringify(value)}`);
      }
    }
    assert.match(logs[0]!.detail ?? '', /\\u202e/);
    assert.equal(logs[2]!.contact, '\\u202e•••@x');
  });
});
