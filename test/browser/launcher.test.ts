import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LauncherErrorDetail, LauncherSuccessDetail } from '../../src/widget/define.js';
import type { ChatRequest } from '../../src/contract/schemas.js';
import { zoneName } from '../../src/widget/i18n.js';
import { $, check, ENDPOINT, expectAccessible, focused, maybe, mount, nextEvent, recordRequests, type, until, vendorFault, vendorReceived } from './helpers.js';

describe('<agent-chat-launcher> opening and closing', () => {
  it('renders nothing and logs one clear error without an endpoint', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await mount(html`<agent-chat-launcher></agent-chat-launcher>`);
      el.open = true;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('button, form')).to.equal(null);
      expect(errors).to.have.length(1);
      expect(String(errors[0])).to.contain('endpoint');
    } finally {
      console.error = original;
    }
  });

  it('is a labelled button that opens a labelled dialog and moves focus into it', async () => {
    const el = await mount();
    const launcher = $<HTMLButtonElement>(el, '[part=button]');
    const panel = $(el, '[part=panel]');
    expect(launcher.tagName).to.equal('BUTTON');
    expect(launcher.getAttribute('aria-label')).to.not.be.empty;
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(panel.hidden).to.equal(true);
    await expectAccessible(el);

    const opened = nextEvent(el, 'launcher-open');
    launcher.click();
    await opened;
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(panel.tagName).to.equal('DIALOG');
    expect($(el, `#${panel.getAttribute('aria-labelledby')}`).textContent!.trim()).to.not.be.empty;
    // Focus starts at the first choice (the channel), not further down at the phone field.
    expect(focused(el)).to.equal($(el, 'input[name=type]:checked'));
    await expectAccessible(el);
  });

  it('closes on Escape and returns focus to the launcher', async () => {
    const el = await mount();
    el.show();
    await el.updateComplete;
    await until(() => $(el, '[part=panel]').contains(focused(el)), 'focus in the panel');
    const closed = nextEvent(el, 'launcher-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect($(el, '[part=panel]').hidden).to.equal(true);
    expect(focused(el)).to.equal($(el, '[part=button]'));
  });

  it('positions the open panel above its launcher and inside the viewport', async () => {
    const el = await mount();
    el.toggle();
    await el.updateComplete;
    const panel = $(el, '[part=panel]');
    await until(() => panel.style.top !== '', 'a computed position');
    const box = panel.getBoundingClientRect();
    const launcher = $(el, '[part=button]').getBoundingClientRect();
    expect(box.bottom).to.be.at.most(launcher.top);
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(innerWidth);
    el.toggle();
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('offers the channels of its attribute, in order, and adapts the contact field', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email,phone" open></agent-chat-launcher>`);
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name=type]')];
    expect(radios.map((r) => r.value)).to.deep.equal(['email', 'phone']);
    let input = $<HTMLInputElement>(el, '#contact');
    expect([input.type, input.autocomplete, input.name]).to.deep.equal(['email', 'email', 'email']);
    expect(maybe(el, '#country')).to.equal(null);
    await check(el, 'input[value=phone]');
    input = $<HTMLInputElement>(el, '#contact');
    expect([input.type, input.autocomplete, input.inputMode]).to.deep.equal(['tel', 'tel', 'tel']);
    expect($<HTMLSelectElement>(el, '#country').options.length).to.be.greaterThan(200);
    expect(maybe(el, '#consent')).to.not.equal(null);
  });

  it('preselects the channel attribute', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channel="whatsapp" open></agent-chat-launcher>`);
    expect($<HTMLInputElement>(el, 'input[value=whatsapp]').checked).to.equal(true);
    expect($(el, '.consent').textContent).to.contain('WhatsApp');
  });
});

describe('<agent-chat-launcher> validation', () => {
  it('shows, announces and ties messages to the fields, and focuses the first invalid one', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} open></agent-chat-launcher>`);
    const requests = recordRequests();
    try {
      $<HTMLButtonElement>(el, '[part=submit]').click();
      await el.updateComplete;
      const contact = $<HTMLInputElement>(el, '#contact');
      const message = $(el, '#contact-msg');
      expect(contact.getAttribute('aria-invalid')).to.equal('true');
      expect(contact.getAttribute('aria-describedby')).to.equal('contact-msg');
      expect(message.textContent).to.contain('mobile number');
      // Focus reads the field's message as its description; a live region would say it a second time.
      expect(message.closest('[aria-live], [role=alert]')).to.equal(null);
      expect($(el, '#consent-msg').textContent).to.not.be.empty;
      await until(() => focused(el) === contact, 'focus on the contact field');
      expect(maybe(el, '[part=error]')).to.equal(null, 'field messages are not the error part');
      await expectAccessible(el);

      await type(el, '#contact', '555');
      $<HTMLButtonElement>(el, '[part=submit]').click();
      await el.updateComplete;
      expect(message.textContent).to.contain('too short');
      expect(requests.requests).to.have.length(0);
    } finally {
      requests.restore();
    }
  });

  it('checks an email address', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open></agent-chat-launcher>`);
    await type(el, '#contact', 'ana@localhost');
    $<HTMLButtonElement>(el, '[part=submit]').click();
    await el.updateComplete;
    expect($(el, '#contact-msg').textContent).to.contain('valid email');
    await type(el, '#contact', 'ana@example.com');
    expect($(el, '#contact').getAttribute('aria-invalid')).to.equal('false');
  });
});

describe('<agent-chat-launcher> submission through the real proxy', () => {
  it('sends E.164 with a key, then confirms; the confirmation stays until "Use different details"', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} country="US" business="Acme" open></agent-chat-launcher>`);
    const requests = recordRequests();
    try {
      await type(el, '#contact', '(415) 555-0123');
      await check(el, '#consent');
      const submitted = nextEvent<ChatRequest>(el, 'launcher-submit');
      const succeeded = nextEvent<LauncherSuccessDetail>(el, 'launcher-success');
      $<HTMLButtonElement>(el, '[part=submit]').click();
      const submit = await submitted;
      expect(submit.cancelable).to.equal(true);
      expect(submit.detail).to.include({ type: 'phone', contact: '+14155550123', consent: true, hp: '' });
      await el.updateComplete;
      expect($(el, '[part=submit]').getAttribute('aria-disabled')).to.equal('true');
      expect($(el, 'form').getAttribute('aria-busy')).to.equal('true');
      await expectAccessible(el);

      const success = await succeeded;
      expect(success.bubbles && success.composed).to.equal(true);
      expect(success.detail).to.deep.include({ status: 'started', type: 'phone', contact: '+14155550123', scheduleAt: null });
      expect(success.detail.id).to.be.a('string');
      await el.updateComplete;
      const confirmation = $(el, '[part=confirmation]');
      expect(confirmation.textContent).to.contain('+1 415 555 0123');
      // It names the channel and says who writes: an AI assistant.
      expect(confirmation.textContent).to.contain('AI assistant will text you at');
      // Focus on the confirmation's heading (its sentence is announced by the live region).
      await until(() => focused(el) === $(el, '[part=confirmation] h3'), 'focus on the confirmation');
      await expectAccessible(el);

      expect(requests.requests).to.have.length(1);
      expect(requests.requests[0].key).to.match(/^[0-9a-f-]{36}$/);
      const received = await vendorReceived();
      expect(received.at(-1)).to.include({ to: '+14155550123', type: 'phone' });

      el.hide();
      await el.updateComplete;
      el.show();
      await el.updateComplete;
      expect(maybe(el, '[part=confirmation]')).to.not.equal(null);

      $<HTMLButtonElement>(el, '[part=confirmation] button').click();
      await el.updateComplete;
      expect(maybe(el, '[part=confirmation]')).to.equal(null);
      // Different details usually means a different channel for the same number: nothing to retype.
      expect($<HTMLInputElement>(el, '#contact').value).to.equal('(415) 555-0123');
      el.reset();
      await el.updateComplete;
      expect($<HTMLInputElement>(el, '#contact').value).to.equal('');
    } finally {
      requests.restore();
    }
  });

  it('schedules a picked time and states it in the visitor\'s locale', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" lang="en-GB" open></agent-chat-launcher>`);
    await type(el, '#contact', 'ana@example.com');
    await check(el, 'input[value=later]');
    const time = $<HTMLInputElement>(el, '#schedule_at');
    expect(time.type).to.equal('datetime-local');
    expect(time.min).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    expect(time.lang).to.equal('en-GB', 'the native picker follows the visitor\'s locale');
    expect($(el, 'label[for=schedule_at]').textContent).to.contain(zoneName('en-GB', Intl.DateTimeFormat().resolvedOptions().timeZone));
    const when = new Date(Date.now() + 2 * 86_400_000);
    when.setHours(15, 0, 0, 0);
    await type(el, '#schedule_at', `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}-${String(when.getDate()).padStart(2, '0')}T15:00`);
    const succeeded = nextEvent<LauncherSuccessDetail>(el, 'launcher-success');
    $<HTMLButtonElement>(el, '[part=submit]').click();
    const success = await succeeded;
    expect(success.detail.status).to.equal('scheduled');
    expect(new Date(success.detail.scheduleAt!).getTime()).to.equal(when.getTime());
    await el.updateComplete;
    expect($(el, '[part=confirmation]').textContent).to.contain('15:00');
  });

  it('refuses a time in the past at the field', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open></agent-chat-launcher>`);
    await type(el, '#contact', 'ana@example.com');
    await check(el, 'input[value=later]');
    await type(el, '#schedule_at', '2020-01-01T10:00');
    $<HTMLButtonElement>(el, '[part=submit]').click();
    await el.updateComplete;
    const time = $<HTMLInputElement>(el, '#schedule_at');
    expect(time.getAttribute('aria-invalid')).to.equal('true');
    // It names the earliest time the picker offers, as the visitor's clock shows it.
    const earliest = new Date(time.min).toLocaleTimeString('en', { hour: 'numeric', minute: '2-digit' });
    expect($(el, '#schedule_at-msg').textContent).to.contain(earliest).and.to.contain('or later');
  });

  it('shows a vendor failure with "Try again", which re-sends the same request with the same key', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open></agent-chat-launcher>`);
    const requests = recordRequests();
    try {
      await vendorFault('500');
      await type(el, '#contact', 'retry@example.com');
      const failed = nextEvent<LauncherErrorDetail>(el, 'launcher-error');
      $<HTMLButtonElement>(el, '[part=submit]').click();
      const error = await failed;
      expect(error.detail).to.deep.equal({ code: 'upstream_error', message: error.detail.message, retryable: true });
      await el.updateComplete;
      const alert = $(el, '[part=error]');
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.not.contain('500');
      expect($<HTMLInputElement>(el, '#contact').value).to.equal('retry@example.com');
      await until(() => focused(el) === $(el, '[part=error] button'), 'focus on Try again');
      await expectAccessible(el);

      const succeeded = nextEvent<LauncherSuccessDetail>(el, 'launcher-success');
      $<HTMLButtonElement>(el, '[part=error] button').click();
      await succeeded;
      expect(requests.requests).to.have.length(2);
      expect(requests.requests[1].key).to.equal(requests.requests[0].key);
      expect(requests.requests[1].body).to.deep.equal(requests.requests[0].body);
    } finally {
      requests.restore();
    }
  });

  it('sends nothing when launcher-submit is cancelled', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open></agent-chat-launcher>`);
    const requests = recordRequests();
    try {
      el.addEventListener('launcher-submit', (e) => e.preventDefault(), { once: true });
      await type(el, '#contact', 'ana@example.com');
      $<HTMLButtonElement>(el, '[part=submit]').click();
      await el.updateComplete;
      expect(requests.requests).to.have.length(0);
      expect($<HTMLButtonElement>(el, '[part=submit]').disabled).to.equal(false);
    } finally {
      requests.restore();
    }
  });

  it('reports network_error when the proxy cannot be reached, keeping what was typed', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint="http://127.0.0.1:9/none" channels="email" open></agent-chat-launcher>`);
    await type(el, '#contact', 'ana@example.com');
    const failed = nextEvent<LauncherErrorDetail>(el, 'launcher-error');
    $<HTMLButtonElement>(el, '[part=submit]').click();
    expect((await failed).detail).to.include({ code: 'network_error', retryable: true });
    el.hide();
    await el.updateComplete;
    el.show();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#contact').value).to.equal('ana@example.com');
  });
});

describe('<agent-chat-launcher> by keyboard alone', () => {
  it('opens, fills in, consents and submits with keys only', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="phone" country="GB" schedule="off"></agent-chat-launcher>`);
    $(el, '[part=button]').focus();
    await sendKeys({ press: 'Enter' });
    // One channel, so no choice to start at: the dialog's heading.
    await until(() => focused(el)?.id === 'title', 'focus on the heading');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Close');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('country');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('contact');
    await sendKeys({ type: '07911 123456' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('consent');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal($(el, '[part=submit]'));
    const succeeded = nextEvent<LauncherSuccessDetail>(el, 'launcher-success');
    await sendKeys({ press: 'Enter' });
    expect((await succeeded).detail.contact).to.equal('+447911123456');
  });
});
