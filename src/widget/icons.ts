// The widget's icons, drawn inline (no requests, styled by currentColor, hidden from screen readers).
// Not from 'lit': the panel uses them too (panel.ts says why).
import { svg } from 'lit-html';

export const chatIcon = svg`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" fill="currentColor"><path d="M12 3C6.5 3 2 6.7 2 11.3c0 2.4 1.2 4.6 3.2 6.1L4.4 21l4.4-1.9c1 .3 2.1.4 3.2.4 5.5 0 10-3.7 10-8.2S17.5 3 12 3z"/></svg>`;
export const closeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M6 6l12 12M18 6 6 18"/></svg>`;
export const checkIcon = svg`<svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="m7 12 3.5 3.5L17 9"/></svg>`;
