// Every shipped language, loaded the way the bundler entry loads it (a dynamic import), rendered
// by the element in Chromium.
import { expect, html } from '@open-wc/testing';
import { isRtl, LANGUAGES, loadStrings, uiLanguage } from '../../src/widget/i18n.js';
import { $, ENDPOINT, mount } from './helpers.js';

// Room for every module file of the page in the resource timeline (the default keeps 250).
performance.setResourceTimingBufferSize(2000);

describe('every shipped language in the browser', () => {
  for (const language of LANGUAGES) {
    it(`${language}: loads, renders its heading${isRtl(language) ? ', mirrors' : ''}`, async () => {
      const strings = await loadStrings(language);
      const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} lang=${language} .strings=${strings} open></agent-chat-launcher>`);
      expect($(el, '[part=header]').textContent).to.contain(strings.title);
      expect(getComputedStyle($(el, '[part=panel]')).direction).to.equal(isRtl(language) ? 'rtl' : 'ltr');
    });
  }

  it('fetched each language as a file of its own', () => {
    // Unbundled, as the dev server serves them: one module file per language.
    const fetched = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    for (const language of LANGUAGES) expect(fetched, language).to.include(`/src/widget/locales/${language}.ts`);
  });

  it('takes the element’s lang, else the page’s, else the browser’s', () => {
    const page = document.documentElement.lang;
    try {
      document.documentElement.lang = 'zh-HK';
      expect(uiLanguage('iw')).to.equal('he');
      expect(uiLanguage(null)).to.equal('zh-Hant');
      document.documentElement.lang = '';
      expect(uiLanguage('')).to.equal(uiLanguage(navigator.languages[0]));
    } finally {
      document.documentElement.lang = page;
    }
  });
});
