// The browser tests' server side for frameworks: React (CommonJS on npm) bundled once into a
// browser module, Vue's browser build, Vue single-file components compiled on request, and the
// package's own name resolved to its sources, so the examples/ files run as they are written.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { build, transform } from 'esbuild';
import { compileScript, parse } from 'vue/compiler-sfc';

const PREFIX = '/__framework__/';

/** React's entries the tests and examples import, and the facade module served for each. */
const REACT_ENTRIES = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'];
const facadePath = (entry: string) => `${PREFIX}${entry.replaceAll('/', '__')}.js`;

/** What `import 'agent-chat-launcher…'` means in the browser tests: the sources. */
const PACKAGE_ENTRIES: Record<string, string> = {
  'agent-chat-launcher': '/src/widget/define.ts',
  'agent-chat-launcher/react': '/src/widget/react.ts',
};

const VUE_BROWSER_BUILD = '/node_modules/vue/dist/vue.runtime.esm-browser.js';

/** Custom elements Vue's template compiler must leave to the browser (as examples/vue/vite.config.ts says). */
export const isCustomElement = (tag: string) => tag === 'agent-chat-launcher';

interface ServeContext {
  path: string;
}

// One esbuild bundle holds every React entry (so there is one React), exported as namespaces.
async function bundleReact(): Promise<string> {
  const names = REACT_ENTRIES.map((_, i) => `m${i}`);
  const result = await build({
    stdin: {
      contents: REACT_ENTRIES.map((entry, i) => `export * as ${names[i]} from ${JSON.stringify(entry)};`).join('\n'),
      resolveDir: process.cwd(),
    },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// The export names of each React entry, read in a child Node process (React's development
// build patches `console` when it loads, which would upset the test runner's own console).
function reactExportNames(): Record<string, string[]> {
  const script = `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(REACT_ENTRIES)}.map((e) => [e, Object.keys(require(e))]))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

// Re-exports one entry's CommonJS exports by name.
function reactFacade(entry: string, exportNames: Record<string, string[]>): string {
  const index = REACT_ENTRIES.indexOf(entry);
  const names = exportNames[entry]!.filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  return [
    `import { m${index} as ns } from '${PREFIX}react-bundle.js';`,
    'const cjs = ns.default ?? ns;',
    'export default cjs;',
    `export const { ${names.join(', ')} } = cjs;`,
  ].join('\n');
}

// A .vue file as a JS module: <script setup lang="ts"> with the template inlined, then TS stripped.
async function compileVue(file: string, path: string): Promise<string> {
  // The element/component decision is made while parsing, so the parser needs isCustomElement too.
  const { descriptor, errors } = parse(await readFile(file, 'utf8'), { filename: file, templateParseOptions: { isCustomElement } });
  if (errors.length) throw errors[0];
  const script = compileScript(descriptor, {
    id: path,
    inlineTemplate: true,
    templateOptions: { compilerOptions: { isCustomElement } },
  });
  const { code } = await transform(script.content, { loader: 'ts', format: 'esm', target: 'es2022' });
  return code;
}

export function frameworkModules(rootDir = process.cwd()) {
  let reactBundle: Promise<string> | undefined;
  let exportNames: Record<string, string[]> | undefined;
  return {
    name: 'framework-modules',
    resolveImport({ source, context }: { source: string; context: ServeContext }): string | undefined {
      if (REACT_ENTRIES.includes(source)) return facadePath(source);
      if (source === 'vue') return VUE_BROWSER_BUILD;
      if (PACKAGE_ENTRIES[source]) return PACKAGE_ENTRIES[source];
      // A TypeScript file importing './x.js' that is really './x.tsx' (esbuild's plugin does .ts only).
      if (/\.tsx?$/.test(context.path) && source.startsWith('.') && source.endsWith('.js')) {
        const tsx = source.slice(0, -3) + '.tsx';
        if (existsSync(join(rootDir, dirname(context.path), tsx))) return tsx;
      }
      return undefined;
    },
    async serve(context: ServeContext): Promise<{ body: string; type: string } | undefined> {
      if (context.path === `${PREFIX}react-bundle.js`) {
        reactBundle ??= bundleReact();
        return { body: await reactBundle, type: 'js' };
      }
      const entry = REACT_ENTRIES.find((e) => facadePath(e) === context.path);
      if (entry) return { body: reactFacade(entry, (exportNames ??= reactExportNames())), type: 'js' };
      if (context.path.endsWith('.vue')) {
        return { body: await compileVue(join(rootDir, context.path), context.path), type: 'js' };
      }
      return undefined;
    },
  };
}

/** The endpoint the framework tests submit to: its own proxy, so their requests count against no other test's limits. */
export const FRAMEWORK_ENDPOINT = '/api/framework-chat';

interface KoaContext {
  path: string;
  req: import('node:http').IncomingMessage;
  res: import('node:http').ServerResponse;
  respond: boolean;
}

/** The real proxy handler with the simulator as vendor, at FRAMEWORK_ENDPOINT. */
export async function frameworkProxyMiddleware() {
  const { toNodeListener } = await import('../../src/proxy/adapters/node.js');
  const { createChatProxy } = await import('../../src/proxy/index.js');
  const { createSimulator, SIMULATOR_DEFAULTS } = await import('../../src/simulator/index.js');
  const simulator = createSimulator(SIMULATOR_DEFAULTS);
  const listener = toNodeListener(createChatProxy({ ...SIMULATOR_DEFAULTS, fetch: simulator.fetch, log: () => {} }));
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    if (ctx.path !== FRAMEWORK_ENDPOINT) return next();
    ctx.respond = false;
    await listener(ctx.req, ctx.res);
  };
}
