// The form's rules without a DOM, checked against independent references: the proxy's own
// schema, libphonenumber, and Intl as the browser formats.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { CHANNEL_TYPES, isPhoneChannel } from '../../src/contract/constants.js';
import { chatRequestSchema } from '../../src/contract/schemas.js';
import { describeOutcome, FormModel, validate, type Draft, type FormSettings } from '../../src/widget/form-model.js';
import { en, format } from '../../src/widget/i18n.js';
import { scheduleBounds } from '../../src/widget/schedule.js';
import type { SubmitOutcome } from '../../src/widget/submit.js';

const now = new Date(2026, 10, 24, 14, 2, 30).getTime();

function settings(overrides: Partial<FormSettings> = {}): FormSettings {
  return { channels: CHANNEL_TYPES, consent: 'required', schedule: 'optional', locale: 'en-GB', timezone: 'Europe/London', text: (key) => en[key], ...overrides };
}

function draft(overrides: Partial<Draft> = {}): Draft {
  return { type: 'phone', phone: '', region: 'US', email: '', consent: false, later: false, schedule_at: '', hp: '', ...overrides };
}

const text = (message: { key: keyof typeof en; values?: Record<string, string> }) => format(en[message.key], message.values);

describe('validate', () => {
  it('names every invalid field and builds no request', () => {
    const { errors, request } = validate(draft(), settings(), now);
    assert.equal(request, undefined);
    assert.deepEqual(Object.keys(errors).sort(), ['consent', 'contact']);
    assert.equal(text(errors.contact!), en.phoneEmpty);
  });

  it('builds the request the proxy accepts, with the number libphonenumber reads', () => {
    const evidence = { consentText: 'I agree to get texts from Acme.', page: 'https://shop.example/pricing?plan=pro' };
    const { request } = validate(draft({ phone: '(415) 555-0123', consent: true }), settings(), now, evidence);
    assert.ok(request);
    assert.equal(chatRequestSchema.safeParse(request).success, true);
    assert.equal(request.contact, parsePhoneNumberFromString('(415) 555-0123', 'US')!.number);
    assert.deepEqual([request.consent, request.consent_text, request.page], [true, evidence.consentText, evidence.page]);
    assert.equal('schedule_at' in request, false);
  });

  it('sends consent text only where consent was shown', () => {
    const evidence = { consentText: 'Some consent text', page: 'https://shop.example/' };
    const off = validate(draft({ phone: '415 555 0123' }), settings({ consent: 'off' }), now, evidence).request!;
    assert.deepEqual([off.consent, 'consent_text' in off], [false, false]);
    const notice = validate(draft({ phone: '415 555 0123' }), settings({ consent: 'notice' }), now, evidence).request!;
    assert.deepEqual([notice.consent, notice.consent_text], [true, evidence.consentText]);
    const email = validate(draft({ type: 'email', email: ' ana@example.com ' }), settings(), now, evidence).request!;
    assert.deepEqual([email.contact, 'consent' in email, 'consent_text' in email, email.page], ['ana@example.com', false, false, evidence.page]);
    assert.equal(chatRequestSchema.safeParse(email).success, true);
  });

  it('names the earliest allowed time for a time too early, and accepts that time', () => {
    const earliest = scheduleBounds(now).min;
    const early = validate(draft({ type: 'email', email: 'a@example.com', later: true, schedule_at: '2026-11-24T14:03' }), settings(), now);
    const expected = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(earliest));
    assert.match(text(early.errors.schedule_at!), new RegExp(`${expected}.* or later\\.$`));
    const picked = validate(draft({ type: 'email', email: 'a@example.com', later: true, schedule_at: earliest }), settings(), now);
    assert.equal(picked.request?.schedule_at, new Date(earliest).toISOString());
    assert.equal(chatRequestSchema.safeParse(picked.request).success, true);
  });
});

describe('describeOutcome', () => {
  const request = { type: 'phone' as const, contact: '+4407400123456' };

  it('confirms the canonical contact the proxy answered, with the receipt', () => {
    const outcome: SubmitOutcome = { ok: true, status: 'started', id: 's1', scheduleAt: null, contact: '+447400123456', receipt: 'r1' };
    const view = describeOutcome(outcome, request, settings(), now);
    assert.ok('done' in view);
    assert.deepEqual(view.done, { status: 'started', id: 's1', type: 'phone', contact: '+447400123456', scheduleAt: null, receipt: 'r1' });
  });

  it('says when to come back after a 429 and offers no "Try again"', () => {
    const view = describeOutcome({ ok: false, code: 'rate_limited', retryable: true, retryAfter: 120 }, request, settings(), now);
    assert.ok('failure' in view);
    assert.equal(view.failure.retry, false);
    assert.equal(view.error.retryable, true, 'the event still says a later attempt can work');
    assert.ok(text(view.failure.message).includes(new Intl.RelativeTimeFormat('en-GB').format(2, 'minute')));
  });

  it('offers "Try again" for a failure a retry can cure, not for a refusal', () => {
    const upstream = describeOutcome({ ok: false, code: 'upstream_error', retryable: true }, request, settings(), now);
    const refused = describeOutcome({ ok: false, code: 'idempotency_key_reused', retryable: false }, request, settings(), now);
    assert.deepEqual(['failure' in upstream && upstream.failure.retry, 'failure' in refused && refused.failure.retry], [true, false]);
  });

  it('puts a field the proxy refused back at the field', () => {
    const view = describeOutcome({ ok: false, code: 'validation_failed', retryable: false, field: 'schedule_at' }, request, settings(), now);
    assert.ok('field' in view);
    assert.equal(view.field, 'schedule_at');
    assert.equal(view.message.key, 'timeTooEarly');
  });
});

describe('FormModel', () => {
  it('focuses the first invalid field and announces only the others', () => {
    const model = new FormModel(() => settings());
    model.sync('', ['US', 'GB'], 'US', true);
    assert.equal(model.submit(now), undefined);
    assert.equal(model.focus, 'contact');
    assert.deepEqual(model.announcement.map((m) => m.key), ['consentNeeded']);
    model.set('phone', '415');
    assert.equal(model.errors.contact, undefined, 'typing clears that field\'s message');
  });

  it('keeps a failure on screen while the retry is in flight, then confirms and announces once', () => {
    const model = new FormModel(() => settings());
    model.sync('', ['US'], 'US', true);
    model.set('phone', '415 555 0123');
    model.set('consent', true);
    const request = model.submit(now)!;
    model.sent(request);
    model.answered({ ok: false, code: 'upstream_error', retryable: true }, now);
    assert.equal(model.focus, 'retry');
    model.sent(request);
    assert.ok(model.failure, 'the alert holding the focused "Try again" stays');
    assert.deepEqual(model.announcement.map((m) => m.key), ['sending']);
    model.answered({ ok: true, status: 'started', id: 'x', scheduleAt: null, contact: '+14155550123', receipt: null }, now);
    assert.equal(model.failure, undefined);
    assert.equal(model.focus, 'done');
    assert.equal(model.announcement.length, 1);
    assert.equal(text(model.announcement[0]), 'Our AI assistant will text you at +1 415 555 0123 in a moment.');

    model.edit();
    assert.deepEqual([model.done, model.announcement, model.draft.phone, model.draft.consent], [undefined, [], '415 555 0123', true]);
    model.reset();
    assert.deepEqual([model.draft.phone, model.draft.consent, model.announcement], ['', false, []]);
  });

  it('stops offering a channel the proxy does not have, keeping the number for the next phone channel', () => {
    const model = new FormModel(() => settings());
    model.sync('phone', ['US'], 'US', true);
    model.set('phone', '415 555 0123');
    model.set('consent', true);
    model.sent(model.submit(now)!);
    const view = model.answered({ ok: false, code: 'channel_unavailable', retryable: false }, now);
    assert.ok('failure' in view);
    assert.equal(text(view.failure.message), `${en.phone} is not available right now. Please choose another way.`);
    assert.deepEqual(model.channels, ['whatsapp', 'email']);
    assert.equal(model.draft.type, 'whatsapp');
    assert.ok(isPhoneChannel(model.draft.type) && model.draft.phone === '415 555 0123');
    model.sync('phone', ['US'], 'US', false);
    assert.equal(model.draft.type, 'whatsapp', 'the preselected channel is not brought back');
  });

  it('follows the channel attribute until the visitor picks one', () => {
    let channels = [...CHANNEL_TYPES];
    const model = new FormModel(() => settings({ channels }));
    model.sync('whatsapp', ['US'], 'US', true);
    assert.equal(model.draft.type, 'whatsapp');
    model.set('type', 'email');
    model.sync('whatsapp', ['US'], 'US', false);
    assert.equal(model.draft.type, 'email');
    channels = ['phone'];
    model.sync('whatsapp', ['US'], 'US', false);
    assert.equal(model.draft.type, 'phone');
  });

  it('switches the country when the visitor types an international number, if that country is offered', () => {
    const model = new FormModel(() => settings());
    model.sync('', ['US', 'GB'], 'US', true);
    model.set('phone', '+44 20 7946 0958');
    assert.equal(model.draft.region, parsePhoneNumberFromString('+44 20 7946 0958')!.country);
    model.set('phone', '+49 151 23456789');
    assert.equal(model.draft.region, 'GB', 'Germany is not offered: the select stays');
    model.set('phone', '020 7946 0958');
    assert.equal(model.draft.region, 'GB', 'a national number keeps the chosen country');
  });
});
