// Keeps the panel beside its launcher with Floating UI, only while the panel is open
// (paused while the element is out of the document, resumed when it comes back).
import { autoUpdate, computePosition, offset, shift, type Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Target = [reference: HTMLElement, floating: HTMLElement, placement: Placement];

export class FloatingController implements ReactiveController {
  private target?: Target;
  private cleanup?: () => void;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Starts following `reference`; positions go through the CSSOM, which a strict CSP allows. */
  start(...target: Target): void {
    if (this.cleanup && this.target?.every((part, i) => part === target[i])) return;
    this.stop();
    this.target = target;
    this.hostConnected();
  }

  stop(): void {
    this.hostDisconnected();
    this.target = undefined;
  }

  hostConnected(): void {
    if (!this.target || this.cleanup) return;
    const [reference, floating, placement] = this.target;
    this.cleanup = autoUpdate(reference, floating, async () => {
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
  }

  hostDisconnected(): void {
    this.cleanup?.();
    this.cleanup = undefined;
  }
}
