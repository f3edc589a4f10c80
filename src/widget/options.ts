// The element's attributes read into the values the panel works with: forgiving of case,
// spaces and unknown entries, falling back to the documented defaults.
import { CHANNEL_TYPES, type ChannelType } from '../contract/constants.js';
import { browserLanguage, pageHost, pageLanguage } from './environment.js';
import { format, isRtl, stringsFor, uiLanguage, type StringKey, type Strings } from './i18n.js';
import { allRegions, regionOfLocale } from './phone.js';

/** `channels="email, phone"` → the known channels in that order; all of them when none is known. */
export function channelList(attribute: string): ChannelType[] {
  const listed = attribute.split(',').map((c) => c.trim().toLowerCase()) as ChannelType[];
  const known = [...new Set(listed.filter((c) => CHANNEL_TYPES.includes(c)))];
  return known.length ? known : [...CHANNEL_TYPES];
}

/** `countries="de,fr"` → the known ISO codes, upper case; every region when none is known. */
export function regionList(attribute: string): string[] {
  const all = allRegions();
  const wanted = attribute.toUpperCase().split(',').map((c) => c.trim()).filter((c) => all.has(c));
  return wanted.length ? wanted : [...all.keys()];
}

/** The region preselected for phone numbers: the `country` attribute, the browser's region, the US, the first offered. */
export function preferredRegion(country: string, regions: readonly string[]): string {
  const preferred = [country.toUpperCase(), regionOfLocale(browserLanguage()), 'US'];
  return preferred.find((r) => r && regions.includes(r)) ?? regions[0];
}

/** The visitor's locale, for numbers, dates and country names. */
export function uiLocale(lang: string): string {
  return lang || pageLanguage() || browserLanguage() || 'en';
}

/** The UI texts of one render: the language, its direction, and each text with its values filled in. */
export interface Texts {
  language: string;
  rtl: boolean;
  strings: Strings;
  /** The business named in consent and confirmation texts. */
  business: string;
  t(key: StringKey, values?: Record<string, string>): string;
}

export function texts(lang: string, overrides: Partial<Strings>, business: string): Texts {
  const language = uiLanguage(lang);
  const strings = stringsFor(language, overrides);
  business ||= pageHost();
  return { language, rtl: isRtl(language), strings, business, t: (key, values) => format(strings[key], { business, ...values }) };
}

export interface CountryOption {
  region: string;
  label: string;
}

let countries: { key: string; options: CountryOption[] } | undefined;

/** "France (+33)", … named in the visitor's language and sorted; built once per locale and list. */
export function countryOptions(locale: string, regions: readonly string[]): CountryOption[] {
  const key = locale + regions.join();
  if (countries?.key !== key) {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    const options = regions
      .map((region) => ({ region, label: `${names.of(region) ?? region} (+${allRegions().get(region)!.code})` }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
    countries = { key, options };
  }
  return countries.options;
}
