// The canonical contact: the proxy forwards, answers and counts the number libphonenumber reads (checked
// against libphonenumber on every region's example number in the spellings people send), the email with
// its domain lower-cased; numbers of no country only by choice; one inbox is one contact.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import examples from 'libphonenumber-js/mobile/examples';
import { Metadata, getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { json, phoneBody, post, setup } from './support.js';

const HIGH = 1_000_000;

// Every region's example mobile number as libphonenumber gives it, with the region's national prefix.
function regionExamples() {
  const metadata = new Metadata();
  return getCountries().flatMap((region) => {
    const example = getExampleNumber(region, examples);
    if (!example) return [];
    metadata.selectNumberingPlan(region);
    // Present in libphonenumber-js's metadata API, missing from its type declarations.
    const plan = metadata.numberingPlan as unknown as { nationalPrefix(): string | undefined } | undefined;
    return [{ region, example, nationalPrefix: plan?.nationalPrefix() || undefined }];
  });
}

describe('phone numbers: what the vendor receives is what libphonenumber reads', () => {
  test('every region\'s example, as E.164 and with the national prefix kept after the country code', async () => {
    const { handler, simulator } = setup({ limits: { perIp: HIGH, perContact: HIGH, daily: HIGH } });
    let forwarded = 0;
    let trunkForms = 0;
    for (const { region, example, nationalPrefix } of regionExamples()) {
      const spellings = [example.number as string];
      // `+44 (0)7400 123456` sent as `+4407400123456`; `+1 1 415…` for NANP's prefix 1.
      if (nationalPrefix) spellings.push(`+${example.countryCallingCode}${nationalPrefix}${example.nationalNumber}`);
      for (const spelling of spellings) {
        if (!/^\+[1-9]\d{6,14}$/.test(spelling)) continue;
        const reference = parsePhoneNumberFromString(spelling);
        const before = simulator.received.length;
        const response = await handler(post(phoneBody({ contact: spelling })));
        const where = `${region} ${spelling} → ${response.status}`;
        if (response.status !== 201) {
          // Refused: then libphonenumber does not read it as a valid number of a country either.
          assert.ok(!reference?.isValid() || !reference.country || response.status === 422, where);
          continue;
        }
        const sent = (simulator.received[before]!.body as { to: string }).to;
        assert.equal(sent, reference!.number, `${where}: forwarded ${sent}`);
        assert.equal((await json(response)).contact, sent, where);
        forwarded++;
        if (spelling !== example.number) {
          trunkForms++;
          assert.equal(sent, example.number, `${where}: the national prefix is not part of the number`);
        }
      }
    }
    // Every example as E.164 (245 regions), and the trunk spellings libphonenumber reads as the same number.
    assert.equal(forwarded - trunkForms, regionExamples().length);
    assert.ok(trunkForms > 100, `trunk-prefix spellings forwarded canonically: ${trunkForms}`);
  });

  test('the per-contact limit counts the number, not its spelling', async () => {
    const { handler, simulator } = setup({ limits: { perIp: HIGH, perContact: 3, daily: HIGH } });
    const spellings = ['+14155550123', '+114155550123', '+14155550123', '+114155550123', '+114155550123', '+14155550123'];
    const statuses = [];
    for (const contact of spellings) statuses.push((await handler(post(phoneBody({ contact })))).status);
    assert.deepEqual(statuses, [201, 201, 201, 429, 429, 429]);
    assert.deepEqual(new Set(simulator.received.map((chat) => (chat.body as { to: string }).to)), new Set(['+14155550123']));
  });

  test('+44 07400 123456 sent as +4407400123456 reaches the vendor as +447400123456', async () => {
    const { handler, simulator } = setup();
    const response = await handler(post(phoneBody({ contact: '+4407400123456' })));
    assert.equal(response.status, 201);
    assert.equal((await json(response)).contact, '+447400123456');
    assert.equal((simulator.received[0]!.body as { to: string }).to, '+447400123456');
  });
});

describe('numbers of no country (region 001)', () => {
  const satellite = ['+881612345678', '+870773111632', '+883510012345'];

  test('refused by default, as libphonenumber finds them valid and of no country', async () => {
    const { handler, simulator } = setup();
    for (const contact of satellite) {
      const reference = parsePhoneNumberFromString(contact)!;
      assert.ok(reference.isValid() && reference.country === undefined, contact);
      const response = await handler(post(phoneBody({ contact })));
      assert.equal(response.status, 422, contact);
      assert.equal((await json(response)).error.field, 'contact');
    }
    assert.equal(simulator.received.length, 0);
  });

  test('accepted when PHONE_COUNTRIES lists 001, refused when it lists only countries', async () => {
    const open = setup({ phoneCountries: ['001', 'US'] });
    for (const contact of satellite) assert.equal((await open.handler(post(phoneBody({ contact })))).status, 201, contact);
    assert.equal((await open.handler(post(phoneBody()))).status, 201);
    assert.equal((await open.handler(post(phoneBody({ contact: '+447400123456' })))).status, 422);
    const closed = setup({ phoneCountries: ['US'] });
    assert.equal((await closed.handler(post(phoneBody({ contact: satellite[0] })))).status, 422);
  });
});

describe('email addresses', () => {
  const email = (contact: string) => phoneBody({ type: 'email', contact, consent: undefined });

  test('forwarded and answered with the domain lower-cased, the local part as sent', async () => {
    const { handler, simulator } = setup();
    const response = await handler(post(email('Jane.Doe@Example.COM')));
    assert.equal(response.status, 201);
    assert.equal((await json(response)).contact, 'Jane.Doe@example.com');
    assert.equal((simulator.received[0]!.body as { to: string }).to, 'Jane.Doe@example.com');
  });

  test('one Gmail inbox is one contact: dots, +tags, letter case and googlemail.com', async () => {
    const { handler } = setup({ limits: { perIp: HIGH, perContact: 3, daily: HIGH } });
    const spellings = ['jane.doe@gmail.com', 'janedoe@googlemail.com', 'J.a.n.e.D.o.e+1@GMAIL.com', 'jane.doe+shop@googlemail.com', 'jaNe.doe@gmail.com'];
    const statuses = [];
    for (const contact of spellings) statuses.push((await handler(post(email(contact)))).status);
    assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
  });

  test('dots count elsewhere: j.doe@ and jdoe@ of another domain are two contacts', async () => {
    const { handler } = setup({ limits: { perIp: HIGH, perContact: 1, daily: HIGH } });
    assert.equal((await handler(post(email('j.doe@example.com')))).status, 201);
    assert.equal((await handler(post(email('jdoe@example.com')))).status, 201);
    assert.equal((await handler(post(email('JDoe+x@example.com')))).status, 429);
  });
});
