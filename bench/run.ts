// `npm run bench`: sizes, the widget's cost to a page next to Typebot's embed measured in the same
// run (bench/widget.ts), the proxy against a bare passthrough (bench/proxy.ts) and the consent
// receipt's write (bench/receipts.ts); prints the tables and writes bench/results/latest.json.
// Not part of `npm test`: numbers depend on the machine. Flags: --runs N (page loads per variant,
// default 15), --duration S and --connections C (passed to the proxy bench), --skip-proxy,
// --skip-typebot.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { BUDGET, FIRST_LOAD_AIM, sizeReport } from '../scripts/check-size.js';
import { benchProxy, type ProxyBenchResult } from './proxy.js';
import { benchReceipts, type ReceiptsBenchResult } from './receipts.js';
import { TYPEBOT_PACKAGE, typebotWebJs } from './typebot.js';
import { benchWidget, type EmbedResult, type WidgetBenchResult } from './widget.js';

function flag(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? Number(process.argv[at + 1]) : undefined;
}
const firstLine = (error: unknown) => (error as Error).message.split('\n')[0]!;

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value: number) => `${n(value, 1)} ms`;
const kb = (bytes: number) => `${n(bytes / 1024, 1)} KB`;

const machine = {
  node: process.version,
  os: `${platform()} ${release()} ${arch()}`,
  cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
  memory: `${n(totalmem() / 2 ** 30, 1)} GiB`,
  /** 1-minute load average when the run started: other work on the machine slows every number. */
  loadAverage: n(loadavg()[0]!, 2),
};

if (!existsSync('dist/embed.js')) throw new Error('dist/ is missing: run `npm run build` first');

// (1) Sizes.
const { sizes, open } = sizeReport();
const languages = sizes.filter((s) => s.budget === BUDGET.language).map((s) => s.brotli);

// (2) The widget on a page, with Typebot's embed in the same run.
let typebotFile: string | undefined;
let typebotError: string | undefined;
if (process.argv.includes('--skip-typebot')) typebotError = 'skipped (--skip-typebot)';
else {
  try {
    typebotFile = typebotWebJs();
  } catch (error) {
    typebotError = `could not fetch ${TYPEBOT_PACKAGE}: ${firstLine(error)}`;
  }
}
let widget: WidgetBenchResult | undefined;
let widgetError: string | undefined;
try {
  widget = await benchWidget({ runs: flag('runs') ?? 15, typebotFile });
} catch (error) {
  widgetError = firstLine(error);
}

// (3) The proxy against a bare passthrough, its memory and floods (bench/proxy.ts).
let proxy: ProxyBenchResult | undefined;
let proxyError: string | undefined;
if (process.argv.includes('--skip-proxy')) proxyError = 'skipped (--skip-proxy)';
else {
  try {
    proxy = await benchProxy({ durationSeconds: flag('duration'), connections: flag('connections') });
  } catch (error) {
    proxyError = firstLine(error);
  }
}

// (5) The consent receipt's write.
let receipts: ReceiptsBenchResult | undefined;
let receiptsError: string | undefined;
try {
  receipts = await benchReceipts();
} catch (error) {
  receiptsError = firstLine(error);
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n');
}

table(
  ['file', 'raw / gzip / brotli', 'budget (brotli)'],
  [
    ...sizes
      .filter((s) => s.budget !== BUDGET.language)
      .map((s) => [s.file, `${n(s.raw)} / ${n(s.gzip)} / ${n(s.brotli)} B`, `${n(s.budget)} B${s.budget === BUDGET.firstLoad ? ` (aim ${n(FIRST_LOAD_AIM)} B)` : ''}`]),
    ...(languages.length
      ? [[`dist/locales/*.js, ${languages.length} languages (each in latest.json)`, `brotli ${n(Math.min(...languages))} to ${n(Math.max(...languages))} B`, `${n(BUDGET.language)} B each`]]
      : []),
    ['a visitor who opens: first load + panel + a language', `${n(open)} B`, `${n(BUDGET.open)} B`],
  ],
);

if (widget) {
  const [ours, peer] = widget.embeds as [EmbedResult, EmbedResult | undefined];
  /** "N×" of the peer over ours, for measures where less is better. */
  const ratio = (key: keyof EmbedResult) => (peer && (ours[key] as number) > 0 ? `${n((peer[key] as number) / (ours[key] as number), 1)}×` : '');
  const both = (label: string, key: keyof EmbedResult, format: (v: number) => string, goal = ''): string[] => [
    label,
    ours[key] === undefined ? '—' : format(ours[key] as number),
    peer ? (peer[key] === undefined ? '—' : format(peer[key] as number)) : typebotError ?? '',
    peer && peer[key] !== undefined && ours[key] !== undefined ? ratio(key) : '',
    goal,
  ];
  table(
    ['measure (median of ' + widget.runs + ' loads per variant)', 'agent-chat-launcher', `Typebot ${TYPEBOT_PACKAGE.split('@')[2]}`, 'Typebot ÷ ours', 'goal'],
    [
      both('bytes fetched before any interaction (brotli)', 'firstLoadBytes', kb, '≥ 20× fewer'),
      both(`main-thread script above a bare page (${ms(widget.bare.scriptMs)})`, 'addedScriptMs', (v) => `+${ms(v)}`, '≥ 10× less'),
      both(`main-thread busy time above a bare page (${ms(widget.bare.busyMs)})`, 'addedBusyMs', (v) => `+${ms(v)}`),
      both('time to a painted launcher (from navigation start)', 'launcherMs', ms),
      both('pointer over the launcher → panel code arrived', 'hoverToPanelReadyMs', ms),
      both('click at once on a cold cache → first frame of the open panel', 'clickToPanelFrameMs', ms),
      both('click after the intent prefetch → first frame of the open panel', 'warmClickToPanelFrameMs', ms),
      both('bytes fetched by a visitor who opens (brotli)', 'openBytes', kb, `ours ≤ ${kb(BUDGET.open)}`),
      [
        'requests before interaction beyond the first file',
        ours.extraRequests.join(', ') || '0',
        peer ? peer.extraRequests.join(', ') || '0' : '',
        '',
        'ours 0',
      ],
      both('layout shift before interaction (worst load)', 'layoutShift', (v) => n(v, 3), 'ours 0'),
    ],
  );
} else {
  console.log(`widget page bench failed: ${widgetError}\n`);
}

if (proxy) {
  const p = proxy;
  const rows = [
    ['throughput, bare node:http → proxy (same simulator)', `${n(p.bare.rps)} → ${n(p.proxy.rps)} req/s (${n(p.ratio, 2)}×)`, ''],
    ['server CPU per request, bare → proxy', `${n(p.cpuPerRequestUs.bare)} → ${n(p.cpuPerRequestUs.proxy)} µs (${n(p.cpuPerRequestUs.ratio, 2)}×: the throughput ratio when CPU-bound)`, '≥ 0.8×'],
    ['latency p50 / p99, bare → proxy', `${ms(p.bare.p50)} / ${ms(p.bare.p99)} → ${ms(p.proxy.p50)} / ${ms(p.proxy.p99)} (p99 +${ms(p.addedP99Ms)})`, ''],
  ];
  if (p.memory) {
    rows.push([
      'proxy memory',
      Object.entries(p.memory)
        .map(([key, value]) => `${key} ${typeof value === 'number' ? n(value) : JSON.stringify(value)}`)
        .join(', '),
      '',
    ]);
  }
  if (p.flood) {
    const { defaults: d, highLimits: h } = p.flood;
    rows.push(
      ['flood, default limits', `${n(d.requests)} distinct: ${JSON.stringify(d.statuses)}, ${n(d.vendorCalls)} vendor calls, largest store ${n(d.largestStoreKeys)} keys; victim after: ${d.victimAfter}`, 'sessions ≤ DAILY_LIMIT'],
      ['flood, limits too high to help', `${n(h.requests)} distinct: ${JSON.stringify(h.statuses)}; victim after: ${h.victimAfter}; held key again: ${h.claimedKeyAfter}, vendor calls for it: ${h.claimedKeyVendorCalls}`, 'victim no session, key 409, 1 call'],
    );
  }
  table(['proxy', 'result', 'goal'], rows);
} else {
  console.log(`proxy bench: ${proxyError}\n`);
}

if (receipts) {
  const cost = (c: ReceiptsBenchResult['embedded']) => `${ms(c.p50)} / ${ms(c.p99)}; CPU ${n(c.cpuMs, 2)} ms per write (${n(c.writes)} writes)`;
  table(
    ['consent receipt', 'write p50 / p99', 'goal'],
    [
      ['embedded PGlite', cost(receipts.embedded), 'a few ms at p99'],
      ['PostgreSQL server (local)', receipts.server ? cost(receipts.server) : `not measured: ${receipts.serverError}`, 'a few ms at p99'],
    ],
  );
} else {
  console.log(`receipt write bench failed: ${receiptsError}\n`);
}

console.log(`${machine.cpu}, ${machine.memory}, ${machine.os}, Node ${machine.node}${widget ? `, Chromium ${widget.chromium}` : ''}; load average ${machine.loadAverage} at start`);

mkdirSync('bench/results', { recursive: true });
const file = 'bench/results/latest.json';
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine, sizes, open, widget, widgetError, typebotError, proxy, proxyError, receipts, receiptsError }, null, 2) + '\n');
console.log(`written to ${file}`);
