// Pure presentation rules: verdict + the user's settings → band, badge, banner and links.
// No browser APIs here, so tests/js/ can test every rule with plain node.

export const COLORS = Object.freeze({
  good: '#2E7D32',
  mixed: '#B26A00',
  bad: '#C62828',
  unknown: '#616161',
  pending: '#616161',
  error: '#616161',
});

export const SIGNAL_NAMES = Object.freeze({
  domain_age: 'Domain age',
  source_type: 'Source type',
  text: 'Headline and text',
  popularity: 'Popularity',
});

export const LABEL_WORDS = Object.freeze({
  reliable: 'looks reliable',
  mixed: 'looks mixed',
  unreliable: 'looks unreliable',
  unknown: 'is unknown to crapdetect',
});

/**
 * "good" | "mixed" | "bad" | "unknown": colour by the user's thresholds, grey when unsure.
 * The user's lists win: deny is always red, allow always green (the titles say it is their choice).
 */
export function bandFor(verdict, settings, choice = null) {
  if (choice === 'deny') return 'bad';
  if (choice === 'allow') return 'good';
  if (!verdict || typeof verdict.score !== 'number') return 'unknown';
  if (verdict.label === 'unknown') return 'unknown';
  if (verdict.score < settings.warnBelow) return 'bad';
  if (verdict.score >= settings.goodFrom) return 'good';
  return 'mixed';
}

/** Should the page get the warning banner? */
export function wantsBanner({ verdict, settings, choice, dismissed }) {
  if (settings.mode !== 'banner' || dismissed || choice === 'allow') return false;
  if (choice === 'deny') return true;
  return bandFor(verdict, settings) === 'bad';
}

/** The toolbar badge for a tab state: {text, color, title}. */
export function badgeFor(state, settings) {
  if (!state) return { text: '', color: COLORS.unknown, title: 'crapdetect' };
  if (state.state === 'pending') {
    return { text: '…', color: COLORS.pending, title: 'crapdetect: checking this page…' };
  }
  if (state.state === 'error') {
    const unreachable = ['unreachable', 'timeout', 'permission', 'bad-response', 'http'];
    const prefix = unreachable.includes(state.error?.kind)
      ? 'crapdetect: the API is unreachable — '
      : 'crapdetect cannot check this page — ';
    return {
      text: unreachable.includes(state.error?.kind) ? '?' : '–',
      color: COLORS.error,
      title: prefix + (state.error?.message ?? 'unknown error'),
    };
  }
  if (state.state !== 'done' || !state.verdict) {
    return { text: '', color: COLORS.unknown, title: 'crapdetect' };
  }
  const { verdict, choice } = state;
  const band = bandFor(verdict, settings, choice);
  return { text: String(verdict.score), color: COLORS[band], title: badgeTitle(verdict, settings, choice) };
}

function badgeTitle(verdict, settings, choice) {
  const parts = [
    `crapdetect: ${verdict.domain || verdict.host} ${LABEL_WORDS[verdict.label] ?? verdict.label}`,
    `score ${verdict.score}/100, confidence ${formatConfidence(verdict.confidence)}`,
  ];
  if (choice === 'allow') parts.push('on your allow list: never warned');
  if (choice === 'deny') parts.push('on your deny list: always warned');
  else if (verdict.label === 'unknown') parts.push('too little evidence for a verdict');
  else if (verdict.score < settings.warnBelow) parts.push(`below your warning threshold (${settings.warnBelow})`);
  return parts.join(' · ');
}

export function formatConfidence(value) {
  const number = Number(value);
  if (!Number.isFinite(number)) return '?';
  const word = number >= 0.7 ? 'high' : number >= 0.4 ? 'medium' : 'low';
  return `${number.toFixed(2)} (${word})`;
}

export function formatPoints(points) {
  const number = Number(points);
  if (!Number.isFinite(number) || number === 0) return '±0';
  const rounded = Math.round(number * 10) / 10;
  return (rounded > 0 ? '+' : '−') + Math.abs(rounded);
}

/**
 * The reasons a warning should show first: the signals that pulled the score down most.
 * Weak hints (e.g. the domain-name prior, strength < 1) only when nothing stronger is negative.
 */
export function strongestReasons(verdict, limit = 2) {
  const negative = (verdict?.signals ?? [])
    .filter((s) => s.status === 'ok' && typeof s.reason === 'string' && Number(s.points) < 0)
    .sort((a, b) => Number(a.points) - Number(b.points));
  const strong = negative.filter((s) => s.strength === undefined || Number(s.strength) >= 0.5);
  return (strong.length ? strong : negative).slice(0, limit).map((s) => s.reason);
}

/** What the banner shows, as plain strings (the content script renders them with textContent). */
export function bannerModel(verdict, settings, choice) {
  const site = verdict.domain || verdict.host;
  const title =
    choice === 'deny'
      ? `You put ${site} on your deny list`
      : `${site} ${LABEL_WORDS[verdict.label] ?? verdict.label} (score ${verdict.score}/100)`;
  const reasons = strongestReasons(verdict);
  if (choice === 'deny') reasons.unshift(`Your choice (options → deny list). crapdetect's own score: ${verdict.score}/100.`);
  if (!reasons.length && verdict.summary) reasons.push(verdict.summary);
  return {
    site,
    title,
    reasons: reasons.slice(0, 3),
    label: verdict.label,
    score: verdict.score,
    band: bandFor(verdict, settings, choice),
    choice,
    hint: 'Read laterally: before reading on, find out who is behind this site and what others say about it.',
  };
}

/** Only http(s) links are rendered as links; anything else (javascript:, data:) stays text. */
export function safeHref(url) {
  try {
    const parsed = new URL(String(url));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** "Check it yourself": lateral-reading links. Nothing is fetched; the user follows them. */
export function lateralReading(domain, headline) {
  const site = String(domain || '').trim();
  const query = String(headline || '').trim().slice(0, 200) || site;
  return [
    {
      question: 'Who is behind this?',
      advice:
        'Leave the page and look the site up elsewhere: who owns it, who funds it, what is its track record? Its own "About" page is a claim, not evidence.',
      links: [
        { label: `Wikipedia search for ${site}`, url: `https://en.wikipedia.org/w/index.php?search=${encodeURIComponent(site)}&ns0=1` },
        { label: 'Registration record (ICANN lookup)', url: `https://lookup.icann.org/en/lookup?name=${encodeURIComponent(site)}` },
      ],
    },
    {
      question: 'What do others say?',
      advice:
        'See whether fact-checkers have looked at the claim, and what other sources say about this site (not what it says about itself).',
      links: [
        { label: 'Fact-check search for the headline', url: `https://toolbox.google.com/factcheck/explorer/search/${encodeURIComponent(query)}` },
        { label: `What others write about ${site}`, url: `https://duckduckgo.com/?q=${encodeURIComponent(`"${site}" -site:${site}`)}` },
      ],
    },
    {
      question: 'What is the original source?',
      advice:
        'Follow quotes, studies and pictures back to where they first appeared. A site that appeared last week is rarely the original.',
      links: [
        { label: `Wayback Machine captures of ${site}`, url: `https://web.archive.org/web/*/${encodeURIComponent(site)}` },
      ],
    },
  ];
}

/** One link dot: {band, title} for a host's batch row (a verdict or an error row). */
export function dotFor(host, row, settings, choice) {
  if (!row || row.ok === false) {
    return { band: 'unknown', title: `crapdetect: no score for ${host}${row?.error ? ' — ' + row.error : ''}` };
  }
  const band = bandFor(row, settings, choice);
  const who = choice === 'allow' ? ' · your allow list' : choice === 'deny' ? ' · your deny list' : '';
  return {
    band,
    score: row.score,
    title: `crapdetect: ${host} ${LABEL_WORDS[row.label] ?? row.label} (score ${row.score}/100, confidence ${formatConfidence(row.confidence)})${who}`,
  };
}
