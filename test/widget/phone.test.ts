import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CALLING_CODES_FILE, callingCodesSource } from '../../scripts/generate-calling-codes.js';
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
    assert.equal(regionOfLocale('en'), undefined);
  });

  it('knows every region of the phone metadata, and the generated table is current', () => {
    assert.ok(allRegions().size > 240);
    assert.equal(allRegions().get('US')?.trunk, '1');
    assert.equal(readFileSync(CALLING_CODES_FILE, 'utf8'), callingCodesSource());
  });
});
