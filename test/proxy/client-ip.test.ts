// The client IP used for per-IP limits: the socket's address, or with trustProxy the nearest proxy's X-Forwarded-For entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientIp } from '../../src/proxy/client-ip.js';

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
