import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CALLING_CODES_FILE, callingCodesSource } from '../../scripts/generate-calling-codes.js';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { allRegions, callingCodeOf, formatE164, regionOfLocale, toE164 } from '../../src/widget/phone.js';

describe('toE164', () => {
  const cases: [string, string, string][] = [
    ['(415) 555-0123', 'US', '+14155550123'],
    ['415.555.0123', 'US', '+14155550123'],
    ['1 415 555 0123', 'US', '+14155550123'],
    ['+1 415-555-0123', 'DE', '+14155550123'],
    ['0044 20 7183 8750', 'US', '+442071838750'],
    ['011 44 20 7183 8750', 'US', '+442071838750'],
    ['020 7183 8750', 'GB', '+442071838750'],
    ['07911 123456', 'GB', '+447911123456'],
    ['0151 23456789', 'DE', '+4915123456789'],
    ['06 1234 5678', 'IT', '+390612345678'], // Italy keeps its leading 0
    ['8 912 345 67 89', 'RU', '+79123456789'], // Russia's trunk prefix is 8
    ['+44 20 7183 8750', 'FR', '+442071838750'],
  ];
  for (const [input, region, expected] of cases) {
    it(`reads ${input} in ${region} as ${expected}`, () => {
      assert.deepEqual(toE164(input, region), { ok: true, e164: expected });
    });
  }

  it('names the problem with a number it cannot use', () => {
    assert.deepEqual(toE164('  ', 'US'), { ok: false, problem: 'empty' });
    assert.deepEqual(toE164('call me', 'US'), { ok: false, problem: 'invalid' });
    assert.deepEqual(toE164('+0123456789', 'US'), { ok: false, problem: 'invalid' });
    assert.deepEqual(toE164('555', 'US'), { ok: false, problem: 'too_short' });
    assert.deepEqual(toE164('+1234567890123456', 'US'), { ok: false, problem: 'too_long' });
  });

  // The review's cases, each as libphonenumber reads it.
  const asLibphonenumber: [string, string, string][] = [
    ['+44 (0)7400 123456', 'GB', '+447400123456'], // a trunk 0 kept after the calling code
    ['+44 07400 123456', 'GB', '+447400123456'],
    ['+49 (0)30 1234567', 'GB', '+49301234567'],
    ['011 15-2345-6789', 'AR', '+5491123456789'], // Argentina: 0 + area code + 15 → 9 + area code
    ['+54 9 11 2345-6789', 'US', '+5491123456789'],
    ['8 029 491-19-11', 'BY', '+375294911911'], // Belarus: trunk 8 0
    ['8 (800) 555-35-35', 'RU', '+78005553535'],
    ['020\u20137183\u20138750', 'GB', '+442071838750'], // en dashes
    ['020\u00a07183\u00a08750', 'GB', '+442071838750'], // no-break spaces
    ['０２０ ７１８３ ８７５０', 'GB', '+442071838750'], // full-width digits
    ['0044 20 7183 8750', 'DE', '+442071838750'],
    ['010 44 20 7183 8750', 'JP', '+442071838750'], // Japan's own international prefix
    ['44 20 7183 8750', 'GB', '+442071838750'], // the calling code without "+"
    ['1 (415) 555-0123', 'US', '+14155550123'],
  ];
  for (const [input, region, expected] of asLibphonenumber) {
    it(`reads ${input} in ${region} as libphonenumber does`, () => {
      assert.equal(parsePhoneNumberFromString(input, region as CountryCode)?.number, expected);
      assert.deepEqual(toE164(input, region), { ok: true, e164: expected });
    });
  }

  it('reads what paste and autofill bring along: direction marks, narrow spaces, a full-width plus', () => {
    assert.deepEqual(toE164('\u202a+44 20 7183 8750\u202c', 'US'), { ok: true, e164: '+442071838750' });
    assert.deepEqual(toE164('+44\u202f20\u202f7183\u202f8750', 'US'), { ok: true, e164: '+442071838750' });
    // libphonenumber-js drops a full-width plus and reads a national number of the selected
    // region (+49 44…); the visitor meant the international number.
    assert.deepEqual(toE164('\uff0b44 20 7183 8750', 'DE'), { ok: true, e164: '+442071838750' });
  });

  it('takes 011 as an international prefix only in North America', () => {
    // Reading's area code is 0118: in Britain this is a national number.
    assert.deepEqual(toE164('0118 496 0000', 'GB'), { ok: true, e164: '+441184960000' });
  });
});

describe('formatting and regions', () => {
  it('groups a number after its calling code', () => {
    assert.equal(formatE164('+14155550123'), '+1 415 555 0123');
    assert.equal(formatE164('+442071838750'), '+44 207 183 8750');
    assert.equal(callingCodeOf('+4915123456789'), '49');
  });

  it('reads the region of a locale tag', () => {
    assert.equal(regionOfLocale('en-GB'), 'GB');
    assert.equal(regionOfLocale('pt_BR'), 'BR');
    assert.equal(regionOfLocale('zh-Hant-TW'), 'TW');
    assert.equal(regionOfLocale(undefined), undefined);
    assert.equal(regionOfLocale('es-419'), undefined); // Latin America is no single region
  });

  it('finds the likely region of a bare language, as the browser’s own locale data says', () => {
    for (const language of ['de', 'fr', 'ja', 'pt', 'sv', 'en']) {
      const likely = new Intl.Locale(language).maximize().region;
      assert.equal(regionOfLocale(language), likely);
    }
    assert.equal(regionOfLocale('de'), 'DE');
  });

  it('knows every region of the phone metadata, and the generated table is current', () => {
    assert.ok(allRegions().size > 240);
    assert.equal(allRegions().get('US')?.trunk, '1');
    assert.equal(readFileSync(CALLING_CODES_FILE, 'utf8'), callingCodesSource());
  });
});
