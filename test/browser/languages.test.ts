// Every shipped language, loaded the way the bundler entry loads it (a dynamic import), rendered
// by the element in Chromium.
import { expect, html } from '@open-wc/testing';
import { isRtl, LANGUAGES, loadStrings, uiLanguage } from '../../src/widget/i18n.js';
import { $, ENDPOINT, mount } from './helpers.js';

describe('shipped languages in the browser', () => {
  it('each loads on its own, renders its heading, and right-to-left ones mirror', async () => {
    for (const language of LANGUAGES) {
      const strings = await loadStrings(language);
      const el = await mount(html`<agent-chat-launcher endpoint=${ENDPOINT} lang=${language} .strings=${strings} open></agent-chat-launcher>`);
      const panel = $(el, '[part=panel]');
      expect($(el, '[part=header]').textContent, language).to.contain(strings.title);
      expect(getComputedStyle(panel).direction, language).to.equal(isRtl(language) ? 'rtl' : 'ltr');
      el.remove();
    }
    // Unbundled, each language arrived as a module file of its own.
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
