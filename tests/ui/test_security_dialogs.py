"""The security dialogs: what the therapist sees, and what the vault holds afterwards."""
import zipfile

import pytest
from conftest import PASSPHRASE
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ipt_desktop.models import Client
from ipt_desktop.services import backup, safety, sessions
from ipt_desktop.services.errors import WrongPassphrase
from ipt_desktop.services.vault import Vault
from ipt_desktop.ui.dialogs import security, vault_health
from ipt_desktop.ui.document import VaultDocument


@pytest.fixture
def doc(qtbot, vault, client_id):
    document = VaultDocument(vault)
    yield document
    if not document.vault.db.is_closed():
        document.vault.close()


def flip_byte(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_backup_now_writes_beside_the_vault_and_lists_it(qtbot, doc, monkeypatch):
    shown = []
    monkeypatch.setattr(security, "inform", lambda parent, title, text: shown.append(text))
    dialog = security.BackupDialog(doc)
    qtbot.addWidget(dialog)
    assert dialog.target.text().endswith("practice backups")
    assert dialog.earlier.item(0).text().startswith("No backups yet")
    dialog.own.enabled.setChecked(True)
    dialog.own.first.setText("backup words one")
    dialog.own.second.setText("backup words two")
    dialog.ok_button.click()
    assert dialog.error.isVisibleTo(dialog) and "differ" in dialog.error.text()
    assert backup.list_backups(doc.vault.path) == []
    dialog.own.enabled.setChecked(False)
    dialog.ok_button.click()
    assert dialog.result() == QDialog.Accepted
    made = backup.list_backups(doc.vault.path)
    assert made == [dialog.result_path]
    assert safety.check_vault_file(made[0], PASSPHRASE)
    again = security.BackupDialog(doc)
    qtbot.addWidget(again)
    assert "today" in again.earlier.item(0).text()


def test_restore_closes_the_document_only_for_a_checked_backup(qtbot, doc):
    copy = backup.make_backup(doc.vault)
    doc.add_client("Bruno", "Costa")
    dialog = security.RestoreDialog(doc.vault.path, PASSPHRASE, document=doc)
    qtbot.addWidget(dialog)
    assert dialog.choices.count() == 1 and "(today)" in dialog.choices.item(0).text()
    assert dialog.choices.item(0).toolTip() == str(copy)
    dialog.own.setText("not the backup's passphrase")
    dialog.ok_button.click()
    assert "did not open" in dialog.error.text()
    assert not doc.vault.db.is_closed()  # refused before anything was closed
    dialog.own.clear()
    dialog.ok_button.click()
    assert dialog.result() == QDialog.Accepted
    assert doc.vault.db.is_closed()
    with dialog.vault:
        assert [c.first_name for c in Client.select()] == ["Ana"]
    assert dialog.kept is not None and dialog.kept.exists()


def test_change_passphrase_keeps_the_vault_open_and_working(qtbot, doc, monkeypatch):
    dialog = security.ChangePassphraseDialog(doc)
    qtbot.addWidget(dialog)
    dialog.current.setText("wrong")
    dialog.new.setText("a much better passphrase")
    dialog.repeat.setText("a much better passphrase")
    dialog.ok_button.click()
    assert "not the current passphrase" in dialog.error.text()
    assert dialog.strength.text()
    dialog.current.setText(PASSPHRASE)
    dialog.ok_button.click()
    assert dialog.result() == QDialog.Accepted
    doc.add_client("Bruno", "Costa")  # the document works on the reopened vault
    path = doc.vault.path
    doc.vault.close()
    with pytest.raises(WrongPassphrase):
        safety.check_vault_file(path, PASSPHRASE)
    with Vault.open(path, "a much better passphrase"):
        assert sorted(c.first_name for c in Client.select()) == ["Ana", "Bruno"]


def test_audit_trail_lists_events_without_names(qtbot, doc):
    backup.make_backup(doc.vault)
    dialog = security.AuditTrailDialog()
    qtbot.addWidget(dialog)
    rows = [[dialog.tree.topLevelItem(i).text(c) for c in range(3)]
            for i in range(dialog.tree.topLevelItemCount())]
    assert [r[1] for r in rows][:2] == ["Backup", "Vault created"]
    assert not any("Ana" in cell or "Lima" in cell for row in rows for cell in row)


def test_erase_needs_the_name_then_removes_everything(qtbot, doc, client_id):
    doc.add_session(client_id, "2026-01-05", summary="private words")
    dialog = security.EraseClientDialog(doc, client_id)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.typed.setText("ana lima")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(doc.clients_changed):
        dialog.ok_button.click()
    assert Client.select().count() == 0 and sessions.search_notes("private") == []
    assert doc.undo_stack.count() == 0


def test_export_client_to_a_zip(qtbot, doc, client_id, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(security, "ask_save_path", lambda *a: str(tmp_path / "ana"))
    monkeypatch.setattr(security, "inform", lambda parent, title, text: shown.append(text))
    dest = security.export_client(None, doc, client_id)
    assert dest == tmp_path / "ana.zip"
    with zipfile.ZipFile(dest) as zf:
        assert any(name.endswith(".json") for name in zf.namelist())
    assert "NOT encrypted" in shown[0]


def test_damaged_vault_names_the_damage_and_restores_the_newest_backup(qtbot, vault,
                                                                       client_id):
    for day in range(1, 29):
        sessions.add_session(client_id, f"2026-02-{day:02d}", summary="notes " * 200)
    newest = backup.make_backup(vault)
    path = vault.path
    vault.close()
    flip_byte(path, path.stat().st_size // 2)
    opened, problems, found = safety.open_damaged(path, PASSPHRASE)
    dialog = vault_health.DamagedVaultDialog(path, PASSPHRASE, problems, found, opened)
    qtbot.addWidget(dialog)
    assert "integrity check failed" in dialog.problems.text()
    assert dialog.restore_button.isEnabled() and found == newest
    dialog.restore_button.click()
    assert dialog.result() == QDialog.Accepted
    restored = dialog.result_vault()
    with restored:
        assert not restored.read_only and restored.full_check() == []
        assert sessions.sessions(client_id)[0]["summary"].startswith("notes")


def test_damaged_vault_without_a_backup_can_open_read_only(qtbot, vault, client_id,
                                                           monkeypatch):
    for day in range(1, 29):
        sessions.add_session(client_id, f"2026-02-{day:02d}", summary="notes " * 200)
    path = vault.path
    vault.close()
    flip_byte(path, path.stat().st_size // 2)
    opened, problems, found = safety.open_damaged(path, PASSPHRASE)
    dialog = vault_health.DamagedVaultDialog(path, PASSPHRASE, problems, found, opened)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "No backup was found" in dialog.findChild(type(dialog.problems),
                                                     "damageAdvice").text()
    monkeypatch.setattr(vault_health, "ask_open_path", lambda *a: str(path))
    dialog.findChild(type(dialog.restore_button), "chooseBackupButton").click()
    assert "damaged vault itself" in dialog.error.text()  # refused, in words
    assert opened is not None and dialog.read_only_button.isEnabled()
    qtbot.mouseClick(dialog.read_only_button, Qt.LeftButton)
    vault_ro = dialog.result_vault()
    assert vault_ro.read_only
    vault_ro.close()
