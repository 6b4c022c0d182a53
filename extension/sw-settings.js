// Settings for the options page, the connection test and forgetting dismissed banners.
import { health } from './sw-api.js';
import { publicSettings } from './sw-page.js';
import * as store from './sw-store.js';

export async function getSettingsForPage() {
  const settings = await store.getSettings();
  const dismissed = Object.keys(await store.getDismissed()).sort();
  // The options page is an extension page: it may see the key to edit it.
  return { settings, dismissed };
}

export async function saveSettingsFromPage({ settings }) {
  const result = await store.saveSettings(settings ?? {});
  return { settings: publicSettings(result.settings), errors: result.errors, saved: Object.keys(result.errors).length === 0 };
}

/** GET /healthz at the given (unsaved) base, with the saved key unless a new one is given. */
export async function testConnection({ settings: draft }) {
  const saved = await store.getSettings();
  const settings = { ...saved, ...(draft ?? {}) };
  try {
    const info = await health(settings);
    const version = info?.versions?.crapdetect ?? info?.version ?? '';
    return { ok: true, message: `Connected to crapdetect ${version} at ${settings.apiBase}`.replace('  ', ' ') };
  } catch (error) {
    return { ok: false, message: error?.message ?? String(error) };
  }
}

export async function forgetDismissals() {
  await store.forgetDismissals();
  return { ok: true };
}
