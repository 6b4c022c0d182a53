// Checking the page in a tab: the content script asks, the worker scores sender.url (set by the
// browser, so a page cannot make us check another address), stores the tab's state, sets the badge
// and tells the content script whether to show the warning banner.
import { ext } from './lib/browser.js';
import { GET_HEADLINE, RECHECK } from './lib/messages.js';
import { addressToSend, choiceFor, isCheckable } from './lib/hosts.js';
import { TEXT_LIMIT } from './lib/settings.js';
import { bannerModel, wantsBanner } from './lib/verdict.js';
import { ApiError, checkUrl } from './sw-api.js';
import { showBadge } from './sw-badge.js';
import * as store from './sw-store.js';

// The latest request per tab: an answer for a page the tab has left is dropped.
const latest = new Map();
let counter = 0;

export async function checkPage(message, sender) {
  const tabId = sender.tab?.id;
  const url = sender.url;
  if (tabId === undefined || sender.frameId !== 0 || !isCheckable(url)) return { status: 'skipped' };
  const settings = await store.getSettings();
  const linkDots = settings.linkDots && settings.mode !== 'off';
  if (settings.mode === 'off' && !message.force) {
    await store.removeTab(tabId);
    await showBadge(tabId, null, settings);
    return { status: 'off', linkDots: false };
  }
  const requestId = ++counter;
  latest.set(tabId, requestId);
  const pending = { url, state: 'pending', apiBase: settings.apiBase, at: Date.now() };
  if (settings.sendPageText && typeof message.text !== 'string') {
    // Ask for the text first; it is read once the document has loaded.
    await store.setTab(tabId, pending);
    await showBadge(tabId, pending, settings);
    return { status: 'need-text', textLimit: TEXT_LIMIT, linkDots };
  }
  await store.setTab(tabId, pending);
  await showBadge(tabId, pending, settings);

  const body = { url: addressToSend(url) };
  if (settings.sendPageText) {
    body.title = String(message.title ?? '').slice(0, 500);
    body.text = String(message.text).slice(0, TEXT_LIMIT);
  }
  let state;
  try {
    const verdict = await verdictFor(settings, body, Boolean(message.force));
    state = await stateFor(url, verdict, settings);
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError('bad-response', String(error?.message ?? error));
    state = { url, state: 'error', error: failure.toJSON(), apiBase: settings.apiBase, at: Date.now() };
  }
  if (latest.get(tabId) !== requestId) return { status: 'stale' };
  await store.setTab(tabId, state);
  await showBadge(tabId, state, settings);
  if (state.state !== 'done') return { status: 'error', linkDots };
  const banner = wantsBanner({ verdict: state.verdict, settings, choice: state.choice, dismissed: state.dismissed })
    ? bannerModel(state.verdict, settings, state.choice)
    : null;
  return { status: 'done', banner, linkDots };
}

async function verdictFor(settings, body, force) {
  const key = `${settings.apiBase}|${body.url}|${body.text === undefined ? 'url' : 'text'}`;
  if (!force) {
    const hit = await store.cachedVerdict(key);
    if (hit) return hit;
  }
  const verdict = await checkUrl(settings, body);
  await store.cacheVerdict(key, verdict);
  return verdict;
}

async function stateFor(url, verdict, settings) {
  const host = new URL(url).hostname;
  const site = verdict.domain || host;
  return {
    url,
    state: 'done',
    verdict,
    site,
    choice: choiceFor(host, settings),
    dismissed: await store.isDismissed(site),
    sentText: settings.sendPageText,
    apiBase: settings.apiBase,
    at: Date.now(),
  };
}

/** The banner's "Hide on this site": remembered per site (registrable domain). */
export async function dismissSite(_message, sender) {
  const tabId = sender.tab?.id;
  const state = tabId === undefined ? null : await store.getTab(tabId);
  if (!state?.site || state.url !== sender.url) return { dismissed: false };
  await store.setDismissed(state.site, true);
  await store.setTab(tabId, { ...state, dismissed: true });
  return { dismissed: true, site: state.site };
}

/**
 * The banner's "Why? Check it yourself": the popup's explanation in a tab next to the page.
 * (action.openPopup() needs a focused window and is not allowed from a page click everywhere.)
 */
export async function openDetails(_message, sender) {
  const tab = sender.tab;
  await ext.tabs.create({
    url: ext.runtime.getURL(`popup.html?tabId=${tab?.id}`),
    windowId: tab?.windowId,
    index: (tab?.index ?? 0) + 1,
    openerTabId: tab?.id,
  });
  return { opened: 'tab' };
}

/**
 * For the popup: the tab's state plus the page's headline, both checked against the page now in
 * the tab (asked of its content script): a tab that left the checked page has no state to show.
 */
export async function getTabState({ tabId }) {
  const settings = await store.getSettings();
  let state = await store.getTab(tabId);
  let headline = '';
  let moved = false;
  if (state) {
    let page = null;
    try {
      page = await ext.tabs.sendMessage(tabId, { id: GET_HEADLINE }, { frameId: 0 });
    } catch {
      // No content script answers: the tab shows a browser page, a file, or was closed.
    }
    if (!page) {
      state = null;
    } else {
      headline = String(page.headline ?? '').slice(0, 300);
      moved = typeof page.url === 'string' && addressToSend(page.url) !== addressToSend(state.url);
    }
  }
  if (state?.state === 'done') {
    // Lists and dismissals may have changed since the check.
    const host = new URL(state.url).hostname;
    state.choice = choiceFor(host, settings);
    state.dismissed = await store.isDismissed(state.site);
  }
  return { tabId, state, moved, headline, settings: publicSettings(settings) };
}

/** Ask the tab's content script to check again (also the only way to check when the mode is "off"). */
export async function recheckTab({ tabId }) {
  const state = await store.getTab(tabId);
  if (state?.url) await store.dropCachedVerdicts(`${(await store.getSettings()).apiBase}|${addressToSend(state.url)}|`);
  try {
    await ext.tabs.sendMessage(tabId, { id: RECHECK }, { frameId: 0 });
    return { asked: true };
  } catch {
    return { asked: false, reason: 'crapdetect cannot run on this page (only http:// and https:// pages are checked).' };
  }
}

/** The popup's "Always trust" / "Always warn" / "Show the banner again". */
export async function setSiteChoice({ site, choice, undismiss }) {
  const settings = await store.getSettings();
  const host = String(site ?? '').toLowerCase();
  if (!host) throw new Error('no site given');
  if (undismiss) {
    await store.setDismissed(host, false);
  }
  if (choice !== undefined) {
    const allowList = settings.allowList.filter((h) => h !== host);
    const denyList = settings.denyList.filter((h) => h !== host);
    if (choice === 'allow') allowList.push(host);
    if (choice === 'deny') denyList.push(host);
    const result = await store.saveSettings({ ...settings, allowList, denyList });
    if (Object.keys(result.errors).length) throw new Error(Object.values(result.errors).join('; '));
  }
  return { ok: true };
}

export function publicSettings(settings) {
  const { apiKey, ...rest } = settings;
  return { ...rest, hasApiKey: Boolean(apiKey) };
}

export async function forgetTab(tabId) {
  latest.delete(tabId);
  await store.removeTab(tabId);
}
