// Tab bookkeeping: a closed tab's state is dropped (no "tabs" permission needed for this event).
import { ext } from './lib/browser.js';
import { forgetTab } from './sw-page.js';

ext.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
});
