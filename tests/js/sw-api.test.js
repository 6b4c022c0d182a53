import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fakeChrome } from './fake-chrome.js';

globalThis.chrome = fakeChrome();
const { ApiError, checkBatch, checkUrl } = await import('../../extension/sw-api.js');
const { DEFAULT_SETTINGS } = await import('../../extension/lib/settings.js');

const settings = { ...DEFAULT_SETTINGS };
const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function withFetch(fake, body) {
  const calls = [];
  globalThis.fetch = async (url, init) => {
    calls.push([url, init]);
    return fake(url, init);
  };
  return body(calls);
}

test('POST /v1/check with a JSON body, no credentials, no referrer', async () => {
  await withFetch(() => json(200, { ok: true, score: 12 }), async (calls) => {
    const verdict = await checkUrl(settings, { url: 'https://x.test/a' });
    assert.equal(verdict.score, 12);
    const [url, init] = calls[0];
    assert.equal(url, 'http://127.0.0.1:8000/v1/check');
    assert.equal(init.method, 'POST');
    assert.equal(init.body, '{"url":"https://x.test/a"}');
    assert.equal(init.credentials, 'omit');
    assert.equal(init.referrerPolicy, 'no-referrer');
    assert.equal(init.headers['Content-Type'], 'application/json');
    assert.equal('X-API-Key' in init.headers, false);
  });
});

test('the API key goes in the configured header', async () => {
  await withFetch(() => json(200, { ok: true }), async (calls) => {
    await checkUrl({ ...settings, apiKeyHeader: 'Authorization', apiKey: 'Bearer k' }, { url: 'https://x.test/' });
    assert.equal(calls[0][1].headers.Authorization, 'Bearer k');
  });
});

test('error bodies become ApiErrors with the server message', async () => {
  await withFetch(() => json(400, { ok: false, error: "'http://10.0.0.1/' points at an IP address", code: 'invalid_url', status: 400 }), async () => {
    await assert.rejects(checkUrl(settings, { url: 'http://10.0.0.1/' }), (error) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.kind, 'invalid-url');
      assert.match(error.message, /points at an IP address/);
      return true;
    });
  });
  await withFetch(() => json(429, { ok: false, error: 'Too many requests', code: 'rate_limited' }), async () => {
    await assert.rejects(checkUrl(settings, { url: 'https://x.test/' }), { kind: 'http', message: 'HTTP 429: Too many requests' });
  });
  await withFetch(() => new Response('<html>proxy error</html>', { status: 502 }), async () => {
    await assert.rejects(checkUrl(settings, { url: 'https://x.test/' }), { kind: 'bad-response' });
  });
});

test('a refused connection is "unreachable"; a missing permission says so', async () => {
  const refuse = () => {
    throw new TypeError('Failed to fetch');
  };
  await withFetch(refuse, async () => {
    await assert.rejects(checkUrl(settings, { url: 'https://x.test/' }), (error) => {
      assert.equal(error.kind, 'unreachable');
      assert.match(error.message, /could not connect to http:\/\/127\.0\.0\.1:8000/);
      return true;
    });
    await assert.rejects(checkUrl({ ...settings, apiBase: 'http://10.1.2.3:9000' }, { url: 'https://x.test/' }), (error) => {
      assert.equal(error.kind, 'permission');
      assert.match(error.message, /no permission to reach http:\/\/10\.1\.2\.3:9000/);
      return true;
    });
  });
});

test('an aborted request is a timeout', async () => {
  const abort = () => {
    throw new DOMException('aborted', 'AbortError');
  };
  await withFetch(abort, async () => {
    await assert.rejects(checkUrl(settings, { url: 'https://x.test/' }), { kind: 'timeout' });
  });
});

test('batches are capped at 100 URLs and never fetch pages', async () => {
  await withFetch(() => json(200, { ok: true, results: [] }), async (calls) => {
    await checkBatch(settings, ['https://a.test/', 'https://b.test/']);
    assert.deepEqual(JSON.parse(calls[0][1].body), { urls: ['https://a.test/', 'https://b.test/'], fetch_pages: false });
  });
  assert.throws(() => checkBatch(settings, Array.from({ length: 101 }, (_, i) => `https://h${i}.test/`)), RangeError);
});
