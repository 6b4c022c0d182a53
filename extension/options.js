// The options page: reads and saves settings through the worker; asks for a custom API origin.
import { ext } from './lib/browser.js';
import { FORGET_DISMISSALS, GET_SETTINGS, SAVE_SETTINGS, TEST_CONNECTION } from './lib/messages.js';
import { ask } from './lib/rpc.js';
import { isDefaultOrigin, normaliseSettings, originPattern } from './lib/settings.js';

const form = document.getElementById('form');
const status = document.getElementById('status');
const testResult = document.getElementById('testResult');
let saved = null;

function field(name) {
  return form.elements.namedItem(name);
}

function fill(settings) {
  for (const name of ['apiBase', 'apiKeyHeader', 'apiKey', 'warnBelow', 'goodFrom']) field(name).value = String(settings[name]);
  for (const radio of form.querySelectorAll('input[name="mode"]')) radio.checked = radio.value === settings.mode;
  field('linkDots').checked = settings.linkDots;
  field('sendPageText').checked = settings.sendPageText;
  field('allowList').value = settings.allowList.join('\n');
  field('denyList').value = settings.denyList.join('\n');
}

function draft() {
  return {
    apiBase: field('apiBase').value,
    apiKeyHeader: field('apiKeyHeader').value,
    apiKey: field('apiKey').value,
    warnBelow: field('warnBelow').value.trim() === '' ? NaN : Number(field('warnBelow').value),
    goodFrom: field('goodFrom').value.trim() === '' ? NaN : Number(field('goodFrom').value),
    mode: form.querySelector('input[name="mode"]:checked')?.value,
    linkDots: field('linkDots').checked,
    sendPageText: field('sendPageText').checked,
    allowList: field('allowList').value,
    denyList: field('denyList').value,
  };
}

function showErrors(errors) {
  for (const box of form.querySelectorAll('.error')) {
    const name = box.dataset.for;
    box.textContent = errors[name] ?? '';
    const input = field(name);
    if (input && 'setAttribute' in input) input.setAttribute('aria-invalid', String(Boolean(errors[name])));
  }
}

function say(node, text, ok) {
  node.textContent = text;
  node.dataset.ok = String(ok);
}

/**
 * Ask for the API origin when it is not the default one. Must run synchronously inside the click
 * handler: browsers only show the permission prompt during a user gesture.
 */
function requestOrigin(apiBase) {
  if (isDefaultOrigin(apiBase)) return Promise.resolve(true);
  return ext.permissions.request({ origins: [originPattern(apiBase)] });
}

async function dismissedCount() {
  const { dismissed } = await ask(GET_SETTINGS);
  document.getElementById('dismissedCount').textContent =
    dismissed.length === 0
      ? 'No warnings are hidden.'
      : `Warnings hidden on ${dismissed.length} site${dismissed.length === 1 ? '' : 's'}: ${dismissed.join(', ')}.`;
  document.getElementById('forget').hidden = dismissed.length === 0;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const { settings, errors } = normaliseSettings(draft());
  showErrors(errors);
  if (Object.keys(errors).length) {
    say(status, 'Not saved: fix the fields marked in red.', false);
    return;
  }
  const asking = !isDefaultOrigin(settings.apiBase);
  if (asking) say(status, `Asking for permission to reach ${new URL(settings.apiBase).origin}…`, true);
  requestOrigin(settings.apiBase)
    .then(async (granted) => {
      if (!granted) {
        say(status, `Not saved: without permission crapdetect cannot reach ${new URL(settings.apiBase).origin}.`, false);
        return;
      }
      const result = await ask(SAVE_SETTINGS, { settings });
      showErrors(result.errors);
      if (!result.saved) {
        say(status, 'Not saved: fix the fields marked in red.', false);
        return;
      }
      await dropOldOrigin(saved?.apiBase, settings.apiBase);
      saved = settings;
      say(status, 'Saved. New settings apply to pages you open from now on.', true);
    })
    .catch((error) => say(status, `Not saved: ${error?.message ?? error}`, false));
});

/** Keep permissions minimal: forget a custom origin we no longer use. */
async function dropOldOrigin(oldBase, newBase) {
  if (!oldBase || isDefaultOrigin(oldBase) || new URL(oldBase).origin === new URL(newBase).origin) return;
  try {
    await ext.permissions.remove({ origins: [originPattern(oldBase)] });
  } catch {
    // Nothing to remove.
  }
}

document.getElementById('test').addEventListener('click', () => {
  const { settings, errors } = normaliseSettings(draft());
  if (errors.apiBase || errors.apiKeyHeader) {
    showErrors(errors);
    return;
  }
  say(testResult, 'Connecting…', true);
  requestOrigin(settings.apiBase)
    .then(async (granted) => {
      if (!granted) {
        say(testResult, `No permission to reach ${new URL(settings.apiBase).origin}.`, false);
        return;
      }
      const { apiBase, apiKeyHeader, apiKey } = settings;
      const result = await ask(TEST_CONNECTION, { settings: { apiBase, apiKeyHeader, apiKey } });
      say(testResult, result.message, result.ok);
    })
    .catch((error) => say(testResult, String(error?.message ?? error), false));
});

document.getElementById('forget').addEventListener('click', async () => {
  await ask(FORGET_DISMISSALS);
  await dismissedCount();
});

ask(GET_SETTINGS)
  .then(async ({ settings }) => {
    saved = settings;
    fill(settings);
    await dismissedCount();
    document.body.dataset.ready = '1';
  })
  .catch((error) => {
    say(status, `Could not load the settings: ${error?.message ?? error}`, false);
    document.body.dataset.ready = '1';
  });
