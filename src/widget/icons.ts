// The widget's icons, drawn inline (no requests, styled by currentColor, hidden from screen readers).
import { svg } from 'lit';

export const chatIcon = svg`<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor"><path d="M3 4h18v13H9l-5 4v-4H3z"/></svg>`;
export const closeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M6 6l12 12M18 6 6 18"/></svg>`;
export const checkIcon = svg`<svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="m7 12 3.5 3.5L17 9"/></svg>`;
