import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en, format, resolveLocale, stringsFor } from '../../src/widget/i18n.js';

describe('i18n', () => {
  it('picks the first candidate with a built-in language, else English', () => {
    assert.equal(resolveLocale([undefined, '', 'en-GB']), 'en');
    assert.equal(resolveLocale(['xx-YY']), 'en');
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
