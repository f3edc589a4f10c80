// The cost of a chat embed to a page, in headless Chromium: the same page bare, with our
// dist/embed.js, and with Typebot's embed (bench/typebot.ts fetches it), each load in a fresh
// browser context (empty cache), the variants interleaved, medians reported.
// Main-thread time comes from a Chromium trace of each load (the renderer thread that parsed the
// page): script = compiling and running script and what it runs (microtasks: Lit's first render).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { measure } from '../scripts/check-size.js';
import { launchChromium } from '../scripts/chromium.js';

/** How long after `load` the page is left alone before measuring and clicking. */
const QUIET_MS = 600;

/** An embed as a page includes it: what it adds to <head>, its element, and the parts we probe. */
interface Embed {
  name: string;
  head: string;
  /** The tag of its element, whose shadow root holds a launcher `[part~=button]`. */
  tag: string;
  /** The open panel in that shadow root. */
  panel: string;
  /** Whether it fetches its panel on intent, before the click. */
  prefetches: boolean;
}

const OURS: Embed = {
  name: 'agent-chat-launcher',
  head: '<script src="/dist/embed.js" data-endpoint="/api/agent-chat" data-business="Harbor Dental" defer></script>',
  tag: 'agent-chat-launcher',
  panel: '[part~=panel]',
  prefetches: true,
};

const TYPEBOT: Embed = {
  name: 'Typebot',
  // Its documented bubble embed; `apiHost` is this page's origin, so the bot itself (fetched on
  // open) is a 404: Typebot's numbers are a lower bound of what a real bot costs.
  head: `<script type="module">import Typebot from '/typebot/web.js';Typebot.initBubble({ typebot: 'harbor-dental', apiHost: location.origin });</script>`,
  tag: 'typebot-bubble',
  panel: '[part~=bot]',
  prefetches: false,
};

/** A plain content page; `head` is the only difference between the variants. */
function page(head: string): string {
  const paragraph = '<p>Harbor Dental has cared for families on the waterfront since 1987. Book a check-up, ask about whitening, or find our opening hours below.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Harbor Dental</title>
<link rel="icon" href="data:,">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0}header,main{max-width:46rem;margin:auto;padding:1rem}</style>
${head}</head><body><header><h1>Harbor Dental</h1></header><main>${paragraph.repeat(12)}</main></body></html>`;
}

// Runs in the page before anything else (the bare page too, so it costs every variant the same):
// layout shifts, the first frame with a painted launcher, the panel's arrival after intent, and
// the first frame of the open panel after the click. It polls only while waiting for one of these.
const probe = (embed: Pick<Embed, 'tag' | 'panel'>) => `(() => {
  const b = (window.__bench = { cls: 0 });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) b.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const root = () => document.querySelector(${JSON.stringify(embed.tag)})?.shadowRoot;
  const shown = (el) => el && !el.hidden && el.getBoundingClientRect().width > 0 && getComputedStyle(el).opacity > 0;
  const until = (done, key) => {
    const frame = () => (done() ? (b[key] = performance.now()) : requestAnimationFrame(frame));
    requestAnimationFrame(frame);
  };
  // (On the bare page there is no launcher: stop once the page has loaded.)
  until(() => shown(root()?.querySelector('[part~=button]')) || (document.readyState === 'complete' && !document.querySelector(${JSON.stringify(embed.tag)})), 'launcherAt');
  addEventListener('pointerover', () => {
    if (b.hoverAt !== undefined) return;
    b.hoverAt = performance.now();
    until(() => root()?.querySelector(${JSON.stringify(embed.panel)}), 'panelReadyAt');
  }, true);
  addEventListener('pointerdown', () => {
    if (b.clickAt !== undefined) return;
    b.clickAt = performance.now();
    until(() => shown(root()?.querySelector(${JSON.stringify(embed.panel)})), 'panelFrameAt');
  }, true);
})();`;

interface Probe {
  cls: number;
  launcherAt?: number;
  hoverAt?: number;
  panelReadyAt?: number;
  clickAt?: number;
  panelFrameAt?: number;
}

interface Load {
  scriptMs: number;
  busyMs: number;
  /** Brotli bytes of the embed's files fetched before any interaction, and by the end. */
  firstLoadBytes: number;
  openBytes: number;
  /** Paths fetched before any interaction. */
  requests: string[];
  cls: number;
  launcherMs: number;
  hoverToPanelReadyMs?: number;
  clickToPanelFrameMs: number;
}

/** Medians over the loads of one embed (milliseconds, bytes). */
export interface EmbedResult {
  name: string;
  scriptMs: number;
  busyMs: number;
  addedScriptMs: number;
  addedBusyMs: number;
  firstLoadBytes: number;
  openBytes: number;
  launcherMs: number;
  /** Pointer over the launcher → the panel's code arrived (embeds that fetch it on intent). */
  hoverToPanelReadyMs?: number;
  /** Pointer moved onto the launcher and pressed at once: click → first frame of the open panel. */
  clickToPanelFrameMs: number;
  /** The same, clicked once the intent prefetch finished (embeds that prefetch). */
  warmClickToPanelFrameMs?: number;
  /** Requests before interaction beyond the page and the embed's first file. */
  extraRequests: string[];
  layoutShift: number;
}

export interface WidgetBenchResult {
  runs: number;
  chromium: string;
  bare: { scriptMs: number; busyMs: number };
  embeds: EmbedResult[];
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { beginData?: { url?: string } };
}

/** Trace events that are script: compiling, evaluating, and what it runs (callbacks, microtasks: Lit's render). */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'EventDispatch',
]);

/** Total time covered by the intervals, overlaps (nested events) counted once; ms. */
function unionMs(events: TraceEvent[]): number {
  const spans = events.map((e) => [e.ts, e.ts + e.dur!] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [start, end] = [-Infinity, -Infinity];
  for (const [s, e] of spans) {
    if (s > end) {
      if (end > start) total += end - start;
      [start, end] = [s, e];
    } else end = Math.max(end, e);
  }
  if (end > start) total += end - start;
  return total / 1000;
}

/** Script time and all busy time on the page's renderer main thread (the one that parsed `pagePath`). */
function mainThreadTimes(trace: Buffer, pagePath: string): { scriptMs: number; busyMs: number } {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.endsWith(pagePath));
  if (!parse) throw new Error(`no ParseHTML of ${pagePath} in the trace`);
  const thread = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && typeof e.dur === 'number');
  return {
    scriptMs: unionMs(thread.filter((e) => SCRIPT_EVENTS.has(e.name))),
    busyMs: unionMs(thread.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')),
  };
}

/** Serves the variants' pages, our dist/ and Typebot's web.js; `bytes` maps a served file to its brotli size. */
async function serve(embeds: Embed[], distDir: URL, typebotFile?: string): Promise<{ server: Server; origin: string; bytes(path: string): number }> {
  const pages = new Map<string, string>([['/bare.html', page('')], ...embeds.map((e, i) => [`/embed-${i}.html`, page(e.head)] as [string, string])]);
  const fileOf = (path: string) =>
    path.startsWith('/dist/') && !path.includes('..') ? new URL(path.slice('/dist/'.length), distDir) : path === '/typebot/web.js' ? typebotFile : undefined;
  const sizes = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    const file = fileOf(path);
    try {
      if (pages.has(path)) {
        res.setHeader('Content-Type', 'text/html');
        res.end(pages.get(path));
      } else if (file) {
        const body = await readFile(file);
        res.setHeader('Content-Type', 'text/javascript');
        res.end(body);
      } else throw new Error('not found');
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const bytes = (path: string) => {
    const file = fileOf(path);
    if (!file) return 0;
    if (!sizes.has(path)) sizes.set(path, measure(file instanceof URL ? file.pathname : file).brotli);
    return sizes.get(path)!;
  };
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bytes };
}

type Interaction = 'none' | 'click' | 'warm-click';

async function loadOnce(browser: Browser, site: { origin: string; bytes(path: string): number }, path: string, embed: Embed | undefined, interaction: Interaction): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const tab = await context.newPage();
    await tab.addInitScript(probe(embed ?? OURS));
    const requests: string[] = [];
    tab.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await browser.startTracing(tab, { categories: ['toplevel', 'devtools.timeline'] });
    await tab.goto(site.origin + path, { waitUntil: 'load' });
    // A quiet moment before interacting, waited for from here (any page-side polling would be
    // script on the page's main thread), so whatever the embed fetches or shifts shows up.
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const { scriptMs, busyMs } = mainThreadTimes(await browser.stopTracing(), path);
    const bytesOf = (paths: string[]) => [...new Set(paths)].reduce((sum, p) => sum + site.bytes(p), 0);
    const load: Load = { scriptMs, busyMs, firstLoadBytes: bytesOf(requests), openBytes: 0, requests: [...requests], cls: 0, launcherMs: 0, clickToPanelFrameMs: 0 };
    if (!embed) return load;
    const read = () => tab.evaluate(() => (window as unknown as { __bench: Probe }).__bench);
    const before = await read();
    if (before.launcherAt === undefined || !(await tab.locator(`${embed.tag} [part~=button]`).count())) {
      throw new Error(`${embed.name}: no launcher painted ${QUIET_MS} ms after load`);
    }
    Object.assign(load, { cls: before.cls, launcherMs: before.launcherAt });
    if (interaction === 'none') return load;
    const launcher = tab.locator(`${embed.tag} [part~=button]`);
    if (interaction === 'warm-click') {
      await launcher.hover();
      await tab.waitForFunction(() => (window as unknown as { __bench: Probe }).__bench.panelReadyAt !== undefined);
    }
    await launcher.click();
    await tab.waitForFunction(() => (window as unknown as { __bench: Probe }).__bench.panelFrameAt !== undefined);
    await tab.waitForLoadState('networkidle');
    const after = await read();
    load.clickToPanelFrameMs = after.panelFrameAt! - after.clickAt!;
    if (after.panelReadyAt !== undefined) load.hoverToPanelReadyMs = after.panelReadyAt - after.hoverAt!;
    load.openBytes = bytesOf(requests);
    return load;
  } finally {
    await context.close();
  }
}

/**
 * Loads the bare page and each embed's page `runs` times, interleaved; each embed load either
 * clicks its launcher at once or (for an embed that prefetches on intent) after the prefetch.
 */
export async function benchWidget(options: { runs?: number; distDir?: URL; typebotFile?: string } = {}): Promise<WidgetBenchResult> {
  const runs = options.runs ?? 15;
  const embeds = options.typebotFile ? [OURS, TYPEBOT] : [OURS];
  const site = await serve(embeds, options.distDir ?? new URL('../dist/', import.meta.url), options.typebotFile);
  const browser = await launchChromium();
  try {
    const bare: Load[] = [];
    const loads = embeds.map(() => ({ click: [] as Load[], warm: [] as Load[] }));
    // One warm-up of each, not counted: the first launch pays for things no visitor would.
    await loadOnce(browser, site, '/bare.html', undefined, 'none');
    for (const [i, embed] of embeds.entries()) await loadOnce(browser, site, `/embed-${i}.html`, embed, 'click');
    for (let run = 0; run < runs; run++) {
      bare.push(await loadOnce(browser, site, '/bare.html', undefined, 'none'));
      for (const [i, embed] of embeds.entries()) {
        loads[i]!.click.push(await loadOnce(browser, site, `/embed-${i}.html`, embed, 'click'));
        if (embed.prefetches) loads[i]!.warm.push(await loadOnce(browser, site, `/embed-${i}.html`, embed, 'warm-click'));
      }
    }
    const m = (list: Load[], key: keyof Load) => median(list.map((l) => l[key] as number));
    const bareScript = m(bare, 'scriptMs');
    const bareBusy = m(bare, 'busyMs');
    const baseline = new Set(bare.flatMap((l) => l.requests).map((p) => p.replace('/bare.html', '/PAGE')));
    return {
      runs,
      chromium: browser.version(),
      bare: { scriptMs: bareScript, busyMs: bareBusy },
      embeds: embeds.map((embed, i) => {
        const { click, warm } = loads[i]!;
        const all = [...click, ...warm];
        const firstFiles = new Set(all.map((l) => l.requests.find((p) => site.bytes(p) > 0)));
        return {
          name: embed.name,
          scriptMs: m(all, 'scriptMs'),
          busyMs: m(all, 'busyMs'),
          addedScriptMs: m(all, 'scriptMs') - bareScript,
          addedBusyMs: m(all, 'busyMs') - bareBusy,
          firstLoadBytes: m(all, 'firstLoadBytes'),
          openBytes: m(click, 'openBytes'),
          launcherMs: m(all, 'launcherMs'),
          hoverToPanelReadyMs: warm.length ? m(warm, 'hoverToPanelReadyMs') : undefined,
          clickToPanelFrameMs: m(click, 'clickToPanelFrameMs'),
          warmClickToPanelFrameMs: warm.length ? m(warm, 'clickToPanelFrameMs') : undefined,
          extraRequests: [...new Set(all.flatMap((l) => l.requests))].filter((p) => !baseline.has(p.replace(/\/embed-\d+\.html/, '/PAGE')) && !firstFiles.has(p)),
          layoutShift: Math.max(...all.map((l) => l.cls)),
        };
      }),
    };
  } finally {
    await browser.close();
    site.server.close();
  }
}
