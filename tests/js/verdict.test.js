import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DEFAULT_SETTINGS } from '../../extension/lib/settings.js';
import {
  badgeFor,
  bandFor,
  bannerModel,
  COLORS,
  dotFor,
  formatConfidence,
  formatPoints,
  lateralReading,
  safeHref,
  strongestReasons,
  wantsBanner,
} from '../../extension/lib/verdict.js';

const settings = { ...DEFAULT_SETTINGS };
const signal = (name, points, reason, extra = {}) => ({ name, status: 'ok', points, reason, evidence: [], ...extra });
const verdict = (score, label = 'mixed', signals = []) => ({
  url: 'https://x.test/a',
  domain: 'x.test',
  host: 'www.x.test',
  score,
  label,
  confidence: 0.4,
  summary: 'A summary.',
  signals,
});

test('bands follow the user thresholds; unknown stays grey; lists win', () => {
  assert.equal(bandFor(verdict(39), settings), 'bad');
  assert.equal(bandFor(verdict(40), settings), 'mixed');
  assert.equal(bandFor(verdict(69), settings), 'mixed');
  assert.equal(bandFor(verdict(70), settings), 'good');
  assert.equal(bandFor(verdict(5, 'unknown'), settings), 'unknown');
  assert.equal(bandFor(verdict(90, 'reliable'), settings, 'deny'), 'bad');
  assert.equal(bandFor(verdict(5, 'unreliable'), settings, 'allow'), 'good');
  assert.equal(bandFor(verdict(55), { ...settings, warnBelow: 60 }), 'bad');
});

test('the banner: banner mode only, below the threshold, not dismissed, deny always, allow never', () => {
  const low = verdict(12, 'unreliable');
  const base = { verdict: low, settings, choice: null, dismissed: false };
  assert.equal(wantsBanner(base), true);
  assert.equal(wantsBanner({ ...base, settings: { ...settings, mode: 'toolbar' } }), false);
  assert.equal(wantsBanner({ ...base, settings: { ...settings, mode: 'off' } }), false);
  assert.equal(wantsBanner({ ...base, dismissed: true }), false);
  assert.equal(wantsBanner({ ...base, choice: 'allow' }), false);
  assert.equal(wantsBanner({ ...base, verdict: verdict(12, 'unknown') }), false);
  assert.equal(wantsBanner({ ...base, verdict: verdict(95, 'reliable'), choice: 'deny' }), true);
  assert.equal(wantsBanner({ ...base, verdict: verdict(95, 'reliable') }), false);
});

test('badge: pending "…", unreachable grey "?" with the reason, invalid address "–"', () => {
  assert.deepEqual(badgeFor({ state: 'pending' }, settings).text, '…');
  const down = badgeFor({ state: 'error', error: { kind: 'unreachable', message: 'could not connect' } }, settings);
  assert.equal(down.text, '?');
  assert.equal(down.color, COLORS.error);
  assert.match(down.title, /unreachable — could not connect/);
  const invalid = badgeFor({ state: 'error', error: { kind: 'invalid-url', message: 'points at an IP address' } }, settings);
  assert.equal(invalid.text, '–');
  assert.match(invalid.title, /cannot check this page — points at an IP address/);
  assert.equal(badgeFor(null, settings).text, '');
});

test('badge for a verdict: the score, the band colour, a title that explains', () => {
  const badge = badgeFor({ state: 'done', verdict: verdict(12, 'unreliable'), choice: null }, settings);
  assert.deepEqual([badge.text, badge.color], ['12', COLORS.bad]);
  assert.equal(badge.title, 'crapdetect: x.test looks unreliable · score 12/100, confidence 0.40 (medium) · below your warning threshold (40)');
  const denied = badgeFor({ state: 'done', verdict: verdict(90, 'reliable'), choice: 'deny' }, settings);
  assert.deepEqual([denied.text, denied.color], ['90', COLORS.bad]);
  assert.match(denied.title, /on your deny list: always warned/);
});

test('the banner shows the strongest negative reasons; weak hints only as a last resort', () => {
  const v = verdict(10, 'unreliable', [
    signal('source_type', -4.9, 'weak name hint', { strength: 0.25 }),
    signal('domain_age', -35, 'registered 3 days ago'),
    signal('text', -10, 'clickbait headline'),
    signal('popularity', 5, 'popular'),
    { name: 'x', status: 'error', points: -50, reason: 'failed lookups never count', evidence: [] },
  ]);
  assert.deepEqual(strongestReasons(v), ['registered 3 days ago', 'clickbait headline']);
  assert.deepEqual(strongestReasons(verdict(45, 'mixed', [signal('source_type', -4.9, 'weak', { strength: 0.25 })])), ['weak']);
  const model = bannerModel(v, settings, null);
  assert.equal(model.title, 'x.test looks unreliable (score 10/100)');
  assert.equal(model.band, 'bad');
  const denied = bannerModel(verdict(90, 'reliable'), settings, 'deny');
  assert.equal(denied.title, 'You put x.test on your deny list');
  assert.match(denied.reasons[0], /^Your choice/);
});

test('links: only http(s) URLs become links', () => {
  assert.equal(safeHref('https://rdap.example/domain/x'), 'https://rdap.example/domain/x');
  for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'chrome://settings', 'nonsense']) {
    assert.equal(safeHref(bad), null, bad);
  }
});

test('lateral reading: three questions, encoded queries, the headline for the fact-check search', () => {
  const steps = lateralReading('x.test', 'Shocking "claim" & more');
  assert.deepEqual(steps.map((s) => s.question), ['Who is behind this?', 'What do others say?', 'What is the original source?']);
  const urls = steps.flatMap((s) => s.links.map((l) => l.url));
  assert.ok(urls.includes('https://en.wikipedia.org/w/index.php?search=x.test&ns0=1'));
  assert.ok(urls.includes('https://web.archive.org/web/*/x.test'));
  assert.ok(urls.includes('https://toolbox.google.com/factcheck/explorer/search/Shocking%20%22claim%22%20%26%20more'));
  // No headline: search for the site instead.
  assert.ok(lateralReading('x.test', '').flatMap((s) => s.links.map((l) => l.url)).includes('https://toolbox.google.com/factcheck/explorer/search/x.test'));
});

test('link dots: band and a plain-text title; error rows get an unknown dot', () => {
  const dot = dotFor('a.test', { ok: true, score: 80, label: 'reliable', confidence: 0.7 }, settings, null);
  assert.deepEqual([dot.band, dot.title], ['good', 'crapdetect: a.test looks reliable (score 80/100, confidence 0.70 (high))']);
  assert.equal(dotFor('b.test', { ok: false, error: 'bad' }, settings, null).band, 'unknown');
  assert.match(dotFor('c.test', { ok: true, score: 80, label: 'reliable', confidence: 0.7 }, settings, 'deny').title, /your deny list$/);
});

test('number formats', () => {
  assert.equal(formatPoints(-35), '−35');
  assert.equal(formatPoints(2.14), '+2.1');
  assert.equal(formatPoints(0), '±0');
  assert.equal(formatConfidence(0.1), '0.10 (low)');
  assert.equal(formatConfidence('x'), '?');
});
