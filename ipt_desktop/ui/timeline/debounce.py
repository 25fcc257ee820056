"""Typing is committed after a short pause, or at once when the document asks for a flush."""
from __future__ import annotations

from typing import Callable, Hashable

from PySide6.QtCore import QObject, QTimer

from ...services.errors import IptError

DELAY_MS = 700


class Debouncer(QObject):
    """Holds the newest typed value per key; `commit(key, value)` runs after the pause."""

    def __init__(self, commit: Callable[[Hashable, object], None],
                 failed: Callable[[Hashable, IptError], None], parent=None,
                 delay_ms: int = DELAY_MS):
        super().__init__(parent)
        self._commit, self._failed = commit, failed
        self._pending: dict[Hashable, object] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    def changed(self, key: Hashable, value) -> None:
        self._pending[key] = value
        self._timer.start()

    def is_pending(self, key: Hashable) -> bool:
        return key in self._pending

    def flush(self) -> None:
        """Commit everything typed so far; a refused value is reported, never dropped silently."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        for key, value in pending.items():
            try:
                self._commit(key, value)
            except IptError as exc:
                self._failed(key, exc)
