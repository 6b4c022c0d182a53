"""Debian's Chromium with the extension loaded, driven by Playwright (the recipe in
../shared/notes/browser-testing.md): headless "new" mode, a fresh persistent profile, no
background networking, and every host name except ``*.test`` (→ 127.0.0.1) unresolvable.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, Worker

EXTENSION_DIR = Path(__file__).resolve().parents[2] / "extension"


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_args(extension: Path | None = EXTENSION_DIR) -> list[str]:
    args = [
        "--no-sandbox",  # root in CI/containers; Playwright adds it too
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--test-type",
        # *.test → loopback; every other name fails without a DNS query (nothing leaves the machine).
        "--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--remote-debugging-port=0",  # for the real action popup (a CDP target)
    ]
    if extension is not None:
        args += [f"--disable-extensions-except={extension}", f"--load-extension={extension}"]
    return args


def launch(
    pw: Playwright, profile: Path, *, extension: Path | None = EXTENSION_DIR
) -> BrowserContext:
    path = chromium_path()
    if path is None:
        raise RuntimeError("chromium is not installed (scripts/install-browsers.sh installs it)")
    return pw.chromium.launch_persistent_context(
        str(profile),
        executable_path=path,
        headless=True,
        args=chromium_args(extension),
        viewport={"width": 1280, "height": 860},
        service_workers="allow",
    )


class ChromiumExtension:
    """The loaded extension: its worker, id and the few things tests ask of it."""

    def __init__(self, context: BrowserContext, profile: Path) -> None:
        self.context = context
        self.profile = profile
        self.worker = self._wait_for_worker()
        self.id = self.worker.url.split("/")[2]
        self.errors: list[str] = []
        self.worker.on(
            "console", lambda m: self.errors.append(m.text) if m.type == "error" else None
        )

    def _wait_for_worker(self, timeout_s: float = 10.0) -> Worker:
        # The worker may register before or after we listen: poll and wait.
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for worker in self.context.service_workers:
                if worker.url.startswith("chrome-extension://"):
                    return worker
            try:
                return self.context.wait_for_event("serviceworker", timeout=500)
            except Exception:  # noqa: BLE001 (Playwright's TimeoutError; poll again)
                continue
        raise RuntimeError("the extension's service worker never started")

    def url(self, path: str) -> str:
        return f"chrome-extension://{self.id}/{path}"

    def evaluate(self, expression: str, arg: Any = None) -> Any:
        return self.worker.evaluate(expression, arg)

    # --- storage -----------------------------------------------------------------------

    def reset(self) -> None:
        """Forget settings, dismissals, tab states and caches; close every page but one."""
        self.evaluate(
            "async () => { await chrome.storage.local.clear(); await chrome.storage.session.clear(); }"
        )
        pages = self.context.pages
        for page in pages[1:]:
            page.close()

    def set_settings(self, **settings: Any) -> None:
        """Store settings the way the options page does (the worker validates on read)."""
        self.evaluate("s => chrome.storage.local.set({settings: s})", settings)

    def settings(self) -> dict[str, Any]:
        return self.evaluate("async () => (await chrome.storage.local.get('settings')).settings")

    def tab_states(self) -> dict[str, Any]:
        return self.evaluate("() => chrome.storage.session.get(null)")

    def wait_for_tab(
        self, url: str, *, state: str | tuple[str, ...] = ("done", "error"), timeout_s: float = 15
    ) -> tuple[int, dict[str, Any]]:
        """The tab id and stored state of the tab showing ``url``, once its check finished."""
        wanted = (state,) if isinstance(state, str) else state
        deadline = time.monotonic() + timeout_s
        last: dict[str, Any] = {}
        while time.monotonic() < deadline:
            last = self.tab_states()
            for key, value in last.items():
                if key.startswith("tab:") and value.get("url") == url and value["state"] in wanted:
                    return int(key.split(":", 1)[1]), value
            time.sleep(0.05)
        raise AssertionError(f"no tab state {wanted} for {url}; storage: {json.dumps(last)[:2000]}")

    def active_tab_id(self, page: Page) -> int:
        """The id of the tab showing ``page`` (no stored state needed: bring it to the front)."""
        page.bring_to_front()
        ids = self.evaluate("async () => (await chrome.tabs.query({active: true})).map(t => t.id)")
        assert len(ids) == 1, ids
        return int(ids[0])

    def badge(self, tab_id: int) -> tuple[str, list[int], str]:
        return tuple(  # type: ignore[return-value]
            self.evaluate(
                """async tabId => [
                    await chrome.action.getBadgeText({tabId}),
                    await chrome.action.getBadgeBackgroundColor({tabId}),
                    await chrome.action.getTitle({tabId}),
                ]""",
                tab_id,
            )
        )

    def wait_for_badge(
        self, tab_id: int, text: str, color: list[int] | None = None, timeout_s: float = 10
    ) -> tuple[Any, ...]:
        """The badge once it shows ``text`` (and ``color``, when given), or the last one seen."""
        deadline = time.monotonic() + timeout_s
        badge = self.badge(tab_id)
        while (badge[0] != text or (color is not None and badge[1] != color)) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.05)
            badge = self.badge(tab_id)
        return badge

    # --- extension pages ------------------------------------------------------------------

    def open_page(self, path: str) -> Page:
        page = self.context.new_page()
        page.goto(self.url(path))
        page.wait_for_selector("body[data-ready='1']")
        return page

    def manifest_health(self) -> dict[str, Any]:
        page = self.context.new_page()
        try:
            page.goto("chrome://extensions")
            info = page.evaluate(
                "async id => JSON.stringify(await chrome.developerPrivate.getExtensionInfo(id))",
                self.id,
            )
        finally:
            page.close()
        return json.loads(info)

    def devtools_port(self) -> int:
        return int((self.profile / "DevToolsActivePort").read_text().split()[0])
