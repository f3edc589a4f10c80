// The element's stylesheets: everything lives in the shadow root, themed by custom properties.
// These come with the launcher; the panel brings its own (panel-styles.ts) when it arrives.
// Logical properties (inline-start/end) make right-to-left layouts mirror by themselves.
// Host-page rules on the element itself lose to the !important ones of :host (important rules
// of a shadow tree win), and the element's own box is none: launcher, teaser and panel place themselves.
// Borders that look transparent are there for forced colours (Windows high contrast), which paint them.
import { css } from 'lit';

/** The host, the launcher, the teaser and the panel's box (also the box of its load-failure message). */
export const styles = css`
  :host {
    --_a: var(--launcher-accent, light-dark(#1f5fd6, #8fb4ff));
    --_at: var(--launcher-accent-text, light-dark(#fff, #0d1422));
    --_bg: var(--launcher-background, light-dark(#fff, #1b1e26));
    --_t: var(--launcher-text, light-dark(#1d2330, #eef1f7));
    /* Edges of inputs and choices: at least 3:1 against the panel in both themes. */
    --_l: color-mix(in srgb, var(--_t) 58%, var(--_bg));
    --_e: light-dark(#b3261e, #ffb4ab);
    --_r: var(--launcher-radius, 14px);
    --_o: var(--launcher-offset, 20px);
    --_x: calc(var(--_o) + env(safe-area-inset-right, 0px));
    --_y: calc(var(--_o) + env(safe-area-inset-bottom, 0px));
    all: initial !important;
    display: contents !important;
    font: 15px/1.45 var(--launcher-font, system-ui, sans-serif) !important;
    color: var(--_t) !important;
    color-scheme: light !important;
  }
  :host([theme='auto']) {
    color-scheme: light dark !important;
  }
  :host([theme='dark']) {
    color-scheme: dark !important;
  }
  :host([position='bottom-left']) {
    --_x: calc(var(--_o) + env(safe-area-inset-left, 0px));
  }
  :host([mode='inline']) {
    display: block !important;
  }
  [hidden] {
    display: none !important;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
    accent-color: var(--_a);
  }
  button {
    cursor: pointer;
    border: 0;
    background: none;
  }
  :focus-visible {
    outline: 3px solid var(--_a);
    outline-offset: 2px;
  }
  /* In the top layer (popover) the z-index is moot; it stays for browsers without popovers. */
  .launcher,
  .teaser,
  .panel {
    position: fixed;
    z-index: var(--launcher-z-index, 2147483000);
    inset: auto;
    margin: 0;
    padding: 0;
    box-sizing: border-box;
    color: var(--_t);
  }
  .launcher,
  .teaser {
    bottom: var(--_y);
    right: var(--_x);
  }
  :host([position='bottom-left']) :is(.launcher, .teaser) {
    right: auto;
    left: var(--_x);
  }
  .launcher {
    display: grid;
    place-items: center;
    width: 60px;
    height: 60px;
    border-radius: 50%;
    /* A ring of the text colour: on light and dark pages alike one of ring and fill stands out (3:1). */
    border: 2px solid var(--_at);
    background: var(--_a);
    color: var(--_at);
    box-shadow: 0 4px 14px #0004;
  }
  /* While open, the launcher shows a close icon instead of its own. The pointer is always on the
     button itself: an icon swapped under a still pointer is not a new pointerover (intent). */
  .launcher > * {
    pointer-events: none;
  }
  .launcher > svg,
  .launcher[aria-expanded='true'] > slot {
    display: none;
  }
  .launcher[aria-expanded='true'] > svg {
    display: block;
  }
  .panel,
  .teaser {
    background: var(--_bg);
    border: 1px solid transparent;
    border-radius: var(--_r);
    box-shadow: 0 12px 40px #0005;
  }
  .panel {
    width: min(var(--launcher-panel-width, 360px), 100vw - 16px);
    padding: 20px;
  }
  :host([mode='inline']) .panel {
    position: static;
    width: auto;
    box-shadow: none;
    border-color: var(--_l);
  }
  .teaser {
    margin-bottom: 72px;
    display: flex;
    width: max-content;
    max-width: 260px;
  }
  .teaser button {
    padding: 10px;
    text-align: start;
  }
  .teaser .icon {
    margin: 0;
    align-self: start;
  }
  .icon {
    margin: -8px;
    padding: 8px;
    display: flex;
  }
  .secondary {
    min-height: 44px;
    padding: 10px 16px;
    border-radius: 8px;
    font-weight: 600;
    border: 1px solid var(--_l);
  }
  .failed p {
    margin: 0 0 12px;
  }
  .failed {
    bottom: calc(var(--_y) + 72px);
    right: var(--_x);
  }
  :host([position='bottom-left']) .failed {
    right: auto;
    left: var(--_x);
  }
`;
