// createChatProxy: the fetch handler, one pipeline of small stages that return plain data, and the
// one place a Response is built.
import type { ChatSuccess } from '../contract/index.js';
import { jsonBodyStage } from './body.js';
import { clientIp, type ClientInfo } from './client-ip.js';
import { resolveConfig, type ChatProxyConfig, type ResolvedConfig } from './config.js';
import { addCorsHeaders, originStage, preflightStage } from './cors.js';
import { ProxyError, errorReply, toProxyError } from './errors.js';
import { keyHasher } from './hash.js';
import { idempotencyStage } from './idempotency.js';
import { limitStages } from './limits.js';
import { escapeLogText, type ProxyLogEntry } from './log.js';
import { maskContact, maskContactIn } from './mask.js';
import { pathOf } from './path.js';
import { receiptStage } from './receipts/step.js';
import { compose, type ChatContext, type Reply, type RequestContext, type RequestFacts, type Stage } from './stage.js';
import { honeypotStage, toChatContext } from './validate.js';
import { createVendorClient, type StartAgentChat } from './vendor.js';

/**
 * The proxy: a web-standard fetch handler; adapters may pass what they know about the connection.
 * Without `info.clientIp` (and without trustProxy and X-Forwarded-For) the per-IP limit is not
 * applied; the per-contact limit and the daily budget always are.
 */
export type ChatProxyHandler = (request: Request, info?: ClientInfo) => Promise<Response>;

/** Headers every response of the proxy carries: never cached, never content-sniffed. */
const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

const methodStage: Stage<RequestContext> = (context, next) => {
  const { method } = context.request;
  if (method !== 'POST' && method !== 'OPTIONS') throw new ProxyError('method_not_allowed', { headers: { Allow: 'POST, OPTIONS' } });
  return next();
};

/**
 * Builds the proxy from its configuration; throws an Error naming a bad field.
 * Every response carries `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`.
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
  const limits = limitStages(settings.stores, settings.limits, { scope, hash, now: settings.now });

  // After validation: the site's own checks; the limits' read-only gate, so a flood that met the
  // per-IP limit or the daily budget stores nothing; idempotency, then counting, so a replay or a
  // refusal about the key counts against no limit. Whatever runs after idempotency (the vendor call,
  // a consent receipt) runs once per key, and its answer is what a replay sends.
  const chatStages = compose<ChatContext>(
    [
      ...settings.stages,
      limits.gate,
      idempotencyStage(settings.stores.idempotency, { scope, hash, upstreamTimeoutMs: settings.upstreamTimeoutMs }),
      limits.count,
      ...(settings.receipts ? [receiptStage(settings.receipts, { hash, now: settings.now })] : []),
    ],
    vendorCall(startChat),
  );
  const requestStages = compose<RequestContext>(
    [methodStage, originStage(settings), preflightStage, jsonBodyStage, honeypotStage],
    (context) => chatStages(toChatContext(context, settings)),
  );

  return async (request, info = {}) => {
    const arrived = settings.now();
    const started = performance.now();
    const context: RequestContext = { request, clientIp: clientIp(request, info, settings.trustProxy), facts: {} };
    let reply: Reply;
    try {
      reply = await requestStages(context);
    } catch (error) {
      const failure = toProxyError(error);
      noteFailure(context.facts, failure);
      reply = errorReply(failure);
    }
    const response = toResponse(reply, context.allowedOrigin);
    const gone = request.signal.aborted;
    settings.log(logEntry(request, gone ? 499 : reply.status, context.facts, settings, arrived, performance.now() - started, gone));
    return response;
  };
}

/** The last stage: calls the vendor and answers 201 or 202 with the canonical contact. */
function vendorCall(startChat: StartAgentChat): (context: ChatContext) => Promise<Reply> {
  return async ({ chat, from, facts }) => {
    const started = performance.now();
    let outcome;
    try {
      outcome = await startChat({ from, to: chat.contact, type: chat.type, scheduleAt: chat.scheduleAt });
    } catch (error) {
      facts.vendor = { outcome: toProxyError(error).code, ms: Math.round(performance.now() - started) };
      throw error;
    }
    facts.vendor = { outcome: outcome.status, ms: Math.round(performance.now() - started) };
    const body: ChatSuccess =
      outcome.status === 'started'
        ? { status: 'started', id: outcome.id, contact: chat.contact, receipt: null }
        : { status: 'scheduled', id: outcome.id, schedule_at: outcome.scheduleAt ?? '', contact: chat.contact, receipt: null };
    return { status: outcome.status === 'started' ? 201 : 202, body };
  };
}

// The one Response of a request, with the proxy's base headers and CORS.
function toResponse(reply: Reply, allowedOrigin: string | undefined): Response {
  const headers: Record<string, string> = { ...BASE_HEADERS, ...reply.headers };
  addCorsHeaders(headers, allowedOrigin);
  if (reply.body === null) return new Response(null, { status: reply.status, headers });
  headers['Content-Type'] = 'application/json; charset=utf-8';
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers });
}

function noteFailure(facts: RequestFacts, failure: ProxyError): void {
  const { field, detail, limit, store } = failure.options;
  facts.code = failure.code;
  if (field) facts.field = field;
  if (limit) facts.limit = limit;
  if (store) facts.store = store;
  if (detail) facts.detail = facts.detail ? `${detail}; ${facts.detail}` : detail;
}

function logEntry(
  request: Request,
  status: number,
  facts: RequestFacts,
  settings: ResolvedConfig,
  arrived: number,
  latency: number,
  clientGone: boolean,
): ProxyLogEntry {
  // Built field by field (no spread of temporary objects: it runs on every request).
  const entry: ProxyLogEntry = {
    time: new Date(arrived).toISOString(),
    id: crypto.randomUUID(),
    method: escapeLogText(request.method),
    path: escapeLogText(pathOf(request.url)),
    status,
    latency_ms: Math.round(latency),
  };
  if (clientGone) entry.code = 'client_closed';
  else if (facts.code) entry.code = facts.code;
  if (facts.field) entry.field = facts.field;
  if (facts.type) entry.type = facts.type;
  if (facts.contact) entry.contact = escapeLogText(maskContact(facts.contact));
  if (facts.limit) entry.limit = facts.limit;
  if (facts.store) entry.store = facts.store;
  if (facts.vendor) entry.vendor = facts.vendor;
  if (facts.level) entry.level = facts.level;
  if (facts.detail) {
    let detail = facts.detail.split(settings.apiKey).join('[key]');
    if (facts.contact) detail = maskContactIn(detail, facts.contact);
    entry.detail = escapeLogText(detail);
  }
  return entry;
}
