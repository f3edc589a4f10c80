// What a visitor relies on beyond the happy path: focus kept while sending, numbers that stay
// readable in Arabic, every message announced once, and failures that say what to do.
import { expect, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { AgentChatLauncher, LauncherSuccessDetail } from '../../src/widget/define.js';
import type { ChatRequest } from '../../src/contract/schemas.js';
import { $, check, ENDPOINT, expectAccessible, focused, maybe, mount, nextEvent, type, until } from './helpers.js';

/** Answers the widget's requests from the test: each call waits for `answer(response)`. */
function holdRequests() {
  const original = window.fetch;
  const pending: ((response: Response) => void)[] = [];
  const bodies: ChatRequest[] = [];
  window.fetch = (input, init) => {
    if (!String(input).includes(ENDPOINT)) return original(input, init);
    bodies.push(JSON.parse(String(init?.body)));
    return new Promise<Response>((resolve) => pending.push(resolve));
  };
  return {
    bodies,
    async answer(response: Response) {
      await until(() => pending.length, 'a request to answer');
      pending.shift()!(response);
    },
    restore: () => (window.fetch = original),
  };
}

const proxyError = (status: number, error: Record<string, unknown>) => Response.json({ error: { message: 'x', ...error } }, { status });

/** Every text a screen reader is given by a live region or alert, in order (a MutationObserver's view). */
function recordAnnouncements(el: AgentChatLauncher) {
  const said: string[] = [];
  const last = new Map<Element, string>();
  const listen = () => {
    for (const region of el.shadowRoot!.querySelectorAll('[aria-live], [role=alert]')) {
      const now = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (now !== (last.get(region) ?? '') && now) said.push(now);
      last.set(region, now);
    }
  };
  listen();
  const observer = new MutationObserver(listen);
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return { said, liveText: () => el.shadowRoot!.querySelector('[aria-live]')!.textContent!.trim(), stop: () => observer.disconnect() };
}

async function fillPhone(el: AgentChatLauncher): Promise<void> {
  await type(el, '#contact', '415 555 0123');
  await check(el, '#consent');
}

describe('focus is never lost', () => {
  it('stays on the submit button while sending, and Escape still closes', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} country="US" channels="phone" schedule="off"></agent-chat-launcher>`);
    const requests = holdRequests();
    try {
      el.show();
      await el.updateComplete;
      await fillPhone(el);
      const submit = $<HTMLButtonElement>(el, '[part=submit]');
      submit.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => requests.bodies.length === 1, 'the request');
      await el.updateComplete;
      expect(submit.getAttribute('aria-disabled')).to.equal('true');
      expect(submit.closest('form')!.getAttribute('aria-busy')).to.equal('true');
      expect(submit.textContent!.trim()).to.equal('Sending…');
      // The deep active element: still the button, not <body>.
      expect(document.activeElement).to.equal(el);
      expect(focused(el)).to.equal(submit);
      await sendKeys({ press: 'Enter' });
      expect(requests.bodies).to.have.length(1, 'a second activation while sending does nothing');
      await expectAccessible(el);

      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(el.open).to.equal(false);
      expect(focused(el)).to.equal($(el, '[part=button]'));
      await requests.answer(Response.json({ status: 'started', id: 'x', contact: '+14155550123', receipt: null }, { status: 201 }));
    } finally {
      requests.restore();
    }
  });

  it('keeps the alert and its focused "Try again" until the retry has an answer', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open></agent-chat-launcher>`);
    const requests = holdRequests();
    try {
      await type(el, '#contact', 'ana@example.com');
      $<HTMLButtonElement>(el, '[part=submit]').click();
      await requests.answer(proxyError(502, { code: 'upstream_error' }));
      await until(() => focused(el)?.id === 'retry', 'focus on Try again');
      const retry = $<HTMLButtonElement>(el, '#retry');
      expect($(el, '[part=error]').textContent).to.match(/^\s*Error:/, 'a visually hidden prefix says it is an error');

      await sendKeys({ press: 'Enter' });
      await until(() => requests.bodies.length === 2, 'the retry');
      await el.updateComplete;
      expect(maybe(el, '[part=error]')).to.not.equal(null);
      expect(retry.isConnected && retry.getAttribute('aria-disabled')).to.equal('true');
      expect(focused(el)).to.equal(retry);
      await sendKeys({ press: 'Enter' });
      expect(requests.bodies).to.have.length(2);

      await requests.answer(Response.json({ status: 'started', id: 'x', contact: 'ana@example.com', receipt: null }, { status: 201 }));
      await until(() => focused(el)?.id === 'done-title', 'focus on the confirmation heading');
      expect(maybe(el, '[part=error]')).to.equal(null);
    } finally {
      requests.restore();
    }
  });
});

describe('numbers and times in right-to-left text', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('keeps a phone number in Arabic in its own order, on one line', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} mode="inline" lang="ar" country="US" channels="phone" schedule="off"></agent-chat-launcher>`);
    await fillPhone(el);
    const done = nextEvent(el, 'launcher-success');
    $<HTMLButtonElement>(el, '[part=submit]').click();
    await done;
    await el.updateComplete;
    const number = $(el, '[part=confirmation] bdi');
    expect(number.textContent).to.equal('+1 415 555 0123');
    // Where the browser draws each glyph: left to right in reading order, all on one line.
    const text = number.firstChild!.nodeType === Node.TEXT_NODE ? number.firstChild! : [...number.childNodes].find((n) => n.nodeType === Node.TEXT_NODE)!;
    const glyphs = [...text.textContent!].map((char, i) => {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return { char, box: range.getBoundingClientRect() };
    }).filter((g) => g.char !== ' ');
    const lefts = glyphs.map((g) => g.box.left);
    expect(lefts).to.deep.equal([...lefts].sort((a, b) => a - b), 'glyphs drawn in the number\'s own order');
    expect(new Set(glyphs.map((g) => Math.round(g.box.top))).size).to.equal(1, 'one line');
    expect(getComputedStyle($(el, '[part=panel]')).direction).to.equal('rtl');
    await expectAccessible(el);
  });
});

describe('each message announced once', () => {
  it('announces the sending state and the confirmation once each, not field messages focus already reads; and clears on new details', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} country="US" schedule="off" open></agent-chat-launcher>`);
    const announcements = recordAnnouncements(el);
    try {
      $<HTMLButtonElement>(el, '[part=submit]').click();
      await el.updateComplete;
      await until(() => focused(el)?.id === 'contact', 'focus on the first invalid field');
      const contactMessage = $(el, '#contact-msg').textContent!.replace(/\s+/g, ' ').trim();
      const consentMessage = $(el, '#consent-msg').textContent!.replace(/\s+/g, ' ').trim();
      expect(announcements.said.join(' ')).to.not.contain(contactMessage.replace(/^Error: /, ''));
      expect(announcements.said).to.deep.equal([consentMessage.replace(/^Error: /, '')]);

      await fillPhone(el);
      const succeeded = nextEvent<LauncherSuccessDetail>(el, 'launcher-success');
      $<HTMLButtonElement>(el, '[part=submit]').click();
      const success = await succeeded;
      await el.updateComplete;
      const sentence = $(el, '[part=confirmation] p').textContent!.replace(/\s+/g, ' ').trim();
      expect(announcements.said.slice(1)).to.deep.equal(['Sending…', sentence]);
      expect(sentence).to.equal(`Our AI assistant will text you at +1 415 555 0123 in a moment.`);
      expect(success.detail).to.have.property('receipt');
      expect(success.detail.contact).to.equal('+14155550123');

      $<HTMLButtonElement>(el, '[part=confirmation] button').click();
      await el.updateComplete;
      expect(announcements.liveText()).to.equal('');
      await until(() => focused(el) === $(el, 'input[name=type]:checked'), 'focus at the start of the form');
      expect(announcements.said).to.have.length(3);
    } finally {
      announcements.stop();
    }
  });
});

describe('failures that say what to do', () => {
  it('after a 429 says when to come back and offers no "Try again"', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open></agent-chat-launcher>`);
    const requests = holdRequests();
    try {
      await type(el, '#contact', 'ana@example.com');
      const failed = nextEvent(el, 'launcher-error');
      $<HTMLButtonElement>(el, '[part=submit]').click();
      await requests.answer(proxyError(429, { code: 'rate_limited', retry_after: 300 }));
      await failed;
      await el.updateComplete;
      const alert = $(el, '[part=error]');
      expect(alert.textContent).to.contain(new Intl.RelativeTimeFormat('en').format(5, 'minute'));
      expect(alert.querySelector('button')).to.equal(null);
      expect($<HTMLInputElement>(el, '#contact').value).to.equal('ana@example.com');
      await expectAccessible(el);
    } finally {
      requests.restore();
    }
  });

  it('names a channel the proxy does not offer and stops offering it', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} country="US" schedule="off" open></agent-chat-launcher>`);
    const requests = holdRequests();
    try {
      await fillPhone(el);
      $<HTMLButtonElement>(el, '[part=submit]').click();
      await requests.answer(proxyError(422, { code: 'channel_unavailable' }));
      await until(() => maybe(el, '[part=error]'), 'the message');
      expect($(el, '[part=error]').textContent).to.contain('Text message is not available');
      const offered = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name=type]')].map((r) => r.value);
      expect(offered).to.deep.equal(['whatsapp', 'email']);
      expect($<HTMLInputElement>(el, '#contact').value).to.equal('415 555 0123', 'the number carries over to WhatsApp');
    } finally {
      requests.restore();
    }
  });
});

describe('what the request carries', () => {
  it('sends the consent text as shown and the page without its fragment', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} country="US" business="Acme" lang="fr" schedule="off" open></agent-chat-launcher>`);
    await fillPhone(el);
    const submitted = nextEvent<ChatRequest>(el, 'launcher-submit');
    const succeeded = nextEvent(el, 'launcher-success');
    history.replaceState(null, '', '#section');
    try {
      $<HTMLButtonElement>(el, '[part=submit]').click();
      const { detail } = await submitted;
      expect(detail.consent_text).to.equal($(el, '.consent').textContent!.replace(/\s+/g, ' ').trim());
      expect(detail.consent_text).to.contain('Acme').and.contain('SMS');
      expect(detail.page).to.equal(location.href.replace(/#.*$/, ''));
      await succeeded;
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }

    const slotted = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="whatsapp" country="US" schedule="off" open
      ><span slot="consent">Yes, <a href="/privacy">message me</a> on WhatsApp.</span></agent-chat-launcher
    >`);
    await fillPhone(slotted);
    const sent = nextEvent<ChatRequest>(slotted, 'launcher-submit');
    slotted.addEventListener('launcher-submit', (e) => e.preventDefault(), { once: true });
    $<HTMLButtonElement>(slotted, '[part=submit]').click();
    expect((await sent).detail.consent_text).to.equal('Yes, message me on WhatsApp.');
  });

  it('switches the country select when the visitor types an international prefix', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} country="US" open></agent-chat-launcher>`);
    const select = $<HTMLSelectElement>(el, '#country');
    // The visitor picked a country first (which makes the select's choice their own).
    select.value = 'FR';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await type(el, '#contact', '+44 7911 123456');
    expect(select.value).to.equal('GB');
    await type(el, '#contact', '+1 415 555 0123');
    expect(select.value).to.equal('US');
  });

  it('types email without spellcheck', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open></agent-chat-launcher>`);
    expect($<HTMLInputElement>(el, '#contact').spellcheck).to.equal(false);
  });
});

describe('the teaser', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows when its text is set after the element is on the page', async () => {
    const el = await mount();
    expect(maybe(el, '[part=teaser]')).to.equal(null);
    el.teaserDelay = 0;
    el.teaser = 'Questions? We can text you.';
    await until(() => maybe(el, '[part=teaser]'), 'the teaser');
    expect($(el, '[part=teaser]').textContent).to.contain('Questions? We can text you.');
  });
});
