// Idempotency the Stripe way, as a stage: a key's first request runs; while it runs, duplicates get 409;
// its finished 2xx/4xx answer is replayed for 24 h; a different body under the same key is 422.
import { REPLAYED_HEADER } from '../contract/index.js';
import { ProxyError, bodyText, errorResponse, proxyResponse, storeUnavailable } from './errors.js';
import type { ChatStage } from './handler.js';
import { canonicalJson, type KeyHasher } from './hash.js';
import type { IdempotencyLease, IdempotencyStore } from './stores/types.js';

/** How long a finished answer is replayed. */
export const RECORD_TTL_MS = 24 * 60 * 60 * 1000;

// How long a claim outlives the vendor timeout, covering the stages before and after it.
// A process that dies mid-request frees its keys once the claim expires.
const LOCK_MARGIN_MS = 30_000;

/** Answers that are kept: final ones. 409, 429 and every 5xx are transient, so a retry runs again. */
export function isStorable(status: number): boolean {
  return status >= 200 && status < 500 && status !== 409 && status !== 429;
}

/**
 * Requests without a key pass straight through. A key is scoped by `scope` (the agent id), so
 * deployments sharing a store never see each other's records. The body is compared by a keyed
 * hash of its canonical JSON (key order and whitespace do not matter). Requests refused before
 * this stage (validation, honeypot) leave no record, as with Stripe. Replays and refusals here
 * happen before the limits stage, so they do not count against any limit.
 */
export function idempotencyStage(
  store: IdempotencyStore,
  options: { scope: string; hash: KeyHasher; upstreamTimeoutMs: number },
): ChatStage {
  const lockMs = options.upstreamTimeoutMs + LOCK_MARGIN_MS;

  return async (context, next) => {
    if (context.idempotencyKey === null) return next();
    const key = `${options.scope}:${context.idempotencyKey}`;
    const fingerprint = options.hash('body', canonicalJson(context.body));

    let claim;
    try {
      claim = await store.claim(key, fingerprint, lockMs);
    } catch (error) {
      throw storeUnavailable(error);
    }
    if (!claim.claimed) {
      if (claim.fingerprint !== fingerprint) throw new ProxyError('idempotency_key_reused');
      if (claim.response === null) throw new ProxyError('request_in_progress');
      context.note({ code: 'replayed' });
      return proxyResponse(claim.response.status, claim.response.body, {
        'Content-Type': 'application/json; charset=utf-8',
        [REPLAYED_HEADER]: 'true',
      });
    }

    let response: Response;
    try {
      response = await next();
    } catch (error) {
      // A refusal thrown by a later stage follows the same rule as an answer it returns.
      const stored = error instanceof ProxyError && isStorable(error.status) ? errorResponse(error) : null;
      await settle(claim.lease, stored && { status: stored.status, body: await bodyText(stored) }, context.note);
      throw error;
    }
    if (!isStorable(response.status)) {
      await settle(claim.lease, null, context.note);
      return response;
    }
    await settle(claim.lease, { status: response.status, body: await bodyText(response) }, context.note);
    return response;
  };
}

// Stores or releases. A store failure here must not turn a started session into an error
// (the visitor would retry and start a second one): it is logged, and the claim expires.
async function settle(
  lease: IdempotencyLease,
  response: { status: number; body: string } | null,
  note: (fields: { detail: string }) => void,
): Promise<void> {
  try {
    if (response) await lease.complete(response, RECORD_TTL_MS);
    else await lease.release();
  } catch (error) {
    note({ detail: `idempotency record not ${response ? 'stored' : 'released'}: ${storeUnavailable(error).detail}` });
  }
}
