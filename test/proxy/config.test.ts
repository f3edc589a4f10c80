// Configuration: createChatProxy's object and the SPEC §5 environment, each bad setting named in the error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SettingsError, createChatProxy, settingsFromEnv } from '../../src/proxy/index.js';
import { SIMULATOR_DEFAULTS } from '../../src/simulator/index.js';
import { withSimulatorDefaults } from '../../src/cli/setup.js';

const AGENT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const base = { WHIPPY_API_KEY: 'key', WHIPPY_AGENT_ID: AGENT };

function throwsNaming(env: Record<string, string>, name: string): void {
  assert.throws(
    () => settingsFromEnv(env),
    (error: unknown) => error instanceof SettingsError && error.setting === name && error.message.startsWith(name),
  );
}

describe('settingsFromEnv', () => {
  test('defaults of SPEC §5', () => {
    const settings = settingsFromEnv(base);
    assert.equal(settings.proxy.apiKey, 'key');
    assert.equal(settings.proxy.agentId, AGENT);
    assert.equal(settings.proxy.baseUrl, 'https://api.whippy.co/v1');
    assert.deepEqual(settings.proxy.channels, {});
    assert.equal(settings.proxy.sendInitialMessage, true);
    assert.equal(settings.proxy.requireConsent, true);
    assert.deepEqual(settings.proxy.allowedOrigins, []);
    assert.equal(settings.proxy.phoneCountries, undefined);
    assert.equal(settings.proxy.maxScheduleDays, 30);
    assert.equal(settings.proxy.upstreamTimeoutMs, 8000);
    assert.equal(settings.proxy.trustProxy, false);
    assert.deepEqual(settings.server, { host: '127.0.0.1', port: 8787, chatPath: '/api/agent-chat' });
    assert.deepEqual(settings.proxy.limits, { perIp: 5, perContact: 3, daily: 500 });
    assert.equal(settings.redisUrl, undefined);
    assert.deepEqual(settings.receipts, { location: { kind: 'directory', path: './.agent-chat/receipts' }, days: 1825 });
  });

  test('every variable is read', () => {
    const settings = settingsFromEnv({
      ...base,
      WHIPPY_BASE_URL: 'http://localhost:9000/v1/',
      CHANNEL_PHONE: '+14155550100',
      CHANNEL_WHATSAPP: '+14155550101',
      CHANNEL_EMAIL: 'agent@example.com',
      SEND_INITIAL_MESSAGE: 'false',
      REQUIRE_CONSENT: 'FALSE',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443/',
      PHONE_COUNTRIES: 'us, ca',
      RATE_LIMIT_IP: '10',
      RATE_LIMIT_CONTACT: '2',
      DAILY_LIMIT: '50',
      MAX_SCHEDULE_DAYS: '7',
      UPSTREAM_TIMEOUT_MS: '3000',
      REDIS_URL: 'redis://localhost:6379/0',
      TRUST_PROXY: 'true',
      HOST: '0.0.0.0',
      PORT: '0',
      CHAT_PATH: '/chat',
      RECEIPTS: 'postgres://proxy:secret@db.internal:5432/receipts',
      RECEIPTS_DAYS: '365',
    });
    assert.equal(settings.proxy.baseUrl, 'http://localhost:9000/v1');
    assert.deepEqual(settings.proxy.channels, { phone: '+14155550100', whatsapp: '+14155550101', email: 'agent@example.com' });
    assert.equal(settings.proxy.sendInitialMessage, false);
    assert.equal(settings.proxy.requireConsent, false);
    assert.deepEqual(settings.proxy.allowedOrigins, ['https://a.example', 'https://b.example:8443']);
    assert.deepEqual(settings.proxy.phoneCountries, ['US', 'CA']);
    assert.equal(settings.proxy.maxScheduleDays, 7);
    assert.equal(settings.proxy.upstreamTimeoutMs, 3000);
    assert.equal(settings.proxy.trustProxy, true);
    assert.deepEqual(settings.server, { host: '0.0.0.0', port: 0, chatPath: '/chat' });
    assert.deepEqual(settings.proxy.limits, { perIp: 10, perContact: 2, daily: 50 });
    assert.equal(settings.redisUrl, 'redis://localhost:6379/0');
    assert.deepEqual(settings.receipts, { location: { kind: 'server', url: 'postgres://proxy:secret@db.internal:5432/receipts' }, days: 365 });
    assert.deepEqual(settingsFromEnv({ ...base, RECEIPTS: 'OFF' }).receipts.location, { kind: 'off' });
    assert.deepEqual(settingsFromEnv({ ...base, RECEIPTS: '/var/lib/shop/receipts' }).receipts.location, { kind: 'directory', path: '/var/lib/shop/receipts' });
  });

  test('without WHIPPY_API_KEY and without simulate: an error naming WHIPPY_API_KEY and --simulate', () => {
    throwsNaming({ WHIPPY_AGENT_ID: AGENT }, 'WHIPPY_API_KEY');
    assert.throws(() => settingsFromEnv({ WHIPPY_AGENT_ID: AGENT }), /--simulate/);
  });

  test('simulate fills key, agent and channels from SIMULATOR_DEFAULTS, keeping what is set', () => {
    const settings = settingsFromEnv(withSimulatorDefaults({ CHANNEL_EMAIL: 'me@shop.example' }));
    assert.equal(settings.proxy.apiKey, SIMULATOR_DEFAULTS.apiKey);
    assert.equal(settings.proxy.agentId, SIMULATOR_DEFAULTS.agentId);
    assert.deepEqual(settings.proxy.channels, { ...SIMULATOR_DEFAULTS.channels, email: 'me@shop.example' });
  });

  const bad: Array<[string, string]> = [
    ['WHIPPY_AGENT_ID', 'agent-1'],
    ['WHIPPY_BASE_URL', 'ftp://vendor.example'],
    ['CHANNEL_PHONE', '415 555 0100'],
    ['CHANNEL_WHATSAPP', 'whatsapp'],
    ['CHANNEL_EMAIL', 'agent'],
    ['SEND_INITIAL_MESSAGE', 'maybe'],
    ['REQUIRE_CONSENT', 'nope'],
    ['ALLOWED_ORIGINS', 'https://a.example,shop.example'],
    ['ALLOWED_ORIGINS', 'https://a.example/path'],
    ['PHONE_COUNTRIES', 'US,XX'],
    ['RATE_LIMIT_IP', '-1'],
    ['RATE_LIMIT_CONTACT', 'three'],
    ['DAILY_LIMIT', '0'],
    ['MAX_SCHEDULE_DAYS', '1.5'],
    ['UPSTREAM_TIMEOUT_MS', '0'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['TRUST_PROXY', 'sometimes'],
    ['PORT', '70000'],
    ['CHAT_PATH', 'api/chat'],
    ['RECEIPTS', 'redis://localhost:6379'],
    ['RECEIPTS', 'postgres://['],
    ['RECEIPTS_DAYS', '0'],
    ['PUBLIC_ORIGIN', 'https://www.shop.example/path'],
    ['PHONE_COUNTRIES', 'US,002'],
  ];
  for (const [name, value] of bad) {
    test(`${name}=${value} → an error naming ${name}`, () => throwsNaming({ ...base, [name]: value }, name));
  }

  test('WHIPPY_AGENT_ID is required without simulate', () => throwsNaming({ WHIPPY_API_KEY: 'k' }, 'WHIPPY_AGENT_ID'));

  test('PHONE_COUNTRIES may list 001 (numbers of no country); PUBLIC_ORIGIN is kept as an origin', () => {
    const settings = settingsFromEnv({ ...base, PHONE_COUNTRIES: 'us, 001', PUBLIC_ORIGIN: 'https://WWW.shop.example/' });
    assert.deepEqual(settings.proxy.phoneCountries, ['US', '001']);
    assert.equal(settings.proxy.publicOrigin, 'https://www.shop.example');
  });

  test('one table: a row per channel from CHANNELS, every row named in --help, unique names', async () => {
    const { CHANNELS } = await import('../../src/contract/index.js');
    const { ENV_SETTINGS, envHelp } = await import('../../src/proxy/env.js');
    const names = ENV_SETTINGS.map((setting) => setting.name);
    assert.equal(new Set(names).size, names.length);
    for (const channel of Object.values(CHANNELS)) assert.ok(names.includes(channel.env), channel.env);
    const help = envHelp();
    for (const name of names) assert.match(help, new RegExp(`^  ${name} `, 'm'), name);
    // Each channel row puts its value where createChatProxy reads the channel.
    const env = Object.fromEntries(Object.entries(CHANNELS).map(([type, channel]) => [channel.env, type === 'email' ? 'me@shop.example' : '+14155550100']));
    assert.deepEqual(Object.keys(settingsFromEnv({ ...base, ...env }).proxy.channels ?? {}).sort(), Object.keys(CHANNELS).sort());
  });

  test('the README\'s configuration table names exactly the variables of ENV_SETTINGS', async () => {
    const { readFileSync } = await import('node:fs');
    const { ENV_SETTINGS } = await import('../../src/proxy/env.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('| env | meaning | default |')).split('\n\n')[0]!;
    const documented = table.split('\n').slice(2).flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Z_]+)`/g)].map((match) => match[1]!));
    assert.deepEqual(new Set(documented), new Set(ENV_SETTINGS.map((setting) => setting.name)));
  });

  test('an empty variable counts as unset', () => {
    assert.equal(settingsFromEnv({ ...base, PORT: '', CHANNEL_PHONE: ' ' }).server.port, 8787);
  });
});

describe('createChatProxy config', () => {
  const config = { apiKey: 'k', agentId: AGENT };
  const bad: Array<[string, Record<string, unknown>]> = [
    ['agentId', { agentId: 'x' }],
    ['apiKey', { apiKey: '' }],
    ['channels.phone', { channels: { phone: '12' } }],
    ['allowedOrigins', { allowedOrigins: ['*'] }],
    ['phoneCountries', { phoneCountries: ['ZZ'] }],
    ['upstreamTimeoutMs', { upstreamTimeoutMs: -1 }],
    ['fetch', { fetch: 'fetch' }],
    ['allowOrigins', { allowOrigins: [] }],
    ['limits.perIp', { limits: { perIp: 0 } }],
    ['limits.daily', { limits: { daily: 1.5 } }],
    ['limits', { limits: { perMinute: 3 } }],
    ['stores', { stores: {} }],
  ];
  for (const [name, override] of bad) {
    test(`a bad ${name} throws naming it`, () => {
      assert.throws(() => createChatProxy({ ...config, ...override } as never), (error: Error) => error.message.includes(name));
    });
  }

  test('limits default to SPEC §5 and may be given in part', async () => {
    const { chatProxyConfigSchema } = await import('../../src/proxy/index.js');
    assert.deepEqual(chatProxyConfigSchema.parse(config).limits, { perIp: 5, perContact: 3, daily: 500 });
    assert.deepEqual(chatProxyConfigSchema.parse({ ...config, limits: { daily: 9 } }).limits, { perIp: 5, perContact: 3, daily: 9 });
  });

  test('a minimal config builds a handler', () => {
    assert.equal(typeof createChatProxy(config), 'function');
  });
});
