// The widget's cost to a page, in headless Chromium: the same page loaded with and without
// dist/embed.js, each in a fresh browser context (empty cache), alternating, medians reported.
// Main-thread time comes from a Chromium trace of each load (the renderer thread that parsed the
// page): script = compiling and running script and what it runs (microtasks: Lit's first render).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../scripts/chromium.js';

/** How long after `load` the page is left alone before measuring and clicking. */
const QUIET_MS = 600;

/** A plain content page; `script` is the only difference between the two variants. */
function page(script: string): string {
  const paragraph = '<p>Harbor Dental has cared for families on the waterfront since 1987. Book a check-up, ask about whitening, or find our opening hours below.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Harbor Dental</title>
<link rel="icon" href="data:,">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0}header,main{max-width:46rem;margin:auto;padding:1rem}</style>
${script}</head><body><header><h1>Harbor Dental</h1></header><main>${paragraph.repeat(12)}</main></body></html>`;
}

const WITH_WIDGET = page('<script src="/dist/embed.js" data-endpoint="/api/agent-chat" data-business="Harbor Dental" defer></script>');
const WITHOUT_WIDGET = page('');

// Runs in the page before anything else: layout shifts, the first frame with a rendered launcher,
// and the click → focus-in-panel → next frame sequence.
const PROBE = `(() => {
  const b = (window.__bench = { cls: 0, shifts: 0 });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) { b.cls += e.value; b.shifts++; }
  }).observe({ type: 'layout-shift', buffered: true });
  // Focus moving inside the shadow root never reaches the document: listen on the root itself.
  const onFocus = (event) => {
    if (b.clickAt === undefined || b.focusAt !== undefined || !event.target.closest('[part~=panel]')) return;
    b.focusAt = performance.now();
    requestAnimationFrame(() => { b.panelFrameAt = performance.now(); });
  };
  const poll = () => {
    const root = document.querySelector('agent-chat-launcher')?.shadowRoot;
    const button = root?.querySelector('[part~=button]');
    if (button && button.getBoundingClientRect().width > 0) {
      b.launcherAt = performance.now();
      root.addEventListener('focusin', onFocus, true);
    } else if (document.readyState !== 'complete' || document.querySelector('agent-chat-launcher')) {
      requestAnimationFrame(poll); // (and on the page without the widget, stop once it has loaded)
    }
  };
  requestAnimationFrame(poll);
  document.addEventListener('pointerdown', () => { b.clickAt ??= performance.now(); }, true);
})();`;

interface Probe {
  cls: number;
  shifts: number;
  launcherAt?: number;
  clickAt?: number;
  focusAt?: number;
  panelFrameAt?: number;
}

interface Load {
  scriptMs: number;
  busyMs: number;
  requests: string[];
  cls: number;
  firstContentfulPaintMs: number;
  loadEventMs: number;
  launcherMs?: number;
  clickToFocusMs?: number;
  clickToPanelFrameMs?: number;
}

export interface WidgetBenchResult {
  runs: number;
  chromium: string;
  /** Medians, milliseconds; `scriptMs` and `busyMs` are main-thread time until 600 ms after `load`. */
  without: { scriptMs: number; busyMs: number; firstContentfulPaintMs: number; loadEventMs: number };
  with: { scriptMs: number; busyMs: number; firstContentfulPaintMs: number; loadEventMs: number; launcherMs: number };
  /** Median with minus median without. */
  addedScriptMs: number;
  addedBusyMs: number;
  /** Requests the widget page made beyond the page's own and the script itself, before any interaction. */
  extraRequests: string[];
  /** Largest cumulative layout shift seen before interaction, over all widget loads. */
  layoutShift: number;
  clickToFocusMs: number;
  clickToPanelFrameMs: number;
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

async function serve(distDir: URL): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (path === '/with.html' || path === '/without.html') {
      res.setHeader('Content-Type', 'text/html');
      res.end(path === '/with.html' ? WITH_WIDGET : WITHOUT_WIDGET);
    } else if (path.startsWith('/dist/') && !path.includes('..')) {
      res.setHeader('Content-Type', 'text/javascript');
      res.end(await readFile(new URL(path.slice('/dist/'.length), distDir)));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function loadOnce(browser: Browser, origin: string, widget: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const path = widget ? '/with.html' : '/without.html';
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    await page.goto(origin + path, { waitUntil: 'load' });
    // A quiet moment before interacting, waited for from here (any page-side polling would be
    // script on the page's main thread), so whatever the widget fetches or shifts shows up.
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const { scriptMs, busyMs } = mainThreadTimes(await browser.stopTracing(), path);
    const before = await page.evaluate(() => ({
      probe: (window as unknown as { __bench: Probe }).__bench,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
      load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    }));
    if (widget && before.probe.launcherAt === undefined) throw new Error(`no launcher rendered ${QUIET_MS} ms after load`);
    const load: Load = {
      scriptMs,
      busyMs,
      requests: [...requests],
      cls: before.probe.cls,
      firstContentfulPaintMs: before.fcp,
      loadEventMs: before.load,
      launcherMs: before.probe.launcherAt,
    };
    if (widget) {
      await page.click('agent-chat-launcher [part~=button]');
      await page.waitForFunction(() => (window as unknown as { __bench: Probe }).__bench.panelFrameAt !== undefined);
      const after = await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench);
      load.clickToFocusMs = after.focusAt! - after.clickAt!;
      load.clickToPanelFrameMs = after.panelFrameAt! - after.clickAt!;
    }
    return load;
  } finally {
    await context.close();
  }
}

/** Loads the page `runs` times with and `runs` times without the widget, alternating. */
export async function benchWidget(options: { runs?: number; distDir?: URL } = {}): Promise<WidgetBenchResult> {
  const runs = options.runs ?? 15;
  const { server, origin } = await serve(options.distDir ?? new URL('../dist/', import.meta.url));
  const browser = await launchChromium();
  try {
    // One warm-up of each, not counted: the first launch pays for things no visitor would.
    await loadOnce(browser, origin, false);
    await loadOnce(browser, origin, true);
    const withLoads: Load[] = [];
    const withoutLoads: Load[] = [];
    for (let i = 0; i < runs; i++) {
      withoutLoads.push(await loadOnce(browser, origin, false));
      withLoads.push(await loadOnce(browser, origin, true));
    }
    const m = (loads: Load[], key: keyof Load) => median(loads.map((l) => l[key] as number));
    const baseline = new Set(withoutLoads.flatMap((l) => l.requests).map((p) => p.replace('/without.html', '/PAGE')));
    const extraRequests = [
      ...new Set(withLoads.flatMap((l) => l.requests).map((p) => p.replace('/with.html', '/PAGE')).filter((p) => !baseline.has(p) && p !== '/dist/embed.js')),
    ];
    return {
      runs,
      chromium: browser.version(),
      without: {
        scriptMs: m(withoutLoads, 'scriptMs'),
        busyMs: m(withoutLoads, 'busyMs'),
        firstContentfulPaintMs: m(withoutLoads, 'firstContentfulPaintMs'),
        loadEventMs: m(withoutLoads, 'loadEventMs'),
      },
      with: {
        scriptMs: m(withLoads, 'scriptMs'),
        busyMs: m(withLoads, 'busyMs'),
        firstContentfulPaintMs: m(withLoads, 'firstContentfulPaintMs'),
        loadEventMs: m(withLoads, 'loadEventMs'),
        launcherMs: m(withLoads, 'launcherMs'),
      },
      addedScriptMs: m(withLoads, 'scriptMs') - m(withoutLoads, 'scriptMs'),
      addedBusyMs: m(withLoads, 'busyMs') - m(withoutLoads, 'busyMs'),
      extraRequests,
      layoutShift: Math.max(...withLoads.map((l) => l.cls)),
      clickToFocusMs: m(withLoads, 'clickToFocusMs'),
      clickToPanelFrameMs: m(withLoads, 'clickToPanelFrameMs'),
    };
  } finally {
    await browser.close();
    server.close();
  }
}
