"""Firefox ESR over WebDriver BiDi: a small synchronous client (Playwright cannot drive stock
Firefox, and Debian ships no geckodriver). See ../shared/notes/browser-testing.md.

Firefox starts headless with a fresh profile whose prefs silence every background service,
``MOZ_DISABLE_NONLOCAL_CONNECTIONS=1`` (non-local connections are refused outright) and
``network.dns.localDomains`` mapping the test hosts to 127.0.0.1.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

QUIET_PREFS = {
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.safebrowsing.update.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "services.settings.server": "http://127.0.0.1:9/v1",
}


def firefox_path() -> str | None:
    return shutil.which("firefox-esr") or shutil.which("firefox")


class BidiError(RuntimeError):
    pass


class Firefox:
    """One headless Firefox and one BiDi session."""

    def __init__(self, profile: Path, local_hosts: list[str]) -> None:
        path = firefox_path()
        if path is None:
            raise RuntimeError("firefox-esr is not installed")
        prefs = {**QUIET_PREFS, "network.dns.localDomains": ",".join(local_hosts)}
        profile.mkdir(parents=True, exist_ok=True)
        (profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items())
        )
        env = {
            **os.environ,
            "MOZ_DISABLE_NONLOCAL_CONNECTIONS": "1",
            "MOZ_CRASHREPORTER_DISABLE": "1",
        }
        self.process = subprocess.Popen(
            [
                path,
                "--headless",
                "--no-remote",
                "--profile",
                str(profile),
                "--remote-debugging-port",
                "0",
                "--remote-allow-system-access",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log: list[str] = []
        self._address: str | None = None
        self._ready = threading.Event()
        self._stack = contextlib.ExitStack()
        threading.Thread(target=self._drain, daemon=True).start()
        try:
            if not self._ready.wait(30) or self._address is None:
                raise RuntimeError(
                    "Firefox did not start WebDriver BiDi:\n" + "\n".join(self.log[-20:])
                )
            self.ws = self._stack.enter_context(
                connect(self._address + "/session", max_size=64 * 2**20, open_timeout=10)
            )
            self._ids = itertools.count(1)
            self.send("session.new", {"capabilities": {}})
        except BaseException:
            self._stop_process(wait_s=0)  # never leave a browser behind
            raise

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:  # keep reading, or Firefox blocks on a full pipe
            self.log.append(line.rstrip())
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found and not self._ready.is_set():
                self._address = found[1]
                self._ready.set()
        self._ready.set()

    # --- protocol -----------------------------------------------------------------------

    def send(self, method: str, params: dict[str, Any], timeout_s: float = 30) -> Any:
        ident = next(self._ids)
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BidiError(f"{method}: no answer within {timeout_s} s")
            message = json.loads(self.ws.recv(timeout=remaining))
            if message.get("id") != ident:
                continue  # an event, or the answer to an abandoned command
            if message.get("type") == "error":
                raise BidiError(f"{method}: {message.get('error')}: {message.get('message')}")
            return message["result"]

    def install_extension(self, path: Path) -> str:
        result = self.send(
            "webExtension.install", {"extensionData": {"type": "path", "path": str(path)}}
        )
        return str(result["extension"])

    def new_tab(self) -> str:
        return str(self.send("browsingContext.create", {"type": "tab"})["context"])

    def navigate(self, context: str, url: str) -> None:
        self.send("browsingContext.navigate", {"context": context, "url": url, "wait": "complete"})

    def evaluate(self, context: str, expression: str) -> Any:
        """Run ``expression`` (may be a promise) in ``context``; its JSON-serialisable value."""
        wrapped = f"(async () => JSON.stringify(await ({expression})))()"
        result = self.send(
            "script.evaluate",
            {"expression": wrapped, "target": {"context": context}, "awaitPromise": True},
        )
        if result.get("type") == "exception":
            details = result.get("exceptionDetails", {})
            raise BidiError(f"script error: {details.get('text')}")
        value = result["result"].get("value")
        return None if value is None else json.loads(value)

    def wait_for(self, context: str, expression: str, timeout_s: float = 15) -> Any:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                value = self.evaluate(context, expression)
            except BidiError:
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            time.sleep(0.1)

    def contexts(self, chrome: bool = False) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"moz:scope": "chrome"} if chrome else {}
        return list(self.send("browsingContext.getTree", params)["contexts"])

    def open_extension_page(self, addon_id: str, path: str) -> str:
        """Open moz-extension://<uuid>/<path> in a new tab (BiDi refuses to navigate there)."""
        before = {c["context"] for c in self.contexts()}
        window = self.contexts(chrome=True)[0]["context"]
        self.evaluate(
            window,
            "(() => { const policy = WebExtensionPolicy.getByID(" + json.dumps(addon_id) + ");"
            " gBrowser.addTab('moz-extension://' + policy.mozExtensionHostname + '/' + "
            + json.dumps(path)
            + ", {triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()});"
            " return true; })()",
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            new = [c for c in self.contexts() if c["context"] not in before]
            if new and new[0]["url"].startswith("moz-extension://"):
                context = str(new[0]["context"])
                self.wait_for(context, "document.body?.dataset.ready === '1'")
                return context
            time.sleep(0.1)
        raise AssertionError(f"the extension page {path} did not open")

    def screenshot(self, context: str, path: Path) -> None:
        data = self.send("browsingContext.captureScreenshot", {"context": context})["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.send("browser.close", {}, timeout_s=10)
        except Exception:  # noqa: BLE001 (the socket closes as Firefox exits)
            pass
        try:
            self._stack.close()
        except Exception:  # noqa: BLE001 (already closed by Firefox)
            pass
        self._stop_process()

    def _stop_process(self, wait_s: float = 10) -> None:
        try:
            self.process.wait(wait_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        if self.process.stderr is not None:
            self.process.stderr.close()
