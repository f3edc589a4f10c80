// The panel: the form, its validation, submission, confirmation and positioning. It arrives after
// the launcher (on the visitor's intent, on open, or at once inline): the element imports this
// module with a dynamic import(), so none of it costs a page whose visitor never opens it.
import { html, nothing, svg, type ReactiveController } from 'lit';
import { CHANNEL_TYPES, isEmailAddress, type ChannelType } from '../contract/constants.js';
import type { ChatRequest } from '../contract/schemas.js';
import type { AgentChatLauncher } from './agent-chat-launcher.js';
import { emit, type LauncherErrorDetail, type LauncherSuccessDetail } from './events.js';
import { FloatingController } from './floating.js';
import { en, format, formatWait, isRtl, loadStrings, uiLanguage, zoneName, type Language, type StringKey, type Strings } from './i18n.js';
import { allRegions, formatE164, regionOfLocale, toE164, type PhoneProblem } from './phone.js';
import { localTimeZone, parseSchedule, scheduleBounds, type ScheduleProblem } from './schedule.js';
import { SheetController } from './sheet.js';
import { panelStyles } from './panel-styles.js';
import { buildRequest, SubmissionKeys, submitChat } from './submit.js';

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

/**
 * How long a panel that has arrived waits for its language before it shows in English. The two
 * are fetched one after the other on the visitor's intent, usually well before the click; past
 * this wait English shows, and the language replaces it when it comes. The draft lives here, not
 * in the DOM, so nothing the visitor typed is lost when the texts change.
 */
const LANGUAGE_WAIT_MS = 1000;

const closeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M6 6l12 12M18 6 6 18"/></svg>`;
const checkIcon = svg`<svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="m7 12 3.5 3.5L17 9"/></svg>`;

/** The panel for `host`, once its language is there or LANGUAGE_WAIT_MS have passed. */
export async function createPanel(host: AgentChatLauncher): Promise<Panel> {
  const panel = new Panel(host);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([panel.languageLoaded, new Promise((resolve) => (timer = setTimeout(resolve, LANGUAGE_WAIT_MS)))]);
  clearTimeout(timer);
  return panel;
}

/** The panel of one element: its draft, its template and its lifecycle work (as a controller). */
// Template event listeners run with the element as `this`, so the panel's listeners are arrow functions.
export class Panel implements ReactiveController {
  readonly #host: AgentChatLauncher;
  #type: ChannelType = 'phone';
  #phone = '';
  #email = '';
  #region = '';
  #consented = false;
  #later = false;
  #time = '';
  #honeypot = '';
  #errors: Partial<Record<Field, string>> = {};
  #busy = false;
  #failure?: LauncherErrorDetail;
  #done?: LauncherSuccessDetail;
  #announcement = '';
  readonly #floating: FloatingController;
  readonly #sheet: SheetController;
  readonly #keys = new SubmissionKeys();
  #lastBody?: ChatRequest;
  #typeChosen = false;
  #country?: string;
  #options?: [key: string, options: { r: string; label: string }[]];
  /** The language asked for, and the one whose texts show (English until it arrives). */
  #wanted?: Language;
  #shown: Language = 'en';
  #strings: Strings = en;
  /** Settles when the wanted language's texts arrived, or failed to (English then stays). */
  languageLoaded: Promise<unknown> = Promise.resolve();
  #wasOpen = false;

  constructor(host: AgentChatLauncher) {
    this.#host = host;
    this.#floating = new FloatingController(host);
    this.#sheet = new SheetController(host);
    host.addController(this);
    // Opening again retries a failed language; a panel that arrives open has not been opened again.
    this.#wasOpen = host.open;
    this.#loadLanguage();
    // Constructable stylesheets: a strict CSP (no inline styles) allows them.
    const root = host.renderRoot as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, panelStyles.styleSheet!];
  }

  /** Re-renders the element after a change of the draft. */
  #changed(): void {
    this.#host.requestUpdate();
  }

  /** Clears the form and any confirmation, back to an empty form. */
  reset(): void {
    [this.#phone, this.#email, this.#time, this.#honeypot] = ['', '', '', ''];
    [this.#consented, this.#later, this.#busy, this.#typeChosen] = [false, false, false, false];
    this.#errors = {};
    this.#failure = this.#done = this.#lastBody = undefined;
    this.#keys.forget();
    this.#changed();
  }

  /** The visitor's locale, for numbers, dates and country names. */
  get #locale(): string {
    return this.#host.lang || document.documentElement.lang || navigator.language || 'en';
  }

  /** Fetches the texts of the element's UI language; `retry` asks again after a failed fetch. */
  #loadLanguage(retry = false): void {
    const wanted = uiLanguage(this.#host.lang);
    if (wanted === this.#wanted && (!retry || wanted === this.#shown)) return;
    this.#wanted = wanted;
    this.languageLoaded = loadStrings(wanted).then(
      (strings) => {
        if (this.#wanted !== wanted) return;
        [this.#shown, this.#strings] = [wanted, strings];
        this.#changed();
      },
      // English stays; opening the panel again tries again.
      () => {},
    );
  }

  /** A UI text in the visitor's language, with the element's `strings` overrides. */
  t(key: StringKey, values: Record<string, string | number> = {}): string {
    return format({ ...this.#strings, ...this.#host.strings }[key], { business: this.#host.business || location.hostname, ...values });
  }

  get #channelList(): ChannelType[] {
    const listed = this.#host.channels.split(',').map((c) => c.trim()) as ChannelType[];
    const valid = [...new Set(listed.filter((c) => CHANNEL_TYPES.includes(c)))];
    return valid.length ? valid : [...CHANNEL_TYPES];
  }

  get #regionList(): string[] {
    const all = allRegions();
    const wanted = this.#host.countries.toUpperCase().split(',').map((c) => c.trim()).filter((c) => all.has(c));
    return wanted.length ? wanted : [...all.keys()];
  }

  hostUpdate(): void {
    const host = this.#host;
    const opened = host.open && !this.#wasOpen;
    this.#wasOpen = host.open;
    this.#loadLanguage(opened);
    const channels = this.#channelList;
    if (!this.#typeChosen || !channels.includes(this.#type)) {
      this.#type = channels.includes(host.channel as ChannelType) ? (host.channel as ChannelType) : channels[0];
    }
    const regions = this.#regionList;
    if (!regions.includes(this.#region) || this.#country !== host.country) {
      this.#country = host.country;
      const preferred = [host.country.toUpperCase(), regionOfLocale(navigator.language), 'US'];
      this.#region = preferred.find((r) => r && regions.includes(r)) ?? regions[0];
    }
  }

  hostUpdated(): void {
    const host = this.#host;
    const launcher = host.renderRoot.querySelector<HTMLElement>('.launcher');
    const panel = host.renderRoot.querySelector<HTMLElement>('.panel');
    if (host.open && host.mode !== 'inline' && launcher && panel) {
      // Align the panel's outer edge with the launcher's, whatever the writing direction.
      const rtl = getComputedStyle(panel).direction === 'rtl';
      this.#floating.start(launcher, panel, (host.position === 'bottom-left') !== rtl ? 'top-start' : 'top-end');
      this.#sheet.open(panel);
    } else {
      this.#floating.stop();
      this.#sheet.close();
    }
  }

  /** Moves focus into the open panel. */
  focus(): void {
    this.#host.renderRoot.querySelector<HTMLElement>(this.#done ? '.done' : '#contact')?.focus();
  }

  #close = (): void => {
    this.#host.hide();
    this.#host.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  };

  /** The panel, rendered (hidden while closed) as soon as it arrives: the click then only shows it. */
  render() {
    const host = this.#host;
    const inline = host.mode === 'inline';
    const language = this.#shown;
    const dir = isRtl(language) ? 'rtl' : nothing;
    return html`<section
      id="panel"
      part="panel"
      class="panel"
      role=${inline ? nothing : 'dialog'}
      aria-labelledby="title"
      lang=${language}
      dir=${dir}
      ?hidden=${!inline && !host.open}
    >
      <div part="header" class="header">
        <h2 id="title"><slot name="header">${this.t('title')}</slot></h2>
        ${inline ? nothing : html`<button class="icon" type="button" aria-label=${this.t('close')} @click=${this.#close}>${closeIcon}</button>`}
      </div>
      ${this.#done ? this.#renderDone(this.#done) : this.#renderForm()}
      <div class="hidden" aria-live="polite">${this.#announcement}</div>
    </section>`;
  }

  #renderDone(done: LauncherSuccessDetail) {
    const contact = done.type === 'email' ? done.contact : formatE164(done.contact);
    const when = done.scheduleAt ? this.#formatTime(done.scheduleAt) : '';
    return html`<div part="confirmation" class="done" tabindex="-1">
      ${checkIcon}
      <p><slot name="confirmation">${this.t(when ? 'doneLater' : 'doneNow', { contact, time: when })}</slot></p>
      <button class="secondary" type="button" @click=${this.#startOver}>${this.t('different')}</button>
    </div>`;
  }

  #renderForm() {
    const channels = this.#channelList;
    const isPhone = this.#type !== 'email';
    return html`<form part="form" novalidate @submit=${this.#onSubmit} aria-busy=${this.#busy}>
      ${this.#failure
        ? html`<div part="error" class="alert" role="alert">
            <p>${this.#failure.message}</p>
            ${this.#failure.retryable
              ? html`<button class="secondary" type="button" @click=${this.#retry} ?disabled=${this.#busy}>${this.t('retry')}</button>`
              : nothing}
          </div>`
        : nothing}
      ${channels.length > 1
        ? html`<fieldset>
            <legend>${this.t('channelLegend')}</legend>
            ${channels.map(
              (c) => html`<label class="choice"
                ><input type="radio" name="type" value=${c} .checked=${this.#type === c} @change=${this.#onType} />${this.t(c)}</label
              >`,
            )}
          </fieldset>`
        : nothing}
      ${isPhone ? this.#renderPhone() : this.#renderEmail()}
      ${this.#host.schedule === 'off' ? nothing : this.#renderSchedule()} ${isPhone ? this.#renderConsent() : nothing}
      <div class="hidden" aria-hidden="true">
        <input name="website" tabindex="-1" autocomplete="off" .value=${this.#honeypot} @input=${(e: Event) => (this.#honeypot = value(e))} />
      </div>
      <button part="submit" class="primary" type="submit" ?disabled=${this.#busy}>
        ${this.#busy ? this.t('sending') : this.t('submit')}
      </button>
    </form>`;
  }

  /** The country options, named in the visitor's language and sorted: built once per locale. */
  #countryOptions(): { r: string; label: string }[] {
    const key = this.#locale + this.#host.countries;
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
    return html`<label for="country">${this.t('country')}</label>
      <select id="country" class="field" name="country" @change=${(e: Event) => (this.#region = value(e))}>
        ${options.map(({ r, label }) => html`<option value=${r} ?selected=${r === this.#region}>${label}</option>`)}
      </select>
      <label for="contact">${this.t('phoneLabel')}</label>
      ${this.#contactInput('tel', 'tel', this.#phone, (v) => (this.#phone = v))}`;
  }

  #renderEmail() {
    return html`<label for="contact">${this.t('emailLabel')}</label>
      ${this.#contactInput('email', 'email', this.#email, (v) => (this.#email = v))}`;
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
        aria-invalid=${!!this.#errors.contact}
        aria-describedby="contact-msg"
        @input=${(e: Event) => {
          set(value(e));
          if (this.#errors.contact) this.#clearError('contact');
        }}
      />
      ${this.#message('contact')}`;
  }

  #renderSchedule() {
    const bounds = scheduleBounds(Date.now());
    const setLater = (later: boolean) => {
      this.#later = later;
      this.#changed();
    };
    return html`<fieldset>
        <legend>${this.t('whenLegend')}</legend>
        <label class="choice"><input type="radio" name="when" value="now" .checked=${!this.#later} @change=${() => setLater(false)} />${this.t('now')}</label>
        <label class="choice"><input type="radio" name="when" value="later" .checked=${this.#later} @change=${() => setLater(true)} />${this.t('later')}</label>
      </fieldset>
      ${this.#later
        ? html`<label for="time">${this.t('timeLabel', { zone: zoneName(this.#locale, localTimeZone()) })}</label>
            <input
              id="time"
              class="field"
              type="datetime-local"
              name="time"
              min=${bounds.min}
              max=${bounds.max}
              .value=${this.#time}
              aria-invalid=${!!this.#errors.time}
              aria-describedby="time-msg"
              @input=${(e: Event) => {
                this.#time = value(e);
                this.#clearError('time');
              }}
            />
            ${this.#message('time')}`
        : nothing}`;
  }

  #renderConsent() {
    const consent = this.#host.consent;
    if (consent === 'off') return nothing;
    const text = html`<slot name="consent">${this.t(this.#type === 'whatsapp' ? 'consentWhatsapp' : 'consentSms')}</slot>`;
    if (consent === 'notice') return html`<p class="notice">${text}</p>`;
    return html`<label class="consent"
        ><input
          id="consent"
          type="checkbox"
          name="consent"
          .checked=${this.#consented}
          aria-invalid=${!!this.#errors.consent}
          aria-describedby="consent-msg"
          @change=${(e: Event) => {
            this.#consented = (e.target as HTMLInputElement).checked;
            this.#clearError('consent');
          }}
        /><span>${text}</span></label
      >
      ${this.#message('consent')}`;
  }

  #message(field: Field) {
    return html`<p id="${field}-msg" class="msg" aria-live="polite">${this.#errors[field] ?? ''}</p>`;
  }

  #clearError(field: Field): void {
    if (this.#errors[field]) this.#errors = { ...this.#errors, [field]: undefined };
    this.#changed();
  }

  #onType = (event: Event): void => {
    this.#type = value(event) as ChannelType;
    this.#typeChosen = true;
    this.#errors = {};
    this.#changed();
  };

  /** "Tue 25 Nov, 15:00" or "Tue, Nov 25, 3:00 PM": the visitor's own format. */
  #formatTime(time: string): string {
    return new Intl.DateTimeFormat(this.#locale, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(time));
  }

  /** Checks every field, shows the messages, and returns the request body when all are valid. */
  #validate(): ChatRequest | undefined {
    const errors: Partial<Record<Field, string>> = {};
    const consent = this.#host.consent;
    let contact = this.#email.trim();
    if (this.#type === 'email') {
      if (!isEmailAddress(contact)) errors.contact = this.t('emailInvalid');
    } else {
      const phone = toE164(this.#phone, this.#region);
      if (phone.ok) contact = phone.e164;
      else errors.contact = this.t(phoneMessages[phone.problem]);
      if (consent === 'required' && !this.#consented) errors.consent = this.t('consentNeeded');
    }
    let scheduleAt: string | null = null;
    if (this.#later && this.#host.schedule !== 'off') {
      const picked = parseSchedule(this.#time, Date.now());
      if (picked.ok) scheduleAt = picked.iso;
      else errors.time = this.t(timeMessages[picked.problem], { date: this.#formatTime(scheduleBounds(Date.now()).max) });
    }
    this.#errors = errors;
    this.#changed();
    const first = (['contact', 'time', 'consent'] as const).find((f) => errors[f]);
    if (first) {
      this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus());
      return undefined;
    }
    return buildRequest({
      type: this.#type,
      contact,
      scheduleAt,
      // A notice counts as consent on submit; with consent="off" the visitor was asked nothing.
      consent: this.#type !== 'email' && (this.#consented || consent === 'notice'),
      hp: this.#honeypot,
      locale: this.#locale,
      timezone: localTimeZone(),
    });
  }

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    if (this.#busy) return;
    const body = this.#validate();
    if (body) void this.#send(body);
  };

  #retry = (): void => {
    if (this.#lastBody && !this.#busy) void this.#send(this.#lastBody);
  };

  async #send(body: ChatRequest): Promise<void> {
    const host = this.#host;
    if (!emit(host, 'launcher-submit', body, true)) return;
    this.#lastBody = body;
    this.#busy = true;
    this.#failure = undefined;
    this.#announcement = this.t('sending');
    this.#changed();
    const outcome = await submitChat({ endpoint: host.endpoint, body, key: this.#keys.keyFor(body) });
    this.#busy = false;
    this.#changed();
    if (outcome.ok) {
      this.#done = { status: outcome.status, id: outcome.id, type: body.type, contact: body.contact, scheduleAt: outcome.scheduleAt };
      this.#keys.forget();
      emit(host, 'launcher-success', this.#done);
      await host.updateComplete;
      this.#announcement = host.renderRoot.querySelector('.done p')?.textContent?.trim() ?? '';
      this.#changed();
      this.focus();
      return;
    }
    const fieldError = !outcome.retryable && outcome.code === 'validation_failed' && fieldOf(outcome.field);
    const message = fieldError
      ? this.t(fieldError === 'contact' ? (body.type === 'email' ? 'emailInvalid' : 'phoneInvalid') : fieldError === 'consent' ? 'consentNeeded' : 'timePast')
      : this.t(errorMessages[outcome.code] ?? (outcome.retryable ? 'errorRetry' : 'errorRejected'), {
          when: formatWait(this.#locale, outcome.retryAfter ?? 60),
        });
    emit(host, 'launcher-error', { code: outcome.code, message, retryable: outcome.retryable });
    this.#announcement = '';
    if (fieldError) {
      this.#errors = { [fieldError]: message };
      this.#changed();
      await host.updateComplete;
      host.renderRoot.querySelector<HTMLElement>(`#${fieldError}`)?.focus();
    } else {
      this.#failure = { code: outcome.code, message, retryable: outcome.retryable };
      this.#changed();
      await host.updateComplete;
      host.renderRoot.querySelector<HTMLElement>('[part=error] button, #contact')?.focus();
    }
  }

  #startOver = (): void => {
    this.reset();
    this.#host.updateComplete.then(() => this.focus());
  };
}

function value(event: Event): string {
  return (event.target as HTMLInputElement).value;
}

/** The form field a proxy `validation_failed` names, when the visitor can fix it there. */
function fieldOf(field: string | undefined): Field | undefined {
  return field === 'contact' || field === 'consent' ? field : field === 'schedule_at' ? 'time' : undefined;
}
