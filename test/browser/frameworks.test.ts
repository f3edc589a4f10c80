// The element used from React 19 and Vue 3, through the examples/ components people copy:
// attributes and properties set from the framework, methods through a ref, and events back
// into framework state after a real submission (proxy + simulated vendor on the test server).
import { expect } from '@open-wc/testing';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createApp, type App } from 'vue';
import type { AgentChatLauncher } from 'agent-chat-launcher';
import { ContactLauncher } from '../../examples/react/src/ContactLauncher.js';
import ContactLauncherVue from '../../examples/vue/src/ContactLauncher.vue';

/** Served by frameworkProxyMiddleware (test/browser/framework-modules.ts). */
const ENDPOINT = '/api/framework-chat';

async function until<T>(find: () => T | null | undefined | false, what: string, ms = 4000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const found = find();
    if (found) return found;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function launcherIn(host: HTMLElement): Promise<AgentChatLauncher> {
  const el = await until(() => host.querySelector('agent-chat-launcher'), '<agent-chat-launcher>');
  await el.updateComplete;
  // The visitor's pointer over the launcher has the panel fetched.
  el.shadowRoot!.querySelector('[part=button]')!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
  await until(() => el.shadowRoot!.querySelector('[part~=header]'), 'the panel');
  await el.updateComplete;
  return el;
}

function part(el: AgentChatLauncher, name: string): HTMLElement {
  const found = el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

/** Opens through the page's own button (the component calls `show()` on its ref), then submits an email. */
async function requestByEmail(host: HTMLElement, el: AgentChatLauncher, email: string): Promise<void> {
  host.querySelector<HTMLButtonElement>(':scope > button')!.click();
  await until(() => el.open, 'the panel to open');
  await el.updateComplete;
  const input = part(el, 'input') as HTMLInputElement;
  expect(input.type).to.equal('email');
  input.value = email;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  part(el, 'submit').click();
}

let seq = 0;
const uniqueEmail = () => `framework-${Date.now()}-${++seq}@example.com`;

describe('<agent-chat-launcher> in React 19 (examples/react)', () => {
  let host: HTMLElement;
  let root: Root;

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    root.unmount();
    host.remove();
  });

  it('passes strings as attributes and objects as properties', async () => {
    root.render(createElement(ContactLauncher, { endpoint: ENDPOINT }));
    const el = await launcherIn(host);
    expect(el.endpoint).to.equal(ENDPOINT);
    expect(el.channels).to.equal('email,phone');
    expect(el.business).to.equal('Harbor Dental');
    expect(el.strings).to.deep.equal({ title: 'Hear from Harbor Dental' });
    expect(el.hasAttribute('strings')).to.equal(false);
    expect(part(el, 'header').textContent).to.contain('Hear from Harbor Dental');
  });

  it('calls show() through a ref and hears launcher-success through an on<event> prop', async () => {
    root.render(createElement(ContactLauncher, { endpoint: ENDPOINT }));
    const el = await launcherIn(host);
    await requestByEmail(host, el, uniqueEmail());
    const status = await until(() => host.querySelector('[role=status]'), 'the React status line');
    expect(status.textContent).to.equal('Requested: email, started');
  });

  it('leaves the element defined once and the page free of errors after unmount and remount', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    root.render(createElement(ContactLauncher, { endpoint: ENDPOINT }));
    await launcherIn(host);
    root.unmount();
    root = createRoot(host);
    root.render(createElement(ContactLauncher, { endpoint: ENDPOINT }));
    const el = await launcherIn(host);
    window.removeEventListener('error', onError);
    expect(el).to.be.instanceOf(customElements.get('agent-chat-launcher')!);
    expect(errors).to.deep.equal([]);
  });
});

describe('<agent-chat-launcher> in Vue 3 (examples/vue)', () => {
  let host: HTMLElement;
  let app: App;
  let warnings: string[];

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    warnings = [];
    app = createApp(ContactLauncherVue, { endpoint: ENDPOINT });
    app.config.warnHandler = (message) => warnings.push(message);
    app.mount(host);
  });

  afterEach(() => {
    app.unmount();
    host.remove();
  });

  it('binds attributes, and a property with .prop, without Vue warnings', async () => {
    const el = await launcherIn(host);
    expect(el.endpoint).to.equal(ENDPOINT);
    expect(el.business).to.equal('Harbor Dental');
    expect(el.strings).to.deep.equal({ title: 'Hear from Harbor Dental' });
    expect(el.hasAttribute('strings')).to.equal(false);
    expect(part(el, 'header').textContent).to.contain('Hear from Harbor Dental');
    // Vue would warn "Failed to resolve component" had it not been told this is a custom element.
    expect(warnings).to.deep.equal([]);
  });

  it('calls show() through a template ref and hears launcher-success through @launcher-success', async () => {
    const el = await launcherIn(host);
    await requestByEmail(host, el, uniqueEmail());
    const status = await until(() => host.querySelector('[role=status]'), 'the Vue status line');
    expect(status.textContent).to.equal('Requested: email, started');
    expect(warnings).to.deep.equal([]);
  });
});
