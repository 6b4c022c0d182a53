// Link dots: domain-level scores for the hosts a page links to, from POST /v1/check/batch,
// cached per host so a site's links cost one lookup per browser session.
import { choiceFor } from './lib/hosts.js';
import { dotFor } from './lib/verdict.js';
import { BATCH_MAX, checkBatch } from './sw-api.js';
import * as store from './sw-store.js';

// More distinct hosts than this on one page are left without dots (a link farm, not an article).
export const HOSTS_PER_PAGE = 500;
const HOST_NAME = /^[a-z0-9.-]+$/;

// Hosts being fetched right now, shared by tabs asking at the same time.
const inFlight = new Map();

export async function linkScores(message, sender) {
  if (sender.tab?.id === undefined) return { dots: {} };
  const settings = await store.getSettings();
  if (!settings.linkDots || settings.mode === 'off') return { dots: {}, off: true };
  const targets = uniqueTargets(message.hosts).slice(0, HOSTS_PER_PAGE);
  const rows = await store.cachedDomains(targets.map((t) => t.host));
  const missing = targets.filter((t) => !(t.host in rows));
  let error = null;
  if (missing.length) {
    try {
      Object.assign(rows, await fetchRows(settings, missing));
    } catch (failure) {
      error = failure?.message ?? String(failure);
    }
  }
  const dots = {};
  for (const { host } of targets) {
    if (rows[host]) dots[host] = dotFor(host, rows[host], settings, choiceFor(host, settings));
  }
  return { dots, error };
}

/** [{host, url}] from ["https://host", ...]; anything odd is dropped. */
function uniqueTargets(origins) {
  const seen = new Map();
  for (const origin of Array.isArray(origins) ? origins : []) {
    let parsed;
    try {
      parsed = new URL(String(origin));
    } catch {
      continue;
    }
    const host = parsed.hostname.toLowerCase();
    if (!['http:', 'https:'].includes(parsed.protocol) || !HOST_NAME.test(host) || seen.has(host)) continue;
    seen.set(host, { host, url: `${parsed.protocol}//${host}/` });
  }
  return [...seen.values()];
}

async function fetchRows(settings, targets) {
  const rows = {};
  const waits = [];
  const fresh = [];
  for (const target of targets) {
    if (inFlight.has(target.host)) waits.push(inFlight.get(target.host).then((row) => (rows[target.host] = row)));
    else fresh.push(target);
  }
  for (let i = 0; i < fresh.length; i += BATCH_MAX) {
    const chunk = fresh.slice(i, i + BATCH_MAX);
    const request = checkBatch(settings, chunk.map((t) => t.url)).then((answer) => rowsByHost(chunk, answer));
    chunk.forEach((t) => inFlight.set(t.host, request.then((byHost) => byHost[t.host])));
    waits.push(
      request
        .then(async (byHost) => {
          Object.assign(rows, byHost);
          await store.cacheDomains(byHost);
        })
        .finally(() => chunk.forEach((t) => inFlight.delete(t.host))),
    );
  }
  await Promise.all(waits);
  return rows;
}

function rowsByHost(chunk, answer) {
  const byHost = {};
  const results = Array.isArray(answer?.results) ? answer.results : [];
  chunk.forEach((target, index) => {
    const row = results[index];
    if (!row) return;
    byHost[target.host] =
      row.ok === false
        ? { ok: false, error: String(row.error ?? 'error') }
        : { ok: true, score: row.score, label: row.label, confidence: row.confidence, domain: row.domain };
  });
  return byHost;
}
