// `npm run build`: the two self-contained browser files with Vite, then everything else with tsc.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { build } from 'vite';

rmSync('dist', { recursive: true, force: true });

/** One self-contained browser file: Lit and Floating UI inlined, minified. */
async function bundle(entry: string, fileName: string, format: 'es' | 'iife'): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry, formats: [format], fileName: () => fileName, name: 'AgentChatLauncher' },
      rolldownOptions: { output: { minify: true } },
    },
  });
}

await bundle('src/widget/define.ts', 'agent-chat-launcher.js', 'es');
await bundle('src/widget/embed.ts', 'embed.js', 'iife');
// The bundler entry (Lit stays an import), the Node proxy, the CLI and the type declarations.
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (existsSync('dist/cli/agent-chat-proxy.js')) chmodSync('dist/cli/agent-chat-proxy.js', 0o755);
