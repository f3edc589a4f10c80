// `npm run build`: the two self-contained browser files and the parts they load later (the panel,
// each language) with Vite, everything else with tsc, then custom-elements.json from the JSDoc.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { minifyTemplatesPlugin } from './minify-templates.js';

rmSync('dist', { recursive: true, force: true });

const WIDGET = resolve('src/widget');
/** The specifier through which rewritten import() calls reach src/widget/parts.ts. */
const LOADER = 'agent-chat-launcher:parts';
/**
 * The Lit modules a part may import; it takes them from the first file instead of bundling a copy
 * (a second lit-html would not know the first file's `nothing`).
 * Not 'lit', whose LitElement must stay with the launcher (src/widget/panel.ts says why).
 */
const LIT = /^(lit-html|@lit\/reactive-element\/css-tag\.js)$/;
/** The names parts.ts passes on from Lit (`const lit = { … }`). */
const SHARED_LIT = /const lit = \{([^}]*)\}/.exec(readFileSync(resolve(WIDGET, 'parts.ts'), 'utf8'))![1].split(',').map((name) => name.trim());

/** Every part the builds so far import (by name relative to src/widget: dist/<name>.js). */
const parts = new Set<string>();

// Where there is no DOM (server-side rendering imports every entry), Lit's browser build throws
// at its first `extends HTMLElement`; both self-contained files step aside instead.
const NO_DOM_GUARD = 'if(typeof document>"u")return{};';
const NAMESPACE = '__agentChatLauncher';

/**
 * In the self-contained files, the widget's `import('./x.js')` becomes `loadPart('x')`: the part
 * arrives as a classic script (src/widget/parts.ts says why), and is built as one in turn (the
 * panel, then the languages it imports). Bundlers see the import() as written.
 */
function partsPlugin(inPart = false): Plugin {
  return {
    name: 'agent-chat-launcher:parts',
    resolveId: (id) => (id === LOADER ? resolve(WIDGET, 'parts.ts') : undefined),
    transform(code, id) {
      if (!id.startsWith(WIDGET)) return;
      // A part gets Lit from the first file: only what parts.ts passes on, from the modules in LIT.
      if (inPart) for (const [, names = '', specifier] of code.matchAll(/(?:import\s*\{([^}]*)\}\s*)?from\s*['"]((?:lit|lit-html|lit-element|@lit\/[^'"/]+)(?:\/[^'"]*)?)['"]/g)) {
        if (!LIT.test(specifier)) this.error(`${relative(WIDGET, id)} imports '${specifier}': parts import Lit only from lit-html and @lit/reactive-element/css-tag.js (src/widget/panel.ts says why)`);
        const missing = names.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]).filter((n) => n && !SHARED_LIT.includes(n));
        if (missing.length) this.error(`${relative(WIDGET, id)} imports ${missing.join(', ')} from Lit: add it to \`lit\` in src/widget/parts.ts so the parts get it`);
      }
      const from = relative(WIDGET, dirname(id));
      const out = code.replace(/\bimport\(\s*([`'"])\.\/([^`'"]+?)\.js\1\s*\)/g, (_, quote: string, path: string) => {
        const name = from ? `${from}/${path}` : path;
        parts.add(name);
        return `__loadPart(${quote}${name}${quote})`;
      });
      return out === code ? undefined : `import { loadPart as __loadPart } from '${LOADER}';\n${out}`;
    },
  };
}

/** One self-contained browser file: Lit and the launcher inlined, minified, in one function scope. */
async function bundle(entry: string, fileName: string, moduleUrl: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [minifyTemplatesPlugin(), partsPlugin()],
    define: { MODULE_URL: moduleUrl },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], fileName: () => fileName, name: NAMESPACE },
      rolldownOptions: { output: { minify: true, intro: NO_DOM_GUARD } },
    },
  });
}

/**
 * One part: a classic script that hands its module body to the <script> element that loaded it
 * (`define`, set by parts.ts), receiving Lit and the loader from the first file.
 */
async function bundlePart(name: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [minifyTemplatesPlugin(), partsPlugin(true)],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry: `src/widget/${name}.ts`, formats: ['iife'], fileName: () => `${name}.js`, name: 'part' },
      rolldownOptions: {
        external: (id) => LIT.test(id) || id === LOADER,
        output: {
          minify: true,
          // Always the module's namespace ({ default } too), as import() would give it.
          exports: 'named',
          globals: (id) => (LIT.test(id) ? '__lit' : '__parts'),
          banner: 'document.currentScript.define(function(__lit,__parts){',
          footer: 'return part})',
        },
      },
    },
  });
}

// The ES module is the same function scope with its exports re-exported (an ES module format
// output could not return early for a missing DOM, and is no smaller); it tells the loader its
// URL, which only a module knows (a classic script has document.currentScript).
await bundle('src/widget/define.ts', 'agent-chat-launcher.js', '__aclModuleUrl');
const standalone = readFileSync('dist/agent-chat-launcher.js', 'utf8');
writeFileSync(
  'dist/agent-chat-launcher.js',
  `const __aclModuleUrl=import.meta.url;\n${standalone}export const{AgentChatLauncher,TAG_NAME}=${NAMESPACE};\n`,
);
await bundle('src/widget/embed.ts', 'embed.js', 'undefined');
// Each part the builds import, until no build finds a new one.
for (const built = new Set<string>(); built.size < parts.size; ) {
  for (const name of [...parts].filter((p) => !built.has(p))) {
    built.add(name);
    await bundlePart(name);
  }
}

// The bundler entry (Lit stays an import; the panel and languages stay dynamic imports), the
// Node proxy, the CLI and the type declarations.
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (existsSync('dist/cli/agent-chat-proxy.js')) chmodSync('dist/cli/agent-chat-proxy.js', 0o755);

// custom-elements.json (settings and plugins in custom-elements-manifest.config.mjs).
execFileSync('npx', ['cem', 'analyze', '--quiet'], { stdio: 'inherit' });
