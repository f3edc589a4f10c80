// UI text: built-in locales, the nearest-match rule, and `{name}` interpolation.

/** Every UI string. A site overrides any of them through the element's `strings` property. */
export const en = {
  launcher: 'Ask us to contact you',
  close: 'Close',
  title: 'Get a message from us',
  intro: 'Leave your details and our assistant will reach out.',
  channelLegend: 'How should we reach you?',
  phone: 'Text message',
  whatsapp: 'WhatsApp',
  email: 'Email',
  country: 'Country',
  phoneLabel: 'Mobile number',
  emailLabel: 'Email address',
  whenLegend: 'When?',
  now: 'Now',
  later: 'Pick a time',
  timeLabel: 'Date and time ({zone})',
  consentSms: 'I agree to receive text messages from {business} at this number. Message and data rates may apply. Reply STOP to opt out.',
  consentWhatsapp: 'I agree to receive WhatsApp messages from {business} at this number.',
  submit: 'Contact me',
  sending: 'Sending…',
  doneTitle: 'Request received',
  doneNow: '{business} will contact you at {contact} in a moment.',
  doneLater: '{business} will contact you at {contact} on {time} (your time).',
  different: 'Use different details',
  retry: 'Try again',
  // Field messages
  phoneEmpty: 'Enter your mobile number.',
  phoneInvalid: 'Enter a valid phone number, for example +1 415 555 0123.',
  phoneShort: 'This number is too short.',
  phoneLong: 'This number is too long.',
  emailInvalid: 'Enter a valid email address, for example name@example.com.',
  consentNeeded: 'Please agree so we can message you.',
  timeMissing: 'Choose a date and time.',
  timePast: 'Choose a time at least a few minutes from now.',
  timeFar: 'Choose a time within the next {days} days.',
  // Request errors
  errorNetwork: 'We could not reach the service. Check your connection and try again.',
  errorTimeout: 'The service took too long to answer. Please try again.',
  errorBusy: 'Your request is still being processed. Please try again in a moment.',
  errorRateLimited: 'Too many requests. Please try again later.',
  errorUnavailable: 'This option is not available right now. Please choose another.',
  errorGeneric: 'Something went wrong. Please try again.',
  errorRejected: 'We could not send your request. Please check your details.',
};
export type Strings = typeof en;
export type StringKey = keyof Strings;

const builtIn: Record<string, Partial<Strings>> = { en };

/** The built-in locale closest to the first of `candidates` that has one, else English. */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): string {
  for (const tag of candidates) {
    const language = tag?.toLowerCase().split(/[-_]/)[0];
    if (language && builtIn[language]) return language;
  }
  return 'en';
}

/** The strings of `locale`, with English for anything it lacks and `overrides` on top. */
export function stringsFor(locale: string, overrides: Partial<Strings> = {}): Strings {
  return { ...en, ...builtIn[locale], ...overrides };
}

/** Replaces each `{name}` in `text` with `values.name`. */
export function format(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
