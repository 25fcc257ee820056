"""The whole-file check runs beside the window after unlock; damage it finds is handled."""
import pytest
from PySide6.QtCore import QSettings

from conftest import PASSPHRASE
from ipt_desktop.services import clients, sessions
from ipt_desktop.services.vault import Vault
from ipt_desktop.ui.app import launch
from ipt_desktop.ui.dialogs import vault_health
from test_safety import flip_byte


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)


def _vault_with_notes(path):
    with Vault.create(path, PASSPHRASE):
        cid = clients.create_client("Ana", "Lima", status="active")
        for day in range(1, 29):
            sessions.add_session(cid, f"2026-02-{day:02d}", summary="notes " * 200)


def test_a_healthy_vault_stays_open_once_checked(qtbot, vault_path, monkeypatch):
    _vault_with_notes(vault_path)
    asked = []
    monkeypatch.setattr(vault_health, "open_damaged_vault", lambda *a: asked.append(a))
    window = launch(str(vault_path))
    qtbot.addWidget(window)
    check = window.vault_check
    assert check is not None and check.path == vault_path
    qtbot.waitUntil(lambda: check.finished, timeout=30_000)  # started after the paint
    qtbot.wait(50)  # the result's signal is delivered through the event loop
    assert asked == [] and window.document is not None
    window.close()


def test_damage_found_after_unlock_closes_the_record_and_offers_the_damage_dialog(
        qtbot, vault_path, monkeypatch):
    _vault_with_notes(vault_path)
    flip_byte(vault_path, vault_path.stat().st_size // 2)
    asked = []

    def damaged_dialog(parent, path, passphrase):
        asked.append((parent.document, path, passphrase == PASSPHRASE))
        return None  # the therapist closed the dialog without restoring
    monkeypatch.setattr(vault_health, "open_damaged_vault", damaged_dialog)
    window = launch(str(vault_path))
    qtbot.addWidget(window)
    assert window.document is not None  # the list shows before the check ends
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    assert asked == [(None, vault_path, True)]  # the record was closed first
    assert window.document is None
    dialog = window.unlock_dialog
    assert dialog is not None and "damaged" in dialog.error.text()
    window.close()


def test_locking_stops_the_check_and_nothing_is_reported(qtbot, vault_path, monkeypatch):
    _vault_with_notes(vault_path)
    flip_byte(vault_path, vault_path.stat().st_size // 2)
    asked = []
    monkeypatch.setattr(vault_health, "open_damaged_vault", lambda *a: asked.append(a))
    window = launch(str(vault_path))
    qtbot.addWidget(window)
    check = window.vault_check
    qtbot.waitUntil(lambda: check._thread.ident is not None, timeout=5_000)  # running
    window.lock()
    assert window.vault_check is None
    qtbot.wait(2500)  # past the moment a check would have reported
    assert asked == [] and window.unlock_dialog is not None
    assert "damaged" not in window.unlock_dialog.error.text()
    window.close()
