// Who may call the endpoint from a browser: the origin policy as stages (origin, preflight) and the
// CORS headers the handler adds to every answer.
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../contract/index.js';
import { ProxyError } from './errors.js';
import type { RequestContext, Stage } from './stage.js';

/** Who may call: the listed origins plus the proxy's own. */
export interface OriginPolicy {
  allowedOrigins: readonly string[];
  trustProxy: boolean;
  /** When set, the only own origin; a request addressed to another host is refused. */
  publicOrigin?: string | undefined;
}

// The host the request was addressed to: `Host` (or X-Forwarded-Host with trustProxy), lower-cased.
function requestHost(request: Request, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return (forwarded || request.headers.get('host') || new URL(request.url).host).toLowerCase();
}

/** The origin the request was addressed to: `publicOrigin`, else from its host and scheme. */
export function ownOrigin(request: Request, policy: OriginPolicy): string {
  if (policy.publicOrigin) return policy.publicOrigin;
  const forwardedProto = policy.trustProxy ? request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  const protocol = forwardedProto ? `${forwardedProto.toLowerCase()}:` : new URL(request.url).protocol;
  return `${protocol}//${requestHost(request, policy.trustProxy)}`;
}

/**
 * Refuses (403 `origin_not_allowed`) an Origin that is neither listed nor the proxy's own, and,
 * with `publicOrigin`, a request addressed to another host (a DNS-rebinding page's requests
 * carry its own host name). No Origin (not a browser cross-site call) passes.
 */
export function originStage(policy: OriginPolicy): Stage<RequestContext> {
  const publicHost = policy.publicOrigin ? new URL(policy.publicOrigin).host : undefined;
  return (context, next) => {
    const { request } = context;
    if (publicHost !== undefined && requestHost(request, policy.trustProxy) !== publicHost) {
      throw new ProxyError('origin_not_allowed', { detail: 'request addressed to another host than PUBLIC_ORIGIN' });
    }
    const origin = request.headers.get('origin');
    if (origin === null) return next();
    if (!policy.allowedOrigins.includes(origin) && origin.toLowerCase() !== ownOrigin(request, policy)) {
      throw new ProxyError('origin_not_allowed');
    }
    context.allowedOrigin = origin;
    return next();
  };
}

/** Answers an allowed preflight (OPTIONS) with 204. */
export const preflightStage: Stage<RequestContext> = (context, next) =>
  context.request.method === 'OPTIONS' ? Promise.resolve({ status: 204, body: null, headers: PREFLIGHT_HEADERS }) : next();

const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  Allow: 'POST, OPTIONS',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': `Content-Type, ${IDEMPOTENCY_HEADER}`,
  'Access-Control-Max-Age': '600',
};

const EXPOSED = `Retry-After, ${REPLAYED_HEADER}`;

/** `Vary: Origin` and, for an allowed Origin, `Access-Control-Allow-Origin` (so the widget can read errors too). */
export function addCorsHeaders(headers: Record<string, string>, allowedOrigin: string | undefined): void {
  headers.Vary = 'Origin';
  if (allowedOrigin === undefined) return;
  headers['Access-Control-Allow-Origin'] = allowedOrigin;
  headers['Access-Control-Expose-Headers'] = EXPOSED;
}
