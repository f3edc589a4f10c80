import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UUID_PATTERN } from '../../src/contract/constants.js';
import type { ChatRequest } from '../../src/contract/schemas.js';
import { newKey, SubmissionKeys, submitChat } from '../../src/widget/submit.js';

const body: ChatRequest = { type: 'phone', contact: '+14155550123', consent: true, hp: '', locale: 'en-US', timezone: 'America/Los_Angeles' };

/** A fetch that answers with `response` and records what it was asked. */
function fakeFetch(response: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response();
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe('submitChat', () => {
  it('posts JSON with the idempotency key and reads a 201 with the canonical contact and the receipt', async () => {
    const { fn, calls } = fakeFetch(() => Response.json({ status: 'started', id: 'abc', contact: '+14155550123', receipt: 'r-1' }, { status: 201 }));
    const outcome = await submitChat({ endpoint: '/api/agent-chat', body: { ...body, contact: '+1 (415) 555-0123' }, key: 'k-1', fetch: fn });
    assert.deepEqual(outcome, { ok: true, status: 'started', id: 'abc', scheduleAt: null, contact: '+14155550123', receipt: 'r-1' });
    const headers = calls[0].init.headers as Record<string, string>;
    assert.equal(headers['Idempotency-Key'], 'k-1');
    assert.equal(headers['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(calls[0].init.body as string), { ...body, contact: '+1 (415) 555-0123' });
  });

  it('reads a 202 as scheduled, and a 201 with an unreadable body as started', async () => {
    const scheduled = fakeFetch(() => Response.json({ status: 'scheduled', id: 's', schedule_at: '2026-11-25T15:00:00Z' }, { status: 202 }));
    assert.deepEqual(await submitChat({ endpoint: '/x', body, key: 'k', fetch: scheduled.fn }), {
      ok: true,
      status: 'scheduled',
      id: 's',
      scheduleAt: '2026-11-25T15:00:00Z',
      contact: body.contact,
      receipt: null,
    });
    const garbled = fakeFetch(() => new Response('<html>', { status: 201 }));
    assert.deepEqual(await submitChat({ endpoint: '/x', body, key: 'k', fetch: garbled.fn }), { ok: true, status: 'started', id: null, scheduleAt: null, contact: body.contact, receipt: null });
  });

  it('passes on the proxy error code, field and whether a retry may help', async () => {
    const invalid = fakeFetch(() => Response.json({ error: { code: 'validation_failed', message: 'x', field: 'contact' } }, { status: 422 }));
    assert.deepEqual(await submitChat({ endpoint: '/x', body, key: 'k', fetch: invalid.fn }), {
      ok: false,
      code: 'validation_failed',
      retryable: false,
      field: 'contact',
      retryAfter: undefined,
    });
    const limited = fakeFetch(() => Response.json({ error: { code: 'rate_limited', message: 'x', retry_after: 60 } }, { status: 429 }));
    const outcome = await submitChat({ endpoint: '/x', body, key: 'k', fetch: limited.fn });
    assert.equal(outcome.ok === false && outcome.retryable && outcome.retryAfter, 60);
    const foreign = fakeFetch(() => Response.json({ error: { code: 'internal_oops', message: 'x' } }, { status: 500 }));
    const unknown = await submitChat({ endpoint: '/x', body, key: 'k', fetch: foreign.fn });
    assert.equal(!unknown.ok && unknown.code, 'unexpected_response', 'a code the contract does not have is not passed on');
    const html = fakeFetch(() => new Response('Bad gateway', { status: 502 }));
    assert.deepEqual(await submitChat({ endpoint: '/x', body, key: 'k', fetch: html.fn }), {
      ok: false,
      code: 'unexpected_response',
      retryable: true,
      field: undefined,
      retryAfter: undefined,
    });
  });

  it('reports network_error when no answer came and timeout when it gave up', async () => {
    const down = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    assert.deepEqual(await submitChat({ endpoint: '/x', body, key: 'k', fetch: down.fn }), { ok: false, code: 'network_error', retryable: true });
    // AbortSignal.timeout's timer does not keep Node alive; this one does until the abort.
    const hang = (async (_url: string, init: RequestInit) =>
      new Promise((_, reject) => {
        const alive = setTimeout(() => {}, 5000);
        init.signal!.addEventListener('abort', () => (clearTimeout(alive), reject(init.signal!.reason)));
      })) as unknown as typeof fetch;
    assert.deepEqual(await submitChat({ endpoint: '/x', body, key: 'k', fetch: hang, timeoutMs: 20 }), { ok: false, code: 'timeout', retryable: true });
  });
});

describe('submission keys', () => {
  it('keeps the key for the same body and makes a new one for an edited body', () => {
    const keys = new SubmissionKeys();
    const first = keys.keyFor(body);
    assert.match(first, UUID_PATTERN);
    assert.equal(keys.keyFor({ ...body }), first);
    assert.notEqual(keys.keyFor({ ...body, contact: '+14155551000' }), first);
    keys.forget();
    assert.notEqual(keys.keyFor({ ...body, contact: '+14155551000' }), first);
  });

  it('makes a v4 UUID even without crypto.randomUUID', () => {
    const original = crypto.randomUUID;
    try {
      (crypto as { randomUUID?: unknown }).randomUUID = undefined;
      const key = newKey();
      assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      crypto.randomUUID = original;
    }
  });
});
