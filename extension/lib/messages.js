// Message ids: the single list shared by the worker, the popup and the options page.
// content.js is a classic script and repeats the ids it uses at its top;
// tests/js/messages.test.js fails if the two drift apart.

// Sent by the content script (the worker trusts only sender.tab and sender.url, never the body).
export const CHECK_PAGE = 'check-page';
export const DISMISS_SITE = 'dismiss-site';
export const OPEN_DETAILS = 'open-details';
export const LINK_SCORES = 'link-scores';

// Sent by extension pages (popup, options); refused from content scripts.
export const GET_TAB_STATE = 'get-tab-state';
export const RECHECK_TAB = 'recheck-tab';
export const SET_SITE_CHOICE = 'set-site-choice';
export const GET_SETTINGS = 'get-settings';
export const SAVE_SETTINGS = 'save-settings';
export const TEST_CONNECTION = 'test-connection';
export const FORGET_DISMISSALS = 'forget-dismissals';

// Sent by the worker to a tab's content script.
export const RECHECK = 'recheck';
export const GET_HEADLINE = 'get-headline';

export const FROM_CONTENT = Object.freeze([CHECK_PAGE, DISMISS_SITE, OPEN_DETAILS, LINK_SCORES]);
