// The package as npm would publish it (after `npm run build`): every export resolves to a built
// file, every entry imports in Node with no DOM (server-side rendering), the browser files carry
// no zod, and custom-elements.json describes the element as SPEC §2 does, and as the README does.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  files: string[];
  sideEffects: string[];
  customElements: string;
};

/** Every file an export names, by condition. */
function exportTargets(): { subpath: string; condition: string; file: string }[] {
  return Object.entries(pkg.exports).flatMap(([subpath, target]) =>
    typeof target === 'string'
      ? [{ subpath, condition: 'default', file: target }]
      : Object.entries(target).map(([condition, file]) => ({ subpath, condition, file })),
  );
}

const published = (file: string) => pkg.files.some((entry) => file.replace(/^\.\//, '').startsWith(entry));

describe('package.json exports, bin, files and sideEffects', () => {
  it('point at files the build produced, all of them published', () => {
    for (const { subpath, condition, file } of exportTargets()) {
      assert.ok(existsSync(new URL(file, root)), `${subpath} (${condition}) → ${file} is missing`);
      assert.ok(published(file) || file === './package.json', `${file} is not in "files"`);
    }
    for (const file of [...Object.values(pkg.bin), ...pkg.sideEffects, pkg.customElements]) {
      assert.ok(existsSync(new URL(file, root)), `${file} is missing`);
    }
    const cli = new URL(Object.values(pkg.bin)[0]!, root);
    accessSync(cli, constants.X_OK);
    assert.match(read(Object.values(pkg.bin)[0]!), /^#!\/usr\/bin\/env node/);
  });

  it('give every JavaScript entry its type declarations', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (subpath === './embed' || typeof target === 'string') continue; // a classic script, and JSON files
      assert.ok(target.types, `${subpath} has no "types"`);
      assert.ok(statSync(new URL(target.types, root)).size > 0);
    }
  });
});

describe('importing every entry in Node, with no DOM (server-side rendering)', () => {
  const entries = Object.keys(pkg.exports)
    .filter((subpath) => !subpath.endsWith('.json'))
    .map((subpath) => pkg.name + subpath.slice(1));

  for (const entry of entries) {
    it(`import('${entry}') does not throw and fakes no browser`, async () => {
      // A fresh plain Node per entry: Node's own resolution of the exports map, nothing preloaded.
      const script = `await import(${JSON.stringify(entry)});
        if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('a browser global appeared');`;
      const { stderr } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
      assert.equal(stderr, '');
    });
  }
});

describe('the self-contained browser files', () => {
  for (const file of ['dist/embed.js', 'dist/agent-chat-launcher.js']) {
    it(`${file} carries Lit inlined and no zod`, () => {
      const code = read(file);
      assert.doesNotMatch(code, /\bfrom\s*["'`]lit/, 'imports Lit instead of inlining it');
      assert.doesNotMatch(code, /ZodError|\$ZodType|_zod/, 'zod reached the browser bundle');
      assert.match(code, /agent-chat-launcher/);
    });
  }
});

interface Manifest {
  modules: {
    path: string;
    declarations?: Declaration[];
    exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
  }[];
}
interface Declaration {
  name: string;
  customElement?: boolean;
  tagName?: string;
  attributes?: { name: string; fieldName?: string; type?: { text: string } }[];
  members?: { kind: string; name: string; privacy?: string; attribute?: string; type?: { text: string } }[];
  events?: { name: string; type?: { text: string } }[];
  slots?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}

const manifest = JSON.parse(read('custom-elements.json')) as Manifest;
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement)!;

describe('custom-elements.json', () => {
  it('describes <agent-chat-launcher>, defined by the package entry, at published paths', () => {
    assert.equal(element.tagName, 'agent-chat-launcher');
    const definition = manifest.modules.flatMap((m) => m.exports ?? []).find((e) => e.kind === 'custom-element-definition');
    assert.equal(definition?.name, 'agent-chat-launcher');
    assert.equal(definition?.declaration.name, 'AgentChatLauncher');
    for (const m of manifest.modules) assert.match(m.path, /^dist\/.+\.js$/);
  });

  it('has no reference that resolves nowhere: each export names a declaration of the module it points at, a published file', () => {
    const declared = new Set(manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => `${m.path}#${d.name}`)));
    for (const m of manifest.modules) {
      assert.ok(existsSync(new URL(m.path, root)), `${m.path} is not built`);
      for (const { name, declaration } of m.exports ?? []) {
        const target = `${declaration.module ?? m.path}#${declaration.name}`;
        assert.ok(declared.has(target), `${m.path} exports ${name} from ${target}, which the manifest does not declare`);
      }
    }
  });

  it('lists the attributes of SPEC §2, each with its property, and `strings` as a property only', () => {
    const attributes = new Map(element.attributes!.map((a) => [a.name, a]));
    for (const name of ['endpoint', 'channels', 'channel', 'mode', 'position', 'open', 'schedule', 'country', 'countries', 'consent', 'lang', 'theme', 'business']) {
      assert.ok(attributes.has(name), `attribute ${name} is missing`);
      assert.equal(attributes.get(name)!.fieldName, name);
    }
    const strings = element.members!.find((m) => m.name === 'strings');
    assert.ok(strings && !strings.attribute && strings.type?.text.includes('Strings'));
  });

  it('lists the methods, and nothing private', () => {
    const methods = element.members!.filter((m) => m.kind === 'method').map((m) => m.name);
    for (const name of ['show', 'hide', 'toggle', 'reset']) assert.ok(methods.includes(name), `method ${name}`);
    assert.deepEqual(element.members!.filter((m) => m.privacy && m.privacy !== 'public'), []);
  });

  it('lists the events with their detail types', () => {
    const events = new Map(element.events!.map((e) => [e.name, e.type?.text ?? '']));
    assert.match(events.get('launcher-open')!, /CustomEvent/);
    assert.match(events.get('launcher-close')!, /CustomEvent/);
    assert.match(events.get('launcher-submit')!, /CustomEvent<ChatRequest>/);
    assert.match(events.get('launcher-success')!, /CustomEvent<LauncherSuccessDetail>/);
    assert.match(events.get('launcher-error')!, /CustomEvent<LauncherErrorDetail>/);
  });

  it('lists the slots, parts and CSS custom properties of SPEC §2', () => {
    const names = (list?: { name: string }[]) => (list ?? []).map((x) => x.name);
    for (const slot of ['icon', 'header', 'consent', 'confirmation']) assert.ok(names(element.slots).includes(slot), `slot ${slot}`);
    for (const part of ['button', 'panel', 'header', 'form', 'input', 'submit', 'confirmation', 'error']) {
      assert.ok(names(element.cssParts).includes(part), `part ${part}`);
    }
    for (const prop of ['accent', 'accent-text', 'background', 'text', 'radius', 'font', 'z-index', 'offset', 'panel-width']) {
      assert.ok(names(element.cssProperties).includes(`--launcher-${prop}`), `--launcher-${prop}`);
    }
  });
});

describe('the README tables and the manifest', () => {
  // The README's tables between <!-- manifest:NAME --> markers (scripts/readme-tables.ts writes them).
  const readme = read('README.md');
  function firstColumn(table: string): string[] {
    const match = new RegExp(`<!-- manifest:${table} -->([\\s\\S]*?)<!-- /manifest:${table} -->`).exec(readme);
    assert.ok(match, `README has no ${table} table`);
    return match[1]!
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => /^\| `([^`]+)`/.exec(line)![1]!);
  }
  const sorted = (names: string[]) => [...names].sort();

  it('list exactly the attributes, properties, events, slots, parts and CSS properties of custom-elements.json', () => {
    const properties = element.members!.filter((m) => m.kind === 'field' && !m.attribute).map((m) => m.name);
    assert.deepEqual(sorted(firstColumn('attributes')), sorted(element.attributes!.map((a) => a.name)));
    assert.deepEqual(sorted(firstColumn('properties')), sorted(properties));
    assert.deepEqual(sorted(firstColumn('methods')), sorted(element.members!.filter((m) => m.kind === 'method').map((m) => `${m.name}()`)));
    assert.deepEqual(sorted(firstColumn('events')), sorted(element.events!.map((e) => e.name)));
    assert.deepEqual(sorted(firstColumn('slots')), sorted(element.slots!.map((s) => s.name)));
    assert.deepEqual(sorted(firstColumn('parts')), sorted(element.cssParts!.map((p) => p.name)));
    assert.deepEqual(sorted(firstColumn('css-properties')), sorted(element.cssProperties!.map((p) => p.name)));
  });

  it('are what `npm run docs` writes from the manifest', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/readme-tables.ts', '--check'], { cwd: root }).catch((e) => e);
    assert.match(stdout, /README tables match custom-elements\.json/);
  });
});
