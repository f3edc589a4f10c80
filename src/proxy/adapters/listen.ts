// Binding a Node server, shared by the chat server and the metrics server.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on `port` and `host` (a listen error rejects); resolves with the origin it serves, like `http://127.0.0.1:8787`. */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}
