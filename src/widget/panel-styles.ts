// The panel's stylesheet: it arrives with the panel, which adds it to the shadow root
// (the host, launcher and the panel's box are in styles.ts, which comes with the launcher);
// the phone sheet and the opening animation are here: the load-failure box needs neither.
import { css } from 'lit';

/** The inside of the panel: the form, its messages and the confirmation. */
export const panelStyles = css`
  .header,
  .consent {
    display: flex;
    align-items: start;
    gap: 8px;
  }
  h2 {
    flex: 1;
    margin: 0 0 12px;
    font-size: 1.2em;
  }
  form,
  .done {
    display: grid;
    gap: 6px;
  }
  fieldset {
    margin: 0 0 6px;
    padding: 0;
    border: 0;
    display: flex;
    flex-wrap: wrap;
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
    gap: 6px;
    padding: 6px 10px;
    border: 1px solid var(--_l);
    border-radius: 99px;
    font-weight: 400;
  }
  .choice:has(:checked) {
    border-color: var(--_a);
    box-shadow: inset 0 0 0 1px var(--_a);
  }
  .field {
    box-sizing: border-box;
    width: 100%;
    min-height: 44px;
    padding: 8px 10px;
    border: 1px solid var(--_l);
    border-radius: 8px;
    background: var(--_bg);
  }
  [aria-invalid='true'] {
    border-color: var(--_e);
  }
  .msg {
    margin: 0 0 6px;
    color: var(--_e);
  }
  .msg:empty {
    display: none;
  }
  .consent,
  .notice {
    font-weight: 400;
    font-size: 0.9em;
  }
  .primary {
    min-height: 44px;
    padding: 10px 16px;
    border-radius: 8px;
    font-weight: 600;
    background: var(--_a);
    color: var(--_at);
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
  @media (max-width: 479px), (pointer: coarse) {
    .field {
      font-size: 16px;
    }
  }
  @media (max-width: 479px) {
    :host(:not([mode='inline'])) .panel {
      left: 0 !important;
      top: auto !important;
      bottom: 0;
      width: 100%;
      max-height: 85dvh;
      border-radius: var(--_r) var(--_r) 0 0;
      padding-bottom: calc(20px + env(safe-area-inset-bottom, 0px));
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
  }
`;
