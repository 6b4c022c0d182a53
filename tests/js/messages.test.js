import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as MSG from '../../extension/lib/messages.js';

const ext = new URL('../../extension/', import.meta.url);
const read = (name) => readFileSync(new URL(name, ext), 'utf8');
const ids = Object.fromEntries(Object.entries(MSG).filter(([, v]) => typeof v === 'string'));

test('message ids are unique', () => {
  assert.equal(new Set(Object.values(ids)).size, Object.values(ids).length);
});

test("content.js repeats the ids it uses with the same values (it cannot import modules)", () => {
  const source = read('content.js');
  const block = source.slice(source.indexOf('// Message ids'), source.indexOf('\n\n', source.indexOf('// Message ids')));
  const declared = Object.fromEntries([...block.matchAll(/^ {2}const ([A-Z_]+) = '([a-z-]+)';$/gm)].map((m) => [m[1], m[2]]));
  assert.ok(Object.keys(declared).length >= 6);
  for (const [name, value] of Object.entries(declared)) {
    assert.equal(ids[name], value, `${name} in content.js`);
  }
});

test('the router handles every id sent to the worker, and nothing else', () => {
  const router = read('sw-router.js');
  const handled = [...router.matchAll(/case MSG\.([A-Z_]+):/g)].map((m) => m[1]).sort();
  const toWorker = Object.keys(ids).filter((name) => !['RECHECK', 'GET_HEADLINE'].includes(name)).sort();
  assert.deepEqual(handled, toWorker);
  assert.match(router, /default:\s*\n\s*throw new Error/);
});
