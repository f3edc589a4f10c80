// The RECEIPTS setting: off, a postgres:// URL or a directory. No Node imports: the proxy's
// runtime-neutral entry reads settings with it.

/** Where the CLI and `npm start` keep receipts when RECEIPTS is not set. */
export const DEFAULT_RECEIPTS_DIRECTORY = './.agent-chat/receipts';
/** Five years: how long receipts are kept when RECEIPTS_DAYS is not set. */
export const DEFAULT_RECEIPTS_DAYS = 1825;

/** What a RECEIPTS value names. */
export type ReceiptsLocation = { kind: 'off' } | { kind: 'server'; url: string } | { kind: 'directory'; path: string };

/**
 * Reads a RECEIPTS value (unset or empty: the default directory); throws an Error whose message
 * completes "RECEIPTS …" on a URL of another kind.
 */
export function receiptsLocation(value: string | undefined): ReceiptsLocation {
  const text = value?.trim() || DEFAULT_RECEIPTS_DIRECTORY;
  if (text.toLowerCase() === 'off') return { kind: 'off' };
  if (/^postgres(ql)?:\/\//i.test(text)) {
    if (!URL.canParse(text)) throw new Error('is not a valid postgres:// URL');
    return { kind: 'server', url: text };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new Error('must be off, a postgres:// URL or a directory');
  return { kind: 'directory', path: text };
}
