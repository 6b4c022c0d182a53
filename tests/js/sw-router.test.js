import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fakeChrome } from './fake-chrome.js';

const chrome = fakeChrome();
globalThis.chrome = chrome;
globalThis.fetch = async () => {
  throw new TypeError('Failed to fetch');
};
const { route } = await import('../../extension/sw-router.js');
const MSG = await import('../../extension/lib/messages.js');

const page = { id: 'fake-extension-id', url: 'chrome-extension://fake-extension-id/options.html' };
const content = (url, tabId = 7) => ({ id: 'fake-extension-id', url, frameId: 0, tab: { id: tabId, index: 0 } });

test('the worker registers one message listener', () => {
  assert.equal(chrome.listeners.message.length, 1);
});

test('unknown ids throw', async () => {
  await assert.rejects(route({ id: 'nope' }, page), /unknown message id "nope"/);
});

test('content scripts cannot read or change settings', async () => {
  for (const id of [MSG.GET_SETTINGS, MSG.SAVE_SETTINGS, MSG.GET_TAB_STATE, MSG.SET_SITE_CHOICE, MSG.FORGET_DISMISSALS]) {
    await assert.rejects(route({ id }, content('https://evil.test/')), /only accepted from crapdetect's own pages/, id);
  }
});

test('settings round-trip through the worker, validated', async () => {
  const bad = await route({ id: MSG.SAVE_SETTINGS, settings: { warnBelow: 90, goodFrom: 10 } }, page);
  assert.equal(bad.saved, false);
  const good = await route({ id: MSG.SAVE_SETTINGS, settings: { warnBelow: 30, apiKey: 'secret' } }, page);
  assert.equal(good.saved, true);
  assert.equal('apiKey' in good.settings, false); // answers never echo the key
  const { settings } = await route({ id: MSG.GET_SETTINGS }, page);
  assert.equal(settings.warnBelow, 30);
});

test('pages that are not http(s), and frames, are skipped', async () => {
  assert.deepEqual(await route({ id: MSG.CHECK_PAGE }, content('file:///etc/passwd')), { status: 'skipped' });
  assert.deepEqual(await route({ id: MSG.CHECK_PAGE }, { ...content('https://x.test/'), frameId: 3 }), { status: 'skipped' });
});

test('the worker checks sender.url, ignores a url in the message, and records an unreachable API', async () => {
  const answer = await route({ id: MSG.CHECK_PAGE, url: 'https://other.test/' }, content('https://x.test/a?q=1', 9));
  assert.equal(answer.status, 'error');
  const stored = (await chrome.storage.session.get('tab:9'))['tab:9'];
  assert.equal(stored.url, 'https://x.test/a?q=1');
  assert.equal(stored.error.kind, 'unreachable');
  assert.equal(chrome.badges[9].text, '?');
});

test('mode "off" checks nothing until forced', async () => {
  await route({ id: MSG.SAVE_SETTINGS, settings: { mode: 'off' } }, page);
  let fetched = 0;
  globalThis.fetch = async () => {
    fetched += 1;
    throw new TypeError('Failed to fetch');
  };
  assert.equal((await route({ id: MSG.CHECK_PAGE }, content('https://x.test/', 11))).status, 'off');
  assert.equal(fetched, 0);
  assert.equal((await route({ id: MSG.CHECK_PAGE, force: true }, content('https://x.test/', 11))).status, 'error');
  assert.equal(fetched, 1);
});

test('with the text opt-in the worker asks for the text first, then sends it capped', async () => {
  const bodies = [];
  globalThis.fetch = async (_url, init) => {
    bodies.push(JSON.parse(init.body));
    return new Response(JSON.stringify({ ok: true, url: 'https://t.test/', domain: 't.test', host: 't.test', score: 80, label: 'reliable', confidence: 0.7, signals: [] }), { status: 200 });
  };
  await route({ id: MSG.SAVE_SETTINGS, settings: { sendPageText: true } }, page);
  const first = await route({ id: MSG.CHECK_PAGE }, content('https://t.test/story', 12));
  assert.deepEqual([first.status, first.textLimit], ['need-text', 20000]);
  assert.equal(bodies.length, 0);
  const done = await route({ id: MSG.CHECK_PAGE, title: 'Headline', text: 'x'.repeat(30000) }, content('https://t.test/story', 12));
  assert.equal(done.status, 'done');
  assert.deepEqual(Object.keys(bodies[0]), ['url', 'title', 'text']);
  assert.equal(bodies[0].text.length, 20000);
});
