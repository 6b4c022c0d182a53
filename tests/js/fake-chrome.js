// A tiny hand-written stand-in for the WebExtension APIs the worker modules touch.
// Install it on globalThis *before* importing a module that reads `chrome` at import time.

function area() {
  let data = {};
  return {
    async get(keys) {
      if (keys === null || keys === undefined) return structuredClone(data);
      const list = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      data = { ...data, ...structuredClone(items) };
    },
    async remove(keys) {
      for (const key of Array.isArray(keys) ? keys : [keys]) delete data[key];
    },
    async clear() {
      data = {};
    },
  };
}

export function fakeChrome({ granted = ['http://127.0.0.1:8000/*'] } = {}) {
  const listeners = { message: [], changed: [], removed: [] };
  const badges = {};
  const sent = [];
  return {
    listeners,
    badges,
    sent,
    runtime: {
      id: 'fake-extension-id',
      getURL: (path) => `chrome-extension://fake-extension-id/${path}`,
      onMessage: { addListener: (fn) => listeners.message.push(fn) },
    },
    storage: {
      local: area(),
      session: area(),
      onChanged: { addListener: (fn) => listeners.changed.push(fn) },
    },
    permissions: {
      async contains({ origins }) {
        return origins.every((origin) => granted.includes(origin));
      },
    },
    action: {
      async setBadgeText({ tabId, text }) {
        (badges[tabId] ??= {}).text = text;
      },
      async setBadgeBackgroundColor({ tabId, color }) {
        (badges[tabId] ??= {}).color = color;
      },
      async setBadgeTextColor() {},
      async setTitle({ tabId, title }) {
        (badges[tabId] ??= {}).title = title;
      },
      async openPopup() {
        throw new Error('no user gesture');
      },
    },
    tabs: {
      async sendMessage(tabId, message) {
        sent.push([tabId, message]);
        return { headline: 'A headline' };
      },
      async create() {},
      onRemoved: { addListener: (fn) => listeners.removed.push(fn) },
    },
  };
}
