// The widget's phone reading against libphonenumber itself: every region's example numbers
// (Google's, of every number type, and libphonenumber-js's own), typed the ways people type
// them. Wherever libphonenumber-js reads a valid number, the widget must send that number.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import googlePhone from 'google-libphonenumber';
import {
  getCountries,
  getExampleNumber,
  parsePhoneNumberFromString,
  Metadata,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { callingCodeOf, regionOfNumber, toE164 } from '../../src/widget/phone.js';

const util = googlePhone.PhoneNumberUtil.getInstance();
// Methods @types/google-libphonenumber leaves out.
const google = util as typeof util & {
  getSupportedGlobalNetworkCallingCodes(): number[];
  getExampleNumberForNonGeoEntity(code: number): googlePhone.PhoneNumber | null;
  formatNationalNumberWithCarrierCode(number: googlePhone.PhoneNumber, carrierCode: string): string;
};
const { PhoneNumberFormat, PhoneNumberType } = googlePhone;

interface Example {
  region: string;
  /** The number as Google formats it nationally and internationally. */
  national: string;
  international: string;
  code: string;
  /** Nationally, with a carrier code where the region dials one (Brazil's 0 15 11…). */
  carrierForm: string;
}

/** Every example number both libraries hold, once each. */
function exampleNumbers(): Example[] {
  const seen = new Map<string, Example>();
  const add = (region: string, number: googlePhone.PhoneNumber | undefined) => {
    if (!number) return;
    const e164 = util.format(number, PhoneNumberFormat.E164);
    if (seen.has(e164)) return;
    seen.set(e164, {
      region,
      national: util.format(number, PhoneNumberFormat.NATIONAL),
      international: util.format(number, PhoneNumberFormat.INTERNATIONAL),
      code: String(number.getCountryCode()),
      carrierForm: google.formatNationalNumberWithCarrierCode(number, '15'),
    });
  };
  for (const region of getCountries()) {
    for (const type of Object.values(PhoneNumberType).filter((t) => typeof t === 'number')) {
      add(region, util.getExampleNumberForType(region, type) ?? undefined);
    }
    const mobile = getExampleNumber(region, examples);
    if (mobile) add(region, util.parse(mobile.number, region));
  }
  // Numbers of no country (+800, +881…): typed internationally only.
  for (const code of google.getSupportedGlobalNetworkCallingCodes()) {
    add('001', google.getExampleNumberForNonGeoEntity(code) ?? undefined);
  }
  return [...seen.values()];
}

const fullWidth = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const spaced = (text: string, separator: string) => text.replace(/ /g, separator);

/** [input, region to read it in] pairs, the ways people type, paste and autofill a number. */
function formsOf(example: Example): [string, string][] {
  const { region, national, international, code, carrierForm } = example;
  const trunk = util.getNddPrefixForRegion(region, true) ?? '';
  const rest = international.slice(code.length + 2); // after "+44 "
  const nationals = [
    national,
    national.replace(/\D/g, ''),
    spaced(national, '-'),
    spaced(national, '.'),
    spaced(national, '\u2013'), // en dash
    spaced(national, '\u2014'), // em dash
    spaced(national, '\u00a0'), // no-break space
    spaced(national, '\u202f'), // narrow no-break space (iOS)
    fullWidth(national),
    national.replace(/^([^ ]+) /, '($1) '), // the first group in brackets
    carrierForm,
  ];
  const internationals = [
    international,
    international.replace(/[^\d+]/g, ''),
    spaced(international, '-'),
    spaced(international, '\u2011'), // non-breaking hyphen
    spaced(international, '\u00a0'),
    `(+${code}) ${rest}`,
    `+${code} ${national}`, // the trunk prefix kept after the calling code
    ...(trunk ? [`+${code} (${trunk})${rest}`, `+${code} (${trunk}) ${rest}`] : []),
    fullWidth(international),
    `00 ${code} ${rest}`,
    `011 ${code} ${rest}`,
  ];
  const forms: [string, string][] = [];
  if (region !== '001') {
    forms.push(...nationals.map((input): [string, string] => [input, region]));
    // The calling code typed without its "+", in the region itself.
    forms.push([`${code} ${rest}`, region], [`${code}${rest.replace(/\D/g, '')}`, region]);
  }
  for (const from of new Set([region, 'US', 'DE', 'AR', 'JP'].filter((r) => r !== '001'))) {
    for (const input of internationals) forms.push([input, from]);
    forms.push([util.formatOutOfCountryCallingNumber(util.parse(international, region), from), from]);
  }
  return forms;
}

describe('toE164 against libphonenumber-js/max', () => {
  it('sends the number libphonenumber reads, for every example number in every typed form', (t) => {
    const all = exampleNumbers();
    let checked = 0;
    let refusedByLibrary = 0;
    const mismatches: string[] = [];
    const regions = new Set<string>();
    for (const example of all) {
      for (const [input, region] of formsOf(example)) {
        const expected = parsePhoneNumberFromString(input, region as CountryCode);
        if (!expected?.isValid()) {
          refusedByLibrary++;
          continue;
        }
        checked++;
        regions.add(example.region);
        const actual = toE164(input, region);
        if (!actual.ok || actual.e164 !== expected.number) {
          mismatches.push(`${JSON.stringify(input)} in ${region}: widget ${JSON.stringify(actual)}, libphonenumber ${expected.number}`);
        }
      }
    }
    t.diagnostic(
      `${all.length} example numbers of ${regions.size - 1} regions and numbers of no country (001); ` +
        `${checked} (form, region) readings checked, ` +
        `${refusedByLibrary} forms libphonenumber refuses skipped; ${mismatches.length} mismatches`,
    );
    assert.deepEqual(mismatches.slice(0, 30), []);
    assert.ok(regions.size > 240 && regions.has('001'), `only ${regions.size} regions had a valid example`);
  });
});

describe('refusals against libphonenumber-js/max', () => {
  it('refuses a number one digit too long or too short where libphonenumber finds no possible length', (t) => {
    let refusedByLength = 0;
    const accepted: string[] = [];
    for (const example of exampleNumbers()) {
      const digits = example.international.replace(/\D/g, '');
      for (const input of [`+${digits}0`, `+${digits.slice(0, -1)}`, `+${digits}12`]) {
        if (!validatePhoneNumberLength(input)) continue;
        refusedByLength++;
        if (toE164(input, example.region).ok) accepted.push(`${input} (${example.region})`);
      }
    }
    t.diagnostic(`${refusedByLength} inputs libphonenumber refuses by length; the widget accepts ${accepted.length}`);
    // Only where regions sharing a calling code have other lengths, and libphonenumber told
    // the region apart by full number patterns the widget does not ship.
    const shared = new Set(['1', '7', '39', '44', '47', '61', '212', '262', '290', '358', '590', '599']);
    assert.deepEqual(accepted.filter((input) => !shared.has(callingCodeOf(input.split(' ')[0]) ?? '')), []);
  });

  it('catches the lengths people get wrong', () => {
    assert.equal(toE164('415 555 01234', 'US').ok, false);
    assert.equal(validatePhoneNumberLength('415 555 01234', 'US'), 'TOO_LONG');
    assert.equal(toE164('+49 30 1', 'DE').ok, false);
    assert.equal(validatePhoneNumberLength('+49 30 1'), 'TOO_SHORT');
  });
});

describe('regionOfNumber against libphonenumber-js/max', () => {
  it('names the region libphonenumber names, or the main region where only full patterns tell', (t) => {
    const metadata = new Metadata();
    const leadingDigitsOf = (region: CountryCode) => {
      metadata.selectNumberingPlan(region);
      return metadata.numberingPlan?.leadingDigits();
    };
    let checked = 0;
    let main = 0;
    const mismatches: string[] = [];
    for (const example of exampleNumbers()) {
      const parsed = parsePhoneNumberFromString(example.international);
      if (!parsed?.isValid() || !parsed.country) continue;
      checked++;
      const elsewhere = regionOfNumber(example.international, 'DE');
      const mainRegion = util.getRegionCodeForCountryCode(Number(parsed.countryCallingCode));
      if (elsewhere !== parsed.country) {
        main++;
        if (leadingDigitsOf(parsed.country) || elsewhere !== mainRegion) mismatches.push(`${example.international} in DE: ${elsewhere}`);
      }
      // A visitor who chose the region keeps it.
      const there = regionOfNumber(example.international, parsed.country);
      if (there !== parsed.country) mismatches.push(`${example.international} in ${parsed.country}: ${there}`);
    }
    t.diagnostic(`${checked} international example numbers; ${main} read from another region name the main region`);
    assert.deepEqual(mismatches, []);
  });

  it('follows what is typed, and ignores national and partial input', () => {
    assert.equal(regionOfNumber('+44 20 7183 8750', 'US'), 'GB');
    assert.equal(regionOfNumber('+44', 'US'), 'GB');
    assert.equal(regionOfNumber('+1 268 464 1234', 'DE'), 'AG');
    assert.equal(regionOfNumber('0049 30 123456', 'GB'), 'DE');
    assert.equal(regionOfNumber('011 49 30 123456', 'US'), 'DE');
    assert.equal(regionOfNumber('020 7183 8750', 'GB'), undefined);
    assert.equal(regionOfNumber('+4', 'GB'), undefined);
    assert.equal(regionOfNumber('+881 6 1234 5678', 'GB'), undefined); // no country
  });
});
