// The page around the widget, read only through these functions: each answers safely where
// there is no DOM (server-side rendering), so the element renders on a server too.

/** `<html lang>`, when there is a page. */
export function pageLanguage(): string | undefined {
  return globalThis.document?.documentElement?.lang || undefined;
}

/** The browser's preferred language, when there is a browser. */
export function browserLanguage(): string | undefined {
  return globalThis.navigator?.language || undefined;
}

/** The browser's languages, most preferred first; none on a server. */
export function browserLanguages(): readonly string[] {
  return globalThis.navigator?.languages ?? [];
}

/** The page's host name ("shop.example"), or '' on a server. */
export function pageHost(): string {
  return globalThis.location?.hostname ?? '';
}

/** The page's http(s) address without its fragment, as the proxy accepts it; else undefined. */
export function pageAddress(maxLength: number): string | undefined {
  const href = globalThis.location?.href.split('#')[0];
  return href && /^https?:/.test(href) && href.length <= maxLength ? href : undefined;
}

/** A value kept for this tab's session; undefined where storage is blocked or missing. */
export function readSession(key: string): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeSession(key: string, value: string): void {
  try {
    globalThis.sessionStorage?.setItem(key, value);
  } catch {
    // Blocked storage (sandboxed frames, privacy modes): remembered for this page only.
  }
}
