// All storage goes through here (the single source of truth; pages and content scripts ask the worker).
//   storage.local:   settings, dismissed banners per site
//   storage.session: per-tab state ("tab:<id>"), verdicts ("v:…") and link-dot rows ("dom:<host>"),
//                    gone when the browser closes
import { ext } from './lib/browser.js';
import { normaliseSettings } from './lib/settings.js';

const SETTINGS_KEY = 'settings';
const DISMISSED_KEY = 'dismissed';
const VERDICT_PREFIX = 'v:';
const VERDICT_TTL_MS = 10 * 60 * 1000;
const PRUNE_EVERY = 25; // cache writes between two sweeps for expired entries
const DOMAIN_TTL_MS = 30 * 60 * 1000;
const DOMAIN_ERROR_TTL_MS = 60 * 1000;

let settingsCache = null;
let writes = 0;
ext.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (SETTINGS_KEY in changes || 'apiBase' in changes)) settingsCache = null;
});

export async function getSettings() {
  if (settingsCache) return settingsCache;
  const stored = await ext.storage.local.get([SETTINGS_KEY, 'apiBase']);
  // A bare "apiBase" key is accepted too (handy from a test or the devtools console).
  const raw = { ...(stored[SETTINGS_KEY] ?? {}) };
  if (typeof stored.apiBase === 'string') raw.apiBase = stored.apiBase;
  settingsCache = normaliseSettings(raw).settings;
  return settingsCache;
}

/** Validate and store; returns {settings, errors}; nothing is stored when there are errors. */
export async function saveSettings(input) {
  const result = normaliseSettings(input);
  if (Object.keys(result.errors).length === 0) {
    await ext.storage.local.set({ [SETTINGS_KEY]: result.settings });
    await ext.storage.local.remove('apiBase');
    settingsCache = result.settings;
  }
  return result;
}

// --- per-tab state -----------------------------------------------------------------

export async function getTab(tabId) {
  const key = `tab:${tabId}`;
  return (await ext.storage.session.get(key))[key] ?? null;
}

export async function setTab(tabId, state) {
  await ext.storage.session.set({ [`tab:${tabId}`]: state });
}

export async function removeTab(tabId) {
  await ext.storage.session.remove(`tab:${tabId}`);
}

// --- dismissed banners, per site (registrable domain) -------------------------------

export async function getDismissed() {
  return (await ext.storage.local.get(DISMISSED_KEY))[DISMISSED_KEY] ?? {};
}

export async function isDismissed(site) {
  return Boolean((await getDismissed())[site]);
}

export async function setDismissed(site, dismissed) {
  const all = await getDismissed();
  if (dismissed) all[site] = Date.now();
  else delete all[site];
  await ext.storage.local.set({ [DISMISSED_KEY]: all });
}

export async function forgetDismissals() {
  await ext.storage.local.remove(DISMISSED_KEY);
}

// --- verdict cache (page checks): one key per address, "v:<apiBase>|<url>|<url or text>" ------

export async function cachedVerdict(key) {
  const stored = `${VERDICT_PREFIX}${key}`;
  const hit = (await ext.storage.session.get(stored))[stored];
  return hit && Date.now() - hit.at < VERDICT_TTL_MS ? hit.verdict : null;
}

export async function cacheVerdict(key, verdict) {
  await ext.storage.session.set({ [`${VERDICT_PREFIX}${key}`]: { at: Date.now(), verdict } });
  writes += 1;
  if (writes % PRUNE_EVERY === 0) await pruneCaches();
}

export async function dropCachedVerdicts(prefix) {
  const all = await ext.storage.session.get(null);
  const keys = Object.keys(all).filter((key) => key.startsWith(`${VERDICT_PREFIX}${prefix}`));
  if (keys.length) await ext.storage.session.remove(keys);
}

/** Forget expired verdicts and link-dot rows (storage.session is in memory: keep it small). */
async function pruneCaches() {
  const all = await ext.storage.session.get(null);
  const now = Date.now();
  const expired = Object.keys(all).filter(
    (key) =>
      (key.startsWith(VERDICT_PREFIX) && now - all[key].at > VERDICT_TTL_MS) ||
      (key.startsWith('dom:') && now - all[key].at > DOMAIN_TTL_MS),
  );
  if (expired.length) await ext.storage.session.remove(expired);
}

// --- link-dot cache: one row per host ("dom:<host>") -----------------------------------

export async function cachedDomains(hosts) {
  if (!hosts.length) return {};
  const keys = hosts.map((host) => `dom:${host}`);
  const stored = await ext.storage.session.get(keys);
  const now = Date.now();
  const found = {};
  for (const host of hosts) {
    const hit = stored[`dom:${host}`];
    const ttl = hit?.row?.ok === false ? DOMAIN_ERROR_TTL_MS : DOMAIN_TTL_MS;
    if (hit && now - hit.at < ttl) found[host] = hit.row;
  }
  return found;
}

export async function cacheDomains(rows) {
  const now = Date.now();
  const items = {};
  for (const [host, row] of Object.entries(rows)) items[`dom:${host}`] = { at: now, row };
  if (Object.keys(items).length === 0) return;
  await ext.storage.session.set(items);
  writes += 1;
  if (writes % PRUNE_EVERY === 0) await pruneCaches();
}
