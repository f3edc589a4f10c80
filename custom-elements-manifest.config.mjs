// `cem analyze` settings: the element's JSDoc becomes custom-elements.json at the package root,
// describing the published files (dist/*.js), with only the public API in it.
export default {
  // The element, the entry that defines it, and its events: the public surface. (The pure
  // modules beside them are internal, and would bring data tables into the manifest.)
  globs: ['src/widget/agent-chat-launcher.ts', 'src/widget/define.ts', 'src/widget/events.ts'],
  outdir: '.',
  litelement: true,
  // package.json already points at the manifest ("customElements"); don't let the analyzer rewrite it.
  packagejson: false,
  plugins: [publicApiOnly(), resolveTagNames(), publishedPaths(), resolvableReferencesOnly()],
};

/**
 * Drops private and protected members, and the attributes the analyzer invents for internal
 * reactive state (`static properties = { x: { state: true } }` is read as an attribute `x`):
 * the manifest documents what a site can use.
 */
function publicApiOnly() {
  const isPublic = (member) => !member.privacy || member.privacy === 'public';
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarationsOf(customElementsManifest)) {
        const internal = new Set((declaration.members ?? []).filter((m) => !isPublic(m)).map((m) => m.name));
        if (declaration.members) declaration.members = declaration.members.filter(isPublic);
        if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !internal.has(a.fieldName ?? a.name));
      }
    },
  };
}

/**
 * `customElements.define(TAG_NAME, …)` names the tag through a constant, which the analyzer
 * records as the literal text "TAG_NAME": replace it with the constant's value.
 */
function resolveTagNames() {
  return {
    name: 'resolve-tag-names',
    packageLinkPhase({ customElementsManifest }) {
      const constants = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) {
          const literal = d.kind === 'variable' && /^'([a-z][a-z0-9]*-[a-z0-9-]*)'$/.exec(d.default ?? '');
          if (literal) constants.set(d.name, literal[1]);
        }
      }
      for (const mod of customElementsManifest.modules) {
        for (const e of mod.exports ?? []) {
          if (e.kind !== 'custom-element-definition' || !constants.has(e.name)) continue;
          e.name = constants.get(e.name);
          const element = declarationsOf(customElementsManifest).find((d) => d.name === e.declaration.name && d.customElement);
          if (element && (!element.tagName || element.tagName === e.name || constants.has(element.tagName))) element.tagName = e.name;
        }
      }
    },
  };
}

/** The package ships dist/, not src/: point every module path at the built file. */
function publishedPaths() {
  const toDist = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');
  return {
    name: 'published-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.path = toDist(mod.path);
        for (const e of mod.exports ?? []) {
          if (e.declaration?.module) e.declaration.module = toDist(e.declaration.module);
        }
        for (const d of mod.declarations ?? []) {
          if (d.superclass?.module) d.superclass.module = toDist(d.superclass.module);
        }
      }
    },
  };
}

/**
 * Every export must name a declaration in the manifest: a re-export is pointed at the module that
 * declares it (the analyzer names the re-exporting module), and type-only re-exports, which have no
 * declaration a tool could follow, are left out.
 */
function resolvableReferencesOnly() {
  const resolve = (from, path) => (path.startsWith('.') ? new URL(path, `file:///${from}`).pathname.slice(1) : path);
  return {
    name: 'resolvable-references-only',
    packageLinkPhase({ customElementsManifest }) {
      const declaredIn = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) declaredIn.set(`${mod.path}#${d.name}`, mod.path).set(d.name, mod.path);
      }
      for (const mod of customElementsManifest.modules) {
        if (!mod.exports) continue;
        mod.exports = mod.exports.filter(({ declaration }) => {
          const module = resolve(mod.path, declaration.module ?? mod.path).replace(/\.ts$/, '.js');
          const home = declaredIn.get(`${module}#${declaration.name}`) ?? declaredIn.get(declaration.name);
          if (home) declaration.module = home;
          return home !== undefined;
        });
      }
    },
  };
}

function declarationsOf(manifest) {
  return manifest.modules.flatMap((mod) => mod.declarations ?? []);
}
