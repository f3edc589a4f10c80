// setUpProxy: the one place the CLI and `npm start` turn SPEC §5 settings into a handler; the limits of
// the environment are enforced, and the stores are memory unless REDIS_URL is set.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setUpProxy, withSimulatorDefaults } from '../../src/cli/setup.js';
import { settingsFromEnv } from '../../src/proxy/index.js';

const chat = (contact: string, key = crypto.randomUUID()) =>
  new Request('http://127.0.0.1/api/agent-chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ type: 'phone', contact, consent: true }),
  });

// Receipts have their own tests (test/proxy/receipts*.test.ts, test/cli/receipts.test.ts).
const OFF = { RECEIPTS: 'off' };

describe('setUpProxy', () => {
  test('without REDIS_URL: ready at once, memory stores, close() is harmless', async () => {
    const setup = setUpProxy(settingsFromEnv(withSimulatorDefaults(OFF)), true, { log: () => {} });
    await setup.ready;
    assert.equal((await setup.handler(chat('+14155550123'))).status, 201);
    assert.equal(setup.simulator?.received.length, 1);
    await setup.close();
  });

  test('RATE_LIMIT_IP from the environment is enforced', async () => {
    const setup = setUpProxy(settingsFromEnv(withSimulatorDefaults({ ...OFF, RATE_LIMIT_IP: '1' })), true, { log: () => {} });
    const ip = { clientIp: '203.0.113.1' };
    assert.equal((await setup.handler(chat('+14155550123'), ip)).status, 201);
    assert.equal((await setup.handler(chat('+14155551000'), ip)).status, 429);
  });

  test('RATE_LIMIT_CONTACT from the environment is enforced', async () => {
    const setup = setUpProxy(settingsFromEnv(withSimulatorDefaults({ ...OFF, RATE_LIMIT_CONTACT: '1' })), true, { log: () => {} });
    assert.equal((await setup.handler(chat('+14155550123'), { clientIp: '203.0.113.1' })).status, 201);
    assert.equal((await setup.handler(chat('+14155550123'), { clientIp: '203.0.113.2' })).status, 429);
  });

  test('DAILY_LIMIT from the environment is enforced', async () => {
    const setup = setUpProxy(settingsFromEnv(withSimulatorDefaults({ ...OFF, DAILY_LIMIT: '2' })), true, { log: () => {} });
    const statuses = [];
    for (const contact of ['+14155550123', '+14155551000', '+14155559876']) statuses.push((await setup.handler(chat(contact))).status);
    assert.deepEqual(statuses, [201, 201, 429]);
  });

  test('the SPEC defaults apply: 5 per IP, 3 per contact', async () => {
    const setup = setUpProxy(settingsFromEnv(withSimulatorDefaults(OFF)), true, { log: () => {} });
    const contactStatuses = [];
    for (let i = 0; i < 4; i++) contactStatuses.push((await setup.handler(chat('+14155550123'), { clientIp: `203.0.113.${i}` })).status);
    assert.deepEqual(contactStatuses, [201, 201, 201, 429]);
    const ipStatuses = [];
    for (let i = 0; i < 6; i++) ipStatuses.push((await setup.handler(chat(`+1415555100${i}`), { clientIp: '198.51.100.1' })).status);
    assert.deepEqual(ipStatuses, [201, 201, 201, 201, 201, 429]);
  });
});
