// The panel's stylesheet: it arrives with the panel, which adds it to the shadow root
// (the host, launcher and the panel's box are in styles.ts, which comes with the launcher);
// the phone sheet, the scrolling panel and the opening animation are here: the load-failure box
// needs none of them.
// Not from 'lit', whose LitElement must stay out of what the panel shares (panel.ts says why).
import { css } from '@lit/reactive-element/css-tag.js';

/** The inside of the panel: the form, its messages and the confirmation; the sheet. */
export const panelStyles = css`
  .panel {
    display: block;
    max-width: none;
    /* Above the launcher, leaving the page's top (its navigation) in view. */
    max-height: max(200px, 100dvh - var(--_y) - 152px);
    overflow: auto;
    overscroll-behavior: contain;
    padding-top: 0;
    scroll-padding-top: 72px;
  }
  /* Inline: in the page's flow, no scroller of its own, so nothing sticks. */
  :host([mode='inline']) .panel {
    max-width: 32em;
    max-height: none;
  }
  :host([mode='inline']) .header {
    position: static;
  }
  .header {
    position: sticky;
    top: 0;
    z-index: 1;
    margin: 0 -20px 4px;
    padding: 20px 20px 8px;
    background: var(--_bg);
  }
  .header,
  .consent {
    display: flex;
    align-items: start;
    gap: 8px;
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 1.2em;
  }
  form,
  .done {
    display: grid;
    gap: 6px;
  }
  fieldset {
    margin: 0 0 8px;
    padding: 0;
    border: 0;
    display: grid;
    /* As wide as the longest built-in label ("Text message"), so no label wraps. */
    grid-template-columns: repeat(auto-fit, minmax(10em, 1fr));
    gap: 6px;
  }
  legend,
  label,
  h3 {
    font-weight: 600;
    padding: 0;
    margin: 0 0 4px;
    font-size: 1em;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 40px;
    box-sizing: border-box;
    margin: 0;
    padding: 6px 12px;
    border: 1px solid var(--_l);
    border-radius: 99px;
    font-weight: 400;
  }
  .choice input {
    flex: none;
    margin: 0;
  }
  .choice:has(:checked) {
    border-color: var(--_a);
    box-shadow: inset 0 0 0 1px var(--_a);
  }
  .field {
    box-sizing: border-box;
    width: 100%;
    min-height: 44px;
    margin-bottom: 8px;
    padding: 8px 10px;
    border: 1px solid var(--_l);
    border-radius: 8px;
    background: var(--_bg);
  }
  [aria-invalid='true'] {
    border-color: var(--_e);
  }
  .msg {
    margin: -4px 0 8px;
    color: var(--_e);
  }
  .msg:empty {
    display: none;
  }
  /* A sign beside every error, not only its colour (colour-blind and high-contrast visitors). */
  .msg::before,
  .alert p::before {
    content: '⚠\\fe0e\\a0' / '';
  }
  .consent,
  .notice {
    font-weight: 400;
    font-size: 14px;
  }
  .consent input {
    flex: none;
    margin: 0.2em 0 0;
  }
  .primary {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 10px;
    min-height: 44px;
    padding: 10px 16px;
    border: 1px solid transparent;
    border-radius: 8px;
    font-weight: 600;
    background: var(--_a);
    color: var(--_at);
  }
  /* Sending: a deeper shade and a spinner (a still ring when motion is unwelcome). */
  [aria-busy='true'] .primary {
    background: color-mix(in srgb, var(--_a) 75%, var(--_t));
  }
  [aria-busy='true'] .primary::before {
    content: '';
    width: 1em;
    height: 1em;
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
  }
  .alert {
    border: 1px solid var(--_e);
    margin-bottom: 8px;
    padding: 10px;
    border-radius: 8px;
  }
  .alert p,
  p {
    margin: 0 0 8px;
  }
  .done > svg {
    color: light-dark(#1a7f37, #7ee2a0);
  }
  .hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  /* Headings take focus only to start the reader there: no ring, they are not controls. */
  [tabindex='-1']:focus {
    outline: none;
  }
  /* Numbers and times in messages: isolated left to right (in the markup) and never broken. */
  bdi {
    white-space: nowrap;
  }
  /* The modal sheet on phones and short viewports (see SHEET_QUERY in sheet.ts). */
  .panel:modal {
    inset: auto 0 0;
    width: 100%;
    max-height: 92dvh;
    border-width: 1px 0 0;
    border-radius: var(--_r) var(--_r) 0 0;
    padding-bottom: calc(20px + env(safe-area-inset-bottom, 0px));
  }
  .panel:modal::backdrop {
    background: #0009;
  }
  /* The grabber: says "this is a sheet" at a glance. */
  .panel:modal .header {
    padding-top: 24px;
    touch-action: none;
  }
  .panel:modal .header::before {
    content: '';
    position: absolute;
    top: 8px;
    inset-inline: 0;
    margin: auto;
    width: 40px;
    height: 4px;
    border-radius: 2px;
    background: var(--_l);
  }
  @media (max-width: 479px), (pointer: coarse) {
    .field {
      font-size: 16px;
    }
  }
  @media (forced-colors: active) {
    .choice:has(:checked) {
      border: 2px solid Highlight;
    }
    /* The spinner's gap is what shows it turning: forced colours would paint it in. */
    [aria-busy='true'] .primary::before {
      forced-color-adjust: none;
      border-color: ButtonText;
      border-inline-end-color: transparent;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .panel {
      transition: opacity 0.15s, translate 0.15s;
      @starting-style {
        opacity: 0;
        translate: 0 8px;
      }
    }
    [aria-busy='true'] .primary::before {
      animation: spin 0.8s linear infinite;
    }
  }
  @keyframes spin {
    to {
      rotate: 1turn;
    }
  }
`;
