// Host matching for the allow/deny lists, label-wise (deviantart.com is not rt.com).

/** True when host is entry or a subdomain of it: hostMatches("news.bbc.co.uk", "bbc.co.uk"). */
export function hostMatches(host, entry) {
  const h = normaliseHost(host);
  const e = normaliseHost(entry);
  if (!h || !e) return false;
  return h === e || h.endsWith('.' + e);
}

/** The user's decision for a host: "allow", "deny" or null. Deny wins when both match. */
export function choiceFor(host, settings) {
  if ((settings.denyList ?? []).some((entry) => hostMatches(host, entry))) return 'deny';
  if ((settings.allowList ?? []).some((entry) => hostMatches(host, entry))) return 'allow';
  return null;
}

export function normaliseHost(host) {
  return String(host ?? '')
    .trim()
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

/** Only http(s) pages are checked. */
export function isCheckable(url) {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * What the API is sent for a page by default: the address without ?query and #fragment,
 * which can carry session tokens, search terms or e-mail addresses.
 */
export function addressToSend(url) {
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname;
}
