// <agent-chat-launcher>: the element, its launcher and teaser, and every attribute, property,
// method and event. The panel (form, validation, submission, positioning) is a separate module
// fetched on the visitor's intent (pointer over, focus or touch of the launcher), on open, or at
// once inline: a page pays only for the launcher.
import { html, isServer, LitElement, nothing, type PropertyValues } from 'lit';
import { CHANNEL_TYPES } from '../contract/constants.js';
import { emit } from './events.js';
import type { StringKey, Strings } from './i18n.js';
import { chatIcon, closeIcon } from './icons.js';
import type { Panel } from './panel.js';
import { styles } from './styles.js';
import { TeaserController } from './teaser.js';
import { TopLayerController } from './top-layer.js';

/** The launcher's own texts until the panel brings the visitor's language (or `strings` overrides them). */
const LAUNCHER_TEXT = {
  launcher: 'Ask us to contact you',
  close: 'Close',
  retry: 'Try again',
  loadFailed: 'This could not be loaded. Please try again.',
} satisfies Partial<Strings>;

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
 * @cssprop --launcher-z-index - Stacking order of the launcher and panel in browsers without the Popover API (elsewhere they sit in the top layer, above the page).
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
  /** BCP 47 locale of the UI (38 languages, each fetched only when used); default the nearest of `<html lang>`, `navigator.languages`, `en`. */
  override lang = '';
  /** `light`, `dark` or `auto`. */
  theme: 'light' | 'dark' | 'auto' = 'light';
  /** The business named in consent and confirmation text; defaults to the page's host name. */
  business = '';
  /** Text of a small bubble shown beside the closed launcher after `teaser-delay` seconds. */
  teaser = '';
  /** Seconds before the teaser appears. */
  teaserDelay = 4;
  /** Overrides for any UI text. */
  strings: Partial<Strings> = {};

  readonly #teaser = new TeaserController(this);
  readonly #topLayer = new TopLayerController(this);
  #warned = false;
  /** The panel once its module has arrived. */
  #panel?: Panel;
  /** The panel's module on its way; cleared when it failed, so the next attempt fetches again. */
  #loading?: Promise<unknown>;
  #loadFailed = false;

  /** Opens the panel (as soon as it has arrived, when it is still on its way). */
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
    this.#panel?.reset();
  }

  /** Fetches the panel, once; a failed fetch is tried again on the next call (the failure shows until then). */
  #loadPanel(): void {
    // Rendered on a server, an inline or open element waits for the browser to fetch its panel.
    if (isServer) return;
    this.#loading ??= import('./panel.js').then(
      ({ createPanel }) => createPanel(this),
    ).then(
      (panel) => {
        this.#panel = panel;
        this.#loadFailed = false;
        this.requestUpdate();
        if (this.open) this.updateComplete.then(() => this.#panel?.focus());
      },
      () => {
        this.#loading = undefined;
        this.#loadFailed = true;
        this.requestUpdate();
      },
    );
  }

  #t(key: keyof typeof LAUNCHER_TEXT): string {
    return this.#panel?.t(key as StringKey) ?? this.strings[key] ?? LAUNCHER_TEXT[key];
  }

  // Runs on the server too (server-side rendering): nothing here may touch the DOM.
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.endpoint) {
      if (!this.#warned) console.error('<agent-chat-launcher>: the "endpoint" attribute is required (the URL of your proxy); nothing is shown without it.');
      this.#warned = true;
    } else if (this.open || this.mode === 'inline') {
      // Opening (or going inline) is an attempt; re-rendering after a failed one is not.
      if (changed.has('open') || changed.has('mode') || changed.has('endpoint')) this.#loadPanel();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The first render reflects the initial state; only later changes are open/close events.
    if (changed.has('open') && changed.get('open') !== undefined) {
      emit(this, this.open ? 'launcher-open' : 'launcher-close', {});
      if (this.open) (this.#panel ?? this.renderRoot.querySelector<HTMLElement>('.panel button'))?.focus();
    }
  }

  constructor() {
    super();
    this.addEventListener('keydown', this.#onKeydown);
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.mode !== 'inline' && this.open) {
      event.stopPropagation();
      this.hide();
      // After the update: the launcher is inert until the modal sheet has closed.
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus());
    }
  };

  override render() {
    if (!this.endpoint) return nothing;
    const inline = this.mode === 'inline';
    // Passive: a touch listener must never hold up the page's scrolling.
    const intent = { handleEvent: () => this.#loadPanel(), passive: true };
    return html`${this.#teaser.shown && !this.open && !inline
        ? html`<div part="teaser" class="teaser" popover="manual">
            <button type="button" @click=${this.show}>${this.teaser}</button>
            <button class="icon" type="button" aria-label=${this.#t('close')} @click=${() => this.#teaser.dismiss()}>${closeIcon}</button>
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
            popover="manual"
            @click=${this.toggle}
            @pointerover=${intent}
            @focus=${intent}
            @touchstart=${intent}
          >
            <slot name="icon">${chatIcon}</slot>${closeIcon}
          </button>`}
      ${this.#panel ? this.#panel.render() : this.#loadFailed && (inline || this.open) ? this.#renderLoadFailed(inline) : nothing}`;
  }

  /** The panel's stand-in when its file could not be fetched: a calm message and a way to try again. */
  #renderLoadFailed(inline: boolean) {
    return html`<section id="panel" part="panel" class="panel failed" role=${inline ? nothing : 'dialog'} popover=${inline ? nothing : 'manual'} aria-label=${this.#t('launcher')}>
      <p part="error" role="alert">${this.#t('loadFailed')}</p>
      <button class="secondary" type="button" @click=${this.#loadPanel}>${this.#t('retry')}</button>
    </section>`;
  }
}
