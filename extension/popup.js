// The popup: the verdict, every signal with its reason and evidence, and how to check it yourself.
// Opened as the toolbar popup (the active tab) or as a page: popup.html?tabId=N.
import { ext } from './lib/browser.js';
import { clear, el, link } from './lib/dom.js';
import { GET_TAB_STATE, RECHECK_TAB, SET_SITE_CHOICE } from './lib/messages.js';
import { ask } from './lib/rpc.js';
import {
  bandFor,
  formatConfidence,
  formatPoints,
  LABEL_WORDS,
  lateralReading,
  safeHref,
  SIGNAL_NAMES,
} from './lib/verdict.js';

const app = document.getElementById('app');
const POLL_MS = 400;
const POLL_LIMIT_MS = 30000;

async function currentTabId() {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) {
    document.body.classList.add('in-tab'); // opened as a page, not as the toolbar popup
    return Number(param);
  }
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function load(tabId, started = Date.now()) {
  const view = await ask(GET_TAB_STATE, { tabId });
  render(view);
  if (view.state?.state === 'pending' && Date.now() - started < POLL_LIMIT_MS) {
    setTimeout(() => load(tabId, started), POLL_MS);
  }
}

function render(view) {
  const { state, settings } = view;
  clear(app);
  document.body.dataset.state = state?.state ?? 'none';
  if (!state) renderNone(view);
  else if (state.state === 'pending') renderPending(state);
  else if (state.state === 'error') renderError(view);
  else renderVerdict(view);
  app.append(footer(view, settings));
  document.body.dataset.ready = '1';
}

function heading(site) {
  return el('h1', {}, 'crapdetect', site ? el('span', { class: 'site' }, site) : null);
}

function renderNone(view) {
  app.append(heading());
  if (view.settings.mode === 'off') {
    app.append(
      el('p', {}, 'Automatic checks are off: no address is sent anywhere until you ask.'),
      el('div', { class: 'buttons' }, el('button', { type: 'button', class: 'check-now', onclick: () => recheck(view) }, 'Check this page')),
    );
  } else {
    app.append(
      el('p', {}, 'This page has not been checked.'),
      el('p', { class: 'muted' }, 'crapdetect checks web pages (http:// and https://) as they load. Browser pages, files and the extension store are never sent.'),
    );
  }
}

function renderPending(state) {
  app.append(heading(hostOf(state.url)), el('p', { class: 'pending' }, 'Checking this page…'));
}

function renderError(view) {
  const { state } = view;
  app.append(heading(hostOf(state.url)));
  const kind = state.error?.kind;
  const unreachable = kind !== 'invalid-url';
  app.append(
    el('p', { class: 'label' }, unreachable ? 'The crapdetect server could not be reached' : 'This address cannot be checked'),
    el('p', { class: 'error-message' }, state.error?.message ?? 'Unknown error'),
  );
  if (unreachable) {
    app.append(
      el('p', { class: 'muted' }, `crapdetect asks your own server at ${state.apiBase}. Start it with \`make serve\` (or \`crapdetect serve\`), or set its address in the options.`),
    );
  }
  app.append(
    el(
      'div',
      { class: 'buttons' },
      el('button', { type: 'button', onclick: () => recheck(view) }, 'Try again'),
      el('button', { type: 'button', onclick: () => ext.runtime.openOptionsPage() }, 'Options'),
    ),
  );
}

function renderVerdict(view) {
  const { state, settings, headline } = view;
  const verdict = state.verdict;
  const band = bandFor(verdict, settings, state.choice);
  app.append(heading(verdict.host || verdict.domain));

  app.append(
    el(
      'section',
      { class: 'verdict', dataset: { band, label: verdict.label } },
      el('div', { class: 'score' }, String(verdict.score), el('small', {}, '/100')),
      el(
        'div',
        {},
        el('div', { class: 'label' }, `${verdict.domain} ${LABEL_WORDS[verdict.label] ?? verdict.label}`),
        el('div', { class: 'confidence' }, `Confidence ${formatConfidence(verdict.confidence)}`),
      ),
    ),
  );
  if (state.choice) {
    app.append(
      el(
        'p',
        { class: 'choice', dataset: { choice: state.choice } },
        state.choice === 'allow'
          ? `Your choice: ${state.site} is on your allow list, so crapdetect never warns about it. The score above is crapdetect's own.`
          : `Your choice: ${state.site} is on your deny list, so crapdetect always warns about it. The score above is crapdetect's own.`,
      ),
    );
  }
  if (view.moved) {
    app.append(
      el('p', { class: 'note moved' }, `This page changed its address since it was checked (${state.url}). Use "Check again" to check the page as it is now.`),
    );
  }
  if (verdict.summary) app.append(el('p', { class: 'summary' }, verdict.summary));
  for (const note of honestyNotes(verdict, state, settings)) app.append(el('p', { class: 'note' }, note));

  app.append(el('h2', {}, 'Why this score'));
  const list = el('ul', { class: 'signals' });
  for (const signal of verdict.signals ?? []) list.append(signalItem(signal));
  app.append(list);

  app.append(el('h2', {}, 'Check it yourself'));
  app.append(
    el('p', { class: 'muted' }, 'Fact-checkers read laterally: they leave the page and see what the rest of the web says about it before trusting it. Three questions:'),
  );
  const steps = el('ul', { class: 'steps lateral' });
  for (const step of lateralReading(verdict.domain || verdict.host, headline)) {
    steps.append(
      el(
        'li',
        {},
        el('div', { class: 'question' }, step.question),
        el('div', { class: 'advice muted' }, step.advice),
        el('div', { class: 'links' }, step.links.map((item) => link(item.label, safeHref(item.url)))),
      ),
    );
  }
  app.append(steps);

  app.append(el('h2', {}, 'Your choice for this site'));
  app.append(choiceButtons(view));
}

function honestyNotes(verdict, state, settings) {
  const notes = [];
  if (verdict.label === 'unknown') {
    notes.push(
      `crapdetect has too little evidence to judge ${verdict.domain} (confidence ${formatConfidence(verdict.confidence)}). Unknown is neither good nor bad news: check it yourself with the steps below.`,
    );
  } else if (Number(verdict.confidence) < 0.5) {
    notes.push('Only some signals were available, so treat the score as a hint, not a verdict.');
  }
  const missing = (verdict.signals ?? []).filter((s) => s.status !== 'ok').map((s) => SIGNAL_NAMES[s.name] ?? s.name);
  if (missing.length) {
    notes.push(`Not available: ${missing.join(', ')}. Missing signals do not move the score; they lower the confidence.`);
  }
  const text = (verdict.signals ?? []).find((s) => s.name === 'text');
  if (text && text.status !== 'ok' && !settings.sendPageText) {
    notes.push("The page's text was not sent (your privacy setting). You can let the text model read it: options → Privacy.");
  }
  if (verdict.expanded_from?.length) {
    notes.push(`Checked where the link leads: ${verdict.expanded_from.join(' → ')} → ${verdict.url}`);
  }
  return notes;
}

function signalItem(signal) {
  const points = Number(signal.points);
  const statusWord = { ok: '', unavailable: 'no data', error: 'could not check' }[signal.status] ?? signal.status;
  const evidence = (signal.evidence ?? []).map((item) => link(item.label, safeHref(item.url)));
  return el(
    'li',
    { class: 'signal', dataset: { name: signal.name, status: signal.status } },
    el(
      'div',
      { class: 'signal-head' },
      el('span', {}, SIGNAL_NAMES[signal.name] ?? signal.name, statusWord ? el('span', { class: 'status' }, ` · ${statusWord}`) : null),
      signal.status === 'ok'
        ? el('span', { class: 'points', dataset: { sign: points < 0 ? 'neg' : points > 0 ? 'pos' : 'zero' } }, formatPoints(points))
        : null,
    ),
    el('p', { class: 'reason' }, signal.reason ?? ''),
    evidence.length ? el('div', { class: 'evidence' }, evidence) : null,
  );
}

function choiceButtons(view) {
  const { state } = view;
  const site = state.site;
  const choose = (choice) => async () => {
    await ask(SET_SITE_CHOICE, { site, choice });
    await recheck(view);
  };
  const box = el(
    'div',
    { class: 'buttons choices' },
    el('button', { type: 'button', class: 'allow', 'aria-pressed': String(state.choice === 'allow'), onclick: choose(state.choice === 'allow' ? null : 'allow') }, 'Always trust (never warn)'),
    el('button', { type: 'button', class: 'deny', 'aria-pressed': String(state.choice === 'deny'), onclick: choose(state.choice === 'deny' ? null : 'deny') }, 'Always warn'),
  );
  if (state.dismissed) {
    box.append(
      el(
        'button',
        {
          type: 'button',
          class: 'undismiss',
          onclick: async () => {
            await ask(SET_SITE_CHOICE, { site, undismiss: true });
            await recheck(view);
          },
        },
        `Show the warning on ${site} again`,
      ),
    );
  }
  return box;
}

async function recheck(view) {
  document.body.dataset.ready = '0';
  const answer = await ask(RECHECK_TAB, { tabId: view.tabId });
  if (!answer.asked) {
    app.append(el('p', { class: 'note' }, answer.reason));
    document.body.dataset.ready = '1';
    return;
  }
  setTimeout(() => load(view.tabId), 150);
}

function footer(view, settings) {
  const state = view.state;
  const parts = [];
  if (state?.at) parts.push(`Checked ${ago(state.at)}`);
  parts.push(`server ${state?.apiBase ?? settings.apiBase}`);
  const versions = state?.verdict?.versions;
  if (versions?.crapdetect) parts.push(`crapdetect ${versions.crapdetect}`);
  parts.push(settings.sendPageText ? 'sends: address, title and page text' : 'sends: the address only');
  return el(
    'footer',
    {},
    parts.join(' · '),
    ' · ',
    el('a', { href: '#', class: 'options-link', onclick: (event) => { event.preventDefault(); ext.runtime.openOptionsPage(); } }, 'Options'),
    state ? ' · ' : null,
    state ? el('a', { href: '#', class: 'recheck', onclick: (event) => { event.preventDefault(); recheck(view); } }, 'Check again') : null,
  );
}

function ago(time) {
  const seconds = Math.max(0, Math.round((Date.now() - time) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

currentTabId()
  .then((tabId) => {
    if (tabId === undefined) throw new Error('No tab to show.');
    return load(tabId);
  })
  .catch((error) => {
    clear(app).append(heading(), el('p', { class: 'error-message' }, String(error?.message ?? error)));
    document.body.dataset.ready = '1';
  });
