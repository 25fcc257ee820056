"""Locking when the computer sleeps or the screen locks: the watcher, and the window."""
import ctypes
import os
import select
import shutil
import subprocess
from ctypes import wintypes

import pytest
from PySide6.QtCore import ClassInfo, QObject, QSettings, Slot
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
    QDBusUnixFileDescriptor,
)
from PySide6.QtWidgets import QLineEdit

from conftest import PASSPHRASE
from ipt_desktop.services import clients
from ipt_desktop.services.vault import Vault
from ipt_desktop.ui import session_watch as sw
from ipt_desktop.ui.app import launch
from ipt_desktop.ui.session_watch import SystemLockWatcher


# -- a private D-Bus with a stand-in for logind ------------------------------------------------
@pytest.fixture
def bus_address():
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    proc = subprocess.Popen(["dbus-daemon", "--session", "--print-address=1", "--nofork"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait()
        proc.stdout.close()


@pytest.fixture
def connect(bus_address, request):
    """Opens named connections to the private bus; closes them after the test."""
    names = []

    def open_one(role):
        name = f"{request.node.name}-{role}"
        names.append(name)
        bus = QDBusConnection.connectToBus(bus_address, name)
        assert bus.isConnected()
        return bus
    yield open_one
    for name in names:
        QDBusConnection.disconnectFromBus(name)


@ClassInfo({"D-Bus Interface": sw.LOGIN1_MANAGER})
class FakeLogind(QObject):
    """Answers Inhibit with one end of a pipe (so a release is seen) and GetSession."""

    def __init__(self, bus, session="c1"):
        super().__init__()
        self.bus, self.session, self.read_ends, self.asked = bus, session, [], []

    @Slot(str, str, str, str, QDBusMessage)
    def Inhibit(self, what, who, why, mode, message):  # noqa: N802 - logind's name
        self.asked.append((what, who, why, mode))
        read_end, write_end = os.pipe()
        self.read_ends.append(read_end)
        message.setDelayedReply(True)
        reply = message.createReply()
        reply.setArguments([QDBusUnixFileDescriptor(write_end)])
        self.bus.send(reply)
        os.close(write_end)  # the message carries its own copy

    @Slot(str, QDBusMessage)
    def GetSession(self, session_id, message):  # noqa: N802 - logind's name
        message.setDelayedReply(True)
        reply = message.createReply()
        reply.setArguments([QDBusObjectPath(f"{sw.LOGIN1_PATH}/session/{self.session}")])
        self.bus.send(reply)

    def released(self, index: int) -> bool:
        """True once every holder of inhibitor `index` has let go (the pipe reads EOF)."""
        ready, _, _ = select.select([self.read_ends[index]], [], [], 0)
        return bool(ready) and os.read(self.read_ends[index], 1) == b""


def _signal(bus, path, interface, name, *args):
    message = QDBusMessage.createSignal(path, interface, name)
    message.setArguments(list(args))
    assert bus.send(message)


@pytest.fixture
def desktop(connect, qtbot):
    """A watcher on the private bus, with logind and GNOME's screen saver on it."""
    logind_bus, shell_bus = connect("logind"), connect("shell")
    logind = FakeLogind(logind_bus)
    assert logind_bus.registerObject(sw.LOGIN1_PATH, logind, QDBusConnection.ExportAllSlots)
    assert logind_bus.registerService(sw.LOGIN1)
    assert shell_bus.registerService("org.gnome.ScreenSaver")
    watcher = SystemLockWatcher(system_bus=connect("app-system"), session_bus=connect("app-session"))
    reasons = []
    watcher.lock_requested.connect(reasons.append)
    yield watcher, logind, logind_bus, shell_bus, reasons
    watcher.stop()
    for fd in logind.read_ends:
        os.close(fd)


def test_signals_on_the_bus_request_a_lock_and_others_do_not(qtbot, desktop, connect, monkeypatch):
    watcher, logind, logind_bus, shell_bus, reasons = desktop
    monkeypatch.setenv("XDG_SESSION_ID", "2")
    watcher.start()
    assert watcher.session_path == "/org/freedesktop/login1/session/_32"
    assert {"logind sleep", "logind lock", "logind locked hint", "org.gnome.ScreenSaver"} <= set(
        watcher.sources)
    qtbot.waitUntil(lambda: watcher.holds_sleep_delay)
    assert logind.asked == [("sleep", "IPT Desktop", sw.INHIBIT_WHY, "delay")]

    # Going to sleep: lock, then let sleep go on; waking up takes a new delay.
    _signal(logind_bus, sw.LOGIN1_PATH, sw.LOGIN1_MANAGER, "PrepareForSleep", True)
    qtbot.waitUntil(lambda: reasons == [sw.SLEEP])
    assert not watcher.holds_sleep_delay and logind.released(0)
    _signal(logind_bus, sw.LOGIN1_PATH, sw.LOGIN1_MANAGER, "PrepareForSleep", False)
    qtbot.waitUntil(lambda: watcher.holds_sleep_delay)
    assert len(logind.asked) == 2 and reasons == [sw.SLEEP]

    # Another user's session locking, or an unrelated property, is not ours; each signal
    # that is not a lock is followed by one that is, so nothing slips between them.
    _signal(logind_bus, f"{sw.LOGIN1_PATH}/session/_33", sw.LOGIN1_SESSION, "Lock")
    _signal(logind_bus, watcher.session_path, sw.PROPERTIES, "PropertiesChanged",
            sw.LOGIN1_SESSION, {"LockedHint": False, "IdleHint": True}, ["Active"])
    _signal(logind_bus, watcher.session_path, sw.LOGIN1_SESSION, "Lock")
    qtbot.waitUntil(lambda: len(reasons) == 2)
    assert reasons == [sw.SLEEP, sw.SCREEN_LOCK]
    _signal(logind_bus, watcher.session_path, sw.PROPERTIES, "PropertiesChanged",
            sw.LOGIN1_SESSION, {"LockedHint": True}, ["Active"])
    qtbot.waitUntil(lambda: len(reasons) == 3)
    assert reasons[2] == sw.SCREEN_LOCK

    _signal(shell_bus, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", False)
    _signal(shell_bus, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
    qtbot.waitUntil(lambda: len(reasons) == 4)
    assert reasons[3] == sw.SCREEN_SAVER

    # A sender that is not logind cannot pose as it.
    _signal(shell_bus, sw.LOGIN1_PATH, sw.LOGIN1_MANAGER, "PrepareForSleep", True)
    _signal(shell_bus, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
    qtbot.waitUntil(lambda: len(reasons) == 5)
    assert reasons[4] == sw.SCREEN_SAVER

    # Stopping lets go of the sleep delay and of every signal.
    watcher.stop()
    assert logind.released(1) and watcher.sources == []
    _signal(logind_bus, sw.LOGIN1_PATH, sw.LOGIN1_MANAGER, "PrepareForSleep", True)
    probe = []
    other = SystemLockWatcher(session_bus=connect("probe"), system_bus=connect("probe-system"))
    other.lock_requested.connect(probe.append)
    other.start()
    _signal(shell_bus, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
    qtbot.waitUntil(lambda: sw.SCREEN_SAVER in probe)
    assert len(reasons) == 5
    other.stop()


def test_session_found_through_logind_without_a_session_id(qtbot, desktop, monkeypatch):
    watcher, _, logind_bus, _, reasons = desktop
    monkeypatch.delenv("XDG_SESSION_ID", raising=False)
    watcher.start()
    qtbot.waitUntil(lambda: watcher.session_path == "/org/freedesktop/login1/session/c1")
    _signal(logind_bus, watcher.session_path, sw.LOGIN1_SESSION, "Lock")
    qtbot.waitUntil(lambda: reasons == [sw.SCREEN_LOCK])


def test_no_bus_at_all_starts_quietly(qtbot, tmp_path, capfd, monkeypatch):
    missing = f"unix:path={tmp_path / 'no-bus'}"
    nowhere = QDBusConnection.connectToBus(missing, "nowhere")
    try:
        watcher = SystemLockWatcher(system_bus=nowhere, session_bus=nowhere)
        watcher.start()
        assert watcher.sources == [] and not watcher.holds_sleep_delay
        watcher.stop()
    finally:
        QDBusConnection.disconnectFromBus("nowhere")
    # The real buses of this computer (whatever it has) and no session-bus address.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    watcher = SystemLockWatcher()
    watcher.start()
    assert not any(name.startswith("org.") for name in watcher.sources)
    watcher.stop()
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_session_paths_are_escaped_like_systemd():
    assert sw.session_object_path("2") == "/org/freedesktop/login1/session/_32"
    assert sw.session_object_path("c12") == "/org/freedesktop/login1/session/c12"
    assert sw.session_object_path("a-b") == "/org/freedesktop/login1/session/a_2db"
    assert sw.session_object_path("") is None and sw.session_object_path(None) is None


# -- Windows messages, fed as the window procedure would --------------------------------------
def _feed(event_filter, message, wparam, kind=b"windows_generic_MSG"):
    msg = wintypes.MSG(None, message, wparam, 0, 0, wintypes.POINT(0, 0))
    return event_filter.nativeEventFilter(kind, ctypes.addressof(msg))


def test_windows_messages_for_suspend_and_session_lock():
    seen = []
    event_filter = sw.WindowsEventFilter(seen.append)
    assert _feed(event_filter, sw.WM_POWERBROADCAST, sw.PBT_APMSUSPEND) == (False, 0)
    _feed(event_filter, sw.WM_POWERBROADCAST, 0x0012)  # resumed: nothing to do
    _feed(event_filter, sw.WM_WTSSESSION_CHANGE, sw.WTS_SESSION_LOCK)
    _feed(event_filter, sw.WM_WTSSESSION_CHANGE, 0x8)  # unlocked
    _feed(event_filter, sw.WM_POWERBROADCAST, sw.PBT_APMSUSPEND, kind=b"xcb_generic_event_t")
    assert seen == [sw.SLEEP, sw.SCREEN_LOCK]


# -- the window: typing survives, the vault locks, the unlock dialog asks -----------------------
@pytest.fixture
def window(qtbot, vault_path, monkeypatch, tmp_path):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    with Vault.create(vault_path, PASSPHRASE):
        clients.create_client("Ana", "Lima", status="active")
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    w = launch(str(vault_path))
    qtbot.addWidget(w)
    yield w
    w.close()


SOURCES = {
    "logind sleep": lambda watcher: watcher.prepare_for_sleep(True),
    "logind lock": lambda watcher: watcher.session_lock(),
    "logind locked hint": lambda watcher: watcher.session_properties(
        sw.LOGIN1_SESSION, {"LockedHint": True}, []),
    "screen saver": lambda watcher: watcher.screensaver_active(True),
    "windows suspend": lambda watcher: _feed(watcher.windows_filter, sw.WM_POWERBROADCAST,
                                             sw.PBT_APMSUSPEND),
    "windows lock": lambda watcher: _feed(watcher.windows_filter, sw.WM_WTSSESSION_CHANGE,
                                          sw.WTS_SESSION_LOCK),
}


@pytest.mark.parametrize("source", list(SOURCES))
def test_window_locks_with_typing_saved(qtbot, window, vault_path, source):
    cid = clients.client_rows()[0]["id"]
    window.select_client(cid)
    email = window.tabs.views["overview"].findChild(QLineEdit, "email")
    email._timer.setInterval(10 ** 6)  # only the lock can commit it in this test
    qtbot.keyClicks(email, "ana@exa")
    assert window.idle.limit >= 60  # the idle lock is far away: this is the desktop's doing
    SOURCES[source](window.idle.system)
    qtbot.waitUntil(lambda: window.document is None)
    assert window.unlock_dialog is not None and window.unlock_dialog.isVisible()
    assert window.windowTitle() == "IPT Desktop — locked"
    assert window.idle.reason in (sw.SLEEP, sw.SCREEN_LOCK, sw.SCREEN_SAVER)
    with Vault.open(vault_path, PASSPHRASE):
        assert clients.client_dict(cid)["email"] == "ana@exa"
    # A second signal while locked changes nothing.
    dialog = window.unlock_dialog
    SOURCES[source](window.idle.system)
    qtbot.wait(1)
    assert window.unlock_dialog is dialog and window.document is None
