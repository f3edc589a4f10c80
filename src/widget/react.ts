// `agent-chat-launcher/react`: defines the element, and types <agent-chat-launcher> in React 19's JSX
// (React 19 sets a custom element's props as properties, and `on<event-name>` props as listeners).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LitElement } from 'lit';
import type { AgentChatLauncher } from './agent-chat-launcher.js';
import type { LauncherEventMap } from './events.js';

export * from './define.js';

/** The element's own properties (attributes included), every one optional. */
type LauncherProperties = {
  [K in keyof AgentChatLauncher as K extends keyof LitElement ? never : AgentChatLauncher[K] extends (...args: never[]) => unknown ? never : K]?: AgentChatLauncher[K];
};

/** `onlauncher-success={(e) => e.detail.status}`: one listener prop per event, typed by the event map. */
type LauncherListeners = {
  [K in keyof LauncherEventMap as `on${K}`]?: (event: LauncherEventMap[K]) => void;
};

/** The props of `<agent-chat-launcher>` in React 19. */
export type AgentChatLauncherProps = DetailedHTMLProps<HTMLAttributes<AgentChatLauncher>, AgentChatLauncher> &
  LauncherProperties &
  LauncherListeners;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'agent-chat-launcher': AgentChatLauncherProps;
    }
  }
}
