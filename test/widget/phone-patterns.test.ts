// The generator's pattern algebra against the JavaScript RegExp engine, on every numbering
// plan's national number pattern and Google's example numbers of every type.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import googlePhone from 'google-libphonenumber';
import { getCountries, Metadata } from 'libphonenumber-js/max';
import { after, anyDigits, concat, lengths, literal, parse, print, someWord } from '../../scripts/digit-patterns.js';

const util = googlePhone.PhoneNumberUtil.getInstance();
const whole = (source: string) => new RegExp(`^(?:${source})$`);

/** Each region's national number pattern, calling code and national example numbers, with near misses. */
function plans() {
  const metadata = new Metadata();
  return getCountries().map((region) => {
    metadata.selectNumberingPlan(region);
    const plan = metadata.numberingPlan as unknown as { nationalNumberPattern(): string; callingCode(): string };
    const examples = Object.values(googlePhone.PhoneNumberType)
      .filter((type) => typeof type === 'number')
      .map((type) => util.getExampleNumberForType(region, type))
      .filter((number) => number !== null)
      .map((number) => util.getNationalSignificantNumber(number));
    const samples = examples.flatMap((n) => [n, n.slice(1), n + '0', n.slice(0, -1), '0' + n, plan.callingCode() + n]);
    return { region, source: plan.nationalNumberPattern(), code: plan.callingCode(), samples };
  });
}

describe('digit patterns', () => {
  it('print what they parse: the printed pattern matches what the original matches', () => {
    let checked = 0;
    for (const { region, source, samples } of plans()) {
      const original = whole(source);
      const printed = whole(print(parse(source)));
      for (const sample of samples) {
        checked++;
        assert.equal(printed.test(sample), original.test(sample), `${region} ${sample}`);
      }
    }
    assert.ok(checked > 5000);
  });

  it('tell what follows a prefix, and the lengths they match', () => {
    for (const { region, source, code, samples } of plans()) {
      const pattern = parse(source);
      const original = whole(source);
      const afterCode = whole(print(after(pattern, code)));
      const afterFirst = (sample: string) => whole(print(after(pattern, sample.slice(0, 2))));
      const possible = lengths(pattern);
      for (const sample of samples) {
        if (sample.startsWith(code)) assert.equal(afterCode.test(sample.slice(code.length)), original.test(sample), `${region} ${sample}`);
        assert.equal(afterFirst(sample).test(sample.slice(2)), original.test(sample), `${region} ${sample}`);
        if (original.test(sample)) assert.ok(possible.has(sample.length), `${region} ${sample}`);
      }
    }
  });

  it('find a word of one pattern that leaves a rest of another', () => {
    // Belarus: 8 0… is a trunk prefix, and some national numbers start with 80.
    const belarus = parse('(?:[12]\\d|33|44|902)\\d{7}|8(?:0[0-79]\\d{5,7}|[1-7]\\d{9})');
    assert.equal(someWord(parse('0|80?'), belarus, (rest) => lengths(rest).has(8)), true);
    assert.equal(someWord(parse('0'), belarus, () => true), false);
    // North America: a seven-digit local number is no ten-digit national number.
    assert.equal(someWord(parse('[457]\\d{6}'), parse('268\\d{7}'), () => true), false);
    assert.equal(someWord(literal('44'), concat(literal('4'), anyDigits(1, Infinity)), () => true), true);
  });
});
