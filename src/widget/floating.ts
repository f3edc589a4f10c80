// The panel on larger screens: a non-modal popover in the top layer, kept beside its launcher
// with Floating UI while it is open (paused while the element is out of the document). When
// focus moves to something of the page the panel would cover, the panel gets out of the way.
import { autoUpdate, computePosition, offset, shift, type Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveElement } from 'lit';
import { hideFromTopLayer, showInTopLayer } from './top-layer.js';

type Target = [reference: HTMLElement, floating: HTMLElement, placement: Placement];
type Host = ReactiveElement & { hide(): void };

export class FloatingController implements ReactiveController {
  #target?: Target;
  #cleanup?: () => void;

  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /** Shows `floating` beside `reference`; positions go through the CSSOM, which a strict CSP allows. */
  start(...target: Target): void {
    if (this.#cleanup && this.#target?.every((part, i) => part === target[i])) return;
    this.stop();
    this.#target = target;
    this.hostConnected();
  }

  stop(): void {
    this.hostDisconnected();
    const floating = this.#target?.[1];
    floating?.style.removeProperty('left');
    floating?.style.removeProperty('top');
    this.#target = undefined;
  }

  hostConnected(): void {
    if (!this.#target || this.#cleanup) return;
    const [reference, floating, placement] = this.#target;
    showInTopLayer(floating);
    const stopFollowing = autoUpdate(reference, floating, async () => {
      const { x, y } = await computePosition(reference, floating, {
        placement,
        strategy: 'fixed',
        // No flip(): the launcher sits at the bottom of the viewport, so the other side never has
        // more room (and flip costs 0.75 KB brotli). The stylesheet caps the height instead.
        middleware: [offset(12), shift({ padding: 8 })],
      });
      floating.style.left = `${x}px`;
      floating.style.top = `${y}px`;
    });
    document.addEventListener('focusin', this.#onFocusIn);
    this.#cleanup = () => {
      stopFollowing();
      document.removeEventListener('focusin', this.#onFocusIn);
      hideFromTopLayer(floating);
    };
  }

  hostDisconnected(): void {
    this.#cleanup?.();
    this.#cleanup = undefined;
  }

  /** A page element that gets focus must not be hidden behind the panel: close it (the draft stays). */
  #onFocusIn = (event: FocusEvent): void => {
    const focused = event.target;
    const panel = this.#target?.[1];
    if (!panel || !(focused instanceof Element) || focused === this.#host) return;
    const a = focused.getBoundingClientRect();
    const b = panel.getBoundingClientRect();
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) this.#host.hide();
  };
}
