// The default way a language's texts arrive: one dynamic import() per language, written out so
// that every bundler (Vite, webpack, esbuild, Rollup) splits each into a file of its own, loaded
// only when used. The self-contained browser build loads the built files its own way instead.
import type { Language, LocaleLoader } from '../i18n.js';
import type { Strings } from './en.js';

// A type error when a shipped language has no entry, or an entry is not a shipped language.
const IMPORTS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Strings }>> = {
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  it: () => import('./it.js'),
  pt: () => import('./pt.js'),
  'pt-PT': () => import('./pt-PT.js'),
  nl: () => import('./nl.js'),
  sv: () => import('./sv.js'),
  da: () => import('./da.js'),
  nb: () => import('./nb.js'),
  fi: () => import('./fi.js'),
  pl: () => import('./pl.js'),
  cs: () => import('./cs.js'),
  ro: () => import('./ro.js'),
  hu: () => import('./hu.js'),
  el: () => import('./el.js'),
  tr: () => import('./tr.js'),
  ru: () => import('./ru.js'),
  uk: () => import('./uk.js'),
  ar: () => import('./ar.js'),
  he: () => import('./he.js'),
  fa: () => import('./fa.js'),
  ur: () => import('./ur.js'),
  hi: () => import('./hi.js'),
  bn: () => import('./bn.js'),
  id: () => import('./id.js'),
  vi: () => import('./vi.js'),
  th: () => import('./th.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
  'zh-Hans': () => import('./zh-Hans.js'),
  'zh-Hant': () => import('./zh-Hant.js'),
};

export const importLocale: LocaleLoader = (language) => IMPORTS[language]();
