// The toolbar badge, per tab: score + colour, "…" while checking, grey "?" when the API is unreachable.
import { ext } from './lib/browser.js';
import { badgeFor } from './lib/verdict.js';

export async function showBadge(tabId, state, settings) {
  const badge = badgeFor(state, settings);
  try {
    await Promise.all([
      ext.action.setBadgeText({ tabId, text: badge.text }),
      ext.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      ext.action.setBadgeTextColor?.({ tabId, color: '#FFFFFF' }),
      ext.action.setTitle({ tabId, title: badge.title }),
    ]);
  } catch {
    // The tab closed meanwhile: nothing to show.
  }
}
