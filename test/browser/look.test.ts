// How the widget looks and sits, measured in Chromium: the modal sheet on small screens, the top
// layer against a hostile page, forced colours, and contrast computed from the rendered colours.
import { expect, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { AgentChatLauncher } from '../../src/widget/define.js';
import { $, ENDPOINT, expectAccessible, focused, mount, type, until } from './helpers.js';

/** WCAG 2 contrast ratio of two colours as getComputedStyle gives them (rgb() or color(srgb …)). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const numbers = colour.match(/[\d.]+/g)!.map(Number);
    const channels = colour.startsWith('color(') ? numbers.slice(0, 3) : numbers.slice(0, 3).map((n) => n / 255);
    const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** A short name for a node: comparing names keeps failure messages small (chai prints whole elements). */
function name(node: Element | null | undefined): string {
  if (!node) return String(node);
  return [node.localName, node.id && `#${node.id}`, node.getAttribute('part') && `[part=${node.getAttribute('part')}]`, node.getAttribute('class') && `.${node.getAttribute('class')}`].join('');
}

function centre(node: Element): [number, number] {
  const box = node.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}

/** Opens the panel and waits until it is laid out as it will stay. */
async function open(el: AgentChatLauncher): Promise<HTMLDialogElement> {
  el.show();
  await el.updateComplete;
  return $<HTMLDialogElement>(el, '[part=panel]');
}

function pageLink(text: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = '#';
  link.textContent = text;
  document.body.prepend(link);
  return link;
}

describe('the modal sheet on phones and short viewports', () => {
  afterEach(async () => {
    await resetMouse();
    await setViewport({ width: 800, height: 600 });
  });

  it('is modal: a backdrop covers the page, the page is inert and Tab stays inside', async () => {
    await setViewport({ width: 390, height: 700 });
    const link = pageLink('a page link');
    try {
      const el = await mount();
      const panel = await open(el);
      expect(panel.matches(':modal')).to.equal(true);
      expect(getComputedStyle(panel, '::backdrop').backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
      link.focus();
      expect(name(document.activeElement)).to.not.equal(name(link), 'the page behind is inert');
      expect(name(document.elementFromPoint(...centre(link)))).to.equal(name(el), 'the backdrop covers the page');

      $(el, '.header .icon').focus();
      const seen = new Set<string>();
      for (let i = 0; i < 16; i++) {
        if (i < 8) await sendKeys({ press: 'Tab' });
        else await sendKeys({ down: 'Shift' }).then(() => sendKeys({ press: 'Tab' })).then(() => sendKeys({ up: 'Shift' }));
        // Past the last control focus may visit the browser's own UI (document.body), never the page.
        expect([name(el), name(document.body)]).to.include(name(document.activeElement));
        seen.add(name(focused(el)));
      }
      expect([...seen]).to.include(name($(el, '.header .icon')), 'Tab came round to the first control again');
      expect([...seen]).to.include(name($(el, '[part=submit]')));
      expect(panel.contains(focused(el)) || focused(el) === null).to.equal(true);
    } finally {
      link.remove();
    }
  });

  it('closes on a tap on the backdrop, releasing the scroll lock', async () => {
    await setViewport({ width: 390, height: 700 });
    const styleBefore = document.body.getAttribute('style');
    const el = await mount();
    const panel = await open(el);
    expect(getComputedStyle(document.body).overflow).to.equal('hidden');
    const top = panel.getBoundingClientRect().top;
    expect(top).to.be.greaterThan(40);
    await sendMouse({ type: 'click', position: [20, Math.round(top / 2)] });
    await until(() => !el.open, 'the sheet to close');
    await el.updateComplete;
    expect(panel.matches(':modal')).to.equal(false);
    expect(getComputedStyle(document.body).overflow).to.equal('visible');
    expect(document.body.getAttribute('style')).to.equal(styleBefore);
  });

  it('closes when dragged down by its header, and springs back from a short drag', async () => {
    await setViewport({ width: 390, height: 700 });
    const el = await mount();
    const panel = await open(el);
    const [x, y] = centre($(el, 'h2'));
    const drag = async (by: number) => {
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x, Math.round(y + by / 2)] });
      await sendMouse({ type: 'move', position: [x, y + by] });
      await sendMouse({ type: 'up' });
    };
    await drag(30);
    await el.updateComplete;
    expect(el.open).to.equal(true, 'a short drag leaves it open');
    expect(panel.style.translate).to.equal('');
    await drag(Math.round(panel.offsetHeight / 2));
    await until(() => !el.open, 'the sheet to close');
    expect(getComputedStyle(document.body).overflow).to.equal('visible');
  });

  it('stays open on a tap inside it, and closes by Escape with focus back on the launcher', async () => {
    await setViewport({ width: 390, height: 700 });
    const el = await mount();
    const panel = await open(el);
    await sendMouse({ type: 'click', position: centre($(el, 'h2')) });
    expect(el.open).to.equal(true);
    $(el, '#contact').focus();
    await sendKeys({ press: 'Escape' });
    await until(() => !el.open && focused(el) === $(el, '[part=button]'), 'closed, focus on the launcher');
    expect(panel.matches(':modal')).to.equal(false);
  });

  it('has a grabber, and keeps its header with the close button in view while the form scrolls (200 % zoom)', async () => {
    await setViewport({ width: 640, height: 400 });
    const el = await mount();
    const panel = await open(el);
    expect(panel.matches(':modal')).to.equal(true, 'a short viewport gets the sheet too');
    expect(getComputedStyle($(el, '.header'), '::before').content).to.equal('""');
    expect(panel.scrollHeight).to.be.greaterThan(panel.clientHeight, 'the form scrolls at this size');
    panel.scrollTop = panel.scrollHeight;
    await new Promise(requestAnimationFrame);
    const close = $(el, '.header .icon');
    const box = panel.getBoundingClientRect();
    expect(close.getBoundingClientRect().top).to.be.at.least(box.top);
    expect(close.contains(el.shadowRoot!.elementFromPoint(...centre(close)))).to.equal(true, 'nothing covers the close button');
    expect($(el, '[part=submit]').contains(el.shadowRoot!.elementFromPoint(...centre($(el, '[part=submit]'))))).to.equal(true);
  });

  it('turns into a sheet when the viewport shrinks while open, keeping the focused field', async () => {
    const el = await mount();
    const panel = await open(el);
    $(el, '#contact').focus();
    await setViewport({ width: 390, height: 700 });
    await until(() => panel.matches(':modal'), 'the sheet');
    expect(focused(el)?.id).to.equal('contact');
    expect(panel.style.top).to.equal('', 'no floating position left behind');
  });

  it('never hides the focused control under its sticky header, Tab after Tab backwards (200 % zoom)', async () => {
    await setViewport({ width: 640, height: 400 });
    const el = await mount();
    const panel = await open(el);
    $(el, '[part=submit]').focus();
    for (let i = 0; i < 8; i++) {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      await new Promise(requestAnimationFrame);
      const control = focused(el) as HTMLElement;
      if (!control || !panel.contains(control)) continue;
      const hit = el.shadowRoot!.elementFromPoint(...centre(control));
      expect(control.contains(hit) || control.closest('label')?.contains(hit)).to.equal(true, `${name(control)} is covered by ${name(hit)}`);
    }
  });

  it('is a modal sheet again after removal and re-insertion (single-page-app navigation)', async () => {
    await setViewport({ width: 390, height: 700 });
    const el = await mount();
    const panel = await open(el);
    const home = el.parentElement!;
    el.remove();
    expect(getComputedStyle(document.body).overflow).to.equal('visible');
    home.append(el);
    await until(() => panel.matches(':modal'), 'the sheet again');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.open).to.equal(true, 'still open once every event of the removal has come');
    expect(getComputedStyle(document.body).overflow).to.equal('hidden');
    await expectAccessible(el);
  });

  it('becomes a floating panel again when the viewport grows while open', async () => {
    await setViewport({ width: 390, height: 700 });
    const el = await mount();
    const panel = await open(el);
    expect(panel.matches(':modal')).to.equal(true);
    await setViewport({ width: 1000, height: 700 });
    await until(() => panel.matches(':popover-open') && panel.style.top !== '', 'a floating panel');
    expect(panel.matches(':modal')).to.equal(false);
    expect(getComputedStyle(document.body).overflow).to.equal('visible');
  });
});

describe('on a desktop', () => {
  it('caps the panel so the top of the page stays in view, and sits it above the launcher', async () => {
    await setViewport({ width: 1000, height: 600 });
    try {
      const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} schedule="optional"></agent-chat-launcher>`);
      const panel = await open(el);
      $<HTMLInputElement>(el, 'input[value=later]').click();
      $<HTMLButtonElement>(el, '[part=submit]').click();
      await el.updateComplete;
      await until(() => panel.style.top !== '', 'positioned');
      await new Promise(requestAnimationFrame);
      const box = panel.getBoundingClientRect();
      expect(box.top).to.be.at.least(80);
      expect(box.bottom).to.be.at.most($(el, '[part=button]').getBoundingClientRect().top);
      expect(panel.matches(':modal')).to.equal(false, 'not modal on a desktop');
      expect(getComputedStyle(panel, '::backdrop').backgroundColor).to.equal('rgba(0, 0, 0, 0)', 'no backdrop dims the page');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('gets out of the way when a page element it covers receives focus', async () => {
    const el = await mount();
    const panel = await open(el);
    await until(() => panel.style.top !== '', 'positioned');
    const box = panel.getBoundingClientRect();
    const covered = pageLink('under the panel');
    covered.style.cssText = `position: fixed; left: ${box.left + 10}px; top: ${box.top + 10}px`;
    const clear = pageLink('beside the panel');
    clear.style.cssText = 'position: fixed; left: 0; top: 0';
    try {
      clear.focus();
      await el.updateComplete;
      expect(el.open).to.equal(true, 'focus on an uncovered element leaves the panel open');
      covered.focus();
      await el.updateComplete;
      expect(el.open).to.equal(false);
      expect(name(document.activeElement)).to.equal(name(covered));
      expect(name(document.elementFromPoint(...centre(covered)))).to.equal(name(covered));
    } finally {
      covered.remove();
      clear.remove();
    }
  });

  it('turns the launcher icon into a close icon while open', async () => {
    const el = await mount();
    const launcher = $(el, '[part=button]');
    const visibleIcons = () => [...launcher.querySelectorAll('svg')].filter((svg) => svg.getBoundingClientRect().width > 0);
    const [chat] = visibleIcons();
    expect(visibleIcons()).to.have.length(1);
    await open(el);
    expect(visibleIcons()).to.have.length(1);
    expect(visibleIcons()[0] === chat).to.equal(false);
    expect(visibleIcons()[0].innerHTML).to.contain('M6 6l12 12');
  });
});

describe('immune to the host page', () => {
  for (const hostile of ['transform: translateZ(0)', 'filter: blur(0px)', 'transform: scale(0.8) translateY(300px)']) {
    it(`keeps the launcher at the viewport's corner and the panel on screen with body { ${hostile} }`, async () => {
      document.body.style.cssText = `${hostile}; min-height: 2000px`;
      try {
        const el = await mount();
        const launcher = $(el, '[part=button]').getBoundingClientRect();
        expect(Math.round(innerWidth - launcher.right)).to.equal(20);
        expect(Math.round(document.documentElement.clientHeight - launcher.bottom)).to.equal(20);
        const panel = await open(el);
        await until(() => panel.style.top !== '', 'positioned');
        await new Promise(requestAnimationFrame);
        const box = panel.getBoundingClientRect();
        expect(box.top).to.be.at.least(0);
        expect(box.left).to.be.at.least(0);
        expect(box.right).to.be.at.most(innerWidth);
        expect(box.bottom).to.be.at.most(launcher.top);
      } finally {
        document.body.style.cssText = '';
      }
    });
  }

  it('is not covered by a page element with the highest z-index', async () => {
    const cover = document.createElement('div');
    cover.style.cssText = 'position: fixed; inset: 0; z-index: 2147483647; background: #fff8';
    document.body.append(cover);
    try {
      const el = await mount();
      const launcher = $(el, '[part=button]');
      expect(name(document.elementFromPoint(...centre(launcher)))).to.equal(name(el));
      launcher.click();
      await el.updateComplete;
      const panel = $(el, '[part=panel]');
      await until(() => panel.style.top !== '', 'positioned');
      expect($(el, 'h2').contains(el.shadowRoot!.elementFromPoint(...centre($(el, 'h2'))))).to.equal(true);
      expect(name(document.elementFromPoint(...centre(panel)))).to.equal(name(el));
    } finally {
      cover.remove();
    }
  });
});

describe('forced colours (Windows high contrast)', () => {
  before(() => executeServerCommand('forced-colors', { active: true }));
  after(() => executeServerCommand('forced-colors', { active: false }));

  it('keeps the launcher, the panel edge, buttons and error messages visible as such', async () => {
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const el = await mount();
    const edge = (node: Element) => {
      const style = getComputedStyle(node);
      return { style: style.borderTopStyle, width: parseFloat(style.borderTopWidth), colour: style.borderTopColor, against: style.backgroundColor };
    };
    for (const node of [$(el, '[part=button]'), await open(el), $(el, '[part=submit]')]) {
      const { style, width, colour, against } = edge(node);
      expect(style).to.equal('solid', node.className);
      expect(width).to.be.at.least(1);
      expect(contrast(colour, against)).to.be.at.least(3, `${node.className}: its edge shows`);
    }
    $<HTMLButtonElement>(el, '[part=submit]').click();
    await el.updateComplete;
    const message = $(el, '#contact-msg');
    expect(message.textContent).to.not.be.empty;
    expect(getComputedStyle(message, '::before').content).to.contain('⚠', 'a sign, not only a colour, marks the error');
  });

  it('keeps the gap that shows the spinner turning', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email"></agent-chat-launcher>`);
    await open(el);
    const original = window.fetch;
    window.fetch = () => new Promise(() => {}); // never answers: the button stays busy
    try {
      await type(el, '#contact', 'spin@example.com');
      $(el, '[part=submit]').click();
      await until(() => $(el, 'form').getAttribute('aria-busy') === 'true', 'sending');
      const submit = $(el, '[part=submit]');
      const ring = getComputedStyle(submit, '::before');
      expect(ring.borderRightColor).to.equal('rgba(0, 0, 0, 0)', 'the gap');
      expect(contrast(ring.borderTopColor, getComputedStyle(submit).backgroundColor)).to.be.at.least(3, 'the ring');
    } finally {
      window.fetch = original;
    }
  });
});

describe('contrast of every component edge, from the rendered colours', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' }));

  for (const theme of ['light', 'dark'] as const) {
    it(`meets 3:1 for inputs, unselected choices and the launcher on light and dark pages (${theme})`, async () => {
      const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} theme=${theme}></agent-chat-launcher>`);
      const panel = await open(el);
      const background = getComputedStyle(panel).backgroundColor;
      const unselected = [...el.shadowRoot!.querySelectorAll('.choice')].filter((c) => !c.querySelector('input')!.checked);
      expect(unselected.length).to.be.greaterThan(0);
      for (const node of [$(el, '#contact'), $(el, '#country'), ...unselected]) {
        expect(contrast(getComputedStyle(node).borderTopColor, background)).to.be.at.least(3, `${node.id || node.textContent} edge`);
      }
      // The launcher is told apart from the page by its fill or by its ring, whichever contrasts.
      const launcher = getComputedStyle($(el, '[part=button]'));
      expect(contrast(launcher.backgroundColor, launcher.borderTopColor)).to.be.at.least(3, 'fill against ring');
      for (const page of ['rgb(255, 255, 255)', 'rgb(0, 0, 0)', 'rgb(18, 18, 18)', 'rgb(245, 245, 245)']) {
        const best = Math.max(contrast(launcher.backgroundColor, page), contrast(launcher.borderTopColor, page));
        expect(best).to.be.at.least(3, `launcher on ${page}`);
      }
      const check = contrast(getComputedStyle($(el, '[part=submit]')).backgroundColor, background);
      expect(check).to.be.at.least(3, 'the submit button against the panel');
    });
  }

  it('is light by default, even for a visitor whose system is dark', async () => {
    await emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    const el = await mount();
    expect(el.theme).to.equal('light');
    const panel = await open(el);
    expect(getComputedStyle(panel).backgroundColor).to.equal('rgb(255, 255, 255)');
    const auto = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} theme="auto"></agent-chat-launcher>`);
    expect(getComputedStyle(await open(auto)).backgroundColor).to.not.equal('rgb(255, 255, 255)');
  });
});

describe('polish', () => {
  it('shows a spinner while sending, and the success colour on the check', async () => {
    const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} channels="email"></agent-chat-launcher>`);
    await open(el);
    const submit = $(el, '[part=submit]');
    expect(getComputedStyle(submit, '::before').content).to.equal('none');
    const idle = getComputedStyle(submit).backgroundColor;
    let answer!: () => void;
    const original = window.fetch;
    window.fetch = async (input, init) => {
      await new Promise<void>((resolve) => (answer = resolve));
      return original(input, init);
    };
    try {
      await type(el, '#contact', 'spin@example.com');
      submit.click();
      await until(() => answer, 'the request');
      await el.updateComplete;
      const sending = $(el, '[part=submit]');
      expect(getComputedStyle(sending, '::before').content).to.equal('""');
      expect(parseFloat(getComputedStyle(sending, '::before').width)).to.be.greaterThan(8);
      const busy = getComputedStyle(sending).backgroundColor;
      expect(busy).to.not.equal(idle, 'the button looks different while sending');
      expect(contrast(getComputedStyle(sending).color, busy)).to.be.at.least(4.5, 'its text stays readable');
      answer();
      await until(() => el.shadowRoot!.querySelector('[part=confirmation]'), 'the confirmation');
    } finally {
      window.fetch = original;
    }
    const check = getComputedStyle($(el, '[part=confirmation] > svg')).color;
    const [r, g, b] = check.match(/\d+/g)!.map(Number);
    expect(g).to.be.greaterThan(r + 40).and.greaterThan(b + 20);
    expect(contrast(check, getComputedStyle($(el, '[part=panel]')).backgroundColor)).to.be.at.least(3);
  });

  it('lines the channel pills up evenly with their radio dots centred', async () => {
    await setViewport({ width: 360, height: 700 });
    try {
      const el = await mount();
      await open(el);
      const pills = [...el.shadowRoot!.querySelectorAll('fieldset:first-of-type .choice')];
      const widths = pills.map((p) => Math.round(p.getBoundingClientRect().width));
      const rows = new Set(pills.map((p) => Math.round(p.getBoundingClientRect().top)));
      // Either one row or a grid: never a lone pill of another width on its own row.
      expect(new Set(widths).size).to.equal(1, `widths ${widths}`);
      expect(rows.size).to.be.at.most(pills.length === 3 ? 3 : 2);
      for (const pill of pills) {
        const dot = pill.querySelector('input')!.getBoundingClientRect();
        const box = pill.getBoundingClientRect();
        expect(Math.abs(dot.top + dot.height / 2 - (box.top + box.height / 2))).to.be.at.most(1);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('keeps fields to a readable width inline on a wide page, with a header that scrolls with the page and pills on one line', async () => {
    await setViewport({ width: 1280, height: 800 });
    try {
      const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} mode="inline"></agent-chat-launcher>`);
      expect($(el, '#contact').getBoundingClientRect().width).to.be.at.most(500);
      expect(getComputedStyle($(el, '.header')).position).to.equal('static', 'in the page, the header scrolls with it');
      for (const pill of el.shadowRoot!.querySelectorAll('.choice')) {
        const text = [...pill.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
        const range = document.createRange();
        range.selectNodeContents(text);
        expect(range.getClientRects().length).to.equal(1, `"${text.textContent}" on one line`);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
