"""Starting the app: the unlock dialog comes first, the database code after it (issue 8)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QLineEdit, QTableView

from conftest import PASSPHRASE
from ipt_desktop.services import clients
from ipt_desktop.services.vault import VAULT_SUFFIX, Vault
from ipt_desktop.ui import icons
from ipt_desktop.ui.app import launch
from ipt_desktop.ui.dialogs import unlock
from ipt_desktop.ui.style import DISABLED_TEXT

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter: what is loaded when the dialog has painted, then after the warm-up.
COLD_START = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from ipt_desktop.ui.app import application, launch
app = application()
window = launch(sys.argv[1])
seen = {}
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and "painted" not in seen:
            seen["painted"] = sorted(m for m in ("peewee", "sqlcipher3",
                "ipt_desktop.services.vault", "ipt_desktop.ui.views.client_list")
                if m in sys.modules)
            seen["title"] = obj.windowTitle()
        return False
watch = Watch()
window.unlock_dialog.installEventFilter(watch)
def check():
    if window._splitter is None:  # the warm-up has not run yet
        QTimer.singleShot(20, check)
        return
    seen["warm"] = sorted(m for m in ("peewee", "ipt_desktop.services.safety",
                                      "ipt_desktop.ui.views.client_list") if m in sys.modules)
    app.quit()
check()
app.exec()
print(json.dumps(seen))
"""


@pytest.fixture(autouse=True)
def _settings(tmp_path):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))


def test_dialog_paints_before_the_database_code_loads_and_the_warm_up_follows(vault_path):
    Vault.create(vault_path, PASSPHRASE).close()
    env = {k: v for k, v in os.environ.items() if k != "IPT_DESKTOP_PASSPHRASE"}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", COLD_START, str(vault_path)], env=env,
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["title"] == "Unlock - IPT Desktop"
    assert seen["painted"] == []  # no database code, no client list yet
    assert seen["warm"] == ["ipt_desktop.services.safety", "ipt_desktop.ui.views.client_list",
                            "peewee"]


def test_unlock_through_the_dialog_after_the_warm_up_shows_the_clients(qtbot, vault_path):
    with Vault.create(vault_path, PASSPHRASE):
        clients.create_client("Ana", "Lima", status="active")
    window = launch(str(vault_path))
    qtbot.addWidget(window)
    dialog = window.unlock_dialog
    assert dialog is not None and window.document is None
    qtbot.waitUntil(lambda: window._splitter is not None)  # built after the dialog painted
    dialog.findChild(QLineEdit, "passphrase").setText(PASSPHRASE)
    dialog.unlock()
    table = window.findChild(QTableView, "clientList")
    assert window.document is not None and table.isVisible()
    assert table.model().index(0, 0).data() == "Ana Lima"
    window.close()


def test_closing_before_any_unlock_keeps_the_saved_splitter(qtbot, vault_path):
    Vault.create(vault_path, PASSPHRASE).close()
    first = launch(str(vault_path))
    qtbot.addWidget(first)
    first.splitter.setSizes([300, 700])
    saved = first.splitter.saveState()
    first.close()
    second = launch(str(vault_path))
    qtbot.addWidget(second)
    assert second._splitter is None  # closed before its list was ever built...
    second.close()
    third = launch(str(vault_path))
    qtbot.addWidget(third)
    assert third.splitter.saveState() == saved  # ...so the sizes saved before survive
    third.close()


def _colours(pixmap):
    image = pixmap.toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width())
            for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}


def test_icons_are_drawn_in_their_colour_and_grey_when_disabled(qtbot):
    lock = icons.icon("lock", "#2c6e74")
    assert not lock.isNull()
    assert "#2c6e74" in _colours(lock.pixmap(QSize(24, 24)))
    disabled = lock.pixmap(QSize(24, 24), QIcon.Mode.Disabled)
    assert QColor(DISABLED_TEXT).name() in _colours(disabled)
    assert "#2c6e74" not in _colours(disabled)
    sharp = lock.pixmap(QSize(16, 16), 2.0)
    assert (sharp.width(), sharp.devicePixelRatio()) == (32, 2.0)
    assert icons.icon("no-such-icon").isNull()


def test_unlock_dialog_names_the_same_vault_files_as_the_vault():
    assert unlock.VAULT_SUFFIX == VAULT_SUFFIX
    assert f"*{VAULT_SUFFIX}" in unlock.FILE_FILTER
