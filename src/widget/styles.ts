// The element's only stylesheet: everything lives in the shadow root, themed by custom properties.
import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--launcher-accent, #1f5fd6);
    --_accent-text: var(--launcher-accent-text, #fff);
    --_bg: var(--launcher-background, #fff);
    --_text: var(--launcher-text, #1d2330);
    --_muted: color-mix(in srgb, var(--_text) 72%, var(--_bg));
    --_line: color-mix(in srgb, var(--_text) 45%, var(--_bg));
    --_danger: #b3261e;
    --_radius: var(--launcher-radius, 14px);
    --_offset: var(--launcher-offset, 20px);
    all: initial;
    position: fixed;
    z-index: var(--launcher-z-index, 2147483000);
    bottom: calc(var(--_offset) + env(safe-area-inset-bottom, 0px));
    right: calc(var(--_offset) + env(safe-area-inset-right, 0px));
    font: 15px/1.45 var(--launcher-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_text);
    color-scheme: light;
  }
  :host([position='bottom-left']) {
    right: auto;
    left: calc(var(--_offset) + env(safe-area-inset-left, 0px));
  }
  :host([mode='inline']) {
    position: relative;
    inset: auto;
    z-index: auto;
    display: block;
  }
  :host([theme='dark']) {
    --_bg: var(--launcher-background, #1b1e26);
    --_text: var(--launcher-text, #eef1f7);
    --_accent: var(--launcher-accent, #8fb4ff);
    --_accent-text: var(--launcher-accent-text, #0d1422);
    --_danger: #ffb4ab;
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bg: var(--launcher-background, #1b1e26);
      --_text: var(--launcher-text, #eef1f7);
      --_accent: var(--launcher-accent, #8fb4ff);
      --_accent-text: var(--launcher-accent-text, #0d1422);
      --_danger: #ffb4ab;
      color-scheme: dark;
    }
  }
  [hidden] {
    display: none !important;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .launcher {
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-text);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
    cursor: pointer;
  }
  .launcher svg,
  ::slotted([slot='icon']) {
    width: 26px;
    height: 26px;
  }
  .panel {
    position: fixed;
    box-sizing: border-box;
    width: min(var(--launcher-panel-width, 360px), calc(100vw - 16px));
    max-height: calc(100dvh - 100px);
    overflow: auto;
    padding: 20px;
    background: var(--_bg);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.28);
  }
  :host([mode='inline']) .panel {
    position: static;
    width: auto;
    max-height: none;
    box-shadow: none;
    border: 1px solid var(--_line);
  }
  .header {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: 12px;
  }
  h2 {
    margin: 0;
    font-size: 1.2em;
  }
  h3 {
    margin: 8px 0 4px;
    font-size: 1.05em;
  }
  p {
    margin: 4px 0 12px;
  }
  .muted {
    color: var(--_muted);
  }
  .icon-button {
    display: grid;
    place-items: center;
    width: 32px;
    height: 32px;
    margin: -6px -6px 0 0;
    border: 0;
    border-radius: 50%;
    background: none;
    cursor: pointer;
  }
  form {
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
  label {
    font-weight: 600;
    padding: 0;
  }
  legend {
    margin-bottom: 4px;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 6px 10px;
    border: 1px solid var(--_line);
    border-radius: 999px;
    font-weight: 500;
    cursor: pointer;
  }
  .choice:has(:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .choice input {
    margin: 0;
    accent-color: var(--_accent);
  }
  .field {
    box-sizing: border-box;
    width: 100%;
    min-height: 44px;
    padding: 8px 10px;
    border: 1px solid var(--_line);
    border-radius: 8px;
    background: var(--_bg);
  }
  .field[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .msg {
    margin: 0 0 6px;
    color: var(--_danger);
    font-size: 0.9em;
  }
  .msg:empty {
    display: none;
  }
  .consent {
    display: flex;
    gap: 8px;
    align-items: start;
    font-weight: 400;
    font-size: 0.88em;
  }
  .consent input {
    margin-top: 3px;
    width: 18px;
    height: 18px;
    accent-color: var(--_accent);
  }
  .notice {
    font-size: 0.88em;
  }
  .primary,
  .secondary {
    min-height: 44px;
    padding: 10px 16px;
    border-radius: 8px;
    font-weight: 600;
    cursor: pointer;
  }
  .primary {
    border: 0;
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .primary:disabled {
    opacity: 0.7;
    cursor: progress;
  }
  .secondary {
    border: 1px solid var(--_line);
    background: none;
  }
  .alert {
    margin-bottom: 8px;
    padding: 10px 12px;
    border-radius: 8px;
    border: 1px solid var(--_danger);
  }
  .alert p {
    margin: 0 0 8px;
  }
  .hp,
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .done:focus {
    outline: none;
  }
  .done svg {
    width: 36px;
    height: 36px;
    color: var(--_accent);
  }
  @media (max-width: 479px) {
    :host(:not([mode='inline'])) .panel {
      left: 0 !important;
      right: 0;
      top: auto !important;
      bottom: 0;
      width: 100%;
      max-height: 85dvh;
      border-radius: var(--_radius) var(--_radius) 0 0;
      padding-bottom: calc(20px + env(safe-area-inset-bottom, 0px));
    }
  }
  @media (max-width: 479px), (pointer: coarse) {
    .field {
      font-size: 16px;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .panel:not([hidden]) {
      animation: rise 0.16s ease-out;
    }
    @keyframes rise {
      from {
        opacity: 0;
        transform: translateY(8px);
      }
    }
  }
`;
