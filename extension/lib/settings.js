// Settings: the defaults live here and nowhere else; normaliseSettings() is the one validator.

export const DEFAULT_API_BASE = 'http://127.0.0.1:8000';
export const MODES = Object.freeze(['banner', 'toolbar', 'off']);
// Characters of page text sent when the user opted in (the API reads at most 100,000).
export const TEXT_LIMIT = 20000;

export const DEFAULT_SETTINGS = Object.freeze({
  apiBase: DEFAULT_API_BASE,
  apiKeyHeader: 'X-API-Key',
  apiKey: '',
  warnBelow: 40, // red badge, and the banner, below this score
  goodFrom: 70, // green badge from this score
  mode: 'banner', // banner | toolbar (badge only) | off (nothing is checked until you ask)
  linkDots: false,
  sendPageText: false,
  allowList: [],
  denyList: [],
});

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const HOST_ENTRY = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** Return {settings, errors}: a complete, checked settings object and messages per field. */
export function normaliseSettings(input = {}) {
  const errors = {};
  const out = { ...DEFAULT_SETTINGS };
  const raw = { ...DEFAULT_SETTINGS, ...(input ?? {}) };

  const base = apiBaseOf(raw.apiBase);
  if (base === null) {
    errors.apiBase = 'Enter an http:// or https:// address, e.g. ' + DEFAULT_API_BASE;
  } else {
    out.apiBase = base;
  }
  const header = String(raw.apiKeyHeader ?? '').trim();
  if (header && !HEADER_NAME.test(header)) {
    errors.apiKeyHeader = 'A header name has letters, digits and dashes only, e.g. X-API-Key';
  } else {
    out.apiKeyHeader = header || DEFAULT_SETTINGS.apiKeyHeader;
  }
  out.apiKey = String(raw.apiKey ?? '').trim();

  for (const name of ['warnBelow', 'goodFrom']) {
    const number = Number(raw[name]);
    if (!Number.isInteger(number) || number < 0 || number > 101) {
      errors[name] = 'A whole number from 0 to 100';
    } else {
      out[name] = number;
    }
  }
  if (!errors.warnBelow && !errors.goodFrom && out.warnBelow > out.goodFrom) {
    errors.goodFrom = 'Must be at least the warning threshold (' + out.warnBelow + ')';
  }
  if (MODES.includes(raw.mode)) {
    out.mode = raw.mode;
  } else {
    errors.mode = 'One of: ' + MODES.join(', ');
  }
  out.linkDots = raw.linkDots === true;
  out.sendPageText = raw.sendPageText === true;
  for (const name of ['allowList', 'denyList']) {
    const { hosts, bad } = parseHostList(raw[name]);
    out[name] = hosts;
    if (bad.length) errors[name] = 'Not a domain name: ' + bad.join(', ');
  }
  return { settings: out, errors };
}

/** "http://host:port/some/" → "http://host:port/some" (no trailing slash), or null. */
export function apiBaseOf(value) {
  let url;
  try {
    url = new URL(String(value ?? '').trim());
  } catch {
    return null;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) return null;
  if (url.search || url.hash) return null;
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/** The host-permission match pattern for an API base: "http://127.0.0.1:8000/*". */
export function originPattern(apiBase) {
  return new URL(apiBase).origin + '/*';
}

export function isDefaultOrigin(apiBase) {
  return new URL(apiBase).origin === new URL(DEFAULT_API_BASE).origin;
}

/** One domain per line (or comma-separated); "https://www.x.org/a" is cut to "www.x.org". */
export function parseHostList(value) {
  const items = Array.isArray(value) ? value : String(value ?? '').split(/[\r\n,]+/);
  const hosts = [];
  const bad = [];
  for (const item of items) {
    let text = String(item).trim().toLowerCase();
    if (!text || text.startsWith('#')) continue;
    if (text.includes('://')) {
      try {
        text = new URL(text).hostname;
      } catch {
        bad.push(text);
        continue;
      }
    }
    text = text.replace(/^\*\./, '').replace(/\.$/, '');
    if (!HOST_ENTRY.test(text)) {
      bad.push(text);
    } else if (!hosts.includes(text)) {
      hosts.push(text);
    }
  }
  return { hosts, bad };
}
