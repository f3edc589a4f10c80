// The browser's top layer (Popover API, popover="manual"): what sits there is drawn above every
// z-index of the page and placed against the viewport, whatever transform or filter the page's
// <body> has. Browsers without the Popover API keep the position: fixed fallback of the stylesheet.
import type { ReactiveController, ReactiveElement } from 'lit';

export function showInTopLayer(el: HTMLElement): void {
  if (el.showPopover && el.isConnected && !el.matches(':popover-open')) el.showPopover();
}

export function hideFromTopLayer(el: HTMLElement): void {
  if (el.hidePopover && el.matches(':popover-open')) el.hidePopover();
}

/** Keeps the launcher, the teaser and a load failure's box in the top layer (the panel's own controllers show it). */
export class TopLayerController implements ReactiveController {
  readonly #host: ReactiveElement;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  // Removing the element hid them: show them again when it comes back.
  hostConnected(): void {
    this.hostUpdated();
  }

  hostUpdated(): void {
    for (const el of this.#host.renderRoot.querySelectorAll<HTMLElement>('[popover]:not(dialog)')) showInTopLayer(el);
  }
}
