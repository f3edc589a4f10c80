// The pipeline: compose runs stages in order around the last step, and a site's own stage (config.stages)
// runs after validation, before idempotency and limits, answering by itself or passing on.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProxyError, type ChatStage } from '../../src/proxy/index.js';
import { compose, type Reply } from '../../src/proxy/stage.js';
import { KEY, json, phoneBody, post, setup } from './support.js';

describe('compose', () => {
  test('runs the stages in order around the last step, each seeing what came back', async () => {
    const order: string[] = [];
    const run = compose<string[]>(
      [
        async (seen, next) => (seen.push('a'), { ...(await next()), headers: { a: '1' } }),
        async (seen, next) => (seen.push('b'), next()),
      ],
      async (seen) => (seen.push('last'), { status: 201, body: { ok: true } }),
    );
    const reply: Reply = await run(order);
    assert.deepEqual(order, ['a', 'b', 'last']);
    assert.deepEqual(reply, { status: 201, body: { ok: true }, headers: { a: '1' } });
  });

  test('a stage that answers itself stops the chain; next() twice is refused', async () => {
    let reached = false;
    const stop = compose<null>([async () => ({ status: 204, body: null })], async () => ((reached = true), { status: 201, body: null }));
    assert.equal((await stop(null)).status, 204);
    assert.equal(reached, false);
    const twice = compose<null>([async (_, next) => (await next(), next())], async () => ({ status: 201, body: null }));
    await assert.rejects(twice(null), /next\(\) twice/);
  });
});

describe('config.stages: a check of the site\'s own', () => {
  // A CAPTCHA-like check on a header: the one file a site owner writes.
  const captcha: ChatStage = async (context, next) => {
    if (context.request.headers.get('x-captcha') !== 'solved') throw new ProxyError('validation_failed', { field: 'body', message: 'Please prove you are human.' });
    return next();
  };

  test('refuses before anything is counted or recorded, passes a valid request on', async () => {
    const { handler, simulator, logs } = setup({ stages: [captcha], limits: { perIp: 1, perContact: 1, daily: 1 } });
    const refused = await handler(post(phoneBody(), { 'Idempotency-Key': KEY }), { clientIp: '203.0.113.1' });
    assert.equal(refused.status, 422);
    assert.equal((await json(refused)).error.message, 'Please prove you are human.');
    assert.equal(logs[0]!.code, 'validation_failed');
    const passed = await handler(post(phoneBody(), { 'Idempotency-Key': KEY, 'X-Captcha': 'solved' }), { clientIp: '203.0.113.1' });
    assert.equal(passed.status, 201, 'neither the key nor a limit was used by the refusal');
    assert.equal(simulator.received.length, 1);
  });

  test('sees the validated, canonical chat', async () => {
    const seen: string[] = [];
    const { handler } = setup({ stages: [async (context, next) => (seen.push(`${context.chat.type} ${context.chat.contact} ${context.from}`), next())] });
    await handler(post(phoneBody({ contact: '+4407400123456' })));
    assert.deepEqual(seen, ['phone +447400123456 +14155550100']);
  });
});
