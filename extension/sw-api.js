// The only module that talks to the network: the crapdetect API at the user's base URL.
import { ext } from './lib/browser.js';
import { originPattern } from './lib/settings.js';

const CHECK_TIMEOUT_MS = 15000;
const BATCH_TIMEOUT_MS = 20000;
const HEALTH_TIMEOUT_MS = 5000;
export const BATCH_MAX = 100;

export class ApiError extends Error {
  /** kind: unreachable | timeout | permission | http | invalid-url | bad-response */
  constructor(kind, message, status = 0) {
    super(message);
    this.kind = kind;
    this.status = status;
  }

  toJSON() {
    return { kind: this.kind, message: this.message, status: this.status };
  }
}

/** POST /v1/check with {url} or {url, title, text}. */
export function checkUrl(settings, body) {
  return call(settings, '/v1/check', { method: 'POST', body, timeoutMs: CHECK_TIMEOUT_MS });
}

/** POST /v1/check/batch: up to 100 URLs, domain-level (pages are not fetched). */
export function checkBatch(settings, urls) {
  if (urls.length > BATCH_MAX) throw new RangeError(`at most ${BATCH_MAX} URLs per batch`);
  return call(settings, '/v1/check/batch', {
    method: 'POST',
    body: { urls, fetch_pages: false },
    timeoutMs: BATCH_TIMEOUT_MS,
  });
}

/** GET /healthz. */
export function health(settings) {
  return call(settings, '/healthz', { method: 'GET', timeoutMs: HEALTH_TIMEOUT_MS });
}

async function call(settings, path, { method, body, timeoutMs }) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (settings.apiKey) headers[settings.apiKeyHeader] = settings.apiKey;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(settings.apiBase + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    throw await networkError(settings, error, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
  let data;
  try {
    data = await response.json();
  } catch {
    throw new ApiError(
      'bad-response',
      `${settings.apiBase} answered HTTP ${response.status} without JSON; is it a crapdetect server?`,
      response.status,
    );
  }
  if (!response.ok || data?.ok === false) {
    const message = typeof data?.error === 'string' ? data.error : `HTTP ${response.status}`;
    const kind = data?.code === 'invalid_url' ? 'invalid-url' : 'http';
    throw new ApiError(kind, kind === 'http' ? `HTTP ${response.status}: ${message}` : message, response.status);
  }
  return data;
}

async function networkError(settings, error, timeoutMs) {
  if (error?.name === 'AbortError') {
    return new ApiError('timeout', `no answer from ${settings.apiBase} within ${timeoutMs / 1000} s`);
  }
  // Without a host permission the browser blocks the request like any cross-origin fetch.
  let allowed = true;
  try {
    allowed = await ext.permissions.contains({ origins: [originPattern(settings.apiBase)] });
  } catch {
    // unknown: report as unreachable
  }
  if (!allowed) {
    return new ApiError(
      'permission',
      `no permission to reach ${new URL(settings.apiBase).origin}; open crapdetect's options and press Save to grant it`,
    );
  }
  return new ApiError(
    'unreachable',
    `could not connect to ${settings.apiBase} (is the crapdetect server running? Start it with \`make serve\`, or change the address in the options)`,
  );
}
