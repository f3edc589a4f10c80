// The panel: the form, its failures and its confirmation rendered from the form model, the
// visitor's input forwarded to it, and the panel kept beside its launcher (or as a sheet on
// phones). The element reaches all of this through this one module.
// Lit's templates from lit-html, never from 'lit': what the panel shares with the launcher becomes
// a chunk of its own in an app's bundle, evaluated before the app's entry, and LitElement must
// not be in it (its server-rendering hydration support has to run first).
import type { ReactiveController } from 'lit';
import { html, nothing } from 'lit-html';
import { isPhoneChannel, LIMITS, type ChannelType } from '../contract/constants.js';
import type { AgentChatLauncher } from './agent-chat-launcher.js';
import { pageAddress } from './environment.js';
import { emit } from './events.js';
import { FloatingController } from './floating.js';
import { find, focusFirst } from './focus.js';
import { confirmation, consentShown, CHANNEL_TEXT, FormModel, type Draft, type FormField, type FormSettings, type Message } from './form-model.js';
import { loadStrings, uiLanguage, zoneName, type StringKey } from './i18n.js';
import { checkIcon, closeIcon } from './icons.js';
import { channelList, countryOptions, preferredRegion, regionList, texts, uiLocale, type Texts } from './options.js';
import { localTimeZone, scheduleBounds } from './schedule.js';
import { panelStyles } from './panel-styles.js';
import { SheetController } from './sheet.js';
import { SubmissionKeys, submitChat } from './submit.js';

/** Placeholders whose values read left to right whatever the language: numbers and times. */
const LEFT_TO_RIGHT = new Set(['contact', 'time', 'date']);

/**
 * How long a panel that has arrived waits for its language before it shows in English. The two
 * are fetched one after the other on the visitor's intent, usually well before the click; past
 * this wait English shows, and the language replaces it when it comes. The draft lives in the
 * form model, not in the DOM, so nothing the visitor typed is lost when the texts change.
 */
const LANGUAGE_WAIT_MS = 1000;

/** The panel for `host` (the element imports this module when the visitor shows intent), once its language is there or LANGUAGE_WAIT_MS have passed. */
export async function createPanel(host: AgentChatLauncher): Promise<Panel> {
  const panel = new Panel(host);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([panel.languageLoaded, new Promise((resolve) => (timer = setTimeout(resolve, LANGUAGE_WAIT_MS)))]);
  clearTimeout(timer);
  return panel;
}

export class Panel implements ReactiveController {
  private readonly model = new FormModel(() => this.settings());
  private readonly keys = new SubmissionKeys();
  private readonly floating: FloatingController;
  private readonly sheet: SheetController;
  /** The texts of the last render. */
  private rendered?: Texts;
  /** The `country` attribute the draft's region last followed. */
  private country?: string;
  /** The UI language last asked for, and whether the panel was open at the last update. */
  private language?: string;
  private wasOpen = false;
  /** Settles when the UI language's texts arrived, or failed to (English then shows). */
  languageLoaded: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: AgentChatLauncher) {
    this.floating = new FloatingController(host);
    this.sheet = new SheetController(host);
    host.addController(this);
    // Opening again retries a failed language; a panel that arrives open has not been opened again.
    this.wasOpen = host.open;
    this.loadLanguage();
    // Constructable stylesheets: a strict CSP (no inline styles) allows them.
    const root = host.renderRoot as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, panelStyles.styleSheet!];
  }

  /** Fetches the texts of the UI language (once; `retry` asks again after a failed fetch), then renders with them. */
  private loadLanguage(retry = false): void {
    const language = uiLanguage(this.host.lang);
    if (language === this.language && !retry) return;
    this.language = language;
    this.languageLoaded = loadStrings(language).then(
      () => this.host.requestUpdate(),
      () => {}, // English shows; opening the panel again tries again.
    );
  }

  private settings(): FormSettings {
    const { channels, consent, schedule, lang } = this.host;
    return { channels: channelList(channels), consent, schedule, locale: uiLocale(lang), timezone: localTimeZone(), text: (key) => this.text.strings[key] };
  }

  /** Before each render: the draft follows the attributes (a changed `country` selects that country). */
  hostUpdate(): void {
    const { host } = this;
    const opened = host.open && !this.wasOpen;
    this.wasOpen = host.open;
    this.loadLanguage(opened);
    const regions = regionList(host.countries);
    this.model.sync(host.channel, regions, preferredRegion(host.country, regions), host.country !== this.country);
    this.country = host.country;
  }

  /** A UI text in the visitor's language, with its values filled in. */
  t(key: StringKey, values?: Record<string, string>): string {
    return this.text.t(key, values);
  }

  private get text(): Texts {
    return (this.rendered ??= texts(this.host.lang, this.host.strings, this.host.business));
  }

  /** Back to an empty form. */
  reset(): void {
    this.model.reset();
    this.keys.forget();
    this.host.requestUpdate();
  }

  /** Moves focus to the panel's start: the channel choice, else the heading (or the confirmation). */
  focus(): void {
    focusFirst(this.host.renderRoot, ...(this.model.done ? (['done'] as const) : (['choice', 'heading'] as const)));
  }

  hostUpdated(): void {
    const { host } = this;
    const root = host.renderRoot;
    const launcher = find(root, 'launcher');
    const panel = find(root, 'panel');
    if (host.open && host.mode !== 'inline' && launcher && panel) {
      // Out of the document (an update after removal) nothing can be shown: both controllers
      // take up the open panel again when the element comes back.
      if (host.isConnected) {
        // Align the panel's outer edge with the launcher's, whatever the writing direction.
        const rtl = getComputedStyle(panel).direction === 'rtl';
        if (this.sheet.open(panel as HTMLDialogElement)) this.floating.stop();
        else this.floating.start(launcher, panel, (host.position === 'bottom-left') !== rtl ? 'top-start' : 'top-end');
      }
    } else {
      this.floating.stop();
      this.sheet.close();
    }
    const target = this.model.focus;
    this.model.focus = undefined;
    if (target === 'start') this.focus();
    else if (target) focusFirst(root, target);
  }

  private change<K extends keyof Draft>(name: K, value: Draft[K]): void {
    this.model.set(name, value);
    this.host.requestUpdate();
  }

  private close = (): void => {
    this.host.hide();
    // After the update: the launcher is inert until the modal sheet has closed.
    this.host.updateComplete.then(() => find(this.host.renderRoot, 'launcher')?.focus());
  };

  private onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.host.mode !== 'inline' && this.host.open) {
      event.stopPropagation();
      this.close();
    }
  };

  private onSubmit = (event: Event): void => {
    event.preventDefault();
    if (this.model.sending) return;
    const { draft } = this.model;
    const shown = consentShown(draft.type, this.settings());
    const request = this.model.submit(Date.now(), { consentText: shown ? this.consentText(draft.type) : undefined, page: pageAddress(LIMITS.pageUrl) });
    this.host.requestUpdate();
    if (request) void this.send(request);
  };

  private retry = (): void => {
    if (this.model.request && !this.model.sending) void this.send(this.model.request);
  };

  private edit = (): void => {
    this.model.edit();
    this.keys.forget();
    this.host.requestUpdate();
  };

  private async send(request: NonNullable<FormModel['request']>): Promise<void> {
    const { host, model } = this;
    if (!emit(host, 'launcher-submit', request, true)) return;
    model.sent(request);
    host.requestUpdate();
    const outcome = await submitChat({ endpoint: host.endpoint, body: request, key: this.keys.keyFor(request) });
    const view = model.answered(outcome, Date.now());
    host.requestUpdate();
    if ('done' in view) {
      this.keys.forget();
      emit(host, 'launcher-success', view.done);
    } else {
      emit(host, 'launcher-error', { ...view.error, message: this.plain('field' in view ? view.message : view.failure.message) });
    }
  }

  /** The site's own text in a slot, whitespace as the visitor reads it; '' when the slot is not used. */
  private slotted(name: string): string {
    const nodes = [...this.host.children].filter((child) => child.slot === name);
    return nodes.map((node) => node.textContent).join(' ').replace(/\s+/g, ' ').trim();
  }

  /** The consent text exactly as shown: the site's slotted text, else the built-in one. */
  private consentText(type: ChannelType): string {
    const key = CHANNEL_TEXT[type].consent;
    return this.slotted('consent') || (key ? this.text.t(key) : '');
  }

  private plain({ key, values }: Message): string {
    return this.text.t(key, values);
  }

  /** A message with its numbers and times isolated left to right (and unbroken), so right-to-left text cannot reorder them. */
  private rich({ key, values = {} }: Message) {
    return this.text.strings[key].split(/\{(\w+)\}/).map((part, i) => {
      if (i % 2 === 0) return part;
      const value = part === 'business' ? this.text.business : values[part];
      if (value === undefined) return `{${part}}`;
      return LEFT_TO_RIGHT.has(part) ? html`<bdi dir="ltr">${value}</bdi>` : value;
    });
  }

  /** The panel, rendered (hidden while closed) as soon as it arrives: the click then only shows it. */
  render() {
    const { host, model } = this;
    const text = (this.rendered = texts(host.lang, host.strings, host.business));
    const inline = host.mode === 'inline';
    const announcement = (model.done && this.slotted('confirmation')) || model.announcement.map((m) => this.plain(m)).join(' ');
    const dir = text.rtl ? 'rtl' : nothing;
    const content = html`<div part="header" class="header">
        <h2 id="title" tabindex="-1"><slot name="header">${text.t('title')}</slot></h2>
        ${inline ? nothing : html`<button class="icon" type="button" aria-label=${text.t('close')} @click=${this.close}>${closeIcon}</button>`}
      </div>
      ${model.done ? this.renderDone() : this.renderForm()}
      <div class="hidden" aria-live="polite">${announcement}</div>`;
    // Floating, a <dialog>: a popover in the top layer on larger screens, a modal sheet on small ones.
    return inline
      ? html`<section id="panel" part="panel" class="panel" aria-labelledby="title" lang=${text.language} dir=${dir}>${content}</section>`
      : html`<dialog
          id="panel"
          part="panel"
          class="panel"
          popover="manual"
          aria-labelledby="title"
          lang=${text.language}
          dir=${dir}
          ?hidden=${!host.open}
          @keydown=${this.onKeydown}
        >
          ${content}
        </dialog>`;
  }

  private renderDone() {
    const { t } = this.text;
    return html`<div part="confirmation" class="done">
      ${checkIcon}
      <h3 id="done-title" tabindex="-1">${t('doneTitle')}</h3>
      <p><slot name="confirmation">${this.rich(confirmation(this.model.done!, uiLocale(this.host.lang)))}</slot></p>
      <button class="secondary" type="button" @click=${this.edit}>${t('different')}</button>
    </div>`;
  }

  // While sending, buttons are aria-disabled, never disabled: the focused one keeps focus (a
  // second activation is ignored), so focus never falls to the page and Escape still closes.
  private renderForm() {
    const { model } = this;
    const { t } = this.text;
    const { draft, failure, sending } = model;
    const channels = model.channels;
    return html`<p class="intro">${t('intro')}</p>
      <form part="form" novalidate @submit=${this.onSubmit} aria-busy=${sending}>
        ${failure
          ? html`<div part="error" class="alert" role="alert">
              <p><span class="hidden">${t('errorPrefix')} </span>${this.rich(failure.message)}</p>
              ${failure.retry
                ? html`<button id="retry" class="secondary" type="button" aria-disabled=${sending} @click=${this.retry}>${t('retry')}</button>`
                : nothing}
            </div>`
          : nothing}
        ${channels.length > 1
          ? html`<fieldset>
              <legend>${t('channelLegend')}</legend>
              ${channels.map(
                (c) => html`<label class="choice"
                  ><input type="radio" name="type" value=${c} .checked=${draft.type === c} @change=${() => this.change('type', c)} />${t(c)}</label
                >`,
              )}
            </fieldset>`
          : nothing}
        ${isPhoneChannel(draft.type) ? this.renderPhone() : this.renderEmail()} ${this.host.schedule === 'off' ? nothing : this.renderSchedule()}
        ${consentShown(draft.type, this.settings()) ? this.renderConsent(draft.type) : nothing}
        <div class="hidden" aria-hidden="true">
          <input name="website" tabindex="-1" autocomplete="off" .value=${draft.hp} @input=${(e: Event) => this.change('hp', value(e))} />
        </div>
        <button part="submit" class="primary" type="submit" aria-disabled=${sending}>
          ${t(sending ? 'sending' : 'submit')}
        </button>
      </form>`;
  }

  private renderPhone() {
    const { t } = this.text;
    const { draft } = this.model;
    const options = countryOptions(uiLocale(this.host.lang), regionList(this.host.countries));
    return html`<label for="country">${t('country')}</label>
      <select id="country" class="field" name="country" @change=${(e: Event) => this.change('region', value(e))}>
        ${options.map(({ region, label }) => html`<option value=${region} ?selected=${region === draft.region}>${label}</option>`)}
      </select>
      <label for="contact">${t('phoneLabel')}</label>
      ${this.contactInput('tel', draft.phone, (v) => this.change('phone', v))}`;
  }

  private renderEmail() {
    return html`<label for="contact">${this.text.t('emailLabel')}</label>
      ${this.contactInput('email', this.model.draft.email, (v) => this.change('email', v))}`;
  }

  private contactInput(kind: 'tel' | 'email', current: string, set: (v: string) => void) {
    return html`<input
        id="contact"
        part="input"
        class="field"
        type=${kind}
        name=${kind}
        autocomplete=${kind}
        inputmode=${kind}
        spellcheck="false"
        dir="ltr"
        .value=${current}
        aria-invalid=${!!this.model.errors.contact}
        aria-describedby="contact-msg"
        @input=${(e: Event) => set(value(e))}
      />
      ${this.fieldMessage('contact')}`;
  }

  private renderSchedule() {
    const { t } = this.text;
    const { draft, errors } = this.model;
    const locale = uiLocale(this.host.lang);
    const bounds = scheduleBounds(Date.now());
    return html`<fieldset>
        <legend>${t('whenLegend')}</legend>
        <label class="choice"><input type="radio" name="when" value="now" .checked=${!draft.later} @change=${() => this.change('later', false)} />${t('now')}</label>
        <label class="choice"><input type="radio" name="when" value="later" .checked=${draft.later} @change=${() => this.change('later', true)} />${t('later')}</label>
      </fieldset>
      ${draft.later
        ? html`<label for="schedule_at">${t('timeLabel', { zone: zoneName(locale, localTimeZone()) })}</label>
            <input
              id="schedule_at"
              class="field"
              type="datetime-local"
              name="schedule_at"
              lang=${locale}
              min=${bounds.min}
              max=${bounds.max}
              .value=${draft.schedule_at}
              aria-invalid=${!!errors.schedule_at}
              aria-describedby="schedule_at-msg"
              @input=${(e: Event) => this.change('schedule_at', value(e))}
            />
            ${this.fieldMessage('schedule_at')}`
        : nothing}`;
  }

  private renderConsent(type: ChannelType) {
    const { consent } = this.host;
    const key = CHANNEL_TEXT[type].consent;
    const text = html`<slot name="consent">${key ? this.rich({ key }) : nothing}</slot>`;
    if (consent === 'notice') return html`<p class="notice">${text}</p>`;
    return html`<label class="consent"
        ><input
          id="consent"
          type="checkbox"
          name="consent"
          .checked=${this.model.draft.consent}
          aria-invalid=${!!this.model.errors.consent}
          aria-describedby="consent-msg"
          @change=${(e: Event) => this.change('consent', (e.target as HTMLInputElement).checked)}
        /><span>${text}</span></label
      >
      ${this.fieldMessage('consent')}`;
  }

  /** A field's message, tied to it by aria-describedby; not a live region, since focus reads it. */
  private fieldMessage(field: FormField) {
    const error = this.model.errors[field];
    return html`<p id="${field}-msg" class="msg">${error ? [html`<span class="hidden">${this.text.t('errorPrefix')} </span>`, this.rich(error)] : nothing}</p>`;
  }
}

function value(event: Event): string {
  return (event.target as HTMLInputElement).value;
}
