// crapdetect's content script: asks the worker to check this page, shows the warning banner when
// the worker says so, and (opt-in) marks links with their domain's score. It never talks to the
// API itself, never reads extension storage, and renders every string with textContent.
(() => {
  'use strict';

  // Message ids: the same strings as lib/messages.js (tests/js/messages.test.js keeps them equal).
  const CHECK_PAGE = 'check-page';
  const DISMISS_SITE = 'dismiss-site';
  const OPEN_DETAILS = 'open-details';
  const LINK_SCORES = 'link-scores';
  const RECHECK = 'recheck';
  const GET_HEADLINE = 'get-headline';

  const ext = globalThis.browser ?? globalThis.chrome;
  const BANNER_ID = 'crapdetect-banner';
  const DOT_TAG = 'crapdetect-dot';
  const DOT_NODE_NAME = DOT_TAG.toUpperCase();
  const MUTATION_DELAY_MS = 400;
  const LOAD_WAIT_MS = 1000;
  // Dots drawn per animation frame: each frame costs one layout, so few large frames are cheapest.
  const MARKS_PER_FRAME = 1000;
  const MAX_HOSTS = 500;
  const BAND_COLORS = { good: '#2E7D32', mixed: '#B26A00', bad: '#C62828', unknown: '#9E9E9E' };

  if (window.top !== window || globalThis.__crapdetectContent) return;
  globalThis.__crapdetectContent = true;

  function send(message) {
    return ext.runtime.sendMessage(message).then((answer) => {
      if (!answer?.ok) throw new Error(answer?.error ?? 'no answer from crapdetect');
      return answer.result;
    });
  }

  function domReady() {
    if (document.readyState !== 'loading') return Promise.resolve();
    return new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }

  function whenIdle(callback) {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 1500 });
    else setTimeout(callback, 50);
  }

  // --- the page check -----------------------------------------------------------------

  async function check(force) {
    let answer = await send({ id: CHECK_PAGE, force });
    if (answer.status === 'need-text') {
      // The user opted in to sending the page's text: read it once the document is parsed.
      await domReady();
      const page = readPage(answer.textLimit);
      answer = await send({ id: CHECK_PAGE, force, title: page.title, text: page.text });
    }
    if (answer.status === 'stale' || answer.status === 'skipped') return;
    removeBanner();
    if (answer.banner) {
      await domReady();
      showBanner(answer.banner);
    }
    if (answer.linkDots) startLinkDots();
  }

  function run(force) {
    check(force).catch(() => {
      // The worker records failures in the tab's badge; nothing to show in the page.
    });
  }

  ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== ext.runtime.id) return undefined;
    switch (message?.id) {
      case RECHECK:
        run(true);
        sendResponse({ ok: true });
        return undefined;
      case GET_HEADLINE:
        sendResponse({ headline: headline(), url: location.href });
        return undefined;
      default:
        return undefined; // not for the content script
    }
  });

  // Back/forward cache: the page comes back without a new content script, the badge was reset.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) run(false);
  });

  // --- page text (only when the user opted in) -----------------------------------------

  function headline() {
    const og = document.querySelector('meta[property="og:title"]')?.getAttribute('content');
    const h1 = document.querySelector('article h1, main h1, h1')?.textContent;
    return squash(og || h1 || document.title || '').slice(0, 300);
  }

  function readPage(limit) {
    const root =
      document.querySelector('article') || document.querySelector('main, [role="main"]') || document.body;
    if (!root) return { title: headline(), text: '' };
    const parts = [];
    let length = 0;
    for (const node of root.querySelectorAll('p, h2, h3, blockquote, pre, li')) {
      if (node.closest(`nav, header, footer, aside, form, [aria-hidden="true"], #${BANNER_ID}`)) continue;
      if (node.tagName === 'LI' && node.closest('ul, ol')?.querySelector('a') && node.textContent.length < 80) continue;
      const text = squash(node.textContent);
      if (!text) continue;
      parts.push(text);
      length += text.length + 2;
      if (length >= limit) break;
    }
    let text = parts.join('\n\n');
    if (text.length < 200) text = squash(root.innerText || root.textContent || '');
    return { title: headline(), text: text.slice(0, limit) };
  }

  function squash(text) {
    return String(text).replace(/\s+/g, ' ').trim();
  }

  // --- the warning banner: fixed overlay in a shadow root, text only ----------------------

  const BANNER_CSS = `
    .banner { box-sizing: border-box; width: 100%; max-height: 45vh; overflow: auto;
      display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-start;
      padding: 10px 16px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
      color: #1b1b1b; background: #fff3f2; border-bottom: 3px solid #c62828;
      box-shadow: 0 2px 10px rgba(0, 0, 0, 0.25); text-align: left; }
    .banner[data-band="mixed"] { background: #fff8e6; border-color: #b26a00; }
    .text { flex: 1 1 420px; min-width: 0; }
    .title { font-weight: 700; font-size: 15px; }
    .brand { font-weight: 400; color: #6a1b1b; }
    ul { margin: 4px 0 0; padding: 0 0 0 18px; }
    li { margin: 2px 0; overflow-wrap: anywhere; }
    .hint { margin-top: 4px; color: #4a4a4a; font-size: 13px; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; }
    button { font: inherit; font-size: 13px; padding: 4px 10px; border-radius: 4px; cursor: pointer;
      border: 1px solid #8a8a8a; background: #ffffff; color: #1b1b1b; }
    button.primary { background: #c62828; border-color: #c62828; color: #ffffff; }
    button:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 1px; }
    @media (prefers-color-scheme: dark) {
      .banner { background: #3b1616; color: #f6eaea; }
      .banner[data-band="mixed"] { background: #3b2c10; }
      .brand { color: #ffb4b4; } .hint { color: #d8c8c8; }
      button { background: #2b2b2b; color: #f0f0f0; border-color: #777; }
    }`;

  const HOST_CSS =
    'all: initial !important; display: block !important; position: fixed !important;' +
    ' top: 0 !important; left: 0 !important; right: 0 !important; width: auto !important;' +
    ' z-index: 2147483647 !important; margin: 0 !important; padding: 0 !important;';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function showBanner(model) {
    removeBanner();
    const host = document.createElement(BANNER_ID);
    host.id = BANNER_ID;
    host.style.cssText = HOST_CSS;
    const root = host.attachShadow({ mode: 'open' });
    root.append(el('style', '', BANNER_CSS));

    const box = el('div', 'banner');
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', 'crapdetect warning');
    box.dataset.band = String(model.band);
    box.dataset.label = String(model.label);

    const text = el('div', 'text');
    const title = el('div', 'title');
    title.append(el('span', 'brand', 'crapdetect:'), document.createTextNode(' ' + String(model.title)));
    text.append(title);
    const list = el('ul', 'reasons');
    for (const reason of model.reasons ?? []) list.append(el('li', 'reason', reason));
    if (list.childElementCount) text.append(list);
    text.append(el('div', 'hint', model.hint ?? ''));

    const actions = el('div', 'actions');
    const details = el('button', 'primary details', 'Why? Check it yourself');
    details.type = 'button';
    details.addEventListener('click', () => send({ id: OPEN_DETAILS }).catch(() => {}));
    const hide = el('button', 'dismiss', `Hide on ${model.site}`);
    hide.type = 'button';
    hide.title = 'Do not show this warning on this site again (undo in the popup or the options)';
    hide.addEventListener('click', () => {
      removeBanner();
      send({ id: DISMISS_SITE }).catch(() => {});
    });
    const close = el('button', 'close', 'Close');
    close.type = 'button';
    close.title = 'Close this warning for this page only';
    close.addEventListener('click', removeBanner);
    actions.append(details, hide, close);

    box.append(text, actions);
    root.append(box);
    document.documentElement.append(host);
  }

  function removeBanner() {
    document.getElementById(BANNER_ID)?.remove();
  }

  // --- link dots (opt-in): one mark per link, by the linked domain's score ------------------
  // Links are grouped by host and each host is asked about once; a link gets its dot when it comes
  // near the viewport (IntersectionObserver), so a page with thousands of links costs only what
  // is on screen. Links added later are found by a debounced MutationObserver.

  const dots = {
    started: false,
    pageHost: location.hostname.toLowerCase(),
    seen: new WeakSet(),
    marked: new WeakSet(),
    waiting: new Map(), // host → links seen before its score arrived
    requested: new Set(),
    scores: new Map(),
    roots: [],
    timer: 0,
    queue: [],
    flushing: false,
    visible: null,
  };

  async function startLinkDots() {
    if (dots.started) return;
    dots.started = true;
    await domReady();
    whenIdle(() => {
      if (!document.body) return;
      dots.visible = new IntersectionObserver(onVisible, { rootMargin: '400px 0px' });
      scan(document.body);
      new MutationObserver(onMutations).observe(document.body, { childList: true, subtree: true });
    });
  }

  function onMutations(records) {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && node.nodeName !== DOT_NODE_NAME && node.id !== BANNER_ID) dots.roots.push(node);
      }
    }
    // Debounced: pages that add links in bursts (infinite scroll) cost one scan per burst.
    if (dots.roots.length && !dots.timer) dots.timer = setTimeout(scanAdded, MUTATION_DELAY_MS);
  }

  function scanAdded() {
    dots.timer = 0;
    const roots = dots.roots;
    dots.roots = [];
    for (const root of roots) if (root.isConnected) scan(root);
  }

  function scan(root) {
    const anchors = root.matches?.('a[href]') ? [root] : root.querySelectorAll('a[href]');
    const wanted = [];
    for (const anchor of anchors) {
      if (dots.seen.has(anchor)) continue;
      dots.seen.add(anchor);
      const href = anchor.href; // absolute; one read (protocol + hostname would parse it twice)
      if (typeof href !== 'string') continue; // SVG <a>
      const host = hostOf(href);
      if (!host || host === dots.pageHost) continue;
      if (dots.scores.has(host)) {
        dots.visible.observe(anchor);
        continue;
      }
      let list = dots.waiting.get(host);
      if (!list) dots.waiting.set(host, (list = []));
      list.push(anchor);
      if (!dots.requested.has(host) && dots.requested.size < MAX_HOSTS) {
        dots.requested.add(host);
        wanted.push(`${href.slice(0, href.indexOf(':'))}://${host}`);
      }
    }
    if (wanted.length) {
      send({ id: LINK_SCORES, hosts: wanted }).then(applyScores, () => {});
    }
  }

  /** The host of an absolute http(s) URL as the browser serialises it, else null. */
  function hostOf(href) {
    const start = href.startsWith('https://') ? 8 : href.startsWith('http://') ? 7 : 0;
    if (!start) return null;
    let end = start;
    while (end < href.length) {
      const code = href.charCodeAt(end);
      if (code === 47 || code === 63 || code === 35) break; // / ? #
      end += 1;
    }
    let authority = href.slice(start, end);
    authority = authority.slice(authority.lastIndexOf('@') + 1);
    if (authority.startsWith('[')) return null; // an IPv6 address: nothing to check
    const colon = authority.indexOf(':');
    return (colon >= 0 ? authority.slice(0, colon) : authority).toLowerCase();
  }

  function applyScores(answer) {
    for (const [host, dot] of Object.entries(answer?.dots ?? {})) {
      dots.scores.set(host, dot);
      for (const anchor of dots.waiting.get(host) ?? []) dots.visible.observe(anchor);
      dots.waiting.delete(host);
    }
  }

  function onVisible(entries) {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const anchor = entry.target;
      dots.visible.unobserve(anchor);
      const dot = dots.scores.get(hostOf(anchor.href));
      if (dot) dots.queue.push([anchor, dot]);
    }
    flushMarks();
  }

  function flushMarks() {
    if (dots.flushing || !dots.queue.length) return;
    dots.flushing = true;
    requestAnimationFrame(function step() {
      const batch = dots.queue.splice(0, MARKS_PER_FRAME);
      for (const [anchor, dot] of batch) mark(anchor, dot);
      if (dots.queue.length) requestAnimationFrame(step);
      else dots.flushing = false;
    });
  }

  // One template per band: cloning is cheaper than building and styling 2,000 elements.
  const dotTemplates = new Map();

  function dotTemplate(band) {
    let template = dotTemplates.get(band);
    if (!template) {
      const color = BAND_COLORS[band] ?? BAND_COLORS.unknown;
      template = document.createElement(DOT_TAG);
      template.style.cssText =
        'all: initial !important; display: inline-block !important; box-sizing: border-box !important;' +
        ' width: 8px !important; height: 8px !important; margin: 0 0 0 3px !important;' +
        ' border-radius: 50% !important; vertical-align: middle !important; cursor: help !important;' +
        (band === 'unknown' || !(band in BAND_COLORS)
          ? ` border: 1.5px solid ${color} !important; background: transparent !important;`
          : ` background: ${color} !important;`);
      template.dataset.band = BAND_COLORS[band] ? band : 'unknown';
      template.setAttribute('role', 'img');
      dotTemplates.set(band, template);
    }
    return template;
  }

  function mark(anchor, dot) {
    if (dots.marked.has(anchor) || !anchor.isConnected) return;
    dots.marked.add(anchor);
    const mark = dotTemplate(dot.band).cloneNode(false);
    mark.title = String(dot.title ?? ''); // also its accessible name (role="img")
    anchor.after(mark);
  }

  // Check once the page has loaded (or after LOAD_WAIT_MS at most): the check costs CPU in the
  // browser and on a local API server, and a page that is still loading should not share it.
  if (document.readyState === 'complete') run(false);
  else {
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      run(false);
    };
    // After the load event has finished, not inside it: our work must not lengthen it.
    window.addEventListener('load', () => setTimeout(start, 0), { once: true });
    setTimeout(start, LOAD_WAIT_MS);
  }
})();
