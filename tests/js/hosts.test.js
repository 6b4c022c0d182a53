import assert from 'node:assert/strict';
import { test } from 'node:test';

import { addressToSend, choiceFor, hostMatches, isCheckable } from '../../extension/lib/hosts.js';

test('matching is label-wise: subdomains match, look-alike suffixes do not', () => {
  assert.equal(hostMatches('news.bbc.co.uk', 'bbc.co.uk'), true);
  assert.equal(hostMatches('www.example.org', 'example.org'), true);
  assert.equal(hostMatches('example.org', 'www.example.org'), true);
  assert.equal(hostMatches('deviantart.com', 'rt.com'), false);
  assert.equal(hostMatches('notexample.org', 'example.org'), false);
  assert.equal(hostMatches('example.org.evil.test', 'example.org'), false);
  assert.equal(hostMatches('', 'example.org'), false);
});

test('deny wins over allow when both lists match', () => {
  const settings = { allowList: ['example.org'], denyList: ['blog.example.org'] };
  assert.equal(choiceFor('blog.example.org', settings), 'deny');
  assert.equal(choiceFor('www.example.org', settings), 'allow');
  assert.equal(choiceFor('other.test', settings), null);
});

test('only http(s) pages are checked', () => {
  assert.equal(isCheckable('https://example.org/a'), true);
  for (const url of ['chrome://extensions', 'file:///tmp/x.html', 'about:blank', 'moz-extension://x/popup.html', 'not a url']) {
    assert.equal(isCheckable(url), false, url);
  }
});

test('by default the query string and fragment never leave the browser', () => {
  assert.equal(
    addressToSend('https://news.example/story/1?session=abc&email=a%40b.c#comments'),
    'https://news.example/story/1',
  );
  assert.equal(addressToSend('http://x.test:8080/'), 'http://x.test:8080/');
});
