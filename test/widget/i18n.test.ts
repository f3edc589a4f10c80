import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { en, format, formatWait, isRtl, LANGUAGES, loadStrings, resolveLanguage, stringsFor, zoneName, type Language, type Strings } from '../../src/widget/i18n.js';
import { importLocale } from '../../src/widget/locale-imports.js';

const others = LANGUAGES.filter((language) => language !== 'en');
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe('i18n', () => {
  it('names the time zone as Intl does: the generic name, or the long one where only an offset is generic', () => {
    const intl = (locale: string, timeZone: string, style: 'long' | 'longGeneric') =>
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts().find((p) => p.type === 'timeZoneName')!.value;
    assert.equal(zoneName('en', 'America/Los_Angeles'), intl('en', 'America/Los_Angeles', 'longGeneric'));
    assert.equal(zoneName('fr', 'Europe/Paris'), intl('fr', 'Europe/Paris', 'longGeneric'));
    for (const locale of ['en', 'fr', 'ar', 'ja']) {
      assert.match(intl(locale, 'UTC', 'longGeneric'), /[+\u2212]/, 'Intl gives UTC no generic name, only an offset');
      assert.equal(zoneName(locale, 'UTC'), intl(locale, 'UTC', 'long'));
    }
  });

  it('picks the first candidate with a shipped language, else English', () => {
    assert.equal(resolveLanguage([undefined, null, '', 'en-GB']), 'en');
    assert.equal(resolveLanguage(['xx-YY', 'x', 'not a tag', 'ja-JP']), 'ja');
    assert.equal(resolveLanguage(['xx-YY']), 'en');
    assert.equal(resolveLanguage([]), 'en');
  });

  it('lays overrides over the strings', () => {
    const strings = stringsFor('en', { submit: 'Text me' });
    assert.equal(strings.submit, 'Text me');
    assert.equal(strings.retry, en.retry);
  });

  it('fills {names} and leaves unknown ones', () => {
    assert.equal(format('Hi {name}, {other}', { name: 'Ana' }), 'Hi Ana, {other}');
  });

  it('words a wait with the locale plural rules', () => {
    assert.equal(formatWait('en', 300), 'in 5 minutes');
    assert.equal(formatWait('en', 60), 'in 60 seconds');
    assert.equal(formatWait('fr', 7200), 'dans 2 heures');
  });
});

describe('language resolution', () => {
  const cases: [string, Language][] = [
    ['pt-BR', 'pt'], ['pt', 'pt'], ['pt-PT', 'pt-PT'], ['pt-AO', 'pt-PT'], ['pt-MZ', 'pt-PT'],
    ['zh', 'zh-Hans'], ['zh-CN', 'zh-Hans'], ['zh-SG', 'zh-Hans'], ['zh-Hans-HK', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'], ['zh-HK', 'zh-Hant'], ['zh-MO', 'zh-Hant'], ['zh-Hant', 'zh-Hant'], ['yue', 'zh-Hant'],
    ['nb-NO', 'nb'], ['no', 'nb'], ['nn-NO', 'nb'], ['iw', 'he'], ['iw-IL', 'he'], ['in', 'id'],
    ['de_AT', 'de'], ['fr-CA', 'fr'], ['EN-gb', 'en'], ['es-419', 'es'], ['ar-EG', 'ar'], ['fa-AF', 'fa'],
    ['ur-IN', 'ur'], ['ca-ES-valencia', 'ca'], ['ms-BN', 'ms'], ['sr-Latn', 'en'],
  ];
  for (const [tag, language] of cases) {
    it(`reads ${tag} as ${language}`, () => assert.equal(resolveLanguage([tag]), language));
  }

  it('matches every shipped tag to itself, in any case', () => {
    for (const language of LANGUAGES) {
      assert.equal(resolveLanguage([language]), language);
      assert.equal(resolveLanguage([language.toLowerCase()]), language);
    }
  });

  it('marks exactly the languages Intl writes right to left', () => {
    for (const language of LANGUAGES) {
      const locale = new Intl.Locale(language) as Intl.Locale & { textInfo: { direction: string } };
      assert.equal(isRtl(language), locale.textInfo.direction === 'rtl', language);
    }
    assert.deepEqual(LANGUAGES.filter(isRtl), ['ar', 'he', 'fa', 'ur']);
  });
});

describe('shipped languages', () => {
  it('are 25 or more, each a module in locales/ with a loader', () => {
    assert.ok(LANGUAGES.length >= 25, `${LANGUAGES.length} languages`);
    const files = readdirSync(new URL('../../src/widget/locales/', import.meta.url));
    assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')).sort(), [...LANGUAGES].sort());
  });

  it('have every text of English, no other, none empty, with the same {placeholders}', async () => {
    const keys = Object.keys(en).sort();
    for (const language of others) {
      const strings: Strings = (await importLocale(language)).default;
      assert.deepEqual(Object.keys(strings).sort(), keys, language);
      for (const key of keys as (keyof Strings)[]) {
        assert.ok(strings[key].trim(), `${language}.${key} is empty`);
        assert.deepEqual(placeholders(strings[key]), placeholders(en[key]), `${language}.${key}: ${strings[key]}`);
      }
    }
  });

  it('keep the SMS opt-out keyword and the sender in the consent', async () => {
    for (const language of others) {
      const { consentSms } = (await importLocale(language)).default;
      assert.match(consentSms, /\bSTOP\b/, language);
      assert.match(consentSms, /\{business\}/, language);
    }
  });

  it('translate what a visitor reads first', async () => {
    for (const language of others) {
      const strings = (await importLocale(language)).default;
      for (const key of ['title', 'submit', 'intro', 'doneTitle', 'loadFailed'] as const) {
        assert.notEqual(strings[key], en[key], `${language}.${key} is still English`);
      }
    }
  });
});

// Each test here loads a language no other test in this file loads: the cache is per page.
describe('loadStrings', () => {
  it('gives English at once, without loading anything', async () => {
    const strings = await loadStrings('en', () => assert.fail('loaded English'));
    assert.equal(strings, en);
  });

  it('loads a language once, and fills texts it lacks with English', async () => {
    let calls = 0;
    const load = async () => (calls++, { default: { submit: 'Kontakt meg' } as Strings });
    const [a, b] = await Promise.all([loadStrings('nb', load), loadStrings('nb', load)]);
    assert.equal(calls, 1);
    assert.equal(a, b);
    assert.equal(a.submit, 'Kontakt meg');
    assert.equal(a.retry, en.retry);
    assert.equal(stringsFor('nb').submit, 'Kontakt meg');
  });

  it('loads again after a failure', async () => {
    let calls = 0;
    const load = async () => {
      if (calls++ === 0) throw new Error('offline');
      return { default: { ...en, submit: 'Kontaktujte mě' } };
    };
    await assert.rejects(loadStrings('cs', load), /offline/);
    assert.equal(stringsFor('cs').submit, en.submit);
    assert.equal((await loadStrings('cs', load)).submit, 'Kontaktujte mě');
    assert.equal(calls, 2);
  });

  it('by default imports the language module', async () => {
    assert.equal((await loadStrings('ja')).submit, (await import('../../src/widget/locales/ja.js')).default.submit);
  });
});

describe('README', () => {
  it('lists every shipped language', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Languages'), readme.indexOf('## Frameworks'));
    const listed = [...section.matchAll(/`([a-z]{2}(?:-[A-Za-z]+)?)` [A-Z]/g)].map((m) => m[1]);
    assert.deepEqual(listed.sort(), [...LANGUAGES].sort());
    assert.match(section, new RegExp(`^${LANGUAGES.length} languages ship`, 'm'));
  });
});
