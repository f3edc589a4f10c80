// Finds the client's IP address for per-IP limits: the socket's, or the nearest proxy's X-Forwarded-For entry.

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
