import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en, format, formatWait, isRtl, LANGUAGES, resolveLanguage, stringsFor } from '../../src/widget/i18n.js';

describe('i18n', () => {
  it('picks the first candidate with a built-in language, else English', () => {
    assert.equal(resolveLanguage([undefined, '', 'en-GB']), 'en');
    assert.equal(resolveLanguage(['xx-YY']), 'en');
  });

  it('lays overrides over the built-in strings', () => {
    const strings = stringsFor('en', { submit: 'Text me' });
    assert.equal(strings.submit, 'Text me');
    assert.equal(strings.retry, en.retry);
  });

  it('fills {names} and leaves unknown ones', () => {
    assert.equal(format('Hi {name}, {other}', { name: 'Ana' }), 'Hi Ana, {other}');
  });
});

describe('built-in languages', () => {
  it('lists every string of English, in its order, for each language', () => {
    for (const [language, strings] of Object.entries(LANGUAGES)) {
      assert.equal(strings.length, Object.keys(en).length, language);
      for (const [i, text] of strings.entries()) {
        const english = Object.values(en)[i];
        // A translation keeps the same {placeholders} as the English text.
        if (text) assert.deepEqual(text.match(/\{\w+\}/g)?.sort(), english.match(/\{\w+\}/g)?.sort(), `${language}: ${text}`);
      }
    }
  });

  it('picks the nearest built-in language and marks right-to-left ones', () => {
    assert.equal(resolveLanguage(['pt-BR']), 'pt');
    assert.equal(resolveLanguage(['de_AT', 'fr']), 'de');
    assert.equal(stringsFor('fr').submit, 'Me contacter');
    assert.equal(stringsFor('es').whatsapp, en.whatsapp);
    assert.equal(isRtl('ar'), true);
    assert.equal(isRtl('en'), false);
  });

  it('words a wait with the locale plural rules', () => {
    assert.equal(formatWait('en', 300), 'in 5 minutes');
    assert.equal(formatWait('en', 60), 'in 60 seconds');
    assert.equal(formatWait('fr', 7200), 'dans 2 heures');
  });
});
