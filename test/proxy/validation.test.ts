// Request validation (SPEC §3): each 422 field, the honeypot, and channel availability.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EMAIL, NOW, PHONE, inMinutes, json, phoneBody, post, setup } from './support.js';

async function expectInvalid(
  request: Request,
  field: string,
  options: Parameters<typeof setup>[0] = {},
): Promise<void> {
  const { handler, simulator } = setup(options);
  const response = await handler(request);
  const body = await json(response);
  assert.equal(response.status, 422, JSON.stringify(body));
  assert.equal(body.error.code, 'validation_failed');
  assert.equal(body.error.field, field);
  assert.equal(simulator.received.length, 0, 'the vendor was not called');
}

describe('field type', () => {
  for (const type of ['fax', '', 'PHONE', 3, null]) {
    test(`type ${JSON.stringify(type)} → 422 type`, () => expectInvalid(post(phoneBody({ type })), 'type'));
  }
  test('missing type → 422 type', () => {
    const { type: _, ...rest } = phoneBody();
    return expectInvalid(post(rest), 'type');
  });
});

describe('field contact', () => {
  const invalidPhones = {
    'not E.164 (spaces)': '+1 415 555 0123',
    'national format': '4155550123',
    'invalid for its region': '+10000000000',
    'too short': '+1234',
    'an email address': EMAIL,
    'premium rate': '+19005550123',
    'toll free': '+18005550199',
    'GB premium rate': '+448712345678',
  };
  for (const [name, contact] of Object.entries(invalidPhones)) {
    test(`phone ${name} (${contact}) → 422 contact`, () => expectInvalid(post(phoneBody({ contact })), 'contact'));
    test(`whatsapp ${name} (${contact}) → 422 contact`, () =>
      expectInvalid(post(phoneBody({ type: 'whatsapp', contact })), 'contact'));
  }

  for (const contact of ['+14155550123', '+442071838750', '+447911123456', '+4915123456789']) {
    test(`phone ${contact} (mobile, fixed line or either) is accepted`, async () => {
      const response = await setup().handler(post(phoneBody({ contact })));
      assert.equal(response.status, 201);
    });
  }

  const invalidEmails = ['jane', 'jane@localhost', '@example.com', 'jane@@example.com', `${'a'.repeat(65)}@example.com`, PHONE];
  for (const contact of invalidEmails) {
    test(`email ${contact.slice(0, 30)} → 422 contact`, () =>
      expectInvalid(post({ type: 'email', contact }), 'contact'));
  }

  test('a valid email needs no consent', async () => {
    const response = await setup().handler(post({ type: 'email', contact: EMAIL }));
    assert.equal(response.status, 201);
  });

  test('missing contact → 422 contact', () => expectInvalid(post({ type: 'phone', consent: true }), 'contact'));

  test('PHONE_COUNTRIES refuses numbers of other regions', async () => {
    await expectInvalid(post(phoneBody({ contact: '+4915123456789' })), 'contact', { phoneCountries: ['US', 'CA'] });
    const response = await setup({ phoneCountries: ['us'] }).handler(post(phoneBody()));
    assert.equal(response.status, 201);
  });
});

describe('field schedule_at', () => {
  const cases = {
    'in the past': inMinutes(-5),
    'now': inMinutes(0),
    'closer than the lead time': inMinutes(0.5),
    'beyond the horizon': inMinutes(31 * 24 * 60),
    'without a time zone': '2026-11-25T15:00:00',
    'not a date': 'tomorrow',
    'a number': 1764072000000,
  };
  for (const [name, schedule_at] of Object.entries(cases)) {
    test(`${name} → 422 schedule_at`, () => expectInvalid(post(phoneBody({ schedule_at })), 'schedule_at'));
  }

  test('the horizon follows maxScheduleDays', async () => {
    await expectInvalid(post(phoneBody({ schedule_at: inMinutes(3 * 24 * 60) })), 'schedule_at', { maxScheduleDays: 2 });
  });

  test('null counts as omitted: started now', async () => {
    const response = await setup().handler(post(phoneBody({ schedule_at: null })));
    assert.equal(response.status, 201);
  });

  test('an offset time inside the horizon is accepted and sent to the vendor in UTC whole seconds', async () => {
    const { handler, simulator } = setup();
    const response = await handler(post(phoneBody({ schedule_at: '2026-11-25T15:00:00.750+01:00' })));
    assert.equal(response.status, 202);
    assert.equal((await json(response)).schedule_at, '2026-11-25T14:00:00.000Z');
    assert.equal((simulator.received[0]!.body as any).schedule_at, '2026-11-25T14:00:00.000Z');
  });

  test('exactly the lead time ahead is accepted', async () => {
    const response = await setup().handler(post(phoneBody({ schedule_at: new Date(NOW + 60_000).toISOString() })));
    assert.equal(response.status, 202);
  });
});

describe('field consent', () => {
  for (const consent of [false, undefined, 'yes']) {
    for (const type of ['phone', 'whatsapp']) {
      test(`${type} with consent ${String(consent)} → 422 ${consent === 'yes' ? 'consent (wrong type)' : 'consent'}`, () =>
        expectInvalid(post(phoneBody({ type, consent })), 'consent'));
    }
  }

  test('with requireConsent: false, phone needs no consent', async () => {
    const response = await setup({ requireConsent: false }).handler(post(phoneBody({ consent: undefined })));
    assert.equal(response.status, 201);
  });
});

describe('field idempotency_key', () => {
  for (const key of ['abc', '123', '0b7e4c9a3f1d4e2b8a6c5d9f1e2a3b4c', '0b7e4c9a-3f1d-4e2b-8a6c-5d9f1e2a3b4c-x']) {
    test(`Idempotency-Key ${key} → 422 idempotency_key`, () =>
      expectInvalid(post(phoneBody(), { 'Idempotency-Key': key }), 'idempotency_key'));
  }

  test('no Idempotency-Key runs without replay protection', async () => {
    const request = new Request('http://shop.example/api/agent-chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(phoneBody()),
    });
    assert.equal((await setup().handler(request)).status, 201);
  });
});

describe('field body', () => {
  const cases: Record<string, string> = {
    'an unknown property': JSON.stringify(phoneBody({ name: 'Jane' })),
    '__proto__': JSON.stringify(phoneBody()).replace('{', '{"__proto__":{"admin":true},'),
    'constructor': JSON.stringify(phoneBody({ constructor: { prototype: { admin: true } } })),
    'prototype': JSON.stringify(phoneBody({ prototype: {} })),
    'an array': JSON.stringify([phoneBody()]),
    'a string': '"phone"',
    'null': 'null',
    'a locale longer than 100 characters': JSON.stringify(phoneBody({ locale: 'x'.repeat(101) })),
  };
  for (const [name, text] of Object.entries(cases)) {
    test(`${name} → 422 body`, () => expectInvalid(post(text), 'body'));
  }

  test('__proto__ in the body does not pollute Object.prototype', async () => {
    await setup().handler(post(JSON.stringify(phoneBody()).replace('{', '{"__proto__":{"polluted":true},')));
    assert.equal(({} as any).polluted, undefined);
  });

  test('the field to fix first is reported when several are wrong', () =>
    expectInvalid(post({ type: 'phone', contact: 'x', schedule_at: 'y', extra: 1 }), 'contact'));
});

describe('honeypot', () => {
  for (const hp of ['x', 'https://spam.example', 1, true]) {
    test(`hp ${JSON.stringify(hp)} → 201 started with id null, vendor never called`, async () => {
      const { handler, simulator, logs } = setup();
      const response = await handler(post(phoneBody({ hp })));
      assert.equal(response.status, 201);
      assert.deepEqual(await json(response), { status: 'started', id: null, contact: phoneBody().contact, receipt: null });
      assert.equal(simulator.received.length, 0);
      assert.equal(logs[0]!.code, 'honeypot');
    });
  }

  test('checked before validation: a filled honeypot with an invalid body still looks like success', async () => {
    const { handler, simulator } = setup();
    const response = await handler(post({ hp: 'bot', type: 'fax', junk: true }, { 'Idempotency-Key': 'not-a-uuid' }));
    assert.equal(response.status, 201);
    assert.equal(simulator.received.length, 0);
  });

  test('an empty honeypot is ignored', async () => {
    const { handler, simulator } = setup();
    assert.equal((await handler(post(phoneBody({ hp: '' })))).status, 201);
    assert.equal(simulator.received.length, 1);
  });
});

describe('channel_unavailable', () => {
  test('a type with no configured channel → 422 channel_unavailable, vendor never called', async () => {
    const { handler, simulator } = setup({ channels: { email: 'agent@example.com' } });
    const response = await handler(post(phoneBody({ type: 'whatsapp' })));
    assert.equal(response.status, 422);
    const body = await json(response);
    assert.equal(body.error.code, 'channel_unavailable');
    assert.equal(body.error.field, undefined);
    assert.equal(simulator.received.length, 0);
  });

  test('a configured type is still available', async () => {
    const response = await setup({ channels: { email: 'agent@example.com' } }).handler(post({ type: 'email', contact: EMAIL }));
    assert.equal(response.status, 201);
  });
});
