#!/usr/bin/env node
// The `agent-chat-proxy` command: reads SPEC §5 settings from the environment and serves the proxy over HTTP.
import { parseArgs } from 'node:util';
import { startProxyServer, type ProxyServer } from '../proxy/adapters/node.js';
import { SettingsError, settingsFromEnv, type ProxySettings } from '../proxy/index.js';
import { setUpProxy } from './setup.js';

const HELP = `Usage: agent-chat-proxy [--simulate]

Serves the agent-chat proxy: POST/OPTIONS $CHAT_PATH, GET /healthz.

  --simulate   use the built-in vendor simulator with demo settings (no environment needed)
  -h, --help   show this help

Settings come from the environment: WHIPPY_API_KEY, WHIPPY_AGENT_ID, WHIPPY_BASE_URL,
CHANNEL_PHONE, CHANNEL_WHATSAPP, CHANNEL_EMAIL, SEND_INITIAL_MESSAGE, REQUIRE_CONSENT,
ALLOWED_ORIGINS, PHONE_COUNTRIES, RATE_LIMIT_IP, RATE_LIMIT_CONTACT, DAILY_LIMIT,
MAX_SCHEDULE_DAYS, UPSTREAM_TIMEOUT_MS, REDIS_URL, TRUST_PROXY, HOST, PORT, CHAT_PATH.

Without REDIS_URL, rate limits and idempotency records are kept in this process (bounded).
With it, every process on that Redis shares them; if Redis cannot be reached at start the
command exits, and while it is down later requests get 503 service_unavailable.
`;

// How long open requests may take to finish after SIGINT/SIGTERM.
const SHUTDOWN_GRACE_MS = 10_000;

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
    settings = settingsFromEnv(process.env, { simulate });
  } catch (error) {
    if (error instanceof SettingsError) fail(error.message);
    throw error;
  }

  const setup = setUpProxy(settings, simulate);
  try {
    await setup.ready;
  } catch (error) {
    fail((error as Error).message);
  }
  const { handler } = setup;

  let server: ProxyServer;
  try {
    server = await startProxyServer({ handler, ...settings.server });
  } catch (error) {
    fail(`cannot listen on ${settings.server.host}:${settings.server.port}: ${(error as Error).message}`);
  }
  process.stdout.write(`agent-chat-proxy listening on ${server.url}${simulate ? ' (simulated vendor)' : ''}\n`);

  const stop = () => {
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    server
      .close()
      .catch(() => {})
      .then(() => setup.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
