// The default way a language's texts arrive: one dynamic import() per language, written out so
// that every bundler (Vite, webpack, esbuild, Rollup) splits each into a file of its own, loaded
// only when used. A build that serves the files its own way rewrites these calls or passes its
// own loader to loadStrings.
import type { Language, LocaleLoader } from './i18n.js';
import type { Strings } from './locales/en.js';

// A type error when a shipped language has no entry, or an entry is not a shipped language.
const IMPORTS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Strings }>> = {
  es: () => import('./locales/es.js'),
  ca: () => import('./locales/ca.js'),
  fr: () => import('./locales/fr.js'),
  de: () => import('./locales/de.js'),
  it: () => import('./locales/it.js'),
  pt: () => import('./locales/pt.js'),
  'pt-PT': () => import('./locales/pt-PT.js'),
  nl: () => import('./locales/nl.js'),
  sv: () => import('./locales/sv.js'),
  da: () => import('./locales/da.js'),
  nb: () => import('./locales/nb.js'),
  fi: () => import('./locales/fi.js'),
  pl: () => import('./locales/pl.js'),
  cs: () => import('./locales/cs.js'),
  sk: () => import('./locales/sk.js'),
  hr: () => import('./locales/hr.js'),
  ro: () => import('./locales/ro.js'),
  hu: () => import('./locales/hu.js'),
  el: () => import('./locales/el.js'),
  bg: () => import('./locales/bg.js'),
  tr: () => import('./locales/tr.js'),
  ru: () => import('./locales/ru.js'),
  uk: () => import('./locales/uk.js'),
  ar: () => import('./locales/ar.js'),
  he: () => import('./locales/he.js'),
  fa: () => import('./locales/fa.js'),
  ur: () => import('./locales/ur.js'),
  hi: () => import('./locales/hi.js'),
  bn: () => import('./locales/bn.js'),
  id: () => import('./locales/id.js'),
  ms: () => import('./locales/ms.js'),
  vi: () => import('./locales/vi.js'),
  th: () => import('./locales/th.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  'zh-Hans': () => import('./locales/zh-Hans.js'),
  'zh-Hant': () => import('./locales/zh-Hant.js'),
};

export const importLocale: LocaleLoader = (language) => IMPORTS[language]();
