// Keeps the panel beside its launcher with Floating UI, only while the panel is open.
import { autoUpdate, computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FloatingController implements ReactiveController {
  private cleanup?: () => void;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Starts following `reference`; positions go through the CSSOM, which a strict CSP allows. */
  start(reference: HTMLElement, floating: HTMLElement, placement: Placement): void {
    this.stop();
    this.cleanup = autoUpdate(reference, floating, async () => {
      const { x, y } = await computePosition(reference, floating, {
        placement,
        strategy: 'fixed',
        middleware: [offset(12), flip(), shift({ padding: 8 })],
      });
      floating.style.left = `${x}px`;
      floating.style.top = `${y}px`;
    });
  }

  stop(): void {
    this.cleanup?.();
    this.cleanup = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
