import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { AgentChatLauncher, LauncherSuccessDetail } from '../../src/widget/define.js';
import { $, check, ENDPOINT, expectAccessible, focused, maybe, mount, nextEvent, type, until } from './helpers.js';

describe('languages and right-to-left', () => {
  it('speaks the language of its lang attribute, or of the page, with English as fallback', async () => {
    const fr = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} lang="fr-CA" open></agent-chat-launcher>`);
    expect($(fr, '[part=submit]').textContent!.trim()).to.equal('Me contacter');
    expect($(fr, '[part=panel]').getAttribute('lang')).to.equal('fr');
    expect($<HTMLSelectElement>(fr, '#country').selectedOptions[0].textContent).to.contain('États-Unis');

    document.documentElement.lang = 'de';
    try {
      const de = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} open></agent-chat-launcher>`);
      expect($(de, '#title').textContent).to.contain('Wir melden uns');
    } finally {
      document.documentElement.lang = 'en';
    }
    const unknown = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} lang="xx" open></agent-chat-launcher>`);
    expect($(unknown, '[part=submit]').textContent!.trim()).to.equal('Contact me');
  });

  it('lets the site override any text through the strings property', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} lang="es" .strings=${{ submit: 'Escríbeme' }} open></agent-chat-launcher>`);
    expect($(el, '[part=submit]').textContent!.trim()).to.equal('Escríbeme');
    expect($(el, '#title').textContent).to.contain('Recibe un mensaje');
  });

  it('mirrors the panel in Arabic and stays accessible', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} lang="ar" open></agent-chat-launcher>`);
    const panel = $(el, '[part=panel]');
    expect(panel.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(panel).direction).to.equal('rtl');
    // The close button sits at the start of the header: on the left in right-to-left.
    const close = $(el, '.header .icon').getBoundingClientRect();
    const title = $(el, '#title').getBoundingClientRect();
    expect(close.right).to.be.at.most(title.left + 1);
    // Phone numbers stay left-to-right inside a right-to-left form.
    expect(getComputedStyle($(el, '#contact')).direction).to.equal('ltr');
    await expectAccessible(el);
  });

  it('mirrors when the page or the host is dir="rtl"', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} dir="rtl" open></agent-chat-launcher>`);
    expect(getComputedStyle($(el, '[part=panel]')).direction).to.equal('rtl');
  });
});

describe('theming and modes', () => {
  it('has a dark theme that meets contrast, and takes custom properties', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} theme="dark" open></agent-chat-launcher>`);
    const dark = getComputedStyle($(el, '[part=panel]')).backgroundColor;
    await expectAccessible(el);
    el.theme = 'light';
    await el.updateComplete;
    expect(getComputedStyle($(el, '[part=panel]')).backgroundColor).to.not.equal(dark);
    el.style.setProperty('--launcher-accent', 'rgb(200, 0, 100)');
    expect(getComputedStyle($(el, '[part=submit]')).backgroundColor).to.equal('rgb(200, 0, 100)');
  });

  it('shows the form in place in inline mode, without launcher or dialog', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} mode="inline"></agent-chat-launcher>`);
    expect(maybe(el, '[part=button]')).to.equal(null);
    const panel = $(el, '[part=panel]');
    expect(panel.hidden).to.equal(false);
    expect(panel.hasAttribute('role')).to.equal(false);
    expect(getComputedStyle(panel).position).to.equal('static');
    await expectAccessible(el);
  });

  it('sits bottom-left when asked, and covers only its launcher while closed', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} position="bottom-left"></agent-chat-launcher>`);
    const launcher = $(el, '[part=button]').getBoundingClientRect();
    expect(launcher.left).to.be.lessThan(innerWidth / 2);
    expect(getComputedStyle(el).display).to.equal('contents');
    const covered = [...el.shadowRoot!.querySelectorAll('*')].filter((node) => {
      const box = node.getBoundingClientRect();
      return box.width * box.height > 0 && node.closest('[part=button]') === null;
    });
    expect(covered).to.deep.equal([]);
  });

  it('works as several independent elements on one page', async () => {
    const wrapper = await fixture(html`<div>
      <agent-chat-launcher endpoint=${ENDPOINT} channels="email" mode="inline"></agent-chat-launcher>
      <agent-chat-launcher endpoint=${ENDPOINT}></agent-chat-launcher>
    </div>`);
    const [inline, floating] = [...wrapper.querySelectorAll('agent-chat-launcher')] as AgentChatLauncher[];
    await floating.updateComplete;
    floating.show();
    await floating.updateComplete;
    expect(inline.open).to.equal(false);
    await until(() => maybe(inline, '#contact'), 'the inline form');
    await type(inline, '#contact', 'two@example.com');
    const done = nextEvent<LauncherSuccessDetail>(inline, 'launcher-success');
    $<HTMLButtonElement>(inline, '[part=submit]').click();
    expect((await done).detail.contact).to.equal('two@example.com');
    expect(maybe(floating, '[part=confirmation]')).to.equal(null);
  });
});

describe('on a phone', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('opens as a full-width bottom sheet that locks page scroll until it closes', async () => {
    await setViewport({ width: 390, height: 700 });
    const el = await mount();
    const styleBefore = [document.documentElement.getAttribute('style'), document.body.getAttribute('style')];
    el.show();
    await el.updateComplete;
    const panel = $(el, '[part=panel]');
    const box = panel.getBoundingClientRect();
    expect(box.left).to.equal(0);
    expect(Math.round(box.width)).to.equal(innerWidth);
    expect(Math.round(box.bottom)).to.equal(innerHeight);
    expect(parseFloat(getComputedStyle($(el, '#contact')).fontSize)).to.be.at.least(16);
    expect(getComputedStyle(document.documentElement).overflow).to.equal('hidden');
    el.hide();
    await el.updateComplete;
    expect(getComputedStyle(document.documentElement).overflow).to.equal('visible');
    expect([document.documentElement.getAttribute('style'), document.body.getAttribute('style')]).to.deep.equal(styleBefore);
  });

  it('releases the scroll lock when removed while open', async () => {
    await setViewport({ width: 390, height: 700 });
    const el = await mount();
    const styleBefore = document.body.getAttribute('style');
    el.show();
    await el.updateComplete;
    expect(getComputedStyle(document.body).overflow).to.equal('hidden');
    el.remove();
    expect(getComputedStyle(document.body).overflow).to.equal('visible');
    expect(document.body.getAttribute('style')).to.equal(styleBefore);
  });
});

describe('nothing lost', () => {
  it('keeps the draft and a confirmed success when removed and inserted again', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open></agent-chat-launcher>`);
    const home = el.parentElement!;
    await type(el, '#contact', 'draft@example.com');
    el.remove();
    home.append(el);
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#contact').value).to.equal('draft@example.com');
    expect(el.open).to.equal(true);
    const panel = $(el, '[part=panel]');
    panel.style.top = '';
    await until(() => panel.style.top !== '', 'positioning resumed after re-insertion');

    const done = nextEvent(el, 'launcher-success');
    $<HTMLButtonElement>(el, '[part=submit]').click();
    await done;
    el.remove();
    home.append(el);
    await el.updateComplete;
    expect(maybe(el, '[part=confirmation]')).to.not.equal(null);
  });
});

describe('never breaking the host page', () => {
  it('leaves no listeners, observers or timers behind after 100 remove/insert cycles', async () => {
    const active = { listeners: 0, observers: 0, timers: new Set<number>() };
    const targets = new Set<EventTarget>([window, document, document.documentElement, document.body, visualViewport!]);
    const original = {
      add: EventTarget.prototype.addEventListener,
      remove: EventTarget.prototype.removeEventListener,
      setTimeout: window.setTimeout,
      clearTimeout: window.clearTimeout,
      ResizeObserver: window.ResizeObserver,
      IntersectionObserver: window.IntersectionObserver,
    };
    // Listeners on the page (window, document, its elements), not on the widget's own shadow nodes.
    const onPage = (target: EventTarget) => targets.has(target) || (target instanceof Node && target.getRootNode() === document);
    const seen = new WeakMap<EventTarget, Set<unknown>>();
    EventTarget.prototype.addEventListener = function (this: EventTarget, name: string, fn: unknown, options?: unknown) {
      if (onPage(this)) {
        const set = seen.get(this) ?? new Set();
        if (!set.has(fn)) active.listeners++;
        set.add(fn);
        seen.set(this, set);
      }
      return original.add.call(this, name, fn as EventListener, options as AddEventListenerOptions);
    };
    EventTarget.prototype.removeEventListener = function (this: EventTarget, name: string, fn: unknown, options?: unknown) {
      if (seen.get(this)?.delete(fn)) active.listeners--;
      return original.remove.call(this, name, fn as EventListener, options as EventListenerOptions);
    };
    // (Cast through unknown: with Node's types loaded too, TypeScript sees Node's timer signatures.)
    window.setTimeout = ((fn: () => void, ms?: number) => {
      const id = original.setTimeout.call(window, () => {
        active.timers.delete(id);
        fn();
      }, ms) as unknown as number;
      active.timers.add(id);
      return id;
    }) as unknown as typeof setTimeout;
    window.clearTimeout = ((id: number) => {
      active.timers.delete(id);
      original.clearTimeout.call(window, id as never);
    }) as unknown as typeof clearTimeout;
    for (const name of ['ResizeObserver', 'IntersectionObserver'] as const) {
      const Base = original[name] as unknown as new (...args: never[]) => { disconnect(): void };
      (window as unknown as Record<string, unknown>)[name] = class extends Base {
        constructor(...args: never[]) {
          super(...args);
          active.observers++;
        }
        override disconnect() {
          active.observers--;
          super.disconnect();
        }
      };
    }
    try {
      await setViewport({ width: 390, height: 700 });
      const before = { listeners: active.listeners, observers: active.observers, timers: active.timers.size };
      const bodyStyle = document.body.getAttribute('style');
      const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} teaser="Questions?" teaser-delay="60" open></agent-chat-launcher>`);
      const home = el.parentElement!;
      await el.updateComplete;
      expect(active.listeners).to.be.greaterThan(before.listeners, 'the open sheet follows the visual viewport');
      for (let i = 0; i < 100; i++) {
        el.remove();
        home.append(el);
        await el.updateComplete;
      }
      el.remove();
      expect({ listeners: active.listeners, observers: active.observers, timers: active.timers.size }).to.deep.equal(before);
      expect(document.body.getAttribute('style')).to.equal(bodyStyle);
    } finally {
      Object.assign(EventTarget.prototype, { addEventListener: original.add, removeEventListener: original.remove });
      Object.assign(window, {
        setTimeout: original.setTimeout,
        clearTimeout: original.clearTimeout,
        ResizeObserver: original.ResizeObserver,
        IntersectionObserver: original.IntersectionObserver,
      });
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('renders the same under aggressive host-page CSS', async () => {
    const plain = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} open></agent-chat-launcher>`);
    const look = (el: AgentChatLauncher) =>
      ['[part=button]', '[part=panel]', '#contact', '[part=submit]', 'label'].map((selector) => {
        const node = $(el, selector);
        const style = getComputedStyle(node);
        const box = node.getBoundingClientRect();
        return [selector, style.color, style.backgroundColor, style.fontSize, style.fontFamily, style.display, Math.round(box.width), Math.round(box.height)].join(' ');
      });
    const expected = look(plain);
    plain.remove();
    const hostile = document.createElement('style');
    hostile.textContent = `* { all: unset !important; font: 40px/3 serif !important; color: red !important; position: static !important; }
      agent-chat-launcher { display: block !important; transform: none !important; z-index: 1 !important; letter-spacing: 9px !important; }
      button, input, label { display: none !important; }`;
    document.head.append(hostile);
    try {
      const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} open></agent-chat-launcher>`);
      expect(look(el)).to.deep.equal(expected);
    } finally {
      hostile.remove();
    }
  });
});

describe('proactive teaser', () => {
  beforeEach(() => sessionStorage.clear());

  it('appears after its delay without taking focus, opens the panel, and stays dismissed for the session', async () => {
    const outside = document.createElement('input');
    document.body.append(outside);
    outside.focus();
    try {
      const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} teaser="Questions? We can text you." teaser-delay="0.05"></agent-chat-launcher>`);
      await until(() => maybe(el, '[part=teaser]'), 'the teaser');
      expect(document.activeElement).to.equal(outside);
      expect($(el, '[part=teaser]').textContent).to.contain('Questions? We can text you.');
      await expectAccessible(el);

      $<HTMLButtonElement>(el, '[part=teaser] button').click();
      await el.updateComplete;
      expect(el.open).to.equal(true);
      expect(maybe(el, '[part=teaser]')).to.equal(null);

      const again = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} teaser="Hi" teaser-delay="0.01"></agent-chat-launcher>`);
      await new Promise((r) => setTimeout(r, 50));
      expect(maybe(again, '[part=teaser]')).to.equal(null);
    } finally {
      outside.remove();
    }
  });

  it('can be dismissed with its close button', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} teaser="Hi" teaser-delay="0"></agent-chat-launcher>`);
    await until(() => maybe(el, '[part=teaser]'), 'the teaser');
    $<HTMLButtonElement>(el, '[part=teaser] .icon').click();
    await el.updateComplete;
    expect(maybe(el, '[part=teaser]')).to.equal(null);
    expect(sessionStorage.getItem('agent-chat-launcher:teaser-dismissed')).to.equal('1');
  });
});

describe('consent modes', () => {
  it('shows a notice instead of a checkbox with consent="notice", and sends consent', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} consent="notice" business="Acme" country="US" schedule="off" open></agent-chat-launcher>`);
    expect(maybe(el, '#consent')).to.equal(null);
    expect($(el, '.notice').textContent).to.contain('Acme');
    expect(maybe(el, 'input[name=when]')).to.equal(null);
    await type(el, '#contact', '415 555 0123');
    const submitted = nextEvent<{ consent: boolean }>(el, 'launcher-submit');
    $<HTMLButtonElement>(el, '[part=submit]').click();
    expect((await submitted).detail.consent).to.equal(true);
  });

  it('asks nothing and claims no consent with consent="off"', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} consent="off" country="US" open></agent-chat-launcher>`);
    expect(maybe(el, '#consent, .notice')).to.equal(null);
    await type(el, '#contact', '415 555 0123');
    const submitted = nextEvent<{ consent: boolean }>(el, 'launcher-submit');
    el.addEventListener('launcher-submit', (e) => e.preventDefault(), { once: true });
    $<HTMLButtonElement>(el, '[part=submit]').click();
    expect((await submitted).detail.consent).to.equal(false);
  });

  it('names the business and the channel in the default consent text, and takes a slot', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} business="Acme" open></agent-chat-launcher>`);
    expect($(el, '.consent').textContent).to.match(/texts from Acme/);
    await check(el, 'input[value=whatsapp]');
    expect($(el, '.consent').textContent).to.match(/WhatsApp messages from Acme/);
    const slotted = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} open><span slot="consent">Our own terms</span></agent-chat-launcher>`);
    const slot = $<HTMLSlotElement>(slotted, 'slot[name=consent]');
    expect(slot.assignedNodes()[0].textContent).to.equal('Our own terms');
    expect(focused(slotted)?.id).to.not.equal('consent');
  });
});

describe('details a visitor meets', () => {
  it('offers only the countries of its attribute, preselecting the country attribute', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} countries="de,fr,gb" country="FR" open></agent-chat-launcher>`);
    const select = $<HTMLSelectElement>(el, '#country');
    expect([...select.options].map((o) => o.value).sort()).to.deep.equal(['DE', 'FR', 'GB']);
    expect(select.value).to.equal('FR');
    await type(el, '#contact', '06 12 34 56 78');
    await check(el, '#consent');
    const submitted = nextEvent<{ contact: string }>(el, 'launcher-submit');
    $<HTMLButtonElement>(el, '[part=submit]').click();
    expect((await submitted).detail.contact).to.equal('+33612345678');
  });

  it('refuses a time beyond the horizon at the field', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open></agent-chat-launcher>`);
    await type(el, '#contact', 'ana@example.com');
    await check(el, 'input[value=later]');
    const far = new Date(Date.now() + 40 * 86_400_000);
    await type(el, '#schedule_at', `${far.getFullYear()}-${String(far.getMonth() + 1).padStart(2, '0')}-${String(far.getDate()).padStart(2, '0')}T10:00`);
    $<HTMLButtonElement>(el, '[part=submit]').click();
    await el.updateComplete;
    expect($(el, '#schedule_at-msg').textContent).to.match(/before/);
    expect($(el, '#schedule_at').getAttribute('aria-invalid')).to.equal('true');
  });

  it('takes its icon, header and confirmation from slots', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email" open>
      <span slot="icon">☎</span><span slot="header">Talk to Ana</span><span slot="confirmation">Ana will write soon.</span>
    </agent-chat-launcher>`);
    const assigned = (name: string) => $<HTMLSlotElement>(el, `slot[name=${name}]`).assignedNodes()[0]?.textContent;
    expect(assigned('icon')).to.equal('☎');
    expect(assigned('header')).to.equal('Talk to Ana');
    await type(el, '#contact', 'ana@example.com');
    const done = nextEvent(el, 'launcher-success');
    $<HTMLButtonElement>(el, '[part=submit]').click();
    await done;
    await el.updateComplete;
    expect(assigned('confirmation')).to.equal('Ana will write soon.');
  });

  it('animates the panel only when motion is welcome', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} open></agent-chat-launcher>`);
    // The suite runs with prefers-reduced-motion: reduce (see helpers.ts).
    expect(getComputedStyle($(el, '[part=panel]')).transitionDuration).to.equal('0s');
    await emulateMedia({ reducedMotion: 'no-preference' });
    try {
      expect(getComputedStyle($(el, '[part=panel]')).transitionDuration).to.not.equal('0s');
    } finally {
      await emulateMedia({ reducedMotion: 'reduce' });
    }
  });
});
