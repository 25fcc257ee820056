"""Notices the computer going to sleep or the screen locking, so the vault can lock too.

Qt itself reports neither on desktop systems, but the desktop does:

- Linux and other D-Bus desktops: logind on the system bus (PrepareForSleep, the
  session's Lock signal and its LockedHint property) and the screen savers on the
  session bus (ActiveChanged of org.freedesktop, GNOME, MATE, Cinnamon and Xfce).
- Windows: WM_POWERBROADCAST/PBT_APMSUSPEND reaches every top-level window, and
  WM_WTSSESSION_CHANGE/WTS_SESSION_LOCK once the window is registered with
  WTSRegisterSessionNotification.
- macOS: sleep and screen lock arrive as NSWorkspace notifications, which are out of
  reach without pyobjc; there the idle lock and Qt's ApplicationSuspended state cover it.

Whatever is missing (no bus, no logind, no screen saver) is skipped without a word.
"""
from __future__ import annotations

import os
import sys
from functools import partial

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QCoreApplication,
    QObject,
    QTimer,
    Signal,
    Slot,
)

SLEEP = "system sleep"
SCREEN_LOCK = "screen lock"
SCREEN_SAVER = "screen saver"

LOGIN1 = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"
LOGIN1_MANAGER = "org.freedesktop.login1.Manager"
LOGIN1_SESSION = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
# Each of these is both the bus name and the interface of its screen saver.
SCREENSAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver", "org.mate.ScreenSaver",
                "org.cinnamon.ScreenSaver", "org.xfce.ScreenSaver")
INHIBIT_WHY = "Lock the vault before the computer sleeps"

# Windows messages (winuser.h, wtsapi32.h).
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004
WM_WTSSESSION_CHANGE = 0x02B1
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7
NOTIFY_FOR_THIS_SESSION = 0


def windows_reason(message: int, wparam: int) -> str | None:
    """The lock reason a Windows message stands for, or None."""
    if message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND:
        return SLEEP
    if message == WM_WTSSESSION_CHANGE and wparam in (WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT,
                                                      WTS_REMOTE_DISCONNECT):
        return SCREEN_LOCK
    return None


def session_object_path(session_id: str | None) -> str | None:
    """logind's object path for a session id, escaped the way systemd escapes it."""
    if not session_id:
        return None
    out = []
    for i, ch in enumerate(session_id):
        # systemd keeps ASCII letters, and digits except in first place; the rest is _xx.
        if ch.isascii() and (ch.isalpha() or (i > 0 and ch.isdigit())):
            out.append(ch)
        else:
            out.extend(f"_{b:02x}" for b in ch.encode())
    return f"{LOGIN1_PATH}/session/{''.join(out)}"


def _session_bus_configured() -> bool:
    # Without an address libdbus may "autolaunch" a private daemon through X11, which
    # costs time at start-up and could never carry a screen saver's signal anyway.
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")
                or (runtime and os.path.exists(os.path.join(runtime, "bus"))))


class WindowsEventFilter(QAbstractNativeEventFilter):
    """Reads Windows messages for suspend and session lock; never consumes them."""

    def __init__(self, notify):
        super().__init__()
        self._notify = notify

    def nativeEventFilter(self, event_type, message):  # noqa: N802 - Qt's name
        if bytes(event_type) == b"windows_generic_MSG" and message:
            # Imported here, not at the top: ctypes costs start-up time.
            from ctypes import wintypes
            msg = wintypes.MSG.from_address(int(message))
            reason = windows_reason(msg.message, msg.wParam)
            if reason is not None:
                self._notify(reason)
        return False, 0


class SystemLockWatcher(QObject):
    """Emits `lock_requested(reason)` when the computer sleeps or the screen locks."""
    lock_requested = Signal(str)

    def __init__(self, parent=None, system_bus=None, session_bus=None):
        super().__init__(parent)
        self._given = {"system": system_bus, "session": session_bus}
        self._system = None
        self._connected: list[tuple] = []  # (bus, service, path, interface, name, slot)
        self._inhibitor: int | None = None
        self._hwnd: int | None = None
        self._started = False
        self.session_path: str | None = None
        self.sources: list[str] = []  # what is being watched, for tests and diagnosis
        self.windows_filter = WindowsEventFilter(self._request_soon)

    # -- start and stop --------------------------------------------------------------------
    def start(self, window=None) -> None:
        """Connect to whatever this platform offers; `window` is needed on Windows."""
        if self._started:
            return
        self._started = True
        if sys.platform == "win32":
            self._start_windows(window)
        elif sys.platform != "darwin":  # macOS: see the module docstring
            self._start_dbus()

    def stop(self) -> None:
        """Let go of every connection, the sleep delay and the Windows registration."""
        for bus, service, path, interface, name, slot in self._connected:
            bus.disconnect(service, path, interface, name, self, slot)
        self._connected.clear()
        self._release_inhibitor()
        app = QCoreApplication.instance()
        if app is not None and "windows filter" in self.sources:
            app.removeNativeEventFilter(self.windows_filter)
        if self._hwnd is not None:
            import ctypes
            try:
                ctypes.windll.wtsapi32.WTSUnRegisterSessionNotification(ctypes.c_void_p(self._hwnd))
            except (AttributeError, OSError):
                pass
            self._hwnd = None
        self.sources.clear()
        self._system = None
        self._started = False

    # -- D-Bus ------------------------------------------------------------------------------
    def _bus(self, kind: str):
        if self._given[kind] is not None:
            return self._given[kind]
        from PySide6.QtDBus import QDBusConnection
        if kind == "system":
            return QDBusConnection.systemBus()
        return QDBusConnection.sessionBus() if _session_bus_configured() else None

    def _connect(self, bus, service, path, interface, name, slot: str) -> bool:
        args = (service, path, interface, name, SLOT(slot))
        if bus.connect(*args[:4], self, args[4]):
            self._connected.append((bus, *args))
            return True
        return False

    def _start_dbus(self) -> None:
        try:
            system = self._bus("system")
            session = self._bus("session")
        except ImportError:  # a Qt build without QtDBus
            return
        if system is not None and system.isConnected():
            self._system = system
            if self._connect(system, LOGIN1, LOGIN1_PATH, LOGIN1_MANAGER, "PrepareForSleep",
                             "prepare_for_sleep(bool)"):
                self.sources.append("logind sleep")
                self._take_inhibitor()
            path = session_object_path(os.environ.get("XDG_SESSION_ID"))
            if path is not None:
                self._watch_session(path)
            else:
                self._ask_session_path()
        if session is not None and session.isConnected():
            for name in SCREENSAVERS:
                # Any path: KDE sends it from /ScreenSaver and /org/freedesktop/ScreenSaver.
                if self._connect(session, name, "", name, "ActiveChanged",
                                 "screensaver_active(bool)"):
                    self.sources.append(name)

    def _watch_session(self, path: str) -> None:
        self.session_path = path
        if self._connect(self._system, LOGIN1, path, LOGIN1_SESSION, "Lock", "session_lock()"):
            self.sources.append("logind lock")
        if self._connect(self._system, LOGIN1, path, PROPERTIES, "PropertiesChanged",
                         "session_properties(QString,QVariantMap,QStringList)"):
            self.sources.append("logind locked hint")

    def _call(self, method: str, args: list, reply_slot: str) -> None:
        from PySide6.QtDBus import QDBusMessage
        call = QDBusMessage.createMethodCall(LOGIN1, LOGIN1_PATH, LOGIN1_MANAGER, method)
        call.setArguments(args)
        # Asynchronous: a slow or missing logind never holds up the window.
        self._system.callWithCallback(call, self, SLOT(reply_slot), SLOT("call_failed(QDBusError)"))

    def _ask_session_path(self) -> None:
        # Started outside a login session's environment (no XDG_SESSION_ID): ask logind.
        self._call("GetSession", ["auto"], "session_found(QDBusMessage)")

    def _take_inhibitor(self) -> None:
        # A "delay" inhibitor holds sleep back (5 s at most) until the vault is locked,
        # so typing is written to disk before the computer stops.
        if self._system is not None and self._inhibitor is None:
            self._call("Inhibit", ["sleep", "IPT Desktop", INHIBIT_WHY, "delay"],
                       "inhibitor_taken(QDBusMessage)")

    def _release_inhibitor(self) -> None:
        if self._inhibitor is not None:
            fd, self._inhibitor = self._inhibitor, None
            try:
                os.close(fd)
            except OSError:
                pass

    @property
    def holds_sleep_delay(self) -> bool:
        """True while sleep waits for this app (logind's delay inhibitor is held)."""
        return self._inhibitor is not None

    # -- slots D-Bus calls ------------------------------------------------------------------
    @Slot("QDBusMessage")
    def session_found(self, reply) -> None:
        args = reply.arguments()
        if self._system is not None and args and self.session_path is None:
            self._watch_session(args[0].path())

    @Slot("QDBusMessage")
    def inhibitor_taken(self, reply) -> None:
        args = reply.arguments()
        fd = args[0].takeFileDescriptor() if args and hasattr(args[0], "takeFileDescriptor") else -1
        if fd < 0:
            return
        if self._system is None or self._inhibitor is not None:
            os.close(fd)  # stopped meanwhile, or a second reply: do not hold sleep back
        else:
            self._inhibitor = fd

    @Slot("QDBusError")
    def call_failed(self, error) -> None:
        """logind refused or is absent: carry on without that source."""

    @Slot(bool)
    def prepare_for_sleep(self, going: bool) -> None:
        if going:
            self.lock_requested.emit(SLEEP)  # the lock runs here, before sleep may go on
            self._release_inhibitor()
        else:
            self._take_inhibitor()  # awake again: hold the next sleep back too

    @Slot()
    def session_lock(self) -> None:
        self.lock_requested.emit(SCREEN_LOCK)

    @Slot(str, "QVariantMap", "QStringList")
    def session_properties(self, interface: str, changed: dict, invalidated: list) -> None:
        if interface == LOGIN1_SESSION and changed.get("LockedHint") is True:
            self.lock_requested.emit(SCREEN_LOCK)

    @Slot(bool)
    def screensaver_active(self, active: bool) -> None:
        if active:
            self.lock_requested.emit(SCREEN_SAVER)

    # -- Windows ----------------------------------------------------------------------------
    def _request_soon(self, reason: str) -> None:
        # The native filter runs inside the window procedure: lock just after it returns.
        QTimer.singleShot(0, self, partial(self.lock_requested.emit, reason))

    def _start_windows(self, window) -> None:
        QCoreApplication.instance().installNativeEventFilter(self.windows_filter)
        self.sources.append("windows filter")
        if window is None:
            return
        import ctypes
        try:
            hwnd = int(window.winId())
            if ctypes.windll.wtsapi32.WTSRegisterSessionNotification(ctypes.c_void_p(hwnd),
                                                                     NOTIFY_FOR_THIS_SESSION):
                self._hwnd = hwnd
                self.sources.append("windows session")
        except (AttributeError, OSError):
            pass  # no Terminal Services (some stripped-down Windows): suspend still works
