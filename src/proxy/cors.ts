// Origin policy and CORS headers: who may call the endpoint from a browser, and the preflight answer.
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../contract/index.js';

/** Who may call: the listed origins plus the proxy's own. */
export interface OriginPolicy {
  allowedOrigins: readonly string[];
  trustProxy: boolean;
}

/** The origin the request was addressed to: from `Host` (or X-Forwarded-Host/-Proto with trustProxy). */
export function ownOrigin(request: Request, trustProxy: boolean): string {
  const url = new URL(request.url);
  const first = (name: string) => request.headers.get(name)?.split(',')[0]?.trim() || undefined;
  const forwardedHost = trustProxy ? first('x-forwarded-host') : undefined;
  const forwardedProto = trustProxy ? first('x-forwarded-proto') : undefined;
  const host = forwardedHost ?? request.headers.get('host') ?? url.host;
  const protocol = forwardedProto ? `${forwardedProto}:` : url.protocol;
  return `${protocol}//${host}`.toLowerCase();
}

/** True when there is no Origin (not a browser cross-site call) or it is listed or our own. */
export function isOriginAllowed(request: Request, policy: OriginPolicy): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  return policy.allowedOrigins.includes(origin) || origin.toLowerCase() === ownOrigin(request, policy.trustProxy);
}

/** `Vary: Origin` and, for an allowed Origin, `Access-Control-Allow-Origin` (so the widget can read errors too). */
export function corsHeaders(origin: string | null, allowed: boolean): Record<string, string> {
  if (origin === null || !allowed) return { Vary: 'Origin' };
  return {
    Vary: 'Origin',
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': `Retry-After, ${REPLAYED_HEADER}`,
  };
}

/** Headers of the answer to an allowed preflight (204). */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': `Content-Type, ${IDEMPOTENCY_HEADER}`,
  'Access-Control-Max-Age': '600',
};
