"""The window's menus for sessions, note search, import/export and unlock safety."""
import json

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from conftest import PASSPHRASE
from ipt_desktop.models import AuditEvent
from ipt_desktop.services import clients, safety, sessions
from ipt_desktop.services.vault import Vault
from ipt_desktop.ui.app import launch


@pytest.fixture(autouse=True)
def _settings(tmp_path):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def ids(vault_path):
    with Vault.create(vault_path, PASSPHRASE):
        ana = clients.create_client("Ana", "Lima", status="active")
        olu = clients.create_client("Olu", "Ade", status="concluded")
        sid = sessions.add_session(olu, "2026-03-02", attendance="attended")
        sessions.update_session(sid, {"homework": "Call the sister about the wedding"})
    return {"ana": ana, "olu": olu, "olu_session": sid}


@pytest.fixture
def window(qtbot, vault_path, ids, monkeypatch):
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    w = launch(str(vault_path))
    qtbot.addWidget(w)
    yield w
    w.close()


def test_new_session_shortcut_adds_the_next_session(qtbot, window, ids):
    action = window.named_actions["new_session"]
    assert not action.isEnabled()  # no client selected yet
    window.select_client(ids["ana"])
    assert action.isEnabled() and "Ctrl+Shift+N" in action.shortcut().toString()
    action.trigger()
    assert [s["number"] for s in sessions.sessions(ids["ana"])] == [1]
    assert window.tabs.currentIndex() == window.tabs.index_of("sessions")


def test_a_note_search_hit_opens_its_session_even_for_a_filtered_out_client(qtbot, window,
                                                                             ids):
    window.named_actions["search_notes"].trigger()
    from ipt_desktop.ui.dialogs.note_search import NoteSearchDialog
    dialog = window.findChild(NoteSearchDialog)
    dialog.field.setText("wedding")
    assert dialog.search() == 1
    dialog.open_current()
    assert window.current_client_id() == ids["olu"]  # a concluded client: the filter widened
    view = window.tabs.view("sessions")
    assert view.current_session() == ids["olu_session"]


def test_export_then_import_through_the_file_menu(qtbot, window, ids, tmp_path, monkeypatch):
    target = tmp_path / "all.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window.named_actions["export_all"].trigger()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(c["first_name"] for c in data["clients"]) == ["Ana", "Olu"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    window.named_actions["import"].trigger()
    names = sorted(r["first_name"] for r in clients.client_rows())
    assert names == ["Ana", "Ana", "Olu", "Olu"]
    kinds = [k for (k,) in AuditEvent.select(AuditEvent.kind).tuples()]
    assert "export" in kinds and "import" in kinds


def test_a_wrong_import_file_is_refused_in_words_and_adds_nothing(qtbot, window, tmp_path,
                                                                    monkeypatch):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "ipt-desktop", "version": 1,
                               "exported_at": "2026-11-01T10:00:00", "clients": [{}]}))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    before = len(clients.client_rows())
    window.named_actions["import"].trigger()
    assert "clients[0]" in shown[0] and "Nothing was imported" in shown[0]
    assert len(clients.client_rows()) == before


def test_failed_unlocks_are_recorded_at_the_next_unlock(qtbot, vault_path, ids, monkeypatch):
    monkeypatch.delenv("IPT_DESKTOP_PASSPHRASE", raising=False)
    w = launch(str(vault_path))
    qtbot.addWidget(w)
    dialog = w.unlock_dialog
    for _ in range(2):
        dialog.passphrase.setText("not the passphrase")
        dialog.unlock()
        assert dialog.isVisible() and dialog.passphrase.text() == ""
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock()
    qtbot.waitUntil(lambda: w.document is not None)
    details = [e["detail"] for e in safety.audit_events() if e["kind"] == "failed unlock"]
    assert details == ["2 wrong passphrases before this unlock"]
    w.close()


def test_menus_hold_the_safety_actions_and_lock_disables_them(qtbot, window):
    file_titles = [a.text() for a in window.menus["File"].actions()]
    for title in ("&Back up now...", "&Restore from backup...", "Change &passphrase...",
                  "&Import clients...", "&Export all clients..."):
        assert title in file_titles
    assert window.named_actions["audit"] in window.menus["Tools"].actions()
    assert window.named_actions["backup"].isEnabled()
    window.lock(ask=False)
    assert not window.named_actions["backup"].isEnabled()
    assert not window.named_actions["search_notes"].isEnabled()
