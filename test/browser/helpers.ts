// Shared steps of the browser tests: mounting the element, reaching into its shadow root,
// driving the simulator's faults, and recording what the widget sends.
import { fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../../src/widget/define.js';
// Fetched and compiled before the tests run, so the element's import() of it resolves at once
// (test/e2e/two-step.test.ts covers the loading itself).
import '../../src/widget/panel.js';
import type { AgentChatLauncher } from '../../src/widget/define.js';

export const ENDPOINT = '/api/agent-chat';

// No opening animation: axe would measure text contrast halfway through a fade-in.
before(() => emulateMedia({ reducedMotion: 'reduce' }));

/** Mounts the element and, as a visitor's pointer over the launcher would, has its panel fetched. */
export async function mount(template = html`<agent-chat-launcher endpoint=${ENDPOINT}></agent-chat-launcher>`): Promise<AgentChatLauncher> {
  const el = await fixture<AgentChatLauncher>(template);
  await el.updateComplete;
  const launcher = el.shadowRoot!.querySelector('[part=button]');
  launcher?.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
  if (launcher || el.mode === 'inline') await until(() => el.shadowRoot!.querySelector('.panel:not(.failed)'), 'the panel');
  await el.updateComplete;
  return el;
}

export function $<T extends Element = HTMLElement>(el: AgentChatLauncher, selector: string): T {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in the widget`);
  return found;
}

export function maybe<T extends Element = HTMLElement>(el: AgentChatLauncher, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector);
}

/** The element inside the widget that has focus. */
export function focused(el: AgentChatLauncher): Element | null {
  return el.shadowRoot!.activeElement;
}

export async function type(el: AgentChatLauncher, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export async function check(el: AgentChatLauncher, selector: string): Promise<void> {
  $<HTMLInputElement>(el, selector).click();
  await el.updateComplete;
}

export function nextEvent<T = unknown>(target: EventTarget, name: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) => target.addEventListener(name, (e) => resolve(e as CustomEvent<T>), { once: true }));
}

/** Makes the simulated vendor answer its next request with a fault (see test/browser/server.ts). */
export async function vendorFault(fault: string): Promise<void> {
  const response = await fetch('/test/simulator/fault', { method: 'POST', body: fault });
  if (!response.ok) throw new Error('could not set the simulator fault');
}

/** What the simulated vendor received so far, newest last. */
export async function vendorReceived(): Promise<Record<string, unknown>[]> {
  return (await fetch('/test/simulator/received')).json();
}

/** Records the requests the page makes to the proxy, headers included. */
export function recordRequests(): { requests: { key: string | null; body: unknown }[]; restore(): void } {
  const original = window.fetch;
  const requests: { key: string | null; body: unknown }[] = [];
  window.fetch = async (input, init) => {
    if (String(input).includes(ENDPOINT)) {
      requests.push({ key: new Headers(init?.headers).get('Idempotency-Key'), body: JSON.parse(String(init?.body)) });
    }
    return original(input, init);
  };
  return { requests, restore: () => (window.fetch = original) };
}

/** Runs axe-core on the element and fails with the list of violations. */
export async function expectAccessible(el: Element): Promise<void> {
  const axe = (window as unknown as { axe: { run(el: Element): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } }).axe;
  const { violations } = await axe.run(el);
  if (violations.length) {
    throw new Error('axe: ' + violations.map((v) => `${v.id} (${v.help}): ${JSON.stringify(v.nodes.map((n) => (n as { failureSummary?: string; target?: unknown }).target))} ${JSON.stringify((v.nodes[0] as { any?: unknown[] }).any)}`).join('; '));
  }
}

/** Waits until `condition` holds, polling each frame (at most ~3 s). */
export async function until(condition: () => unknown, what = 'condition'): Promise<void> {
  for (let i = 0; i < 180; i++) {
    if (condition()) return;
    await new Promise((r) => requestAnimationFrame(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}
