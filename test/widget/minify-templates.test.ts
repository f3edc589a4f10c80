import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyTemplates } from '../../scripts/minify-templates.js';

describe('minifyTemplates (build)', () => {
  it('squeezes css and markup but never the code inside ${…}', () => {
    const source = [
      'const a = css`',
      '  /* why */ :host {',
      '    color: red;',
      '  }',
      '`;',
      "const b = html`<p>\n  ${x ? html`<b>  ${'a  }  b'}  </b>` : `  keep  `}\n</p>\n  <i>${{ y: '}' }.y}</i>`;",
    ].join('\n');
    assert.equal(
      minifyTemplates(source),
      ["const a = css`:host{color:red}`;", "const b = html`<p> ${x ? html`<b> ${'a  }  b'} </b>` : `  keep  `} </p><i>${{ y: '}' }.y}</i>`;"].join('\n'),
    );
  });

  it('leaves untagged templates as they are', () => {
    assert.equal(minifyTemplates('const s = `a  b`;\n'), 'const s = `a  b`;\n');
  });
});
