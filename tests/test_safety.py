"""Restore, passphrase change, erasure, export, failed unlocks and damaged vaults."""
import hashlib
import json
import shutil
import zipfile

import pytest
from conftest import PASSPHRASE
from sqlcipher3 import dbapi2 as sqlcipher

from ipt_desktop.cli import main
from ipt_desktop.models import (
    AuditEvent,
    Client,
    ClosingPlan,
    DocumentLog,
    Incident,
    MeasureAdministration,
    Person,
    PersonEvent,
    Session,
)
from ipt_desktop.models import migrations
from ipt_desktop.services import backup, clients, closing, documents, inventory, safety, \
    sessions
from ipt_desktop.services.common import now
from ipt_desktop.services.errors import (
    NotAVault,
    PassphraseRefused,
    ValidationError,
    VaultDamaged,
    WrongPassphrase,
)
from ipt_desktop.services.vault import Vault


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def flip_byte(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def names_in(path, key=PASSPHRASE):
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute("PRAGMA key='%s'" % key.replace("'", "''"))
        return sorted(r[0] for r in conn.execute("SELECT first_name FROM client"))
    finally:
        conn.close()


def plaintext_copy(db, target):
    """Decrypt the open vault into an unencrypted file, to scan what its pages hold."""
    db.execute_sql(f"ATTACH DATABASE '{target}' AS plain KEY ''")
    db.execute_sql("SELECT sqlcipher_export('plain')")
    db.execute_sql("DETACH DATABASE plain")
    return target.read_bytes()


# -- restore ---------------------------------------------------------------------------
def test_restore_brings_back_the_backup_and_keeps_the_replaced_vault(vault, client_id):
    copy = backup.make_backup(vault)
    clients.create_client("Bruno", "Costa")
    path = vault.path
    vault.close()
    kept = safety.restore(copy, path, PASSPHRASE)
    assert names_in(path) == ["Ana"]
    assert names_in(kept) == ["Ana", "Bruno"]  # the replaced vault is kept, readable
    assert kept.name.startswith("practice.before-restore-")
    with Vault.open(path, PASSPHRASE) as reopened:
        assert reopened.quick_check() is None
        assert "restore" in [e["kind"] for e in safety.audit_events()]


def test_restore_removes_the_replaced_vaults_wal_and_keeps_it(vault, client_id, tmp_path):
    copy = backup.make_backup(vault)
    clients.create_client("Bruno", "Costa")  # sits in the -wal, not yet in the main file
    crashed = tmp_path / "crashed.iptvault"
    shutil.copyfile(vault.path, crashed)
    shutil.copyfile(f"{vault.path}-wal", f"{crashed}-wal")
    assert (tmp_path / "crashed.iptvault-wal").stat().st_size > 0
    vault.close()
    kept = safety.restore(copy, crashed, PASSPHRASE)
    assert not (tmp_path / "crashed.iptvault-wal").exists()
    with Vault.open(crashed, PASSPHRASE) as restored:
        assert restored.quick_check() is None
        assert [c.first_name for c in Client.select()] == ["Ana"]
    with Vault.open(kept, PASSPHRASE, read_only=True):
        assert sorted(c.first_name for c in Client.select()) == ["Ana", "Bruno"]


@pytest.mark.parametrize("spoil", ["flip", "passphrase", "newer", "missing"])
def test_restore_checks_the_backup_before_touching_the_vault(vault, client_id, tmp_path,
                                                             spoil):
    copy = backup.make_backup(vault, tmp_path / "b.iptvault")
    path = vault.path
    vault.close()
    before = digest(path)
    key, expected = PASSPHRASE, VaultDamaged
    if spoil == "flip":
        flip_byte(copy, 4096 * 3 + 100)
    elif spoil == "passphrase":
        key, expected = "a wrong one", WrongPassphrase
    elif spoil == "newer":
        conn = sqlcipher.connect(str(copy))
        conn.execute(f"PRAGMA key='{PASSPHRASE}'")
        conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
        conn.commit()
        conn.close()
        expected = NotAVault
    else:
        copy.unlink()
        expected = NotAVault
    with pytest.raises(expected) as info:
        safety.restore(copy, path, PASSPHRASE, backup_passphrase=key)
    assert "newer version" in str(info.value) if spoil == "newer" else True
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.glob("*before-restore*")) == []
    assert not list(tmp_path.glob(".*restoring"))


def test_restore_of_a_backup_with_its_own_passphrase(vault, client_id, tmp_path):
    copy = backup.make_backup(vault, tmp_path / "b.iptvault", passphrase="backup only")
    path = vault.path
    vault.close()
    safety.restore(copy, path, PASSPHRASE, backup_passphrase="backup only")
    assert names_in(path) == ["Ana"]  # the vault keeps the vault's passphrase


def test_cli_restore(vault, client_id, tmp_path, monkeypatch, capsys):
    copy = backup.make_backup(vault, tmp_path / "b.iptvault")
    clients.create_client("Bruno", "Costa")
    vault.close()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["restore", str(copy), str(vault.path)]) == 0
    out = capsys.readouterr().out
    assert "kept as" in out
    assert names_in(vault.path) == ["Ana"]


# -- passphrase change -------------------------------------------------------------------
def test_change_passphrase_needs_the_old_one_and_swaps_atomically(vault, client_id):
    path = vault.path
    vault.close()
    with pytest.raises(WrongPassphrase):
        safety.change_passphrase(path, "not the old one", "new passphrase")
    with pytest.raises(PassphraseRefused, match="same"):
        safety.change_passphrase(path, PASSPHRASE, PASSPHRASE)
    with pytest.raises(PassphraseRefused, match="empty"):
        safety.change_passphrase(path, PASSPHRASE, "")
    assert names_in(path) == ["Ana"]
    safety.change_passphrase(path, PASSPHRASE, "new passphrase")
    with pytest.raises(WrongPassphrase):
        Vault.open(path, PASSPHRASE)
    with Vault.open(path, "new passphrase") as reopened:
        assert reopened.quick_check() is None
        assert [c.first_name for c in Client.select()] == ["Ana"]
        assert "passphrase change" in [e["kind"] for e in safety.audit_events()]
    assert not list(path.parent.glob(".*rekeyed"))


def test_cli_passwd(vault, client_id, monkeypatch, capsys):
    vault.close()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("IPT_DESKTOP_NEW_PASSPHRASE", "brand new words")
    assert main(["passwd", str(vault.path)]) == 0
    assert names_in(vault.path, "brand new words") == ["Ana"]
    monkeypatch.delenv("IPT_DESKTOP_NEW_PASSPHRASE")
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", "brand new words")
    assert main(["passwd", str(vault.path)]) == 1  # no terminal, no new passphrase
    assert "IPT_DESKTOP_NEW_PASSPHRASE" in capsys.readouterr().err


# -- erasure -------------------------------------------------------------------------------
SECRETS = ("Quorrington", "Zebedee", "Marmaduke", "velociraptor", "Wendeline")


def rich_client():
    """A client touching every table, with distinctive words in notes and names."""
    cid = clients.create_client("Zebedee", "Quorrington", notes="likes velociraptor films")
    pid = inventory.add_person(cid, "Marmaduke", ring=1, role="partner")
    inventory.update_person(pid, {"hard_things": "argues about velociraptor"})
    sid = sessions.add_session(cid, "2026-01-05", attendance="attended",
                               summary="Zebedee spoke of Wendeline and velociraptor dreams")
    sessions.record_measure(sid, "PHQ-9", [1] * 9)
    sessions.add_incident(sid, pid, what_happened="Marmaduke shouted")
    clients.add_medication(cid, "sertraline", notes="Quorrington family doctor")
    clients.add_focus(cid, "dispute", person_id=pid, dispute_issue="chores")
    closing.update_plan(cid, {"warning_signs": "Wendeline notices withdrawal",
                              "support_person_ids": [pid]})
    DocumentLog.create(client=cid, kind="session summary", created_at=now(),
                       options={"title": "Zebedee Quorrington"})
    return cid


def test_erasure_removes_every_row_and_every_trace_in_the_pages(vault, tmp_path):
    other = clients.create_client("Ana", "Lima")
    sessions.add_session(other, "2026-01-06", summary="ordinary notes")
    cid = rich_client()
    before = plaintext_copy(vault.db, tmp_path / "before.db")
    assert all(s.encode() in before for s in SECRETS)  # the scan can find them
    with pytest.raises(ValidationError):
        safety.erase_client(cid, "Zebedee Q")
    assert Client.get_or_none(Client.id == cid) is not None
    safety.erase_client(cid, "zebedee  quorrington")

    for model in (Client, Person, PersonEvent, Session, MeasureAdministration, ClosingPlan,
                  DocumentLog):
        key = model.id if model is Client else model.client
        assert not model.select().where(key == cid).exists(), model.__name__
    assert Incident.select().count() == 0
    assert sessions.search_notes("velociraptor") == []
    assert [r["name"] for r in clients.client_rows()] == ["Ana Lima"]
    after = plaintext_copy(vault.db, tmp_path / "after.db")
    assert b"ordinary notes" in after
    for secret in SECRETS:
        assert secret.encode() not in after, secret
        assert secret.encode("utf-16-le") not in after
    for suffix in ("", "-wal", "-shm"):
        raw = vault.path.with_name(vault.path.name + suffix)
        if raw.exists():
            assert not any(s.encode() in raw.read_bytes() for s in SECRETS)
    erase = AuditEvent.get(AuditEvent.kind == "erase")
    assert not any(s.lower() in erase.detail.lower() for s in SECRETS + ("Zebedee",))
    assert vault.quick_check() is None


def test_cli_erase(vault, monkeypatch, capsys):
    cid = rich_client()
    vault.close()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["erase", str(vault.path), "--client", str(cid), "--confirm-name", "Ana"]) == 1
    assert "does not match" in capsys.readouterr().err
    assert main(["erase", str(vault.path), "--client", str(cid),
                 "--confirm-name", "Zebedee Quorrington"]) == 0
    assert names_in(vault.path) == []


# -- export --------------------------------------------------------------------------------
@pytest.mark.parametrize("as_zip", [False, True])
def test_export_one_client(vault, tmp_path, as_zip):
    clients.create_client("Ana", "Lima")
    cid = rich_client()
    documents.log_document(cid, "agreement")
    dest = tmp_path / ("out.zip" if as_zip else "out")
    safety.export_client(cid, dest)
    if as_zip:
        with zipfile.ZipFile(dest) as zf:
            names = zf.namelist()
            data = json.loads(zf.read(names[0]))
            pdf = zf.read("documents/agreement.pdf")
    else:
        names = sorted(p.name for p in dest.iterdir() if p.is_file())
        data = json.loads((dest / names[0]).read_text(encoding="utf-8"))
        pdf = (dest / "documents" / "agreement.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"Quorrington" not in names[0].encode()
    assert names[0].endswith(".json") and "Zebedee" not in names[0]
    assert [c["first_name"] for c in data["clients"]] == ["Zebedee"]
    assert data["clients"][0]["sessions"][0]["summary"].startswith("Zebedee spoke")
    event = safety.audit_events()[0]
    assert event["kind"] == "export" and "Zebedee" not in event["detail"]
    assert event["detail"] == "one client: records and 1 document"


def test_cli_export_client(vault, client_id, tmp_path, monkeypatch, capsys):
    vault.close()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["export-client", str(vault.path), "--client", str(client_id),
                 "-o", str(tmp_path / "one.zip")]) == 0
    assert "NOT encrypted" in capsys.readouterr().out
    assert main(["export-client", str(vault.path), "--client", "999",
                 "-o", str(tmp_path / "two")]) == 1
    assert "no longer exists" in capsys.readouterr().err


# -- failed unlocks and the audit trail ------------------------------------------------------
def test_failed_unlocks_are_recorded_at_the_next_unlock(vault):
    path = vault.path
    vault.close()
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            safety.unlock(path, "guess")
    with safety.unlock(path, PASSPHRASE):
        kinds = [(e["kind"], e["detail"]) for e in safety.audit_events(limit=2)]
    assert ("failed unlock", "2 wrong passphrases before this unlock") in kinds
    with safety.unlock(path, PASSPHRASE):  # counted once, not again
        assert [e["kind"] for e in safety.audit_events()].count("failed unlock") == 1


def test_cli_audit_lists_events_without_names(vault, client_id, monkeypatch, capsys):
    backup.make_backup(vault)
    vault.close()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["audit", str(vault.path)]) == 0
    out = capsys.readouterr().out
    assert "Backup" in out and "Vault created" in out and "Unlocked" in out
    assert "Ana" not in out and "Lima" not in out


# -- damaged vaults --------------------------------------------------------------------------
def test_a_flipped_byte_is_named_and_restore_is_offered(vault, client_id, monkeypatch,
                                                         capsys):
    for i in range(30):
        sessions.add_session(client_id, f"2026-02-{i % 28 + 1:02d}" if i < 28 else
                             "2026-03-01", summary="notes " * 200)
    copy = backup.make_backup(vault)
    path = vault.path
    vault.close()
    flip_byte(path, path.stat().st_size // 2)
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and ("page" in err.lower() or "hmac" in err.lower())
    with pytest.raises(VaultDamaged):
        Vault.open(path, PASSPHRASE)
    opened, problems, newest = safety.open_damaged(path, PASSPHRASE)
    try:
        assert problems and newest == copy
        assert opened is None or opened.read_only
    finally:
        if opened:
            opened.close()
    safety.restore(newest, path, PASSPHRASE)
    with Vault.open(path, PASSPHRASE) as healthy:
        assert healthy.full_check() == []


def test_open_damaged_of_a_healthy_vault_finds_nothing(vault):
    path = vault.path
    vault.close()
    opened, problems, newest = safety.open_damaged(path, PASSPHRASE)
    with opened:
        assert problems == [] and newest is None and opened.read_only
    with pytest.raises(WrongPassphrase):
        safety.open_damaged(path, "wrong")
