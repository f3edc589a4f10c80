// The element's events (SPEC §2): one typed map and one emit().
import type { ChannelType, ClientErrorCode, ProxyErrorCode } from '../contract/constants.js';
import type { ChatRequest } from '../contract/schemas.js';

export interface LauncherSuccessDetail {
  status: 'started' | 'scheduled';
  id: string | null;
  type: ChannelType;
  /** The contact the vendor received, in the proxy's canonical form. */
  contact: string;
  scheduleAt: string | null;
  /** The consent receipt's id; null when the proxy keeps no receipts. */
  receipt: string | null;
}

export interface LauncherErrorDetail {
  /** The proxy's error code, or `network_error` / `timeout` when no answer came. */
  code: ProxyErrorCode | ClientErrorCode;
  /** The message shown to the visitor. */
  message: string;
  retryable: boolean;
}

export interface LauncherEventMap {
  'launcher-open': CustomEvent<Record<string, never>>;
  'launcher-close': CustomEvent<Record<string, never>>;
  'launcher-submit': CustomEvent<ChatRequest>;
  'launcher-success': CustomEvent<LauncherSuccessDetail>;
  'launcher-error': CustomEvent<LauncherErrorDetail>;
}

declare global {
  interface GlobalEventHandlersEventMap extends LauncherEventMap {}
}

type Detail<K extends keyof LauncherEventMap> = LauncherEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a bubbling, composed event; returns false when a listener cancelled it. */
export function emit<K extends keyof LauncherEventMap>(target: EventTarget, name: K, detail: Detail<K>, cancelable = false): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
}
