// `npm run build`: the two self-contained browser files with Vite, everything else with tsc, then
// custom-elements.json from the element's JSDoc.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, rmSync } from 'node:fs';
import { build } from 'vite';
import { minifyTemplatesPlugin } from './minify-templates.js';

rmSync('dist', { recursive: true, force: true });

// Where there is no DOM (server-side rendering imports every entry), Lit's browser build throws
// at its first `extends HTMLElement`; both self-contained files step aside instead.
const NO_DOM_GUARD = 'if(typeof document>"u")return{};';
const NAMESPACE = '__agentChatLauncher';

/** One self-contained browser file: Lit and Floating UI inlined, minified, in one function scope. */
async function bundle(entry: string, fileName: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [minifyTemplatesPlugin()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], fileName: () => fileName, name: NAMESPACE },
      rolldownOptions: { output: { minify: true, intro: NO_DOM_GUARD } },
    },
  });
}

// The ES module is the same function scope with its exports re-exported: an ES module format
// output could not return early for a missing DOM, and is no smaller.
await bundle('src/widget/define.ts', 'agent-chat-launcher.js');
appendFileSync('dist/agent-chat-launcher.js', `export const{AgentChatLauncher,TAG_NAME}=${NAMESPACE};\n`);
await bundle('src/widget/embed.ts', 'embed.js');

// The bundler entry (Lit stays an import), the Node proxy, the CLI and the type declarations.
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (existsSync('dist/cli/agent-chat-proxy.js')) chmodSync('dist/cli/agent-chat-proxy.js', 0o755);

// custom-elements.json (settings and plugins in custom-elements-manifest.config.mjs).
execFileSync('npx', ['cem', 'analyze', '--quiet'], { stdio: 'inherit' });
