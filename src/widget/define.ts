// The package's main entry: defines <agent-chat-launcher> once, wherever it is imported from.
import { AgentChatLauncher } from './agent-chat-launcher.js';

export { AgentChatLauncher };
export type { LauncherErrorDetail, LauncherEventMap, LauncherSuccessDetail } from './events.js';
export type { Strings } from './i18n.js';

export const TAG_NAME = 'agent-chat-launcher';

// Skipped where there is no DOM (server-side rendering) and when another copy already defined it.
if (typeof customElements !== 'undefined' && !customElements.get(TAG_NAME)) {
  customElements.define(TAG_NAME, AgentChatLauncher);
}

declare global {
  interface HTMLElementTagNameMap {
    'agent-chat-launcher': AgentChatLauncher;
  }
}
