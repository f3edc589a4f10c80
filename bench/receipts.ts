// What a consent receipt costs a request: the write the proxy does after the vendor accepted
// (build the receipt, insert it), one at a time as requests arrive, into the embedded database
// (PGlite in a temp directory) and, when the binaries are installed, a local PostgreSQL server.
// `npx tsx bench/receipts.ts` prints JSON.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyHasher } from '../src/proxy/hash.js';
import { openEmbeddedReceipts } from '../src/proxy/receipts/embedded.js';
import { openServerReceipts } from '../src/proxy/receipts/server.js';
import { keepReceipt, receiptOf } from '../src/proxy/receipts/step.js';
import type { ReceiptDatabase } from '../src/proxy/receipts/types.js';
import { SKIP_POSTGRES, startPostgres } from '../test/proxy/postgres-server.js';

export interface WriteCost {
  writes: number;
  /** Milliseconds per write. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /**
   * This process's CPU time per write, ms (user + system): what the write costs whatever else the
   * machine runs, while the percentiles also count waiting for a busy CPU.
   */
  cpuMs: number;
}

export interface ReceiptsBenchResult {
  embedded: WriteCost;
  /** Undefined when no PostgreSQL server could be started (the reason is in `serverError`). */
  server?: WriteCost;
  serverError?: string;
}

const hash = keyHasher('bench key');

async function measure(db: ReceiptDatabase, writes: number): Promise<WriteCost> {
  const times: number[] = [];
  let cpu: NodeJS.CpuUsage | undefined;
  for (let index = -writes / 10; index < writes; index++) {
    if (index === 0) cpu = process.cpuUsage();
    const started = performance.now();
    const receipt = receiptOf(
      {
        body: { consent: true, consent_text: 'I agree to receive text messages from Harbor Dental. Msg & data rates may apply.', page: 'https://harbor.example/book', locale: 'en-US', timezone: 'America/New_York' },
        type: 'phone',
        contact: `+1415555${String(index % 10_000).padStart(4, '0')}`,
        from: '+14155550100',
        idempotencyKey: crypto.randomUUID(),
        clientIp: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15',
        status: 'started',
        sessionId: crypto.randomUUID(),
        scheduleAt: null,
        acceptedAt: Date.now(),
      },
      hash,
    );
    const id = await keepReceipt(db, receipt, (reason) => {
      throw new Error(reason);
    });
    if (id === null) throw new Error('a receipt was not written');
    if (index >= 0) times.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!);
  return { writes, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), cpuMs: round((used.user + used.system) / 1000 / writes) };
}

export async function benchReceipts(options: { writes?: number } = {}): Promise<ReceiptsBenchResult> {
  const writes = options.writes ?? 2000;
  const directory = await mkdtemp(join(tmpdir(), 'agent-chat-bench-receipts-'));
  let embedded: WriteCost;
  try {
    const db = await openEmbeddedReceipts(directory);
    embedded = await measure(db, writes).finally(() => db.close());
  } finally {
    await rm(directory, { recursive: true, force: true });
  }

  if (SKIP_POSTGRES) return { embedded, serverError: SKIP_POSTGRES };
  try {
    const server = await startPostgres();
    try {
      const db = await openServerReceipts(server.url);
      return { embedded, server: await measure(db, writes).finally(() => db.close()) };
    } finally {
      await server.remove();
    }
  } catch (error) {
    return { embedded, serverError: (error as Error).message.split('\n')[0] };
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchReceipts(), null, 2));
}
