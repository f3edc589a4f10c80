// `npm run bench`: sizes, the widget's cost to a page (bench/widget.ts), and the proxy against a
// bare passthrough (bench/proxy.ts); prints one table and writes bench/results/latest.json.
// Not part of `npm test`: numbers depend on the machine. Flags: --runs N (page loads per
// variant, default 15), --duration S and --connections C (passed to the proxy bench), --skip-proxy.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { BUDGET, FIRST_LOAD_AIM, sizeReport } from '../scripts/check-size.js';
import { benchWidget, type WidgetBenchResult } from './widget.js';

interface LatencyStats {
  rps: number;
  p50: number;
  p99: number;
}
interface ProxyBenchResult {
  bare: LatencyStats;
  proxy: LatencyStats;
  ratio: number;
  addedP99Ms: number;
  memory?: Record<string, unknown>;
}
type BenchProxy = (options?: { durationSeconds?: number; connections?: number }) => Promise<ProxyBenchResult>;

function flag(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? Number(process.argv[at + 1]) : undefined;
}

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value: number) => `${n(value, 1)} ms`;

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

// (2), (3) The widget on a page.
let widget: WidgetBenchResult | undefined;
let widgetError: string | undefined;
try {
  widget = await benchWidget({ runs: flag('runs') ?? 15 });
} catch (error) {
  widgetError = (error as Error).message.split('\n')[0];
}

// (4) The proxy, from bench/proxy.ts when it is there.
let proxy: ProxyBenchResult | undefined;
let proxyError: string | undefined;
if (process.argv.includes('--skip-proxy')) {
  proxyError = 'skipped (--skip-proxy)';
} else if (existsSync(new URL('./proxy.ts', import.meta.url))) {
  try {
    const { benchProxy } = (await import(new URL('./proxy.ts', import.meta.url).href)) as { benchProxy: BenchProxy };
    proxy = await benchProxy({ durationSeconds: flag('duration'), connections: flag('connections') });
  } catch (error) {
    proxyError = (error as Error).message.split('\n')[0];
  }
} else {
  proxyError = 'not available';
}

const rows: [string, string, string][] = [];
for (const s of sizes) {
  const goal = `brotli ≤ ${n(s.budget)} B${s.budget === BUDGET.firstLoad ? ` (aim ${n(FIRST_LOAD_AIM)} B)` : ''}`;
  rows.push([`${s.file} raw / gzip / brotli`, `${n(s.raw)} / ${n(s.gzip)} / ${n(s.brotli)} B`, goal]);
}
rows.push(['a visitor who opens: first load + panel + a language, brotli', `${n(open)} B`, `≤ ${n(BUDGET.open)} B`]);
if (widget) {
  const w = widget;
  rows.push(
    [`main-thread script time (compile, run, Lit's first render), page without → with widget (median of ${w.runs} loads)`, `${ms(w.without.scriptMs)} → ${ms(w.with.scriptMs)} (+${ms(w.addedScriptMs)})`, ''],
    ['main-thread busy time (all tasks: also parsing, style, layout, paint), without → with', `${ms(w.without.busyMs)} → ${ms(w.with.busyMs)} (+${ms(w.addedBusyMs)})`, ''],
    ['first contentful paint, without → with', `${ms(w.without.firstContentfulPaintMs)} → ${ms(w.with.firstContentfulPaintMs)}`, ''],
    ['time to a rendered launcher (from navigation start)', ms(w.with.launcherMs), ''],
    ['requests before interaction, beyond embed.js', w.extraRequests.length ? w.extraRequests.join(', ') : '0', '0'],
    ['layout shift before interaction (worst load)', n(w.layoutShift, 3), '0'],
    ['click → focus in the panel', ms(w.clickToFocusMs), ''],
    ['click → the open panel’s first frame', ms(w.clickToPanelFrameMs), ''],
  );
} else {
  rows.push(['widget page bench', `failed: ${widgetError}`, '']);
}
if (proxy) {
  const p = proxy;
  rows.push(
    ['proxy throughput, bare node:http → proxy (same simulator)', `${n(p.bare.rps)} → ${n(p.proxy.rps)} req/s (${n(p.ratio, 2)}×)`, ''],
    ['latency p50 / p99, bare → proxy', `${ms(p.bare.p50)} / ${ms(p.bare.p99)} → ${ms(p.proxy.p50)} / ${ms(p.proxy.p99)} (p99 +${ms(p.addedP99Ms)})`, ''],
  );
  if (p.memory) {
    const memory = Object.entries(p.memory)
      .map(([key, value]) => `${key} ${typeof value === 'number' ? n(value) : JSON.stringify(value)}`)
      .join(', ');
    rows.push(['proxy memory', memory, '']);
  }
} else {
  rows.push(['proxy bench', proxyError === 'not available' || proxyError?.startsWith('skipped') ? `proxy bench: ${proxyError}` : `failed: ${proxyError}`, '']);
}

const widths = [0, 1, 2].map((i) => Math.max(['measure', 'result', 'goal'][i]!.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(['measure', 'result', 'goal']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
console.log(
  `\n${machine.cpu}, ${machine.memory}, ${machine.os}, Node ${machine.node}${widget ? `, Chromium ${widget.chromium}` : ''}; load average ${machine.loadAverage} at start`,
);

mkdirSync('bench/results', { recursive: true });
const file = 'bench/results/latest.json';
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine, sizes, widget, widgetError, proxy, proxyError }, null, 2) + '\n');
console.log(`written to ${file}`);
