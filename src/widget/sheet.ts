// The panel on phones and short viewports (as at 200-400 % zoom): a modal sheet. The browser's
// modal <dialog> makes the page inert, keeps Tab inside and draws the backdrop. Tapping the
// backdrop, dragging the sheet down by its header, or the browser's own close request (Android's
// back) closes it. While it is open the page behind does not scroll, and the sheet follows the
// visual viewport so the focused field stays above the on-screen keyboard.
import type { ReactiveController, ReactiveElement } from 'lit';
import { hideFromTopLayer } from './top-layer.js';

/** Below this width or height the panel is a modal sheet. */
export const SHEET_QUERY = '(max-width: 479px), (max-height: 559px)';

type Host = ReactiveElement & { hide(): void };

export class SheetController implements ReactiveController {
  /** The open panel, sheet or not: the sheet is re-decided when the viewport crosses the query. */
  #panel?: HTMLDialogElement;
  #query?: MediaQueryList;
  /** Each locked element with its inline overflow and whether it had a style attribute; set while modal. */
  #saved?: [HTMLElement, string, boolean][];

  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /** Shows the open `panel` as a modal sheet when the screen is small; returns whether it did. */
  open(panel: HTMLDialogElement): boolean {
    if (this.#panel !== panel) this.close();
    this.#panel = panel;
    this.#sync();
    return !!this.#saved;
  }

  close(): void {
    this.hostDisconnected();
    this.#panel = undefined;
  }

  // Put back into the document while open: the host's next update decides sheet or not again.
  hostConnected(): void {
    if (this.#panel) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#query?.removeEventListener('change', this.#relayout);
    this.#release();
  }

  #sync(): void {
    const panel = this.#panel!;
    this.#query ??= matchMedia(SHEET_QUERY);
    this.#query.addEventListener('change', this.#relayout);
    if (!this.#query.matches) return this.#release();
    if (this.#saved) return;
    hideFromTopLayer(panel);
    // A dialog put back into the document keeps [open] without being modal any more.
    if (panel.open) panel.close();
    // showModal() focuses the first control; a panel that turns into a sheet keeps the visitor's place.
    const focused = (panel.getRootNode() as ShadowRoot).activeElement;
    panel.showModal();
    if (focused instanceof HTMLElement && panel.contains(focused)) focused.focus();
    panel.addEventListener('click', this.#onClick);
    panel.addEventListener('close', this.#onClose);
    panel.addEventListener('pointerdown', this.#onDrag);
    this.#saved = [document.documentElement, document.body].map((el) => [el, el.style.overflow, el.hasAttribute('style')]);
    for (const [el] of this.#saved) el.style.overflow = 'hidden';
    visualViewport?.addEventListener('resize', this.#fit);
    visualViewport?.addEventListener('scroll', this.#fit);
    this.#fit();
  }

  /** Back to no sheet: the page unlocked, the dialog closed. */
  #release(): void {
    const panel = this.#panel;
    if (!this.#saved || !panel) return;
    for (const [el, overflow, hadStyle] of this.#saved) {
      el.style.overflow = overflow;
      // Leave no empty style="" behind on a page that had none. Reading the attribute first makes
      // Chromium write out its pending inline style now rather than re-add it after the removal.
      if (!hadStyle && !el.style.length && el.getAttribute('style') !== null) el.removeAttribute('style');
    }
    this.#saved = undefined;
    visualViewport?.removeEventListener('resize', this.#fit);
    visualViewport?.removeEventListener('scroll', this.#fit);
    panel.removeEventListener('click', this.#onClick);
    panel.removeEventListener('close', this.#onClose);
    panel.removeEventListener('pointerdown', this.#onDrag);
    panel.close();
    panel.style.removeProperty('bottom');
    panel.style.removeProperty('max-height');
  }

  #relayout = (): void => this.#host.requestUpdate();

  /** A click on the dialog itself outside its box is a tap on the backdrop. */
  #onClick = (event: MouseEvent): void => {
    const box = this.#panel!.getBoundingClientRect();
    const { clientX: x, clientY: y } = event;
    if (event.target === this.#panel && (x < box.left || x > box.right || y < box.top || y > box.bottom)) this.#host.hide();
  };

  /**
   * The browser closed the dialog on its own (Escape, Android's back): the element follows. The
   * event comes a task later, so one from an earlier close may find the sheet shown again: ignored.
   */
  #onClose = (): void => {
    if (!this.#panel?.open) this.#host.hide();
  };

  /** Dragging the sheet down by its header (what the grabber promises) past a quarter of its height closes it. */
  #onDrag = (down: PointerEvent): void => {
    const panel = this.#panel!;
    const target = down.target as Element;
    if (!target.closest('.header') || target.closest('button')) return;
    const distance = (event: PointerEvent) => Math.max(0, event.clientY - down.clientY);
    const move = (event: PointerEvent) => (panel.style.translate = `0 ${distance(event)}px`);
    const end = (event: PointerEvent) => {
      panel.removeEventListener('pointermove', move);
      panel.removeEventListener('pointerup', end);
      panel.removeEventListener('pointercancel', end);
      panel.style.removeProperty('translate');
      panel.style.removeProperty('transition');
      if (event.type === 'pointerup' && distance(event) > panel.offsetHeight / 4) this.#host.hide();
    };
    panel.setPointerCapture(down.pointerId);
    panel.style.transition = 'none';
    panel.addEventListener('pointermove', move);
    panel.addEventListener('pointerup', end);
    panel.addEventListener('pointercancel', end);
  };

  /** Sits the sheet on the visible area's bottom edge (above the keyboard) and fits its height. */
  #fit = (): void => {
    const viewport = visualViewport;
    if (!this.#panel || !viewport) return;
    this.#panel.style.bottom = `${Math.max(0, innerHeight - viewport.height - viewport.offsetTop)}px`;
    this.#panel.style.maxHeight = `${viewport.height * 0.92}px`;
  };
}
