"""Auto-lock: an application-wide watch on user input, and the time left before locking."""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from .session_watch import SystemLockWatcher

# Only what a person does counts as activity; paint and timer events do not.
INPUT_EVENTS = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseButtonDblClick,
                QEvent.MouseMove, QEvent.Wheel, QEvent.TouchBegin, QEvent.TabletPress,
                QEvent.InputMethod}


class IdleLock(QObject):
    """Emits `timed_out` after `limit` seconds without keyboard, mouse or touch input.

    Also times out at once when the system suspends the application (where Qt
    reports it), as password managers do when the screen locks, and when the desktop
    says the computer is going to sleep or the screen locked (see session_watch).
    """
    timed_out = Signal()
    tick = Signal(int)  # whole seconds left

    def __init__(self, parent=None, limit_seconds: float = 600):
        super().__init__(parent)
        self.limit = float(limit_seconds)
        self.active = False
        self.reason = ""  # why it last timed out: "idle", "suspended" or the desktop's reason
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        app = QApplication.instance()
        app.installEventFilter(self)
        app.applicationStateChanged.connect(self._state_changed)
        self.system = SystemLockWatcher(self)
        self.system.lock_requested.connect(self._system_lock)
        # Deferred: talking to the desktop's services must never hold up the first paint.
        QTimer.singleShot(0, self.system, self._start_system)

    def set_limit(self, seconds: float) -> None:
        self.limit = float(seconds)
        # Short limits (tests, or a very cautious preference) need a finer check.
        self._timer.setInterval(250 if seconds < 10 else 1000)

    def start(self) -> None:
        self.active = True
        self.reset()
        self.set_limit(self.limit)
        self._timer.start()
        self.tick.emit(self.remaining())

    def stop(self) -> None:
        self.active = False
        self._timer.stop()

    def reset(self) -> None:
        self._last = time.monotonic()

    def remaining(self) -> int:
        return max(0, int(round(self.limit - (time.monotonic() - self._last))))

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if self.active and event.type() in INPUT_EVENTS:
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if not self.active:
            return
        if time.monotonic() - self._last >= self.limit:
            self.reason = "idle"
            self.stop()
            self.timed_out.emit()
        else:
            self.tick.emit(self.remaining())

    def _state_changed(self, state) -> None:
        if self.active and state == Qt.ApplicationSuspended:
            self.reason = "suspended"
            self.stop()
            self.timed_out.emit()

    def _start_system(self) -> None:
        if self.system.signalsBlocked():  # closed before the event loop came round
            return
        parent = self.parent()
        self.system.start(parent.window() if isinstance(parent, QWidget) else None)

    def _system_lock(self, reason: str) -> None:
        # The same path as the idle time-out: the window flushes typing, then locks.
        if self.active:
            self.reason = reason
            self.stop()
            self.timed_out.emit()

    def close(self) -> None:
        """Stop watching (the window is going away)."""
        self.stop()
        self.system.stop()
        self.system.blockSignals(True)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def describe_remaining(seconds: int) -> str:
    if seconds >= 90:
        return f"Locks after {round(seconds / 60)} min idle"
    return f"Locks in {seconds} s"
