// The client's address for per-IP limits: the socket's, or the nearest proxy's X-Forwarded-For
// entry, read the same way in every spelling, and the key a limit counts it under.

/** What an adapter knows about the connection beyond the Request. */
export interface ClientInfo {
  /** The peer address of the TCP connection (Node: `socket.remoteAddress`). */
  clientIp?: string;
}

/**
 * With `trustProxy`, the LAST X-Forwarded-For entry: the address our own reverse proxy
 * saw. Earlier entries are whatever the client sent and could be forged to dodge limits.
 */
export function clientIp(request: Request, info: ClientInfo, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return info.clientIp;
}

/**
 * The key a per-IP limit counts: an IPv4 address (also when written `ip:port` or IPv4-mapped),
 * or an IPv6 address's /64 network (also when written `[v6]:port`, with a zone or a dotted IPv4
 * tail), since one subscriber usually holds a whole /64. Anything unreadable is its own key.
 */
export function ipKey(address: string): string {
  const text = address.trim().toLowerCase();
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(text);
  if (v4) return ipv4(v4[1]!) ?? text;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  const groups = ipv6Groups((bracketed ? bracketed[1]! : text).replace(/%.*$/, ''));
  if (!groups) return text;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

function ipv4(text: string): string | undefined {
  const parts = text.split('.').map(Number);
  return parts.every((part) => part <= 255) ? parts.join('.') : undefined;
}

// The eight 16-bit groups of an IPv6 address, or undefined when it is not one.
function ipv6Groups(text: string): number[] | undefined {
  let address = text;
  const tail = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (tail) {
    const v4 = ipv4(tail[2]!);
    if (!v4) return undefined;
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    address = `${tail[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const parts = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...rest];
  if (!parts.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return parts.map((group) => parseInt(group, 16));
}
