// A local stand-in for the vendor's Start Agent Chat API: a fetch handler with its semantics and switchable faults.
import { SIMULATOR_DEFAULTS } from './defaults.js';

export { SIMULATOR_DEFAULTS } from './defaults.js';

const TYPES = ['phone', 'whatsapp', 'email'] as const;
type VendorChannelType = (typeof TYPES)[number];
const KNOWN_FIELDS = ['from', 'to', 'type', 'send_initial_message', 'schedule_at'];
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

export interface SimulatorOptions {
  /** The only key accepted in `X-WHIPPY-KEY`. */
  apiKey: string;
  /** The only agent that exists. */
  agentId: string;
  /** The organization's enabled channels, per type; `from` must be one of them. */
  channels: Partial<Record<VendorChannelType, string>>;
  /** The clock, in epoch milliseconds. */
  now: () => number;
  /** Delay before each answer, to feel like a network (demo). */
  latencyMs: number;
  /** How many requests `received` keeps (the oldest are dropped), so a long run stays bounded. */
  maxReceived: number;
}

/**
 * A failure the next request meets instead of normal handling:
 * an HTTP status (answered with a vendor-style error body), `hang` (no answer until the
 * request is aborted), `unreadable-body` (201 whose body stream breaks),
 * `connection-reset` (rejects with a TypeError, like fetch on a dropped connection), or
 * `connection-refused` (rejects like fetch when no connection could be made; the request is
 * not received, so it is not in `received`).
 */
export type SimulatorFault = number | 'hang' | 'unreadable-body' | 'connection-reset' | 'connection-refused';

/** One request as the simulated vendor received it. */
export interface ReceivedChat {
  /** ISO time of arrival. */
  at: string;
  method: string;
  path: string;
  /** Whether `X-WHIPPY-KEY` matched. */
  authorized: boolean;
  /** The JSON body, or the raw text when it was not JSON. Raw contact: keep it local. */
  body: unknown;
  /** The status answered; null when no answer was given (hang, reset). */
  status: number | null;
  /** The session id given with a 201/202. */
  id: string | null;
  fault?: SimulatorFault;
}

export interface Simulator {
  /** The vendor endpoint, `POST …/agents/{agentId}/chat`; pass it as the proxy's `fetch`. */
  fetch(request: Request): Promise<Response>;
  /** Every request received, oldest first, including failed ones. */
  readonly received: readonly ReceivedChat[];
  /** Queue a fault for the next request (several calls queue several). */
  failNext(fault: SimulatorFault): void;
  /** Forget received requests and queued faults. */
  reset(): void;
}

// Vendor-style error body. The real shape is not documented; only the status matters to the proxy.
function vendorError(status: number, message: string, field?: string): Response {
  return Response.json({ errors: [{ message, ...(field && { field }) }] }, { status });
}

/** A simulated vendor; every option defaults to SIMULATOR_DEFAULTS (and the real clock). */
export function createSimulator(options: Partial<SimulatorOptions> = {}): Simulator {
  const settings: SimulatorOptions = {
    apiKey: SIMULATOR_DEFAULTS.apiKey,
    agentId: SIMULATOR_DEFAULTS.agentId,
    channels: SIMULATOR_DEFAULTS.channels,
    now: Date.now,
    latencyMs: 0,
    maxReceived: 1000,
    ...options,
  };
  const received: ReceivedChat[] = [];
  const faults: SimulatorFault[] = [];

  async function fetch(request: Request): Promise<Response> {
    const fault = faults.shift();
    if (fault === 'connection-refused') return injure(fault, request);
    const url = new URL(request.url);
    const text = await request.text();
    const record: ReceivedChat = {
      at: new Date(settings.now()).toISOString(),
      method: request.method,
      path: url.pathname,
      authorized: request.headers.get('x-whippy-key') === settings.apiKey,
      body: parseOrText(text),
      status: null,
      id: null,
    };
    received.push(record);
    if (received.length > settings.maxReceived) received.splice(0, received.length - settings.maxReceived);
    if (settings.latencyMs > 0) await delay(settings.latencyMs, request.signal);

    if (fault !== undefined) record.fault = fault;
    const response = await (fault === undefined ? answer(request, url, record) : injure(fault, request));
    record.status = response.status;
    if (response.status === 201 || response.status === 202) record.id ??= crypto.randomUUID();
    return response;
  }

  function answer(request: Request, url: URL, record: ReceivedChat): Response {
    const match = /\/agents\/([^/]+)\/chat$/.exec(url.pathname);
    if (!match) return vendorError(404, 'Not found');
    if (request.method !== 'POST') return vendorError(405, 'Method not allowed');
    if (!record.authorized) return vendorError(401, 'Invalid API key');
    if (decodeURIComponent(match[1]!) !== settings.agentId) return vendorError(404, 'Agent not found');
    if (typeof record.body !== 'object' || record.body === null || Array.isArray(record.body)) {
      return vendorError(400, 'Body must be a JSON object');
    }
    const problem = checkBody(record.body as Record<string, unknown>);
    if (problem) return vendorError(422, problem.message, problem.field);

    const body = record.body as Record<string, unknown>;
    record.id = crypto.randomUUID();
    const data = {
      id: record.id,
      agent_id: settings.agentId,
      type: body.type,
      from: body.from,
      to: body.to,
      send_initial_message: body.send_initial_message ?? false,
    };
    if (typeof body.schedule_at === 'string') {
      return Response.json({ data: { ...data, status: 'scheduled', schedule_at: body.schedule_at } }, { status: 202 });
    }
    return Response.json({ data: { ...data, status: 'active', created_at: record.at } }, { status: 201 });
  }

  // The vendor's documented rules: required from/to/type, an enabled channel of that type,
  // schedule_at ISO 8601 and strictly future. Unknown fields are refused, so a wrong field name shows.
  function checkBody(body: Record<string, unknown>): { field: string; message: string } | undefined {
    const unknown = Object.keys(body).find((key) => !KNOWN_FIELDS.includes(key));
    if (unknown) return { field: unknown, message: `Unknown field ${unknown}` };
    if (!TYPES.includes(body.type as VendorChannelType)) {
      return { field: 'type', message: 'Type must be phone, whatsapp or email' };
    }
    const type = body.type as VendorChannelType;
    if (typeof body.from !== 'string' || body.from !== settings.channels[type]) {
      return { field: 'from', message: `No enabled ${type} channel with this identifier` };
    }
    const contactPattern = type === 'email' ? EMAIL : E164;
    if (typeof body.to !== 'string' || !contactPattern.test(body.to)) return { field: 'to', message: 'Invalid contact' };
    if (body.send_initial_message !== undefined && typeof body.send_initial_message !== 'boolean') {
      return { field: 'send_initial_message', message: 'Must be a boolean' };
    }
    if (body.schedule_at !== undefined) {
      const value = typeof body.schedule_at === 'string' ? body.schedule_at : '';
      if (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
        return { field: 'schedule_at', message: 'Must be an ISO 8601 date-time' };
      }
      if (Date.parse(value) <= settings.now()) return { field: 'schedule_at', message: 'Must be strictly in the future' };
    }
    return undefined;
  }

  return {
    fetch,
    received,
    failNext: (fault) => void faults.push(fault),
    reset() {
      received.length = 0;
      faults.length = 0;
    },
  };
}

async function injure(fault: SimulatorFault, request: Request): Promise<Response> {
  switch (fault) {
    case 'hang':
      // Like a vendor that accepted the connection and never answered: only an abort ends it.
      return new Promise<Response>((_, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      });
    case 'connection-refused':
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    case 'connection-reset':
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    case 'unreadable-body':
      return new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data":{"id":'));
            controller.error(new TypeError('terminated'));
          },
        }),
        { status: 201, headers: { 'Content-Type': 'application/json' } },
      );
    default:
      return vendorError(fault, `Simulated ${fault}`);
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}
