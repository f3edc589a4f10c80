// How the self-contained files (dist/embed.js, dist/agent-chat-launcher.js) fetch the parts that
// come later (the panel, each language): each is a classic script beside the first file, which
// hands itself to `define()` on its own <script> element and gets Lit from the first file.
// A classic script needs no CORS headers from a static host (a module import() would), runs under
// a CSP that allows the first file's origin, carries the first file's nonce, and is trusted by
// 'strict-dynamic' because a trusted script added it. The build (scripts/build.ts) turns the
// widget's dynamic import('./x.js') calls into loadPart('x') for these files only: bundlers keep
// the import() and split there themselves.
import { css, html, nothing, svg } from 'lit';

/** What the parts may import from Lit: the first file's own copy (templates need its `nothing`). The build checks each part against this list. */
const lit = { css, html, nothing, svg };

/** The URL of dist/agent-chat-launcher.js (from its import.meta.url); `undefined` in dist/embed.js, a classic script. */
declare const MODULE_URL: string | undefined;

/** What a part file calls: its module body, given Lit and this loader, returns its exports. */
export type PartFactory = (shared: typeof lit, loader: { loadPart: typeof loadPart }) => Record<string, unknown>;

interface PartScript extends HTMLScriptElement {
  define?(factory: PartFactory): void;
}

// Read while the first file runs: afterwards document.currentScript is someone else's, or null.
const own = (document.currentScript as HTMLScriptElement | null) ?? [...document.scripts].find((s) => s.src === MODULE_URL);
const base = own?.src || MODULE_URL || location.href;
const nonce = own?.nonce || document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || '';
const loaded = new Map<string, Promise<Record<string, unknown>>>();

/** Fetches `dist/<name>.js` once; a failed fetch is forgotten, so the next call tries again. */
export function loadPart<T>(name: string): Promise<T> {
  let part = loaded.get(name);
  if (!part) {
    part = new Promise((resolve, reject) => {
      const script: PartScript = document.createElement('script');
      script.src = new URL(`${name}.js`, base).href;
      script.nonce = nonce;
      script.define = (factory) => resolve(factory(lit, { loadPart }));
      script.onerror = script.onload = () => {
        script.remove();
        reject(new Error(`could not load ${name}.js`));
      };
      document.head.append(script);
    });
    part.catch(() => loaded.delete(name));
    loaded.set(name, part);
  }
  return part as Promise<T>;
}
