// <agent-chat-launcher>: wires the pure modules (phone, schedule, submit, i18n) to the template.
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { CHANNEL_TYPES, isEmailAddress, type ChannelType } from '../contract/constants.js';
import type { ChatRequest } from '../contract/schemas.js';
import { emit, type LauncherErrorDetail, type LauncherSuccessDetail } from './events.js';
import { FloatingController } from './floating.js';
import { format, formatWait, isRtl, resolveLanguage, stringsFor, zoneName, type StringKey, type Strings } from './i18n.js';
import { allRegions, formatE164, regionOfLocale, toE164, type PhoneProblem } from './phone.js';
import { localTimeZone, parseSchedule, scheduleBounds, type ScheduleProblem } from './schedule.js';
import { SheetController } from './sheet.js';
import { buildRequest, SubmissionKeys, submitChat } from './submit.js';
import { styles } from './styles.js';

type Field = 'contact' | 'consent' | 'time';

const phoneMessages: Record<PhoneProblem, StringKey> = {
  empty: 'phoneEmpty',
  invalid: 'phoneInvalid',
  too_short: 'phoneShort',
  too_long: 'phoneLong',
};
const timeMessages: Record<ScheduleProblem, StringKey> = { missing: 'timeMissing', past: 'timePast', too_far: 'timeFar' };
const errorMessages: Record<string, StringKey> = {
  rate_limited: 'errorRateLimited',
  channel_unavailable: 'errorUnavailable',
};
/** sessionStorage key remembering that the visitor dismissed the teaser. */
const TEASER_DISMISSED = 'agent-chat-launcher:teaser-dismissed';

const chatIcon = svg`<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor"><path d="M3 4h18v13H9l-5 4v-4H3z"/></svg>`;
const closeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M6 6l12 12M18 6 6 18"/></svg>`;
const checkIcon = svg`<svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="m7 12 3.5 3.5L17 9"/></svg>`;

/**
 * A launcher button and a form with which a visitor asks an AI agent to reach out by
 * text message, WhatsApp or email, now or at a time they pick.
 *
 * @tagname agent-chat-launcher
 * @summary Lets a visitor ask an AI agent to contact them.
 *
 * @fires {CustomEvent<Record<string, never>>} launcher-open - The panel was shown.
 * @fires {CustomEvent<Record<string, never>>} launcher-close - The panel was hidden.
 * @fires {CustomEvent<ChatRequest>} launcher-submit - Before the request is sent; cancelable.
 * @fires {CustomEvent<LauncherSuccessDetail>} launcher-success - The proxy started (201) or scheduled (202) a session.
 * @fires {CustomEvent<LauncherErrorDetail>} launcher-error - The request failed.
 *
 * @slot icon - The launcher's icon.
 * @slot header - The panel's heading text.
 * @slot consent - The consent text for phone and WhatsApp.
 * @slot confirmation - The text shown after success.
 *
 * @csspart button - The launcher button.
 * @csspart panel - The floating panel (or the inline box).
 * @csspart header - The panel's header.
 * @csspart form - The form.
 * @csspart input - The contact field.
 * @csspart submit - The submit button.
 * @csspart confirmation - The success view.
 * @csspart error - The failed-request message with its "Try again".
 * @csspart teaser - The proactive bubble beside the launcher.
 *
 * @cssprop --launcher-accent - Launcher and button colour.
 * @cssprop --launcher-accent-text - Text on the accent colour.
 * @cssprop --launcher-background - Panel background.
 * @cssprop --launcher-text - Panel text colour.
 * @cssprop --launcher-radius - Panel corner radius.
 * @cssprop --launcher-font - Font family.
 * @cssprop --launcher-z-index - Stacking order of the floating launcher and panel.
 * @cssprop --launcher-offset - Distance of the launcher from the viewport corner.
 * @cssprop --launcher-panel-width - Width of the floating panel.
 */
export class AgentChatLauncher extends LitElement {
  static override styles = styles;
  // Declared here rather than with decorators: one object is smaller in the bundle than a call per field.
  static override properties = {
    endpoint: {},
    channels: {},
    channel: {},
    mode: { reflect: true },
    position: { reflect: true },
    open: { type: Boolean, reflect: true },
    schedule: {},
    country: {},
    countries: {},
    consent: {},
    lang: {},
    theme: { reflect: true },
    business: {},
    teaser: {},
    teaserDelay: { attribute: 'teaser-delay', type: Number },
    strings: { attribute: false },
    type: { state: true },
    phone: { state: true },
    email: { state: true },
    region: { state: true },
    consented: { state: true },
    later: { state: true },
    time: { state: true },
    honeypot: { state: true },
    errors: { state: true },
    busy: { state: true },
    failure: { state: true },
    done: { state: true },
    announcement: { state: true },
    teaserShown: { state: true },
  };

  /** URL of the site's proxy endpoint. Required. */
  endpoint = '';
  /**
   * Comma list of `phone`, `whatsapp`, `email`, in display order.
   * @default 'phone,whatsapp,email'
   */
  channels: string = CHANNEL_TYPES.join(',');
  /** The preselected channel; defaults to the first of `channels`. */
  channel = '';
  /** `floating` (launcher and panel) or `inline` (the form in place). */
  mode: 'floating' | 'inline' = 'floating';
  /** `bottom-right` or `bottom-left`. */
  position: 'bottom-right' | 'bottom-left' = 'bottom-right';
  /** Whether the panel is open. */
  open = false;
  /** `optional` (Now or a picked time) or `off`. */
  schedule: 'optional' | 'off' = 'optional';
  /** ISO 3166 alpha-2 code preselected for phone numbers; default the region of `navigator.language`, else `US`. */
  country = '';
  /** Comma list of ISO codes offered for phone numbers; all when empty. */
  countries = '';
  /** `required` (a checkbox for phone and WhatsApp), `notice` (text only) or `off`. */
  consent: 'required' | 'notice' | 'off' = 'required';
  /** BCP 47 locale of the UI (built in: en, es, fr, de, pt, ar); default the nearest of `<html lang>`, `navigator.language`, `en`. */
  override lang = '';
  /** `light`, `dark` or `auto`. */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** The business named in consent and confirmation text; defaults to the page's host name. */
  business = '';
  /** Text of a small bubble shown beside the closed launcher after `teaser-delay` seconds. */
  teaser = '';
  /** Seconds before the teaser appears. */
  teaserDelay = 4;
  /** Overrides for any UI text. */
  strings: Partial<Strings> = {};

  private type: ChannelType = 'phone';
  private phone = '';
  private email = '';
  private region = '';
  private consented = false;
  private later = false;
  private time = '';
  private honeypot = '';
  private errors: Partial<Record<Field, string>> = {};
  private busy = false;
  private failure?: LauncherErrorDetail;
  private done?: LauncherSuccessDetail;
  private announcement = '';
  private teaserShown = false;

  readonly #floating = new FloatingController(this);
  readonly #sheet = new SheetController(this);
  #teaserTimer?: ReturnType<typeof setTimeout>;
  readonly #keys = new SubmissionKeys();
  #lastBody?: ChatRequest;
  #typeChosen = false;
  #options?: [key: string, options: { r: string; label: string }[]];
  #warned = false;

  /** Opens the panel. */
  show(): void {
    this.open = true;
  }

  /** Closes the panel. */
  hide(): void {
    this.open = false;
  }

  /** Opens the panel when closed, closes it when open. */
  toggle(): void {
    this.open = !this.open;
  }

  /** Clears the form and any confirmation, back to an empty form. */
  reset(): void {
    Object.assign(this, { phone: '', email: '', consented: false, later: false, time: '', honeypot: '' });
    Object.assign(this, { errors: {}, failure: undefined, done: undefined, busy: false });
    this.#typeChosen = false;
    this.#lastBody = undefined;
    this.#keys.forget();
  }

  /** The visitor's locale, for numbers, dates and country names. */
  get #locale(): string {
    return this.lang || document.documentElement.lang || navigator.language || 'en';
  }

  /** The built-in UI language nearest to the locale. */
  get #language(): string {
    return resolveLanguage([this.lang, document.documentElement.lang, navigator.language]);
  }

  get #text(): Strings {
    return stringsFor(this.#language, this.strings);
  }

  #t(key: StringKey, values: Record<string, string | number> = {}): string {
    return format(this.#text[key], { business: this.business || location.hostname, ...values });
  }

  get #channelList(): ChannelType[] {
    const listed = this.channels.split(',').map((c) => c.trim()) as ChannelType[];
    const valid = [...new Set(listed.filter((c) => CHANNEL_TYPES.includes(c)))];
    return valid.length ? valid : [...CHANNEL_TYPES];
  }

  get #regionList(): string[] {
    const all = allRegions();
    const wanted = this.countries.toUpperCase().split(',').map((c) => c.trim()).filter((c) => all.has(c));
    return wanted.length ? wanted : [...all.keys()];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.teaser && !this.open && this.mode !== 'inline' && !teaserDismissed()) {
      this.#teaserTimer = setTimeout(() => (this.teaserShown = true), this.teaserDelay * 1000);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#teaserTimer);
  }

  #dismissTeaser(): void {
    this.teaserShown = false;
    clearTimeout(this.#teaserTimer);
    try {
      sessionStorage.setItem(TEASER_DISMISSED, '1');
    } catch {
      // Storage may be blocked (sandboxed frames, privacy modes): then it shows again next page.
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const channels = this.#channelList;
    if (!this.#typeChosen || !channels.includes(this.type)) {
      this.type = channels.includes(this.channel as ChannelType) ? (this.channel as ChannelType) : channels[0];
    }
    const regions = this.#regionList;
    if (!regions.includes(this.region) || changed.has('country')) {
      const preferred = [this.country.toUpperCase(), regionOfLocale(navigator.language), 'US'];
      this.region = preferred.find((r) => r && regions.includes(r)) ?? regions[0];
    }
    if (!this.endpoint && !this.#warned) {
      this.#warned = true;
      console.error('<agent-chat-launcher>: the "endpoint" attribute is required (the URL of your proxy); nothing is shown without it.');
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const launcher = this.#launcher;
    const panel = this.#panel;
    if (this.open && this.mode !== 'inline' && launcher && panel) {
      // Align the panel's outer edge with the launcher's, whatever the writing direction.
      const rtl = getComputedStyle(panel).direction === 'rtl';
      this.#floating.start(launcher, panel, (this.position === 'bottom-left') !== rtl ? 'top-start' : 'top-end');
      this.#sheet.open(panel);
    } else {
      this.#floating.stop();
      this.#sheet.close();
    }
    // The first render reflects the initial state; only later changes are open/close events.
    if (changed.has('open') && changed.get('open') !== undefined) {
      emit(this, this.open ? 'launcher-open' : 'launcher-close', {});
      if (this.open) {
        if (this.teaserShown) this.#dismissTeaser();
        this.#focusPanel();
      }
    }
  }

  get #launcher(): HTMLElement | null {
    return this.renderRoot.querySelector('.launcher');
  }

  get #panel(): HTMLElement | null {
    return this.renderRoot.querySelector('.panel');
  }

  #focusPanel(): void {
    const target = this.renderRoot.querySelector<HTMLElement>(this.done ? '.done' : '#contact');
    target?.focus();
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.mode !== 'inline' && this.open) {
      event.stopPropagation();
      this.#close();
    }
  }

  #close(): void {
    this.hide();
    this.#launcher?.focus();
  }

  override render() {
    if (!this.endpoint) return nothing;
    const inline = this.mode === 'inline';
    const language = this.#language;
    const dir = isRtl(language) ? 'rtl' : nothing;
    return html`
      ${this.teaserShown && !this.open && !inline
        ? html`<div part="teaser" class="teaser" lang=${language} dir=${dir}>
            <button type="button" @click=${this.show}>${this.teaser}</button>
            <button class="icon" type="button" aria-label=${this.#t('close')} @click=${this.#dismissTeaser}>${closeIcon}</button>
          </div>`
        : nothing}
      ${inline
        ? nothing
        : html`<button
            part="button"
            class="launcher"
            type="button"
            aria-label=${this.#t('launcher')}
            aria-expanded=${this.open}
            aria-controls="panel"
            @click=${this.toggle}
          >
            <slot name="icon">${chatIcon}</slot>
          </button>`}
      <section
        id="panel"
        part="panel"
        class="panel"
        role=${inline ? nothing : 'dialog'}
        aria-labelledby="title"
        lang=${language}
        dir=${dir}
        ?hidden=${!inline && !this.open}
        @keydown=${this.#onKeydown}
      >
        <div part="header" class="header">
          <h2 id="title"><slot name="header">${this.#t('title')}</slot></h2>
          ${inline
            ? nothing
            : html`<button class="icon" type="button" aria-label=${this.#t('close')} @click=${this.#close}>${closeIcon}</button>`}
        </div>
        ${this.done ? this.#renderDone(this.done) : inline || this.open ? this.#renderForm() : nothing}
        <div class="hidden" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  #renderDone(done: LauncherSuccessDetail) {
    const contact = done.type === 'email' ? done.contact : formatE164(done.contact);
    const when = done.scheduleAt ? this.#formatTime(done.scheduleAt) : '';
    return html`<div part="confirmation" class="done" tabindex="-1">
      ${checkIcon}
      <p><slot name="confirmation">${this.#t(when ? 'doneLater' : 'doneNow', { contact, time: when })}</slot></p>
      <button class="secondary" type="button" @click=${this.#startOver}>${this.#t('different')}</button>
    </div>`;
  }

  #renderForm() {
    const channels = this.#channelList;
    const isPhone = this.type !== 'email';
    return html`<form part="form" novalidate @submit=${this.#onSubmit} aria-busy=${this.busy}>
      ${this.failure
        ? html`<div part="error" class="alert" role="alert">
            <p>${this.failure.message}</p>
            ${this.failure.retryable
              ? html`<button class="secondary" type="button" @click=${this.#retry} ?disabled=${this.busy}>${this.#t('retry')}</button>`
              : nothing}
          </div>`
        : nothing}
      ${channels.length > 1
        ? html`<fieldset>
            <legend>${this.#t('channelLegend')}</legend>
            ${channels.map(
              (c) => html`<label class="choice"
                ><input type="radio" name="type" value=${c} .checked=${this.type === c} @change=${this.#onType} />${this.#t(c)}</label
              >`,
            )}
          </fieldset>`
        : nothing}
      ${isPhone ? this.#renderPhone() : this.#renderEmail()}
      ${this.schedule === 'off' ? nothing : this.#renderSchedule()} ${isPhone ? this.#renderConsent() : nothing}
      <div class="hidden" aria-hidden="true">
        <input name="website" tabindex="-1" autocomplete="off" .value=${this.honeypot} @input=${(e: Event) => (this.honeypot = value(e))} />
      </div>
      <button part="submit" class="primary" type="submit" ?disabled=${this.busy}>
        ${this.busy ? this.#t('sending') : this.#t('submit')}
      </button>
    </form>`;
  }

  /** The country options, named in the visitor's language and sorted: built once per locale. */
  #countryOptions(): { r: string; label: string }[] {
    const key = this.#locale + this.countries;
    if (this.#options?.[0] !== key) {
      const names = new Intl.DisplayNames([this.#locale], { type: 'region' });
      const list = this.#regionList
        .map((r) => ({ r, label: `${names.of(r) ?? r} (+${allRegions().get(r)!.code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, this.#locale));
      this.#options = [key, list];
    }
    return this.#options[1];
  }

  #renderPhone() {
    const options = this.#countryOptions();
    return html`<label for="country">${this.#t('country')}</label>
      <select id="country" class="field" name="country" @change=${(e: Event) => (this.region = value(e))}>
        ${options.map(({ r, label }) => html`<option value=${r} ?selected=${r === this.region}>${label}</option>`)}
      </select>
      <label for="contact">${this.#t('phoneLabel')}</label>
      ${this.#contactInput('tel', 'tel', this.phone, (v) => (this.phone = v))}`;
  }

  #renderEmail() {
    return html`<label for="contact">${this.#t('emailLabel')}</label>
      ${this.#contactInput('email', 'email', this.email, (v) => (this.email = v))}`;
  }

  #contactInput(type: 'tel' | 'email', name: string, current: string, set: (v: string) => void) {
    return html`<input
        id="contact"
        part="input"
        class="field"
        type=${type}
        name=${name}
        autocomplete=${name}
        inputmode=${type}
        dir="ltr"
        .value=${current}
        aria-invalid=${!!this.errors.contact}
        aria-describedby="contact-msg"
        @input=${(e: Event) => {
          set(value(e));
          if (this.errors.contact) this.#clearError('contact');
        }}
      />
      ${this.#message('contact')}`;
  }

  #renderSchedule() {
    const bounds = scheduleBounds(Date.now());
    return html`<fieldset>
        <legend>${this.#t('whenLegend')}</legend>
        <label class="choice"><input type="radio" name="when" value="now" .checked=${!this.later} @change=${() => (this.later = false)} />${this.#t('now')}</label>
        <label class="choice"><input type="radio" name="when" value="later" .checked=${this.later} @change=${() => (this.later = true)} />${this.#t('later')}</label>
      </fieldset>
      ${this.later
        ? html`<label for="time">${this.#t('timeLabel', { zone: zoneName(this.#locale, localTimeZone()) })}</label>
            <input
              id="time"
              class="field"
              type="datetime-local"
              name="time"
              min=${bounds.min}
              max=${bounds.max}
              .value=${this.time}
              aria-invalid=${!!this.errors.time}
              aria-describedby="time-msg"
              @input=${(e: Event) => {
                this.time = value(e);
                this.#clearError('time');
              }}
            />
            ${this.#message('time')}`
        : nothing}`;
  }

  #renderConsent() {
    if (this.consent === 'off') return nothing;
    const text = html`<slot name="consent">${this.#t(this.type === 'whatsapp' ? 'consentWhatsapp' : 'consentSms')}</slot>`;
    if (this.consent === 'notice') return html`<p class="notice">${text}</p>`;
    return html`<label class="consent"
        ><input
          id="consent"
          type="checkbox"
          name="consent"
          .checked=${this.consented}
          aria-invalid=${!!this.errors.consent}
          aria-describedby="consent-msg"
          @change=${(e: Event) => {
            this.consented = (e.target as HTMLInputElement).checked;
            this.#clearError('consent');
          }}
        /><span>${text}</span></label
      >
      ${this.#message('consent')}`;
  }

  #message(field: Field) {
    return html`<p id="${field}-msg" class="msg" aria-live="polite">${this.errors[field] ?? ''}</p>`;
  }

  #clearError(field: Field): void {
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  #onType(event: Event): void {
    this.type = value(event) as ChannelType;
    this.#typeChosen = true;
    this.errors = {};
  }

  /** "Tue 25 Nov, 15:00" or "Tue, Nov 25, 3:00 PM": the visitor's own format. */
  #formatTime(time: string): string {
    return new Intl.DateTimeFormat(this.#locale, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(time));
  }

  /** Checks every field, shows the messages, and returns the request body when all are valid. */
  #validate(): ChatRequest | undefined {
    const errors: Partial<Record<Field, string>> = {};
    let contact = this.email.trim();
    if (this.type === 'email') {
      if (!isEmailAddress(contact)) errors.contact = this.#t('emailInvalid');
    } else {
      const phone = toE164(this.phone, this.region);
      if (phone.ok) contact = phone.e164;
      else errors.contact = this.#t(phoneMessages[phone.problem]);
      if (this.consent === 'required' && !this.consented) errors.consent = this.#t('consentNeeded');
    }
    let scheduleAt: string | null = null;
    if (this.later && this.schedule !== 'off') {
      const picked = parseSchedule(this.time, Date.now());
      if (picked.ok) scheduleAt = picked.iso;
      else errors.time = this.#t(timeMessages[picked.problem], { date: this.#formatTime(scheduleBounds(Date.now()).max) });
    }
    this.errors = errors;
    const first = (['contact', 'time', 'consent'] as const).find((f) => errors[f]);
    if (first) {
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus());
      return undefined;
    }
    return buildRequest({
      type: this.type,
      contact,
      scheduleAt,
      // A notice counts as consent on submit; with consent="off" the visitor was asked nothing.
      consent: this.type !== 'email' && (this.consented || this.consent === 'notice'),
      hp: this.honeypot,
      locale: this.#locale,
      timezone: localTimeZone(),
    });
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy) return;
    const body = this.#validate();
    if (body) void this.#send(body);
  }

  #retry(): void {
    if (this.#lastBody && !this.busy) void this.#send(this.#lastBody);
  }

  async #send(body: ChatRequest): Promise<void> {
    if (!emit(this, 'launcher-submit', body, true)) return;
    this.#lastBody = body;
    this.busy = true;
    this.failure = undefined;
    this.announcement = this.#t('sending');
    const outcome = await submitChat({ endpoint: this.endpoint, body, key: this.#keys.keyFor(body) });
    this.busy = false;
    if (outcome.ok) {
      this.done = { status: outcome.status, id: outcome.id, type: body.type, contact: body.contact, scheduleAt: outcome.scheduleAt };
      this.#keys.forget();
      emit(this, 'launcher-success', this.done);
      await this.updateComplete;
      this.announcement = this.renderRoot.querySelector('.done p')?.textContent?.trim() ?? '';
      this.#focusPanel();
      return;
    }
    const fieldError = !outcome.retryable && outcome.code === 'validation_failed' && fieldOf(outcome.field);
    const message = fieldError
      ? this.#t(fieldError === 'contact' ? (body.type === 'email' ? 'emailInvalid' : 'phoneInvalid') : fieldError === 'consent' ? 'consentNeeded' : 'timePast')
      : this.#t(errorMessages[outcome.code] ?? (outcome.retryable ? 'errorRetry' : 'errorRejected'), {
          when: formatWait(this.#locale, outcome.retryAfter ?? 60),
        });
    emit(this, 'launcher-error', { code: outcome.code, message, retryable: outcome.retryable });
    this.announcement = '';
    if (fieldError) {
      this.errors = { [fieldError]: message };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${fieldError}`)?.focus();
    } else {
      this.failure = { code: outcome.code, message, retryable: outcome.retryable };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part=error] button, #contact')?.focus();
    }
  }

  #startOver(): void {
    this.reset();
    this.updateComplete.then(() => this.#focusPanel());
  }
}

function value(event: Event): string {
  return (event.target as HTMLInputElement).value;
}

/** The form field a proxy `validation_failed` names, when the visitor can fix it there. */
function fieldOf(field: string | undefined): Field | undefined {
  return field === 'contact' || field === 'consent' ? field : field === 'schedule_at' ? 'time' : undefined;
}

function teaserDismissed(): boolean {
  try {
    return sessionStorage.getItem(TEASER_DISMISSED) === '1';
  } catch {
    return false;
  }
}
