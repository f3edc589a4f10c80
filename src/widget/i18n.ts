// UI text: built-in locales, the nearest-match rule, and `{name}` interpolation.
// Numbers, dates and plurals come from Intl, so no locale ships rules of its own.

/** Every UI string. A site overrides any of them through the element's `strings` property. */
export const en = {
  launcher: 'Ask us to contact you',
  close: 'Close',
  title: 'Get a message from us',
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
  consentSms: 'I agree to get texts from {business} at this number. Msg & data rates may apply. Reply STOP to opt out.',
  consentWhatsapp: 'I agree to get WhatsApp messages from {business} at this number.',
  submit: 'Contact me',
  sending: 'Sending…',
  doneNow: '{business} will contact you at {contact} in a moment.',
  doneLater: '{business} will contact you at {contact} on {time} (your time).',
  different: 'Use different details',
  retry: 'Try again',
  phoneEmpty: 'Enter your mobile number.',
  phoneInvalid: 'Enter a valid phone number.',
  phoneShort: 'This number is too short.',
  phoneLong: 'This number is too long.',
  emailInvalid: 'Enter a valid email address.',
  consentNeeded: 'Please agree so we can message you.',
  timeMissing: 'Choose a date and time.',
  timePast: 'Choose a later time.',
  timeFar: 'Choose a time before {date}.',
  errorRetry: 'Sending failed. Please try again.',
  errorRateLimited: 'Too many requests. Please try again {when}.',
  errorUnavailable: 'Not available right now. Please choose another way.',
  errorRejected: 'Sending failed. Please check your details.',
  // Added for the visitor-experience and two-step-loading work; translations follow.
  intro: 'Leave your details and our AI assistant will get in touch.',
  doneTitle: 'Request received',
  donePhoneNow: 'Our AI assistant will text you at {contact} in a moment.',
  donePhoneLater: 'Our AI assistant will text you at {contact} on {time} (your time).',
  doneWhatsappNow: 'Our AI assistant will message you on WhatsApp at {contact} in a moment.',
  doneWhatsappLater: 'Our AI assistant will message you on WhatsApp at {contact} on {time} (your time).',
  doneEmailNow: 'Our AI assistant will email you at {contact} in a moment.',
  doneEmailLater: 'Our AI assistant will email you at {contact} on {time} (your time).',
  errorPrefix: 'Error:',
  errorChannelUnavailable: '{channel} is not available right now. Please choose another way.',
  timeTooEarly: 'Choose {time} or later.',
  loadFailed: 'This could not be loaded. Please try again.',
};
export type Strings = typeof en;
export type StringKey = keyof Strings;

// Other languages list their strings in the order of `en` ('' = the English one): an
// array instead of an object saves repeating every key in every language of the bundle.

const es = [
  'Pídenos que te contactemos',
  'Cerrar',
  'Recibe un mensaje nuestro',
  '¿Cómo te contactamos?',
  'SMS',
  '',
  'Correo',
  'País',
  'Número de móvil',
  'Correo electrónico',
  '¿Cuándo?',
  'Ahora',
  'Elegir hora',
  'Fecha y hora ({zone})',
  'Acepto recibir SMS de {business} en este número. Pueden aplicarse tarifas. Responde STOP para darte de baja.',
  'Acepto recibir mensajes de WhatsApp de {business} en este número.',
  'Contactadme',
  'Enviando…',
  '{business} te contactará en {contact} en un momento.',
  '{business} te contactará en {contact} el {time} (tu hora).',
  'Usar otros datos',
  'Reintentar',
  'Introduce tu número de móvil.',
  'Introduce un número válido.',
  'El número es demasiado corto.',
  'El número es demasiado largo.',
  'Introduce un correo válido.',
  'Acepta para que podamos escribirte.',
  'Elige fecha y hora.',
  'Elige una hora más tarde.',
  'Elige una hora antes del {date}.',
  'No se pudo enviar. Inténtalo de nuevo.',
  'Demasiadas solicitudes. Inténtalo de nuevo {when}.',
  'No disponible ahora. Elige otra opción.',
  'No se pudo enviar. Revisa tus datos.',
  // The texts added for the widget work: English until the keyed languages land.
  '',   '',   '',   '',   '',   '',   '',   '',   '',   '',   '', '',
];

const fr = [
  'Demandez-nous de vous contacter',
  'Fermer',
  'Recevez un message de notre part',
  'Comment vous joindre ?',
  'SMS',
  '',
  'E-mail',
  'Pays',
  'Numéro de mobile',
  'Adresse e-mail',
  'Quand ?',
  'Maintenant',
  'Choisir l’heure',
  'Date et heure ({zone})',
  'J’accepte de recevoir des SMS de {business} à ce numéro. Des frais peuvent s’appliquer. Répondez STOP pour vous désabonner.',
  'J’accepte de recevoir des messages WhatsApp de {business} à ce numéro.',
  'Me contacter',
  'Envoi…',
  '{business} vous contactera au {contact} dans un instant.',
  '{business} vous contactera au {contact} le {time} (votre heure).',
  'Utiliser d’autres coordonnées',
  'Réessayer',
  'Saisissez votre numéro de mobile.',
  'Saisissez un numéro valide.',
  'Ce numéro est trop court.',
  'Ce numéro est trop long.',
  'Saisissez une adresse e-mail valide.',
  'Acceptez pour que nous puissions vous écrire.',
  'Choisissez une date et une heure.',
  'Choisissez une heure plus tardive.',
  'Choisissez une heure avant le {date}.',
  'L’envoi a échoué. Réessayez.',
  'Trop de demandes. Réessayez {when}.',
  'Indisponible pour le moment. Choisissez une autre option.',
  'L’envoi a échoué. Vérifiez vos coordonnées.',
  // The texts added for the widget work: English until the keyed languages land.
  '',   '',   '',   '',   '',   '',   '',   '',   '',   '',   '', '',
];

const de = [
  'Kontakt anfordern',
  'Schließen',
  'Wir melden uns bei Ihnen',
  'Wie erreichen wir Sie?',
  'SMS',
  '',
  'E-Mail',
  'Land',
  'Handynummer',
  'E-Mail-Adresse',
  'Wann?',
  'Jetzt',
  'Zeit wählen',
  'Datum und Uhrzeit ({zone})',
  'Ich stimme zu, SMS von {business} an diese Nummer zu erhalten. Es können Gebühren anfallen. Antworten Sie STOP zum Abmelden.',
  'Ich stimme zu, WhatsApp-Nachrichten von {business} an diese Nummer zu erhalten.',
  'Kontaktieren Sie mich',
  'Wird gesendet…',
  '{business} meldet sich gleich unter {contact}.',
  '{business} meldet sich am {time} (Ihre Zeit) unter {contact}.',
  'Andere Angaben verwenden',
  'Erneut versuchen',
  'Geben Sie Ihre Handynummer ein.',
  'Geben Sie eine gültige Nummer ein.',
  'Die Nummer ist zu kurz.',
  'Die Nummer ist zu lang.',
  'Geben Sie eine gültige E-Mail-Adresse ein.',
  'Bitte stimmen Sie zu, damit wir Ihnen schreiben können.',
  'Wählen Sie Datum und Uhrzeit.',
  'Wählen Sie eine spätere Zeit.',
  'Wählen Sie eine Zeit vor dem {date}.',
  'Senden fehlgeschlagen. Bitte erneut versuchen.',
  'Zu viele Anfragen. Bitte {when} erneut versuchen.',
  'Gerade nicht verfügbar. Bitte wählen Sie einen anderen Weg.',
  'Senden fehlgeschlagen. Bitte prüfen Sie Ihre Angaben.',
  // The texts added for the widget work: English until the keyed languages land.
  '',   '',   '',   '',   '',   '',   '',   '',   '',   '',   '', '',
];

const pt = [
  'Peça para entrarmos em contato',
  'Fechar',
  'Receba uma mensagem nossa',
  'Como podemos falar com você?',
  'SMS',
  '',
  'E-mail',
  'País',
  'Número de celular',
  'Endereço de e-mail',
  'Quando?',
  'Agora',
  'Escolher horário',
  'Data e hora ({zone})',
  'Aceito receber SMS de {business} neste número. Podem ser cobradas tarifas. Responda STOP para cancelar.',
  'Aceito receber mensagens de WhatsApp de {business} neste número.',
  'Falem comigo',
  'Enviando…',
  '{business} vai falar com você em {contact} em instantes.',
  '{business} vai falar com você em {contact} em {time} (seu horário).',
  'Usar outros dados',
  'Tentar novamente',
  'Informe seu número de celular.',
  'Informe um número válido.',
  'O número é curto demais.',
  'O número é longo demais.',
  'Informe um e-mail válido.',
  'Aceite para que possamos escrever para você.',
  'Escolha data e hora.',
  'Escolha um horário mais tarde.',
  'Escolha um horário antes de {date}.',
  'Falha no envio. Tente novamente.',
  'Muitos pedidos. Tente novamente {when}.',
  'Indisponível agora. Escolha outra opção.',
  'Falha no envio. Confira seus dados.',
  // The texts added for the widget work: English until the keyed languages land.
  '',   '',   '',   '',   '',   '',   '',   '',   '',   '',   '', '',
];

const ar = [
  'اطلب أن نتواصل معك',
  'إغلاق',
  'تلقَّ رسالة منا',
  'كيف نتواصل معك؟',
  'رسالة نصية',
  'واتساب',
  'البريد الإلكتروني',
  'الدولة',
  'رقم الجوال',
  'البريد الإلكتروني',
  'متى؟',
  'الآن',
  'اختر وقتًا',
  'التاريخ والوقت ({zone})',
  'أوافق على تلقي رسائل نصية من {business} على هذا الرقم. قد تُطبَّق رسوم. أرسل STOP لإلغاء الاشتراك.',
  'أوافق على تلقي رسائل واتساب من {business} على هذا الرقم.',
  'تواصلوا معي',
  'جارٍ الإرسال…',
  'سيتواصل معك {business} على {contact} بعد لحظات.',
  'سيتواصل معك {business} على {contact} في {time} (بتوقيتك).',
  'استخدم بيانات أخرى',
  'أعد المحاولة',
  'أدخل رقم جوالك.',
  'أدخل رقمًا صالحًا.',
  'الرقم قصير جدًا.',
  'الرقم طويل جدًا.',
  'أدخل بريدًا إلكترونيًا صالحًا.',
  'يُرجى الموافقة لنتمكن من مراسلتك.',
  'اختر التاريخ والوقت.',
  'اختر وقتًا لاحقًا.',
  'اختر وقتًا قبل {date}.',
  'تعذّر الإرسال. أعد المحاولة.',
  'طلبات كثيرة جدًا. أعد المحاولة {when}.',
  'غير متاح حاليًا. اختر طريقة أخرى.',
  'تعذّر الإرسال. تحقّق من بياناتك.',
  // The texts added for the widget work: English until the keyed languages land.
  '',   '',   '',   '',   '',   '',   '',   '',   '',   '',   '', '',
];

const KEYS = Object.keys(en) as StringKey[];
/** Each built-in language's strings, in the order of `en`. */
export const LANGUAGES: Record<string, string[]> = { en: Object.values(en), es, fr, de, pt, ar };

/** Built-in languages written right to left. */
const RTL = new Set(['ar']);

/** The built-in language closest to the first of `candidates` that has one, else English. */
export function resolveLanguage(candidates: readonly (string | null | undefined)[]): string {
  for (const tag of candidates) {
    const language = tag?.toLowerCase().split(/[-_]/)[0];
    if (language && LANGUAGES[language]) return language;
  }
  return 'en';
}

export function isRtl(language: string): boolean {
  return RTL.has(language);
}

/** The strings of `language`, with English for anything it lacks and `overrides` on top. */
export function stringsFor(language: string, overrides: Partial<Strings> = {}): Strings {
  const strings = { ...en };
  LANGUAGES[language]?.forEach((text, i) => text && (strings[KEYS[i]] = text));
  return Object.assign(strings, overrides);
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

/** The visitor's time zone by its localized name ("Pacific Time"), else its IANA id. */
export function zoneName(locale: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts().find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
