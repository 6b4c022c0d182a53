"""Start/stop and quiet error handling shared by the loopback stand-in servers."""

from __future__ import annotations

import sys
import threading
from typing import Any, Self


class LoopbackLifecycle:
    """Mix in before a socketserver class; the subclass sets ``self.stop_event`` in __init__."""

    stop_event: threading.Event

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up mid-answer is what the misbehaviour tests provoke.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[misc]

    def start(self) -> Self:
        threading.Thread(target=self.serve_forever, daemon=True).start()  # type: ignore[attr-defined]
        return self

    def stop(self) -> None:
        self.stop_event.set()  # releases handlers that are deliberately stalling
        self.shutdown()  # type: ignore[attr-defined]
        self.server_close()  # type: ignore[attr-defined]
