"""The vault keeps every pitfall of VAULT.md closed: one test per pitfall."""
import datetime as dt
import errno
import os
import shutil
import sqlite3
import stat
import unicodedata

import pytest

from conftest import PASSPHRASE
from ipt_desktop.models import Client, Session
from ipt_desktop.services import clients, sessions
from ipt_desktop.services.errors import (
    DiskFull,
    NotAVault,
    PassphraseRefused,
    VaultDamaged,
    WrongPassphrase,
)
from ipt_desktop.services.vault import Vault

PAGE = 4096  # SQLCipher 4's page size


def _reopen(path, passphrase=PASSPHRASE, **kwargs):
    return Vault.open(path, passphrase, **kwargs)


@pytest.mark.parametrize("bad, words", [("", "passphrase is empty"),
                                        ("abc\x00def", "NUL character")])
def test_empty_and_nul_passphrases_are_refused(vault_path, bad, words):
    with pytest.raises(PassphraseRefused, match=words):
        Vault.create(vault_path, bad)
    assert not vault_path.exists()
    Vault.create(vault_path, PASSPHRASE).close()
    with pytest.raises(PassphraseRefused, match=words):
        Vault.open(vault_path, bad)


def test_nfc_and_nfd_forms_of_a_passphrase_open_the_same_vault(vault_path):
    typed = "Crème brûlée à Zoë"
    nfc, nfd = unicodedata.normalize("NFC", typed), unicodedata.normalize("NFD", typed)
    assert nfc != nfd
    with Vault.create(vault_path, nfd):
        clients.create_client("Zoë", "Brontë")
    with _reopen(vault_path, nfc):
        assert [c.first_name for c in Client.select()] == ["Zoë"]


def test_wrong_passphrase_is_named_and_prints_nothing(vault_path, capfd):
    Vault.create(vault_path, PASSPHRASE).close()
    capfd.readouterr()
    with pytest.raises(WrongPassphrase) as info:
        _reopen(vault_path, "not the passphrase")
    assert "Wrong passphrase, or this file is not an IPT Desktop vault" in str(info.value)
    out, err = capfd.readouterr()  # OS-level: SQLCipher's own log lines would land here
    assert (out, err) == ("", "")
    with _reopen(vault_path):  # and the right one still works afterwards
        pass


def test_a_plain_sqlite_file_is_not_a_vault(tmp_path):
    plain = tmp_path / "plain.iptvault"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE client (name TEXT)")
    conn.execute("INSERT INTO client VALUES ('Ana Lima')")
    conn.commit()
    conn.close()
    with pytest.raises(WrongPassphrase, match="not an IPT Desktop vault"):
        Vault.open(plain, PASSPHRASE)
    text = tmp_path / "notes.iptvault"
    text.write_text("just some text, not a database\n" * 200)
    with pytest.raises(WrongPassphrase, match="not an IPT Desktop vault"):
        Vault.open(text, PASSPHRASE)
    with pytest.raises(NotAVault, match="There is no vault at missing.iptvault"):
        Vault.open(tmp_path / "missing.iptvault", PASSPHRASE)


def test_pragmas_after_open_keep_temp_data_in_memory_and_commits_durable(vault_path):
    Vault.create(vault_path, PASSPHRASE).close()
    with _reopen(vault_path) as vault:
        pragma = lambda name: vault.db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa
        assert pragma("temp_store") == 2  # MEMORY
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("secure_delete") == 1


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX notion")
def test_vault_files_are_private_to_the_user(vault_path):
    with Vault.create(vault_path, PASSPHRASE):
        clients.create_client("Ana", "Lima")
        for suffix in ("", "-wal", "-shm"):
            path = f"{vault_path}{suffix}"
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_no_client_data_in_plaintext_on_disk(tmp_path):
    from ipt_desktop.services.demo import DEMO_PASSPHRASE, create_demo_vault
    from ipt_desktop.services.demo_cases import CASES
    path = tmp_path / "demo.iptvault"
    create_demo_vault(path, today=dt.date(2026, 3, 1))
    marker = "Kestrel-Marmalade remembered the lighthouse"
    with _reopen(path, DEMO_PASSPHRASE):
        cid = Client.get(Client.first_name == "Zoë").id
        clients.update_client(cid, {"notes": marker})
        sid = sessions.add_session(cid, attendance="attended", summary=marker)
        sessions.update_session(sid, {"homework": marker + " again"})
        on_disk_open = _read_all(tmp_path)
    on_disk_closed = _read_all(tmp_path)
    secrets = [marker, "Brontë-Okafor", "overslept after a bad night", "closeness circle",
               "Sertraline", "Kwame"]
    secrets += [c["first_name"] for c in CASES] + [c["last_name"] for c in CASES]
    assert len(on_disk_open[f"{path.name}-wal"]) > 0  # the edits really sat in the WAL
    for blobs in (on_disk_open, on_disk_closed):
        for name, data in blobs.items():
            for secret in secrets:
                for form in {unicodedata.normalize("NFC", secret),
                             unicodedata.normalize("NFD", secret)}:
                    assert form.encode("utf-8") not in data, f"{secret!r} readable in {name}"


def _read_all(folder):
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _flip_page(source, target, page):
    shutil.copyfile(source, target)
    with open(target, "r+b") as fh:
        fh.seek(page * PAGE + 100)
        chunk = fh.read(64)
        fh.seek(page * PAGE + 100)
        fh.write(bytes(b ^ 0xFF for b in chunk))


def test_a_damaged_page_is_reported_as_damage(vault_path, tmp_path):
    with Vault.create(vault_path, PASSPHRASE):
        for i in range(5):
            cid = clients.create_client(f"Name{i}", "Surname", notes="x" * 3000)
            sessions.add_session(cid, date="2026-01-05", summary="y" * 3000)
    pages = os.path.getsize(vault_path) // PAGE
    assert pages > 10
    broken = tmp_path / "broken.iptvault"
    _flip_page(vault_path, broken, pages - 3)
    with pytest.raises(VaultDamaged) as info:
        Vault.open(broken, PASSPHRASE)
    assert str(info.value).startswith("The vault is damaged: ")
    assert "page" in str(info.value) and "backup" in str(info.value)
    with _reopen(vault_path):  # the original is untouched
        assert Client.select().count() == 5


def test_disk_full_from_sqlite_keeps_earlier_commits(vault, vault_path):
    cid = clients.create_client("Ana", "Lima", status="active")
    sessions.add_session(cid, date="2026-01-05", summary="kept before the disk filled")
    pages = vault.db.execute_sql("PRAGMA page_count").fetchone()[0]
    vault.db.execute_sql(f"PRAGMA max_page_count = {pages}")  # the file cannot grow: SQLITE_FULL
    with pytest.raises(DiskFull) as info:
        sessions.add_session(cid, summary="z" * 200_000)
    assert str(info.value).startswith("The disk is full, so the change was not saved. "
                                      "Nothing already saved was lost.")
    vault.close()
    with _reopen(vault_path):
        rows = list(Session.select().where(Session.client == cid))
        assert [(s.number, s.summary) for s in rows] == [(1, "kept before the disk filled")]


def test_disk_full_from_the_os_is_named(vault, monkeypatch):
    cid = clients.create_client("Ana", "Lima")

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Session, "create", classmethod(no_space))
    with pytest.raises(DiskFull, match="Free some space on the disk"):
        sessions.add_session(cid, date="2026-01-05")
    monkeypatch.undo()
    assert Client.get_by_id(cid).last_name == "Lima"
    assert Session.select().count() == 0
