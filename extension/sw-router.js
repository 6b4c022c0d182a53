// The one message router: every message names an id from lib/messages.js; unknown ids throw.
import { ext } from './lib/browser.js';
import * as MSG from './lib/messages.js';
import { linkScores } from './sw-links.js';
import { checkPage, dismissSite, getTabState, openDetails, recheckTab, setSiteChoice } from './sw-page.js';
import { forgetDismissals, getSettingsForPage, saveSettingsFromPage, testConnection } from './sw-settings.js';

export async function route(message, sender) {
  if (!MSG.FROM_CONTENT.includes(message?.id) && !fromExtensionPage(sender)) {
    throw new Error(`message ${JSON.stringify(message?.id)} is only accepted from crapdetect's own pages`);
  }
  switch (message.id) {
    case MSG.CHECK_PAGE:
      return checkPage(message, sender);
    case MSG.DISMISS_SITE:
      return dismissSite(message, sender);
    case MSG.OPEN_DETAILS:
      return openDetails(message, sender);
    case MSG.LINK_SCORES:
      return linkScores(message, sender);
    case MSG.GET_TAB_STATE:
      return getTabState(message);
    case MSG.RECHECK_TAB:
      return recheckTab(message);
    case MSG.SET_SITE_CHOICE:
      return setSiteChoice(message);
    case MSG.GET_SETTINGS:
      return getSettingsForPage();
    case MSG.SAVE_SETTINGS:
      return saveSettingsFromPage(message);
    case MSG.TEST_CONNECTION:
      return testConnection(message);
    case MSG.FORGET_DISMISSALS:
      return forgetDismissals();
    default:
      throw new Error(`unknown message id ${JSON.stringify(message?.id)}`);
  }
}

/** Popup and options run at our own origin, outside any tab's web page. */
export function fromExtensionPage(sender) {
  const ours = ext.runtime.getURL('');
  return sender?.id === ext.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(ours);
}

export function listen() {
  ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
    route(message, sender).then(
      (result) => sendResponse({ ok: true, result }),
      (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
    );
    return true; // the answer comes asynchronously
  });
}

listen();
