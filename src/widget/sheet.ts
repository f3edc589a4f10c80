// The phone bottom sheet: while it is open, the page behind does not scroll and the sheet
// follows the visual viewport, so the focused field stays above the on-screen keyboard.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Below this width the panel is a bottom sheet (the same breakpoint as the stylesheet). */
export const SHEET_QUERY = '(max-width: 479px)';

export class SheetController implements ReactiveController {
  private panel?: HTMLElement;
  /** Each locked element with its inline overflow and whether it had a style attribute. */
  private saved?: [HTMLElement, string, boolean][];

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Locks the page and tracks the viewport for `panel` when the screen is phone-sized. */
  open(panel: HTMLElement): void {
    if (this.panel === panel) return;
    this.close();
    if (!matchMedia(SHEET_QUERY).matches) return;
    this.panel = panel;
    this.hostConnected();
  }

  close(): void {
    this.hostDisconnected();
    this.panel = undefined;
  }

  hostConnected(): void {
    if (!this.panel || this.saved) return;
    this.saved = [document.documentElement, document.body].map((el) => [el, el.style.overflow, el.hasAttribute('style')]);
    for (const [el] of this.saved) el.style.overflow = 'hidden';
    visualViewport?.addEventListener('resize', this.fit);
    visualViewport?.addEventListener('scroll', this.fit);
    this.fit();
  }

  hostDisconnected(): void {
    if (!this.saved) return;
    for (const [el, overflow, hadStyle] of this.saved) {
      el.style.overflow = overflow;
      // Leave no empty style="" behind on a page that had none. Reading the attribute first makes
      // Chromium write out its pending inline style now rather than re-add it after the removal.
      if (!hadStyle && !el.style.length && el.getAttribute('style') !== null) el.removeAttribute('style');
    }
    this.saved = undefined;
    visualViewport?.removeEventListener('resize', this.fit);
    visualViewport?.removeEventListener('scroll', this.fit);
    this.panel?.style.removeProperty('bottom');
    this.panel?.style.removeProperty('max-height');
  }

  /** Sits the sheet on the visible area's bottom edge (above the keyboard) and fits its height. */
  private fit = (): void => {
    const viewport = visualViewport;
    if (!this.panel || !viewport) return;
    this.panel.style.bottom = `${Math.max(0, innerHeight - viewport.height - viewport.offsetTop)}px`;
    this.panel.style.maxHeight = `${viewport.height * 0.9}px`;
  };
}
