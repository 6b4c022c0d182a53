import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  apiBaseOf,
  DEFAULT_SETTINGS,
  isDefaultOrigin,
  normaliseSettings,
  originPattern,
  parseHostList,
} from '../../extension/lib/settings.js';

test('no input gives the defaults: URL only, banner mode, no link dots', () => {
  const { settings, errors } = normaliseSettings(undefined);
  assert.deepEqual(errors, {});
  assert.deepEqual(settings, { ...DEFAULT_SETTINGS });
  assert.equal(settings.apiBase, 'http://127.0.0.1:8000');
  assert.equal(settings.sendPageText, false);
  assert.equal(settings.linkDots, false);
});

test('opt-ins must be real booleans, not truthy strings', () => {
  const { settings } = normaliseSettings({ sendPageText: 'yes', linkDots: 1 });
  assert.equal(settings.sendPageText, false);
  assert.equal(settings.linkDots, false);
});

test('bad values are reported per field and replaced by defaults', () => {
  const { settings, errors } = normaliseSettings({
    apiBase: 'javascript:alert(1)',
    apiKeyHeader: 'X Bad Header',
    warnBelow: 80,
    goodFrom: 70,
    mode: 'loud',
  });
  assert.deepEqual(Object.keys(errors).sort(), ['apiBase', 'apiKeyHeader', 'goodFrom', 'mode']);
  assert.equal(settings.apiBase, DEFAULT_SETTINGS.apiBase);
  assert.equal(errors.goodFrom, 'Must be at least the warning threshold (80)');
});

test('thresholds are whole numbers from 0 to 100 (101 means "never green")', () => {
  assert.ok(normaliseSettings({ warnBelow: 2.5 }).errors.warnBelow);
  assert.ok(normaliseSettings({ goodFrom: -1 }).errors.goodFrom);
  assert.deepEqual(normaliseSettings({ warnBelow: '0', goodFrom: '101' }).errors, {});
});

test('API base: http(s) only, no credentials, query or fragment; trailing slash dropped', () => {
  assert.equal(apiBaseOf('http://127.0.0.1:8000/'), 'http://127.0.0.1:8000');
  assert.equal(apiBaseOf(' https://cd.example.org/api/ '), 'https://cd.example.org/api');
  for (const bad of ['ftp://x.org', 'http://user:pw@x.org', 'http://x.org/?a=1', 'http://x.org/#a', '', 'x.org']) {
    assert.equal(apiBaseOf(bad), null, bad);
  }
});

test('origin patterns name the port; the default origin is recognised', () => {
  assert.equal(originPattern('http://127.0.0.1:8000'), 'http://127.0.0.1:8000/*');
  assert.equal(originPattern('https://cd.example.org/api'), 'https://cd.example.org/*');
  assert.equal(isDefaultOrigin('http://127.0.0.1:8000/sub'), true);
  assert.equal(isDefaultOrigin('http://127.0.0.1:8001'), false);
  assert.equal(isDefaultOrigin('http://localhost:8000'), false);
});

test('host lists: one per line or comma, URLs cut to hosts, junk reported', () => {
  const { hosts, bad } = parseHostList('Example.org\nhttps://www.news.example/a/b?c\n\n# comment\n*.blog.example, example.org\nnot a domain!\nlocalhost');
  assert.deepEqual(hosts, ['example.org', 'www.news.example', 'blog.example']);
  assert.deepEqual(bad, ['not a domain!', 'localhost']);
});
