// createChatProxy: the fetch handler of SPEC §3, a fixed pipeline of the small parts beside it.
import { CHANNEL_TYPES, LIMITS, type ChannelType } from '../contract/index.js';
import { parseJson, readBodyText, requireJsonContentType } from './body.js';
import { clientIp, type ClientInfo } from './client-ip.js';
import { resolveConfig, type ChatProxyConfig, type ResolvedConfig } from './config.js';
import { PREFLIGHT_HEADERS, applyCorsHeaders, isOriginAllowed } from './cors.js';
import { BASE_HEADERS, ProxyError, errorResponse, jsonResponse, toProxyError } from './errors.js';
import { redact, type ProxyLogEntry } from './log.js';
import { maskContact } from './mask.js';
import { isHoneypotFilled, readIdempotencyKey, validateChatRequest, type ValidChatRequest } from './validate.js';
import { createVendorClient, type StartAgentChat } from './vendor.js';

/** The proxy: a web-standard fetch handler; adapters may pass what they know about the connection. */
export type ChatProxyHandler = (request: Request, info?: ClientInfo) => Promise<Response>;

/** What the steps after validation know about a request. */
export interface ChatContext {
  request: Request;
  chat: ValidChatRequest;
  /** The organization's channel for `chat.type`. */
  from: string;
  idempotencyKey: string | null;
  clientIp: string | undefined;
}

/**
 * A step around the vendor call that may answer by itself or call `next()`.
 * The seam for the per-IP/per-contact/daily limits and the idempotency store (a later issue):
 * each becomes a stage, in the order idempotency → limits → vendor.
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
  // Limits and idempotency will be inserted before the vendor stage.
  const stages: ChatStage[] = [vendorStage(startChat)];

  // SPEC §3 order: method, origin, content type, size, JSON, honeypot, validation, channel, stages.
  async function handle(request: Request, info: ClientInfo, originAllowed: boolean, trace: Trace): Promise<Response> {
    if (request.method !== 'POST' && request.method !== 'OPTIONS') {
      throw new ProxyError('method_not_allowed', { headers: { Allow: 'POST, OPTIONS' } });
    }
    if (!originAllowed) throw new ProxyError('origin_not_allowed');
    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: { ...PREFLIGHT_HEADERS, Allow: 'POST, OPTIONS' } });
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
      chat,
      from,
      idempotencyKey,
      clientIp: clientIp(request, info, settings.trustProxy),
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
      trace.detail = failure.detail;
      response = errorResponse(failure);
    }
    for (const [name, value] of Object.entries(BASE_HEADERS)) response.headers.set(name, value);
    applyCorsHeaders(response.headers, request.headers.get('origin'), originAllowed);

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
  const secrets: Array<[string, string]> = [[settings.apiKey, '[key]']];
  if (trace.contact) secrets.push([trace.contact, maskContact(trace.contact)]);
  return {
    time: new Date(arrived).toISOString(),
    id: crypto.randomUUID(),
    method: request.method,
    path: new URL(request.url).pathname,
    status: response.status,
    ...(trace.code && { code: trace.code }),
    ...(trace.field && { field: trace.field }),
    latency_ms: Math.round(latency),
    ...(trace.type && { type: trace.type }),
    ...(trace.contact && { contact: maskContact(trace.contact) }),
    ...(trace.detail && { detail: redact(trace.detail, secrets) }),
  };
}
