"""Backups: encrypted, verified, kept beside the vault, pruned, made when due."""
import datetime as dt
import errno

import pytest
from conftest import PASSPHRASE
from sqlcipher3 import dbapi2 as sqlcipher

from ipt_desktop.cli import main
from ipt_desktop.models import migrations
from ipt_desktop.services import backup, clients, safety
from ipt_desktop.services.errors import DiskFull, StorageError, WrongPassphrase
from ipt_desktop.services.profile import update_profile


def read_names(path, key):
    """The client names in a vault file, read with its key (proves it is a real copy)."""
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute("PRAGMA key='%s'" % key.replace("'", "''"))
        names = sorted(r[0] for r in conn.execute("SELECT first_name FROM client"))
        header = (conn.execute("PRAGMA user_version").fetchone()[0],
                  conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()
    return names, header


def test_backup_beside_vault_is_encrypted_checked_and_audited(vault, client_id):
    target = backup.make_backup(vault)
    assert target.parent == vault.path.with_name("practice backups")
    assert target.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted from the first byte
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    names, header = read_names(target, PASSPHRASE)
    assert names == ["Ana"]
    assert header == (migrations.LATEST, migrations.APPLICATION_ID)
    assert safety.check_vault_file(target, PASSPHRASE) == migrations.LATEST
    event = safety.audit_events()[0]
    assert event["kind"] == "backup" and "Ana" not in event["detail"]
    assert not list(target.parent.glob(".*partial"))


def test_backup_with_its_own_passphrase(vault, client_id, tmp_path):
    target = backup.make_backup(vault, tmp_path / "copy.iptvault", passphrase="another one")
    assert read_names(target, "another one")[0] == ["Ana"]
    with pytest.raises(WrongPassphrase):
        safety.check_vault_file(target, PASSPHRASE)


def test_only_the_newest_k_are_kept(vault, client_id, tmp_path, monkeypatch):
    folder = tmp_path / "kept"
    made = []
    for day in range(1, 5):
        when = dt.datetime(2026, 1, day, 9, 0, 0)
        monkeypatch.setattr(backup, "backup_file_name",
                            lambda path, w=None, when=when: f"practice-{when:%Y%m%d-%H%M%S}"
                                                            ".iptvault")
        made.append(backup.make_backup(vault, folder, keep=2))
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in made[2:])
    assert backup.newest_backup(vault.path, folder) == made[-1]
    assert "2 older removed" not in safety.audit_events()[0]["detail"]
    assert "1 older removed" in safety.audit_events()[0]["detail"]


def test_a_backup_cannot_overwrite_the_vault(vault):
    with pytest.raises(StorageError, match="over the vault itself"):
        backup.make_backup(vault, vault.path)


def test_automatic_backup_when_due(vault, client_id):
    first = backup.auto_backup_if_due(vault)
    assert first is not None and first.exists()
    assert backup.auto_backup_if_due(vault) is None  # just made
    later = dt.datetime.now() + dt.timedelta(days=8)
    second = backup.auto_backup_if_due(vault, now=later)
    assert second is not None and second != first
    assert [e["detail"] for e in safety.audit_events() if e["kind"] == "backup"][0] \
        .startswith("automatic")
    update_profile({"backup_every_days": 0})
    assert backup.auto_backup_if_due(vault, now=later + dt.timedelta(days=30)) is None


def test_automatic_backups_keep_the_preferred_number(vault, client_id, monkeypatch):
    update_profile({"backups_kept": 2, "backup_every_days": 1})
    start = dt.datetime(2026, 3, 1, 8, 0, 0)
    for day in range(4):
        when = start + dt.timedelta(days=day)
        monkeypatch.setattr(backup, "backup_file_name",
                            lambda path, w=None, when=when: f"practice-{when:%Y%m%d-%H%M%S}"
                                                            ".iptvault")
        assert backup.auto_backup_if_due(vault, now=when + dt.timedelta(hours=1))
    assert len(backup.list_backups(vault.path)) == 2


def test_disk_full_during_backup_names_the_cause_and_keeps_everything(vault, client_id,
                                                                      tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(backup.os, "fsync", full)
    with pytest.raises(DiskFull, match="disk is full"):
        backup.make_backup(vault, tmp_path / "out")
    monkeypatch.undo()
    assert list((tmp_path / "out").iterdir()) == []  # no half-written copy left behind
    assert [r["name"] for r in clients.client_rows()] == ["Ana Lima"]
    assert vault.quick_check() is None


def test_cli_backup_and_its_errors(vault, client_id, tmp_path, monkeypatch, capsys):
    vault.close()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    own = tmp_path / "own.txt"
    own.write_text("backup secret\n", encoding="utf-8")
    code = main(["backup", str(vault.path), str(tmp_path / "b.iptvault"),
                 "--backup-passphrase-file", str(own)])
    assert code == 0
    assert "own passphrase" in capsys.readouterr().out
    assert read_names(tmp_path / "b.iptvault", "backup secret")[0] == ["Ana"]
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", "not it")
    assert main(["backup", str(vault.path), str(tmp_path / "c.iptvault")]) == 1
    err = capsys.readouterr().err
    assert "Wrong passphrase" in err and err.count("\n") == 1
    assert not (tmp_path / "c.iptvault").exists()
