// The client IP used for per-IP limits: the socket's address, or with trustProxy the nearest proxy's X-Forwarded-For entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientIp, ipKey } from '../../src/proxy/client-ip.js';
import { phoneBody, post, setup } from './support.js';

const request = new Request('http://shop.example/', { headers: { 'X-Forwarded-For': '6.6.6.6, 203.0.113.7' } });

test('without trustProxy, X-Forwarded-For is ignored: the socket address counts', () => {
  assert.equal(clientIp(request, { clientIp: '10.0.0.2' }, false), '10.0.0.2');
});

test('with trustProxy, the last X-Forwarded-For entry counts (earlier ones are client-forgeable)', () => {
  assert.equal(clientIp(request, { clientIp: '10.0.0.2' }, true), '203.0.113.7');
});

test('with trustProxy and no X-Forwarded-For, the socket address counts', () => {
  assert.equal(clientIp(new Request('http://shop.example/'), { clientIp: '10.0.0.2' }, true), '10.0.0.2');
});

test('ipKey: one key per address in every spelling (ip:port, [v6]:port, IPv4-mapped, dotted tail, zone, case)', () => {
  const v4 = ['203.0.113.7', '203.0.113.7:51234', '::ffff:203.0.113.7', '[::ffff:203.0.113.7]:443', '::FFFF:CB00:7107', '0:0:0:0:0:ffff:203.0.113.7'];
  assert.deepEqual(new Set(v4.map(ipKey)), new Set(['203.0.113.7']));
  const v6 = ['2001:db8:0:1::5', '[2001:DB8:0:1::5]:8080', '2001:db8:0:1:0:0:0:5', '2001:db8:0:1::0.0.0.5', 'fe80::1%eth0'.replace('fe80::1', '2001:db8:0:1::9')];
  assert.deepEqual(new Set(v6.map(ipKey)), new Set(['2001:db8:0:1::/64']));
  assert.equal(ipKey('not-an-ip'), 'not-an-ip');
  assert.equal(ipKey('999.1.1.1'), '999.1.1.1');
});

test('with trustProxy, every spelling of one client shares its per-IP limit', async () => {
  const { handler } = setup({ trustProxy: true, limits: { perIp: 2, perContact: 100, daily: 100 } });
  const spellings = ['203.0.113.7:1111', '[::ffff:203.0.113.7]:2222', '::ffff:cb00:7107'];
  const statuses = [];
  for (const [i, spelling] of spellings.entries()) {
    statuses.push((await handler(post(phoneBody({ contact: `+1415555010${i + 2}` }), { 'X-Forwarded-For': spelling }))).status);
  }
  assert.deepEqual(statuses, [201, 201, 429]);
});
