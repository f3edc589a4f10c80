#!/usr/bin/env node
// The `agent-chat-proxy` command: reads its settings from the environment and serves the proxy over HTTP,
// with optional Prometheus metrics and a graceful stop.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createProxyMetrics, startMetricsServer, type MetricsServer } from '../proxy/adapters/metrics.js';
import { startProxyServer, type ProxyServer } from '../proxy/adapters/node.js';
import { envHelp } from '../proxy/env.js';
import { SettingsError, settingsFromEnv, type ProxySettings } from '../proxy/index.js';
import { logEvent, setUpProxy, withSimulatorDefaults } from './setup.js';

const HELP = `Usage: agent-chat-proxy [--simulate]
       agent-chat-proxy receipts [--contact C] [--since ISO] [--until ISO] [--format csv|json]

Serves the agent-chat proxy: POST/OPTIONS $CHAT_PATH, GET /healthz.

  --simulate   use the built-in vendor simulator with demo settings (no environment needed)
  -h, --help   show this help

Settings come from the environment:
${envHelp()}

On SIGTERM or SIGINT it stops accepting connections, lets requests in flight finish within
SHUTDOWN_GRACE_MS, closes its stores and exits 0; a second signal stops it at once.

Without REDIS_URL, rate limits and idempotency records are kept in this process (bounded).
With it, every process on that Redis shares them; if Redis cannot be reached at start the
command exits, and while it is down later requests get 503 service_unavailable.

Consent receipts go to RECEIPTS: a directory (default ./.agent-chat/receipts, this process
only), a postgres:// URL (shared by every instance), or off. \`agent-chat-proxy receipts --help\`
tells how to read and erase them.
`;

function fail(message: string): never {
  process.stderr.write(`agent-chat-proxy: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let simulate = false;
  try {
    const { values } = parseArgs({ options: { simulate: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      process.stdout.write(HELP);
      return;
    }
    simulate = values.simulate ?? false;
  } catch (error) {
    fail(`${(error as Error).message} (see --help)`);
  }

  let settings: ProxySettings;
  try {
    settings = settingsFromEnv(simulate ? withSimulatorDefaults(process.env) : process.env);
  } catch (error) {
    if (error instanceof SettingsError) fail(error.message);
    throw error;
  }

  const { service } = settings;
  const metrics = service.metricsPort === undefined ? undefined : createProxyMetrics({ dailyLimit: settings.proxy.limits?.daily });
  const setup = setUpProxy(settings, simulate, metrics ? { log: metrics.logger(settings.proxy.log) } : {});
  try {
    await setup.ready;
  } catch (error) {
    fail((error as Error).message);
  }
  // What to close, in order, once no request is running: stores and databases.
  const closers: Array<() => Promise<void>> = [() => setup.close()];

  let server: ProxyServer;
  try {
    // Behind PUBLIC_ORIGIN the handler checks the host; otherwise a loopback server answers loopback names only.
    server = await startProxyServer({ handler: setup.handler, ...settings.server, anyHostName: settings.proxy.publicOrigin !== undefined });
  } catch (error) {
    fail(`cannot listen on ${settings.server.host}:${settings.server.port}: ${(error as Error).message}`);
  }
  process.stdout.write(`agent-chat-proxy listening on ${server.url}${simulate ? ' (simulated vendor)' : ''}\n`);

  let metricsServer: MetricsServer | undefined;
  if (metrics && service.metricsPort !== undefined) {
    try {
      metricsServer = await startMetricsServer({ metrics, host: settings.server.host, port: service.metricsPort });
    } catch (error) {
      fail(`cannot listen on ${settings.server.host}:${service.metricsPort} (METRICS_PORT): ${(error as Error).message}`);
    }
    process.stdout.write(`agent-chat-proxy metrics on ${metricsServer.url}\n`);
  }

  // A rolling update sends SIGTERM: the visitors whose requests are running still get their answer.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logEvent({ event: 'shutdown', signal, grace_ms: service.shutdownGraceMs });
    const drained = await Promise.race([server.close().then(() => true, () => true), sleep(service.shutdownGraceMs, false, { ref: false })]);
    await metricsServer?.close();
    for (const close of closers) await close().catch((error: Error) => logEvent({ event: 'close_failed', detail: error.message }));
    logEvent({ event: 'stopped', drained });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[2] === 'receipts') {
  const { runReceipts } = await import('./receipts.js');
  const output = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
  process.exitCode = await runReceipts(process.argv.slice(3), process.env, output);
} else {
  main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
}
