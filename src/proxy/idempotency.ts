// Idempotency the Stripe way, as a stage: a key's first request runs; while it runs, duplicates get 409;
// its finished 2xx/4xx answer is replayed for 24 h; a different body under the same key is 422.
import { REPLAYED_HEADER } from '../contract/index.js';
import { ProxyError, errorReply, storeUnavailable } from './errors.js';
import { canonicalJson, type KeyHasher } from './hash.js';
import { addDetail, type ChatContext, type Reply, type Stage } from './stage.js';
import type { IdempotencyLease, IdempotencyStore, StoredResponse } from './stores/types.js';

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
 * happen before the counting of limits, so they do not count against any limit. Stages after this
 * one (the vendor call, a consent receipt) run once per key: their answer is what is replayed.
 */
export function idempotencyStage(
  store: IdempotencyStore,
  options: { scope: string; hash: KeyHasher; upstreamTimeoutMs: number },
): Stage<ChatContext> {
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
      context.facts.code = 'replayed';
      const body = JSON.parse(claim.response.body);
      if (claim.response.status < 300) body.contact = context.chat.contact;
      return { status: claim.response.status, body, headers: { [REPLAYED_HEADER]: 'true' } };
    }

    let reply: Reply;
    try {
      reply = await next();
    } catch (error) {
      // A refusal thrown by a later stage follows the same rule as an answer it returns.
      const refusal = error instanceof ProxyError && isStorable(error.status) ? errorReply(error) : null;
      await settle(claim.lease, refusal && stored(refusal), context);
      throw error;
    }
    await settle(claim.lease, isStorable(reply.status) ? stored(reply) : null, context);
    return reply;
  };
}

// A record never holds the contact in clear: a replay has the same body, so it gets it back from the request.
const withoutContact = (key: string, value: unknown) => (key === 'contact' ? undefined : value);
const stored = (reply: Reply): StoredResponse => ({ status: reply.status, body: JSON.stringify(reply.body, withoutContact) });

// Stores or releases. A store failure here must not turn a started session into an error
// (the visitor would retry and start a second one): it is logged, and the claim expires.
async function settle(lease: IdempotencyLease, response: StoredResponse | null, context: ChatContext): Promise<void> {
  try {
    if (response) await lease.complete(response, RECORD_TTL_MS);
    else await lease.release();
  } catch (error) {
    addDetail(context.facts, `idempotency record not ${response ? 'stored' : 'released'}: ${storeUnavailable(error).options.detail}`);
  }
}
