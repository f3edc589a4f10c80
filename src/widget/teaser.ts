// The proactive bubble beside the closed launcher: shown `teaser-delay` seconds after the page
// has both the element and a `teaser` text (in whichever order they came), never again in
// this tab's session once the visitor dismissed it or opened the panel.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readSession, writeSession } from './environment.js';

/** sessionStorage key remembering that the visitor dismissed the teaser. */
export const TEASER_DISMISSED = 'agent-chat-launcher:teaser-dismissed';

export interface TeaserHost extends ReactiveControllerHost {
  teaser: string;
  teaserDelay: number;
  open: boolean;
  mode: string;
}

export class TeaserController implements ReactiveController {
  /** Whether the bubble is on screen. */
  shown = false;
  private timer?: ReturnType<typeof setTimeout>;
  private dismissed?: boolean;

  constructor(private readonly host: TeaserHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.arm();
  }

  hostUpdated(): void {
    if (this.host.open) {
      // Opening the panel answers the teaser: it does not come back this session.
      if (this.shown || this.timer) this.remember();
      this.shown = false;
    }
    this.arm();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Hides the bubble for the rest of the session. */
  dismiss(): void {
    this.remember();
    this.shown = false;
    this.host.requestUpdate();
  }

  private remember(): void {
    this.hostDisconnected();
    this.dismissed = true;
    writeSession(TEASER_DISMISSED, '1');
  }

  private arm(): void {
    const { teaser, teaserDelay, open, mode } = this.host;
    if (this.timer || this.shown || !teaser || open || mode === 'inline') return;
    this.dismissed ??= readSession(TEASER_DISMISSED) === '1';
    if (this.dismissed) return;
    this.timer = setTimeout(() => {
      this.shown = true;
      this.host.requestUpdate();
    }, teaserDelay * 1000);
  }
}
