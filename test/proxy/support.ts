// Shared fixtures for the proxy tests: a proxy wired to an in-process simulator, and request builders.
import { createChatProxy, type ChatProxyConfig, type ChatProxyHandler, type ProxyLogEntry } from '../../src/proxy/index.js';
import { SIMULATOR_DEFAULTS, createSimulator, type Simulator } from '../../src/simulator/index.js';

/** The fixed clock of every test. */
export const NOW = Date.parse('2026-11-24T12:00:00.000Z');
export const ENDPOINT = 'http://shop.example/api/agent-chat';
export const KEY = '0b7e4c9a-3f1d-4e2b-8a6c-5d9f1e2a3b4c';
export const PHONE = '+14155550123';
export const EMAIL = 'jane.doe@example.com';

export interface Setup {
  handler: ChatProxyHandler;
  simulator: Simulator;
  logs: ProxyLogEntry[];
}

/** A proxy in front of a fresh simulator, with the simulator's demo key, agent and channels. */
export function setup(overrides: Partial<ChatProxyConfig> = {}): Setup {
  const simulator = createSimulator({ now: () => NOW });
  const logs: ProxyLogEntry[] = [];
  const handler = createChatProxy({
    apiKey: SIMULATOR_DEFAULTS.apiKey,
    agentId: SIMULATOR_DEFAULTS.agentId,
    channels: { ...SIMULATOR_DEFAULTS.channels },
    fetch: simulator.fetch,
    log: (entry) => logs.push(entry),
    now: () => NOW,
    ...overrides,
  });
  return { handler, simulator, logs };
}

/** A POST of `body` (JSON-encoded unless a string) with JSON content type and a fresh idempotency key. */
export function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A valid "text me now" body. */
export function phoneBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'phone', contact: PHONE, consent: true, locale: 'en-US', timezone: 'America/Los_Angeles', hp: '', ...extra };
}

/** An ISO time `minutes` after NOW. */
export function inMinutes(minutes: number): string {
  return new Date(NOW + minutes * 60_000).toISOString();
}

/** The parsed JSON body of a response. */
export async function json(response: Response): Promise<any> {
  return response.json();
}
