// The proxy's response helpers: headers added without losing the body, Vary merged, body text kept readable.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bodyText, jsonResponse, withHeaders } from '../../src/proxy/errors.js';
import { pathOf } from '../../src/proxy/path.js';

describe('withHeaders', () => {
  test('a response made by jsonResponse gets the extra headers, keeps status, body and base headers', async () => {
    const response = withHeaders(jsonResponse(201, { status: 'started', id: 'x' }), { Vary: 'Origin', 'Access-Control-Allow-Origin': 'https://a.example' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('vary'), 'Origin');
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://a.example');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(await response.json(), { status: 'started', id: 'x' });
  });

  test('any other response gets the base headers too, and its Vary is merged, not replaced', async () => {
    const other = new Response('hi', { status: 200, headers: { Vary: 'Accept-Encoding' } });
    const response = withHeaders(other, { Vary: 'Origin' });
    assert.equal(response.headers.get('vary'), 'Accept-Encoding, Origin');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(withHeaders(response, { Vary: 'origin' }).headers.get('vary'), 'Accept-Encoding, Origin', 'not twice');
    assert.equal(await response.text(), 'hi');
  });

  test('bodyText reads a response without consuming it', async () => {
    const made = jsonResponse(422, { error: { code: 'validation_failed' } });
    assert.equal(await bodyText(made), '{"error":{"code":"validation_failed"}}');
    const other = new Response('plain');
    assert.equal(await bodyText(other), 'plain');
    assert.equal(await other.text(), 'plain', 'still readable');
  });
});

describe('pathOf', () => {
  for (const [url, path] of [
    ['http://shop.example/api/agent-chat', '/api/agent-chat'],
    ['http://shop.example:8080/api/agent-chat?email=jane%40example.com', '/api/agent-chat'],
    ['https://[::1]:8443/a/b#frag', '/a/b'],
    ['http://shop.example', '/'],
    ['http://shop.example/?q=1', '/'],
  ]) {
    test(`${url} → ${path}`, () => assert.equal(pathOf(url!), path));
  }
});
