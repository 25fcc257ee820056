"""No plaintext: after the demo data and a session of use, no client name is readable in
the vault, its -wal/-shm, backups, logs, settings or temp folders."""
import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ipt_desktop.models import Client, Person
from ipt_desktop.services import backup, demo
from ipt_desktop.services.vault import Vault


def names_in_vault(path) -> set[str]:
    with Vault.open(path, demo.DEMO_PASSPHRASE, read_only=True):
        found = {c.first_name for c in Client.select()} | {c.last_name for c in Client.select()}
        found |= {p.name for p in Person.select()}
    return {n for n in found if len(n) >= 4}  # short strings would match random bytes


def scan(roots, needles) -> list[str]:
    """Every (file, name) where a name appears as UTF-8 or UTF-16 bytes."""
    hits = []
    for root in map(Path, roots):
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for path in files:
            data = path.read_bytes()
            for needle in needles:
                if needle.encode() in data or needle.encode("utf-16-le") in data:
                    hits.append(f"{path.name}: {needle}")
    return hits


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_no_name_in_any_file_after_a_session_of_use(qtbot, tmp_path, private_tmp,
                                                    monkeypatch):
    home = Path(os.environ["HOME"]).parent  # HOME and every XDG folder live in here
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(home / "settings"))
    path = demo.ensure_demo_vault()
    assert home in path.parents  # the vault, its backups and settings are all scanned
    names = names_in_vault(path)
    assert len(names) >= 5

    # The scan can see names: an unencrypted copy of the same pages shows them.
    control = tmp_path / "control.db"
    with Vault.open(path, demo.DEMO_PASSPHRASE) as vault:
        vault.db.execute_sql(f"ATTACH DATABASE '{control}' AS plain KEY ''")
        vault.db.execute_sql("SELECT sqlcipher_export('plain')")
        vault.db.execute_sql("DETACH DATABASE plain")
    assert len(scan([control], names)) == len(names)
    control.unlink()

    from ipt_desktop.ui.app import launch
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", demo.DEMO_PASSPHRASE)
    window = launch(str(path))
    qtbot.addWidget(window)
    doc = window.document
    cid = Client.select().first().id
    window.select_client(cid)
    sid = doc.add_session(cid, None, summary="talked about the move, felt lighter")
    doc.edit_client(cid, {"notes": "prefers mornings"})
    doc.add_person(cid, "Perpetua", ring=2)
    doc.undo_stack.undo()
    backup.make_backup(doc.vault)
    backup.auto_backup_if_due(doc.vault)
    doc.edit_session(cid, sid, {"homework": "notice one good exchange"})
    window.lock(ask=False)
    window.save_layout()
    window.close()

    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".ini" for p in files)  # settings were written and scanned
    assert list(backup.list_backups(path))  # and the backups
    hits = scan([home, private_tmp], names | {"Perpetua", "lighter", "mornings"})
    assert hits == []
