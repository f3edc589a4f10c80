// Reads a request body as JSON within the size limit, counting bytes while they stream in.
import { CHANNEL_TYPES, LIMITS, type ChannelType } from '../contract/index.js';
import { ProxyError } from './errors.js';
import type { RequestContext, Stage } from './stage.js';

/**
 * The media type (415), size (413) and JSON (400) checks; a body that is a JSON object becomes
 * `context.body` (anything else is left for validation to refuse), and its type and contact are
 * noted for the log at once, so failures are traceable too.
 */
export const jsonBodyStage: Stage<RequestContext> = async (context, next) => {
  requireJsonContentType(context.request);
  const body = parseJson(await readBodyText(context.request, LIMITS.bodyBytes));
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    context.body = body as Record<string, unknown>;
    const { type, contact } = context.body;
    if (CHANNEL_TYPES.includes(type as ChannelType)) context.facts.type = type as ChannelType;
    if (typeof contact === 'string') context.facts.contact = contact;
  }
  return next();
};

/** Refuses anything but `application/json` (a `charset=utf-8` parameter is fine): 415. */
export function requireJsonContentType(request: Request): void {
  const [mediaType = '', ...parameters] = (request.headers.get('content-type') ?? '').split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().toLowerCase())
    .find((parameter) => parameter.startsWith('charset='));
  // JSON on the wire is UTF-8 (RFC 8259); another declared charset would be misread.
  const utf8 = charset === undefined || /^charset="?utf-8"?$/.test(charset);
  if (mediaType.trim().toLowerCase() !== 'application/json' || !utf8) {
    throw new ProxyError('unsupported_media_type');
  }
}

/**
 * The body as UTF-8 text, at most `limit` bytes: 413 as soon as `Content-Length` says more,
 * or, without one (chunked), as soon as the streamed bytes pass the limit, so an endless body
 * is never buffered.
 */
export async function readBodyText(request: Request, limit: number = LIMITS.bodyBytes): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw new ProxyError('payload_too_large');
  if (declared !== null && /^\d+$/.test(declared)) {
    // A declared length within the limit: HTTP framing holds the body to it, so it can be read
    // whole (the runtime's fast path, no stream). Checked again in case the Request was built in code.
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > limit) throw new ProxyError('payload_too_large');
    return decodeUtf8(bytes);
  }
  if (!request.body) return '';

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      // Stop reading; the adapter drains or closes what is left.
      reader.cancel().catch(() => {});
      throw new ProxyError('payload_too_large');
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decodeUtf8(bytes);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProxyError('invalid_json', { detail: 'body is not UTF-8' });
  }
}

/** Parses JSON text: 400 `invalid_json` when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ProxyError('invalid_json');
  }
}
