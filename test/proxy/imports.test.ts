// The proxy's module graph: no import cycle through it (type-only imports included), stage.ts a leaf, and the
// proxy, widget and simulator apart from one another.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [],
  );
}

// Relative imports and re-exports of a file, resolved to .ts paths.
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"](\.[^'"]+)['"]/gm)].map((match) => match[1]!);
  return specifiers.map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
}

const graph = new Map(files(SRC).map((file) => [file, importsOf(file)]));
const name = (file: string) => relative(SRC, file);

/** Every cycle reachable in `graph`, each as a list of files. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      found.push([...path.slice(path.indexOf(file)), file].map(name));
      return;
    }
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

test('the graph is read: handler.ts imports the stages and stage.ts', () => {
  const handler = graph.get(join(SRC, 'proxy/handler.ts'))!.map(name);
  for (const file of ['proxy/stage.ts', 'proxy/limits.ts', 'proxy/idempotency.ts', 'proxy/validate.ts']) assert.ok(handler.includes(file), file);
});

test('no import cycle through src/proxy (type-only imports count)', () => {
  assert.deepEqual(cycles().filter((cycle) => cycle.some((file) => file.startsWith('proxy/'))), []);
});

test('stage.ts is a leaf of the proxy: it imports nothing of src/proxy', () => {
  assert.deepEqual(graph.get(join(SRC, 'proxy/stage.ts'))!.filter((file) => name(file).startsWith('proxy/')), []);
});

test('proxy, widget and simulator do not import one another (the CLI and demo join them)', () => {
  const crossing = [...graph].flatMap(([file, imports]) =>
    imports
      .filter((target) => {
        const [from, to] = [name(file).split('/')[0], name(target).split('/')[0]];
        return from !== to && ['proxy', 'widget', 'simulator'].includes(from!) && ['proxy', 'widget', 'simulator'].includes(to!);
      })
      .map((target) => `${name(file)} → ${name(target)}`),
  );
  assert.deepEqual(crossing, []);
});
