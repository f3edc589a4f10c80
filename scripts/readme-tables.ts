// `npm run docs`: writes the README's element tables (attributes, properties, methods, events,
// slots, parts, CSS properties) from custom-elements.json, between <!-- manifest:NAME --> markers.
// `--check` only compares, for the test that keeps the README in step with the manifest.
import { readFileSync, writeFileSync } from 'node:fs';

interface Item {
  name: string;
  kind?: string;
  description?: string;
  summary?: string;
  type?: { text: string };
  default?: string;
  fieldName?: string;
  attribute?: string;
  privacy?: string;
  static?: boolean;
  parameters?: { name: string; type?: { text: string } }[];
}
interface Element {
  customElement?: boolean;
  attributes?: Item[];
  members?: Item[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
}

const code = (text: string) => '`' + text.replaceAll('|', '\\|') + '`';
const cell = (text = '') => text.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|').trim();
const shownDefault = (value?: string) => (!value || value === "''" ? '' : code(value.replace(/^'(.*)'$/, '$1')));
const detailOf = (type?: string) => /^CustomEvent<(.+)>$/.exec(type ?? '')?.[1] ?? type ?? '';

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The README tables for one element, by marker name. */
export function tablesFor(element: Element): Record<string, string> {
  const members = (element.members ?? []).filter((m) => !m.static && (!m.privacy || m.privacy === 'public'));
  const field = (name: string) => members.find((m) => m.name === name);
  return {
    attributes: table(
      ['attribute', 'property', 'type', 'default', 'description'],
      (element.attributes ?? []).map((a) => {
        const f = field(a.fieldName ?? a.name);
        return [code(a.name), a.fieldName ? code(a.fieldName) : '', code((a.type ?? f?.type)?.text ?? 'string'), shownDefault(a.default ?? f?.default), cell(a.description ?? f?.description)];
      }),
    ),
    properties: table(
      ['property', 'type', 'description'],
      members.filter((m) => m.kind === 'field' && !m.attribute).map((m) => [code(m.name), code(m.type?.text ?? ''), cell(m.description)]),
    ),
    methods: table(
      ['method', 'description'],
      members.filter((m) => m.kind === 'method').map((m) => [code(`${m.name}()`), cell(m.description)]),
    ),
    events: table(
      ['event', 'detail', 'when'],
      (element.events ?? []).map((e) => [code(e.name), code(detailOf(e.type?.text)), cell(e.description)]),
    ),
    slots: table(['slot', 'content'], (element.slots ?? []).map((s) => [code(s.name), cell(s.description)])),
    parts: table(['part', 'what'], (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)])),
    'css-properties': table(['custom property', 'what'], (element.cssProperties ?? []).map((p) => [code(p.name), cell(p.description)])),
  };
}

/** The README with every marked table replaced. */
export function withTables(readme: string, tables: Record<string, string>): string {
  let out = readme;
  for (const [name, body] of Object.entries(tables)) {
    const block = new RegExp(`(<!-- manifest:${name} -->)[\\s\\S]*?(<!-- /manifest:${name} -->)`);
    if (!block.test(out)) throw new Error(`README.md has no <!-- manifest:${name} --> … <!-- /manifest:${name} --> block`);
    out = out.replace(block, (_, open: string, close: string) => `${open}\n${body}\n${close}`);
  }
  return out;
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as { modules: { declarations?: Element[] }[] };
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement);
if (!element) throw new Error('custom-elements.json describes no custom element: run `npm run build` first');

const readme = readFileSync('README.md', 'utf8');
const updated = withTables(readme, tablesFor(element));
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.log('README tables differ from custom-elements.json: run `npm run docs`.');
    process.exit(1);
  }
  console.log('README tables match custom-elements.json.');
} else {
  writeFileSync('README.md', updated);
  console.log(updated === readme ? 'README tables already match custom-elements.json.' : 'README tables updated from custom-elements.json.');
}
