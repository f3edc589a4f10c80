// Starts a real, throwaway PostgreSQL cluster (Debian's postgresql) in a temp directory on a free port.
// It refuses to run as root, so as root the cluster belongs to the `postgres` user. Removed on stop.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './redis-server.js';

const run = promisify(execFile);

/** The newest installed server's bin directory, or undefined. */
function binDirectory(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

const BIN = process.env.POSTGRES_BIN ?? binDirectory();

/** Why the PostgreSQL tests are skipped (the server binaries are missing), or false. */
export const SKIP_POSTGRES = BIN
  ? false
  : 'PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/postgres): `apt-get install postgresql`, or set POSTGRES_BIN';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** Stops the server at once (as a crash would); `start()` brings it back with its data. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  remove(): Promise<void>;
}

/** Creates and starts a cluster with trust authentication on 127.0.0.1 only. */
export async function startPostgres(): Promise<PostgresServer> {
  if (!BIN) throw new Error(String(SKIP_POSTGRES));
  const directory = await mkdtemp(join(tmpdir(), 'agent-chat-pg-'));
  const asRoot = process.getuid?.() === 0;
  const pgRun = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args]) : run(join(BIN, command), args);
  if (asRoot) await chown(directory, ...(await postgresIds()));

  const data = join(directory, 'data');
  const port = await freePort();
  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await pgRun('pg_ctl', ['-D', data, '-o', options, '-l', join(directory, 'log'), '-w', 'start']);
  };
  const stop = async (mode: 'immediate' | 'fast') => {
    await pgRun('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']).catch(() => {});
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    kill: () => stop('immediate'),
    start,
    async remove() {
      await stop('immediate');
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function postgresIds(): Promise<[number, number]> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return [Number(stdout.trim()), Number(group.trim())];
}
