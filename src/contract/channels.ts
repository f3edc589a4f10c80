// What a channel is, written once. The widget (fields, consent, messages), the proxy
// (config, env names, validation, per-contact keys) and the docs derive from this table:
// a fourth channel is a row here plus its texts.

export interface ChannelDescriptor {
  /** The kind of contact the visitor gives: a phone number (E.164) or an email address. */
  readonly contact: 'phone' | 'email';
  /** Whether sending needs the visitor's consent (SMS and WhatsApp opt-in). */
  readonly needsConsent: boolean;
  /** The proxy's environment variable holding the organization's sender for this channel. */
  readonly env: string;
}

/** Every channel, in default display order. */
export const CHANNELS = {
  phone: { contact: 'phone', needsConsent: true, env: 'CHANNEL_PHONE' },
  whatsapp: { contact: 'phone', needsConsent: true, env: 'CHANNEL_WHATSAPP' },
  email: { contact: 'email', needsConsent: false, env: 'CHANNEL_EMAIL' },
} as const satisfies Record<string, ChannelDescriptor>;

export type ChannelType = keyof typeof CHANNELS;

/** The channels a visitor can be reached on, in default display order. */
export const CHANNEL_TYPES = Object.keys(CHANNELS) as [ChannelType, ...ChannelType[]];

/** Whether the channel's contact is a phone number. */
export function isPhoneChannel(type: ChannelType): boolean {
  return CHANNELS[type].contact === 'phone';
}

/** Channels that carry a phone number (and need consent). */
export const PHONE_CHANNELS: readonly ChannelType[] = CHANNEL_TYPES.filter(isPhoneChannel);
