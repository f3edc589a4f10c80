// createChatProxy: the fetch handler of SPEC §3, a fixed pipeline of the small parts beside it.
import { CHANNEL_TYPES, LIMITS, type ChannelType } from '../contract/index.js';
import { parseJson, readBodyText, requireJsonContentType } from './body.js';
import { clientIp, type ClientInfo } from './client-ip.js';
import { resolveConfig, type ChatProxyConfig, type ResolvedConfig } from './config.js';
import { PREFLIGHT_HEADERS, corsHeaders, isOriginAllowed } from './cors.js';
import { ProxyError, errorResponse, jsonResponse, proxyResponse, toProxyError, withHeaders } from './errors.js';
import { keyHasher } from './hash.js';
import { idempotencyStage } from './idempotency.js';
import { limitsStage } from './limits.js';
import { redact, type ProxyLogEntry } from './log.js';
import { maskContact } from './mask.js';
import { pathOf } from './path.js';
import { isHoneypotFilled, readIdempotencyKey, validateChatRequest, type ValidChatRequest } from './validate.js';
import { createVendorClient, type StartAgentChat } from './vendor.js';

/**
 * The proxy: a web-standard fetch handler; adapters may pass what they know about the connection.
 * Without `info.clientIp` (and without trustProxy and X-Forwarded-For) the per-IP limit is not
 * applied; the per-contact limit and the daily budget always are.
 */
export type ChatProxyHandler = (request: Request, info?: ClientInfo) => Promise<Response>;

/** What the steps after validation know about a request. */
export interface ChatContext {
  request: Request;
  /** The parsed body, as validated. */
  body: Readonly<Record<string, unknown>>;
  chat: ValidChatRequest;
  /** The organization's channel for `chat.type`. */
  from: string;
  idempotencyKey: string | null;
  clientIp: string | undefined;
  /** Adds to this request's log entry: a `code` (e.g. `replayed`) or a `detail` for the owner. */
  note(fields: { code?: string; detail?: string }): void;
}

/**
 * A step around the vendor call that may answer by itself or call `next()`.
 * The proxy runs idempotency → limits → vendor: a replay or a 409/422 about the key never
 * counts against a limit, and a request refused by a limit leaves no idempotency record.
 */
export type ChatStage = (context: ChatContext, next: () => Promise<Response>) => Promise<Response>;

// What the log learns while a request runs.
interface Trace {
  code?: string;
  field?: string;
  type?: ChannelType;
  contact?: string;
  detail?: string;
}

/**
 * Builds the proxy from its configuration (SPEC §5); throws an Error naming a bad field.
 * Every response carries `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`.
 *
 * The result is a plain fetch handler, so it runs wherever one does; pass the client IP when
 * the runtime knows it (the per-IP limit needs it):
 * ```ts
 * const handler = createChatProxy({ apiKey, agentId, channels: { phone: '+14155550100' } });
 * export default { fetch: (req: Request) => handler(req, { clientIp: req.headers.get('cf-connecting-ip') ?? undefined }) }; // Workers
 * Deno.serve((req, info) => handler(req, { clientIp: info.remoteAddr.hostname }));            // Deno
 * Bun.serve({ fetch: (req, server) => handler(req, { clientIp: server.requestIP(req)?.address }) }); // Bun
 * export const POST = handler, OPTIONS = handler; // Next.js route handler (trustProxy: true behind Vercel's proxy)
 * http.createServer(toNodeListener(handler)); app.post('/api/agent-chat', toNodeListener(handler)); // Node, Express
 * ```
 * State (limits, idempotency records) lives in `config.stores`: bounded memory by default (one
 * process); `redisStores(client)` for several instances. A store that fails answers 503.
 */
export function createChatProxy(config: ChatProxyConfig): ChatProxyHandler {
  const settings = resolveConfig(config);
  const startChat = createVendorClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    agentId: settings.agentId,
    sendInitialMessage: settings.sendInitialMessage,
    timeoutMs: settings.upstreamTimeoutMs,
    fetch: settings.fetch,
  });
  // Store keys are keyed hashes (no contact or IP readable in a store) scoped by agent id:
  // every instance of one agent acts as one; other agents sharing a store stay apart.
  const hash = keyHasher(settings.apiKey);
  const scope = settings.agentId.toLowerCase();
  const stages: ChatStage[] = [
    idempotencyStage(settings.stores.idempotency, { scope, hash, upstreamTimeoutMs: settings.upstreamTimeoutMs }),
    limitsStage(settings.stores, settings.limits, { scope, hash, now: settings.now }),
    vendorStage(startChat),
  ];

  // SPEC §3 order: method, origin, content type, size, JSON, honeypot, validation, channel, stages.
  async function handle(request: Request, info: ClientInfo, originAllowed: boolean, trace: Trace): Promise<Response> {
    if (request.method !== 'POST' && request.method !== 'OPTIONS') {
      throw new ProxyError('method_not_allowed', { headers: { Allow: 'POST, OPTIONS' } });
    }
    if (!originAllowed) throw new ProxyError('origin_not_allowed');
    if (request.method === 'OPTIONS') {
      return proxyResponse(204, null, { ...PREFLIGHT_HEADERS, Allow: 'POST, OPTIONS' });
    }
    requireJsonContentType(request);
    const body = parseJson(await readBodyText(request, LIMITS.bodyBytes));
    traceBody(body, trace);
    if (isHoneypotFilled(body)) {
      // Answer exactly like a started session, so a bot learns nothing.
      trace.code = 'honeypot';
      return jsonResponse(201, { status: 'started', id: null });
    }

    const idempotencyKey = readIdempotencyKey(request);
    const chat = validateChatRequest(body, settings);
    const from = settings.channels[chat.type];
    if (from === undefined) throw new ProxyError('channel_unavailable');

    const context: ChatContext = {
      request,
      body: body as Record<string, unknown>,
      chat,
      from,
      idempotencyKey,
      clientIp: clientIp(request, info, settings.trustProxy),
      note({ code, detail }) {
        if (code) trace.code = code;
        if (detail) trace.detail = trace.detail ? `${trace.detail}; ${detail}` : detail;
      },
    };
    const run = (index: number): Promise<Response> => stages[index]!(context, () => run(index + 1));
    return run(0);
  }

  return async (request, info = {}) => {
    const arrived = settings.now();
    const started = performance.now();
    const trace: Trace = {};
    const originAllowed = isOriginAllowed(request, settings);

    let response: Response;
    try {
      response = await handle(request, info, originAllowed, trace);
    } catch (error) {
      const failure = toProxyError(error);
      trace.code = failure.code;
      trace.field = failure.field;
      if (failure.detail) trace.detail = trace.detail ? `${failure.detail}; ${trace.detail}` : failure.detail;
      response = errorResponse(failure);
    }
    response = withHeaders(response, corsHeaders(request.headers.get('origin'), originAllowed));

    settings.log(logEntry(request, response, trace, settings, arrived, performance.now() - started));
    return response;
  };
}

/** The last stage: calls the vendor and answers 201 or 202. */
function vendorStage(startChat: StartAgentChat): ChatStage {
  return async ({ chat, from }) => {
    const outcome = await startChat({ from, to: chat.contact, type: chat.type, scheduleAt: chat.scheduleAt });
    if (outcome.status === 'started') return jsonResponse(201, { status: 'started', id: outcome.id });
    return jsonResponse(202, { status: 'scheduled', id: outcome.id, schedule_at: outcome.scheduleAt });
  };
}

// Notes type and contact for the log as soon as the body is read, so failures are traceable too.
function traceBody(body: unknown, trace: Trace): void {
  if (typeof body !== 'object' || body === null) return;
  const { type, contact } = body as Record<string, unknown>;
  if (CHANNEL_TYPES.includes(type as ChannelType)) trace.type = type as ChannelType;
  if (typeof contact === 'string') trace.contact = contact;
}

function logEntry(
  request: Request,
  response: Response,
  trace: Trace,
  settings: ResolvedConfig,
  arrived: number,
  latency: number,
): ProxyLogEntry {
  const masked = trace.contact ? maskContact(trace.contact) : undefined;
  // Built field by field (no spread of temporary objects: it runs on every request).
  const entry: ProxyLogEntry = {
    time: new Date(arrived).toISOString(),
    id: crypto.randomUUID(),
    method: request.method,
    path: pathOf(request.url),
    status: response.status,
    latency_ms: Math.round(latency),
  };
  if (trace.code) entry.code = trace.code;
  if (trace.field) entry.field = trace.field;
  if (trace.type) entry.type = trace.type;
  if (masked) entry.contact = masked;
  if (trace.detail) {
    const secrets: Array<[string, string]> = [[settings.apiKey, '[key]']];
    if (trace.contact && masked) secrets.push([trace.contact, masked]);
    entry.detail = redact(trace.detail, secrets);
  }
  return entry;
}
