// The proxy's cost on the hot path: autocannon against (a) a bare node:http passthrough and (b) the real
// proxy server, both in front of the same simulator, in the same run; then a long in-process run of
// distinct contacts and keys showing the in-memory stores stay bounded. `npx tsx bench/proxy.ts` prints JSON.
//
// Each server runs in its own process (forked from this file with --role), so autocannon (here), the
// server under test and the simulator do not share an event loop. Both targets get one vendor call per
// request and a request body built per request; the proxy builds and serialises every log line as
// its default logger does, then drops it (a no-op sink: the cost of logging, not of a terminal).
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createAdaptorServer } from '@hono/node-server';
import { startProxyServer } from '../src/proxy/adapters/node.js';
import { createChatProxy, memoryStores, type ProxyLogger } from '../src/proxy/index.js';
import { SIMULATOR_DEFAULTS, createSimulator } from '../src/simulator/index.js';

export interface LatencyStats {
  /** Mean requests per second. */
  rps: number;
  /** Latency percentiles, ms. */
  p50: number;
  p99: number;
}

export interface MemoryResult {
  /** Requests run, each with a new contact, idempotency key and client IP (limits high: only the stores' cap holds). */
  requests: number;
  /** How many got each status: 201 until the stores are full of live entries, then 503 (nothing is evicted). */
  statuses: Record<string, number>;
  /** The cap of each in-memory store. */
  maxEntries: number;
  /** The most keys any store held at the end (≤ maxEntries: a full store refuses new keys). */
  largestStoreKeys: number;
  /** Peak heap after GC in the first and in the second half of the samples taken once the stores were full, MB. */
  heapAfterFillMB: number;
  heapAtEndMB: number;
  /** The second peak minus the first, KB; near 0 (or below) when bounded. */
  heapGrowthAfterFillKB: number;
  rssAtEndMB: number;
  /** Stores within their cap and heap growth after the fill under 2 MB. */
  bounded: boolean;
}

/** What a flood of distinct contacts, keys and addresses buys, in process, with the default memory stores. */
export interface FloodResult {
  /** Default limits (5/IP, 3/contact, 500/day): the flood meets the daily budget, and the stores never fill. */
  defaults: { requests: number; statuses: Record<string, number>; vendorCalls: number; largestStoreKeys: number; victimAfter: number };
  /**
   * Limits too high to help (a DAILY_LIMIT of a billion): only the stores' cap stands between the flood
   * and a victim's counter or a claim in progress. Full stores answer 503; the victim stays limited and
   * the claimed key reaches the vendor once.
   */
  highLimits: { requests: number; statuses: Record<string, number>; victimAfter: number; claimedKeyAfter: number; claimedKeyVendorCalls: number };
}

export interface ProxyBenchResult {
  bare: LatencyStats;
  proxy: LatencyStats;
  /** proxy rps / bare rps, the median over the measuring rounds (goal ≥ 0.7). */
  ratio: number;
  /**
   * Server CPU time per request, µs, over the measuring rounds, and bare / proxy: the throughput
   * ratio when the server's CPU is the limit, and far less disturbed than req/s by other load.
   */
  cpuPerRequestUs: { bare: number; proxy: number; ratio: number };
  /** proxy p99 − bare p99, ms. */
  addedP99Ms: number;
  memory: MemoryResult;
  flood: FloodResult;
  /** Non-2xx answers or errors seen by autocannon (should be 0). */
  failures: { bare: number; proxy: number };
  settings: { durationSeconds: number; connections: number };
}

const FILE = fileURLToPath(import.meta.url);
// Measuring rounds per run (see benchProxy).
const ROUNDS = 4;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HIGH = 1_000_000_000;

// --- what the children run -------------------------------------------------------------------

/** A US number that libphonenumber finds valid, different for every i below 8 million. */
function contact(i: number): string {
  return `+1415${200 + (Math.floor(i / 10_000) % 800)}${String(i % 10_000).padStart(4, '0')}`;
}

// The last line serialised, kept so the work is not optimised away.
let lastLine = '';

/** Builds and serialises each entry as the default logger would, then drops the line (no I/O). */
function serialisingLogger(): ProxyLogger {
  return (entry) => {
    lastLine = `${JSON.stringify(entry)}\n`;
  };
}

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function runSimulator(): Promise<string> {
  // A small `received` cap: the simulator must not grow during the run either.
  const simulator = createSimulator({ maxReceived: 100 });
  return listen(createAdaptorServer({ fetch: simulator.fetch }) as ReturnType<typeof createServer>);
}

/** The baseline: reads the body, forwards it with the key header, returns the vendor's answer. */
async function runBare(vendorUrl: string): Promise<string> {
  const target = `${vendorUrl}/agents/${SIMULATOR_DEFAULTS.agentId}/chat`;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const upstream = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-WHIPPY-KEY': SIMULATOR_DEFAULTS.apiKey },
        body: Buffer.concat(chunks),
      });
      const body = await upstream.text();
      res.writeHead(upstream.status, { 'Content-Type': 'application/json' });
      res.end(body);
    } catch {
      res.writeHead(502).end();
    }
  });
  return listen(server);
}

/**
 * The real proxy server: validation, limits (high), idempotency, logging, the vendor client. Its
 * stores may hold every key of the run (each request is a new contact, key and address, all live):
 * this measures the pipeline, not the store's cap (the memory run below does that).
 */
async function runProxy(vendorUrl: string): Promise<string> {
  const handler = createChatProxy({
    ...SIMULATOR_DEFAULTS,
    baseUrl: vendorUrl,
    limits: { perIp: HIGH, perContact: HIGH, daily: HIGH },
    stores: memoryStores({ maxEntries: HIGH }),
    log: serialisingLogger(),
  });
  const server = await startProxyServer({ handler, port: 0 });
  return server.url;
}

/** Many requests in process, each with a new contact, key and IP; heap sampled after GC. */
async function runMemory(requests: number): Promise<MemoryResult> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const maxEntries = 10_000;
  const stores = memoryStores({ maxEntries });
  const simulator = createSimulator({ maxReceived: 100 });
  const handler = createChatProxy({
    ...SIMULATOR_DEFAULTS,
    fetch: simulator.fetch,
    limits: { perIp: HIGH, perContact: HIGH, daily: HIGH },
    stores,
    log: serialisingLogger(),
  });
  // undici releases a Request's abort wiring through a FinalizationRegistry, whose callbacks run
  // as tasks after a GC: collect and yield a few times so only what is really held is counted.
  const heapMB = async () => {
    for (let round = 0; round < 4; round++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  // Heap samples every tenth of the run once the stores are full (from 20 %). The stores evict in
  // generations, so the heap swings within a band; bounded means the band does not climb: the peak
  // of the last samples is compared with the peak of the first ones.
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  const batch = 200;
  const every = Math.max(batch, Math.round(requests / 10 / batch) * batch);
  for (let i = 0; i < requests; i += batch) {
    await Promise.all(
      Array.from({ length: batch }, (_, j) =>
        handler(
          new Request('http://127.0.0.1/api/agent-chat', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
            body: JSON.stringify({ type: 'phone', contact: contact(i + j), consent: true }),
          }),
          { clientIp: `10.${(i + j) >> 16}.${((i + j) >> 8) & 255}.${(i + j) & 255}` },
        ).then(async (response) => {
          if (response.status !== 201 && response.status !== 503) throw new Error(`memory run: ${response.status} ${await response.text()}`);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          await response.arrayBuffer();
        }),
      ),
    );
    // A server gets each request from I/O, so tasks run between them; here, between batches.
    await new Promise((resolve) => setImmediate(resolve));
    const done = i + batch;
    if (done >= requests / 5 && done % every === 0) samples.push(await heapMB());
  }
  samples.push(await heapMB());
  const half = Math.ceil(samples.length / 2);
  const heapAfterFill = Math.max(...samples.slice(0, half));
  const heapAtEnd = Math.max(...samples.slice(half));
  const sizes = stores.sizes();
  const largestStoreKeys = Math.max(sizes.idempotency, ...Object.values(sizes.rateLimits));
  const growthKB = (heapAtEnd - heapAfterFill) * 1024;
  return {
    requests,
    statuses,
    maxEntries,
    largestStoreKeys,
    heapAfterFillMB: round(heapAfterFill, 1),
    heapAtEndMB: round(heapAtEnd, 1),
    heapGrowthAfterFillKB: Math.round(growthKB),
    rssAtEndMB: round(process.memoryUsage().rss / 2 ** 20, 1),
    bounded: largestStoreKeys <= maxEntries && growthKB < 2 * 1024,
  };
}

/** The two flood scenarios of FloodResult, `requests` distinct requests each. */
export async function runFlood(requests: number): Promise<FloodResult> {
  const victim = contact(9_999_999);
  const slowContact = contact(9_999_998);
  const claimedKey = crypto.randomUUID();
  let release!: () => void;
  const slow = new Promise<void>((resolve) => (release = resolve));
  const simulator = createSimulator({ maxReceived: 100 });
  let slowCalls = 0;
  const vendor = async (request: Request) => {
    const to = ((await request.clone().json()) as { to: string }).to;
    if (to === slowContact) {
      slowCalls++;
      await slow;
    }
    return simulator.fetch(request);
  };
  const send = (handler: ReturnType<typeof createChatProxy>, to: string, i: number, key: string = crypto.randomUUID()) =>
    handler(
      new Request('http://127.0.0.1/api/agent-chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ type: 'phone', contact: to, consent: true }),
      }),
      { clientIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    );
  const flood = async (handler: ReturnType<typeof createChatProxy>) => {
    const statuses: Record<string, number> = {};
    for (let i = 0; i < requests; i += 200) {
      const answers = await Promise.all(Array.from({ length: 200 }, (_, j) => send(handler, contact(i + j), i + j)));
      for (const { status } of answers) statuses[status] = (statuses[status] ?? 0) + 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return statuses;
  };

  // Default limits: the victim's three sessions, then the flood, then the victim once more.
  const stores = memoryStores();
  let vendorCalls = 0;
  const counted = async (request: Request) => (vendorCalls++, simulator.fetch(request));
  const defaults = createChatProxy({ ...SIMULATOR_DEFAULTS, fetch: counted, stores, log: serialisingLogger() });
  for (let i = 0; i < 3; i++) await send(defaults, victim, 20_000_000 + i);
  const defaultStatuses = await flood(defaults);
  const sizes = stores.sizes();
  const defaultsResult = {
    requests,
    statuses: defaultStatuses,
    vendorCalls,
    largestStoreKeys: Math.max(sizes.idempotency, ...Object.values(sizes.rateLimits)),
    victimAfter: (await send(defaults, victim, 20_000_010)).status,
  };

  // High limits: the victim's per-contact limit of 3 used up, a slow vendor call holding a key, the flood.
  // A vendor timeout longer than the flood, so the held call is still in progress when its key comes again.
  const high = createChatProxy({
    ...SIMULATOR_DEFAULTS,
    fetch: vendor,
    upstreamTimeoutMs: 3_600_000,
    limits: { perIp: HIGH, perContact: 3, daily: HIGH },
    log: serialisingLogger(),
  });
  for (let i = 0; i < 3; i++) await send(high, victim, 30_000_000 + i);
  const held = send(high, slowContact, 30_000_005, claimedKey);
  const highStatuses = await flood(high);
  const claimedAgain = await send(high, slowContact, 30_000_006, claimedKey);
  release();
  await held;
  return {
    defaults: defaultsResult,
    highLimits: {
      requests,
      statuses: highStatuses,
      victimAfter: (await send(high, victim, 30_000_007)).status,
      claimedKeyAfter: claimedAgain.status,
      claimedKeyVendorCalls: slowCalls,
    },
  };
}

// --- the orchestrator ------------------------------------------------------------------------

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: Array<{ method: string; setupRequest: (request: AutocannonRequest) => AutocannonRequest }>;
}) => Promise<AutocannonResult>;

// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Forks this file in a role; resolves with what the child reports, once. */
async function child(role: string, args: string[] = [], execArgv: string[] = []): Promise<{ process: ChildProcess; value: unknown }> {
  const worker = fork(FILE, [`--role=${role}`, ...args], { cwd: ROOT, execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [value] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'exit').then(([code]) => Promise.reject(new Error(`bench child ${role} exited with ${code}`))),
  ])) as [unknown];
  return { process: worker, value };
}

/** The CPU time a server child has used so far, µs. */
async function cpuOf(worker: ChildProcess): Promise<number> {
  const reply = once(worker, 'message');
  worker.send('cpu');
  const [{ cpuUs }] = (await reply) as [{ cpuUs: number }];
  return cpuUs;
}

async function load(url: string, body: (i: number) => { headers: Record<string, string>; body: string }, seconds: number, connections: number, offset: { next: number }): Promise<AutocannonResult> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({ ...request, ...body(offset.next++) }),
      },
    ],
  });
}

function stats(results: AutocannonResult[]): LatencyStats {
  const mean = (pick: (result: AutocannonResult) => number) => results.reduce((sum, result) => sum + pick(result), 0) / results.length;
  return { rps: Math.round(mean((r) => r.requests.average)), p50: round(mean((r) => r.latency.p50), 2), p99: round(mean((r) => r.latency.p99), 2) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/**
 * Measures, in this run: bare passthrough vs proxy, each for `durationSeconds` after a 2 s
 * warm-up, in 4 rounds of back-to-back segments (order alternating), so background load hits
 * both alike; `ratio` is the median of the rounds' ratios, the other figures are means. Then
 * the memory run. Defaults: 10 s, 50 connections.
 */
export async function benchProxy(options: { durationSeconds?: number; connections?: number } = {}): Promise<ProxyBenchResult> {
  const durationSeconds = options.durationSeconds ?? 10;
  const connections = options.connections ?? 50;
  const children: ChildProcess[] = [];
  try {
    const simulator = await child('simulator');
    children.push(simulator.process);
    const vendorUrl = String(simulator.value);
    const bare = await child('bare', [vendorUrl]);
    const proxy = await child('proxy', [vendorUrl]);
    children.push(bare.process, proxy.process);

    // Per request: the vendor's body to the passthrough, the widget's body (new contact and key) to the proxy.
    const bareBody = (i: number) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: SIMULATOR_DEFAULTS.channels.phone, to: contact(i), type: 'phone', send_initial_message: true }),
    });
    const proxyBody = (i: number) => ({
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ type: 'phone', contact: contact(i), consent: true, locale: 'en-US', timezone: 'America/New_York', hp: '' }),
    });
    const counter = { next: 0 };
    const segment = Math.max(1, durationSeconds / ROUNDS);
    const targets = { bare: [String(bare.value), bareBody], proxy: [String(proxy.value), proxyBody] } as const;
    const run = (name: keyof typeof targets, seconds: number) => load(targets[name][0], targets[name][1], seconds, connections, counter);

    await run('bare', 2);
    await run('proxy', 2);
    // Rounds of one bare and one proxy segment back to back, in alternating order: each round's
    // ratio compares the two under the same background load; the median round is reported.
    const results = { bare: [] as AutocannonResult[], proxy: [] as AutocannonResult[] };
    const ratios: number[] = [];
    const servers = { bare: bare.process, proxy: proxy.process };
    const cpu = { bare: 0, proxy: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 ? (['proxy', 'bare'] as const) : (['bare', 'proxy'] as const)) {
        const before = await cpuOf(servers[name]);
        results[name].push(await run(name, segment));
        cpu[name] += (await cpuOf(servers[name])) - before;
      }
      ratios.push(results.proxy[round]!.requests.average / results.bare[round]!.requests.average);
    }
    const total = (list: AutocannonResult[]) => list.reduce((sum, r) => sum + r.requests.total, 0);
    const cpuPerRequest = { bare: cpu.bare / total(results.bare), proxy: cpu.proxy / total(results.proxy) };

    // Six times the stores' cap at least: they fill within the first fifth, then must hold steady.
    const memory = await child('memory', [String(Math.max(60_000, durationSeconds * 6_000))], ['--expose-gc']);
    children.push(memory.process);
    const flood = await child('flood', ['30000']);
    children.push(flood.process);

    const bareStats = stats(results.bare);
    const proxyStats = stats(results.proxy);
    const failures = (list: AutocannonResult[]) => list.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
    return {
      bare: bareStats,
      proxy: proxyStats,
      ratio: round(median(ratios), 3),
      cpuPerRequestUs: { bare: Math.round(cpuPerRequest.bare), proxy: Math.round(cpuPerRequest.proxy), ratio: round(cpuPerRequest.bare / cpuPerRequest.proxy, 3) },
      addedP99Ms: round(proxyStats.p99 - bareStats.p99, 2),
      memory: memory.value as MemoryResult,
      flood: flood.value as FloodResult,
      failures: { bare: failures(results.bare), proxy: failures(results.proxy) },
      settings: { durationSeconds, connections },
    };
  } finally {
    for (const worker of children) worker.kill();
  }
}

// --- entry points ----------------------------------------------------------------------------

const role = process.argv.find((arg) => arg.startsWith('--role='))?.slice('--role='.length);
const [arg] = process.argv.filter((item) => !item.startsWith('--')).slice(2);
if (role) {
  const report = (value: unknown) => process.send!(value);
  if (role === 'simulator') report(await runSimulator());
  else if (role === 'bare' || role === 'proxy') {
    report(await (role === 'bare' ? runBare : runProxy)(arg!));
    // The orchestrator asks for the CPU time used so far around each measuring segment.
    process.on('message', () => {
      const { user, system } = process.cpuUsage();
      report({ cpuUs: user + system });
    });
  }
  else if (role === 'memory') {
    report(await runMemory(Number(arg)));
    process.disconnect();
  } else if (role === 'flood') {
    report(await runFlood(Number(arg)));
    process.disconnect();
  } else throw new Error(`unknown role ${role}`);
  process.on('disconnect', () => process.exit(0));
} else if (process.argv[1] && resolve(process.argv[1]) === FILE) {
  const duration = process.argv.indexOf('--duration');
  const connections = process.argv.indexOf('--connections');
  const result = await benchProxy({
    ...(duration > 0 && { durationSeconds: Number(process.argv[duration + 1]) }),
    ...(connections > 0 && { connections: Number(process.argv[connections + 1]) }),
  });
  console.log(JSON.stringify(result, null, 2));
}
