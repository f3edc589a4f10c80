// The path of a request URL, without parsing the whole URL (it runs on every request).

/** `http://host:1/a/b?x=1` → `/a/b`: no query (it could carry personal data), no fragment. */
export function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.search(/[?#]/);
  return url.slice(start, end < start ? undefined : end);
}
