// UI text: which languages ship, the nearest-match rule, loading a language's texts, and `{name}`
// interpolation. Numbers, dates and plurals come from Intl, so no language ships rules of its own.
// Small on purpose: the texts stay in `locales/<tag>.ts`, one file per language.
import { browserLanguages, pageLanguage } from './environment.js';
import { en, type Strings } from './locales/en.js';
import { importLocale } from './locale-imports.js';

export { en, type Strings };
export type StringKey = keyof Strings;

/** The languages that ship, each by the tag of its module in `locales/`. */
export const LANGUAGES = [
  'en', 'es', 'ca', 'fr', 'de', 'it', 'pt', 'pt-PT', 'nl', 'sv', 'da', 'nb', 'fi', 'pl', 'cs', 'sk', 'hr', 'ro',
  'hu', 'el', 'bg', 'tr', 'ru', 'uk', 'ar', 'he', 'fa', 'ur', 'hi', 'bn', 'id', 'ms', 'vi', 'th', 'ja', 'ko',
  'zh-Hans', 'zh-Hant',
] as const;
export type Language = (typeof LANGUAGES)[number];

const RTL: readonly string[] = ['ar', 'he', 'fa', 'ur'];

// Readers of these languages read a shipped one: Nynorsk and plain "Norwegian" read Bokmål,
// Cantonese reads Traditional Chinese.
const ALIASES: Record<string, string> = { no: 'nb', nn: 'nb', yue: 'zh' };

/**
 * The shipped language nearest to the first of `candidates` that has one, else English.
 * `zh-HK` → `zh-Hant`, `zh-SG` → `zh-Hans`, `pt-BR` → `pt`, `pt-AO` → `pt-PT`, `iw` → `he`.
 */
export function resolveLanguage(candidates: readonly (string | null | undefined)[]): Language {
  for (const tag of candidates) {
    if (!tag) continue;
    try {
      // maximize() adds the likely script and region, and Intl already maps old codes (iw, in).
      const { language, script, region } = new Intl.Locale(tag.replace(/_/g, '-')).maximize();
      const base = ALIASES[language] ?? language;
      // Portuguese outside Brazil is written the European way.
      const nearest = [`${base}-${script}`, `${base}-${region}`, base == 'pt' && region != 'BR' ? 'pt-PT' : base];
      const match = nearest.find((t): t is Language => (LANGUAGES as readonly string[]).includes(t));
      if (match) return match;
    } catch {
      // Not a well-formed language tag: try the next candidate.
    }
  }
  return 'en';
}

/** The UI language for an element whose own `lang` is `lang`: else the page's, else the browser's, else English. */
export function uiLanguage(lang?: string | null): Language {
  return resolveLanguage([lang, pageLanguage(), ...browserLanguages()]);
}

export function isRtl(language: string): boolean {
  return RTL.includes(language);
}

/** How a language's module arrives; a build that serves files of its own passes its loader. */
export type LocaleLoader = (language: Exclude<Language, 'en'>) => Promise<{ default: Strings }>;

const pending = new Map<string, Promise<Strings>>();
/** The languages loaded so far, for the synchronous `stringsFor`. */
const loaded: Record<string, Strings> = {};

/**
 * The texts of a shipped `language`, fetched once; a failed fetch is tried again on the next call.
 * English comes bundled. Missing keys fall back to English: a cached language file from an
 * older release can lack a text added since.
 */
export function loadStrings(language: Language, load: LocaleLoader = importLocale): Promise<Strings> {
  if (language == 'en') return Promise.resolve(en);
  let strings = pending.get(language);
  if (!strings) {
    strings = load(language).then((module) => (loaded[language] = { ...en, ...module.default }));
    strings.catch(() => pending.delete(language));
    pending.set(language, strings);
  }
  return strings;
}

/** Replaces each `{name}` in `text` with `values.name`. */
export function format(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** "in 5 minutes", "dans 5 minutes", "خلال ٥ دقائق": a wait, in the locale's words and plural. */
export function formatWait(locale: string, seconds: number): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return seconds < 90 ? rtf.format(Math.max(1, Math.ceil(seconds)), 'second') : seconds < 5400 ? rtf.format(Math.ceil(seconds / 60), 'minute') : rtf.format(Math.ceil(seconds / 3600), 'hour');
}

/** The visitor's time zone by its localized name ("Pacific Time", "Coordinated Universal Time"), else an offset. */
export function zoneName(locale: string, timeZone: string): string {
  const name = (style: 'longGeneric' | 'long') =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts().find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  // A zone with no generic name (UTC) comes back as an offset, "GMT+00:00": its long name reads better.
  const generic = name('longGeneric');
  return /[+\u2212]/.test(generic) ? name('long') : generic;
}

/** The strings of `language` once loaded (English until then), with `overrides` on top. */
export function stringsFor(language: string, overrides: Partial<Strings> = {}): Strings {
  return { ...en, ...loaded[language], ...overrides };
}
