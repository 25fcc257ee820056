"""Keeping a vault safe: restore, passphrase change, erasure, export, the audit trail.

Every step that replaces a file writes a complete, verified temporary file first and
then renames it into place, so a crash at any moment leaves either the old or the new
vault, never a mixture.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import zipfile
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from ..models import AuditEvent, Client, database
from . import clients
from .backup import (  # noqa: F401 - check_vault_file and keep_copy are used from here too
    _fsync_dir,
    _fsync_file,
    _key_sql,
    backup_to,
    check_vault_file,
    keep_copy,
    newest_backup,
    temporary_file,
    write_copy,
)
from .common import transaction
from .errors import (
    IptError,
    NotAVault,
    NotFound,
    PassphraseRefused,
    StorageError,
    ValidationError,
    VaultDamaged,
    WrongPassphrase,
    translate_storage_error,
)
from .vault import Vault, normalise_passphrase

AUDIT_KINDS = {
    "create": "Vault created", "unlock": "Unlocked", "failed unlock": "Failed unlock",
    "backup": "Backup", "restore": "Restore", "export": "Export", "erase": "Erasure",
    "passphrase change": "Passphrase changed",
}


def _audit(kind: str, detail: str = "") -> None:
    """Record a security event in the bound vault (never names or clinical content)."""
    with transaction():
        AuditEvent.create(at=dt.datetime.now().replace(microsecond=0), kind=kind,
                          detail=detail)


# -- unlocking and failed attempts -----------------------------------------------------
_failed: dict[str, int] = {}


def note_failed_unlock(path) -> int:
    """Count a wrong passphrase (kept in memory: the vault cannot be written while locked)."""
    key = str(Path(path).resolve())
    _failed[key] = _failed.get(key, 0) + 1
    return _failed[key]


def record_failed_unlocks(vault) -> int:
    """At a successful unlock, write down how many attempts failed before it."""
    count = _failed.pop(str(Path(vault.path).resolve()), 0)
    if count and not vault.read_only:
        vault.audit("failed unlock", f"{count} wrong passphrase{'s' if count > 1 else ''} "
                                     "before this unlock")
    return count


def unlock(path, passphrase: str, **kwargs) -> Vault:
    """Vault.open that counts wrong passphrases and records them once the right one is given."""
    try:
        vault = Vault.open(path, passphrase, **kwargs)
    except WrongPassphrase:
        note_failed_unlock(path)
        raise
    record_failed_unlocks(vault)
    return vault


# -- restore -------------------------------------------------------------------------------
def restore(backup, vault_path, passphrase: str, *, backup_passphrase: str | None = None
            ) -> Path | None:
    """Replace `vault_path` by the backup, which is checked first.

    The restored vault opens with `passphrase` (the backup may have its own,
    `backup_passphrase`). An existing vault is first kept as a verified copy, whose
    path is returned. The vault must not be open while this runs.
    """
    backup, vault_path = Path(backup), Path(vault_path)
    key = normalise_passphrase(passphrase)
    backup_key = normalise_passphrase(backup_passphrase) if backup_passphrase else key
    if vault_path.exists() and backup.resolve() == vault_path.resolve():
        raise StorageError("The backup and the vault are the same file; choose a backup.")
    check_vault_file(backup, backup_key)
    with temporary_file(vault_path.with_name(f".{vault_path.name}.restoring")) as tmp:
        src = sqlcipher.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            src.execute(_key_sql(backup_key))
            write_copy(src, tmp, key, ("restore", "from a backup" + (
                " with its own passphrase" if backup_passphrase else "")))
        finally:
            src.close()
        check_vault_file(tmp, key, what="restored copy")
        kept = keep_copy(vault_path, passphrase) if vault_path.exists() else None
        # The old -wal would be replayed onto the new file: remove it before the swap.
        for suffix in ("-wal", "-shm"):
            Path(f"{vault_path}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, vault_path)
        _fsync_dir(vault_path.parent)
    return kept


# -- passphrase change ---------------------------------------------------------------------
def change_passphrase(vault_path, old: str, new: str) -> None:
    """Re-encrypt the vault under `new`; needs `old`. The vault must not be open.

    A re-keyed copy is written and verified beside the vault, then renamed over it: a
    crash at any moment leaves a vault that opens with exactly one of the two.
    """
    vault_path = Path(vault_path)
    old_key, new_key = normalise_passphrase(old), normalise_passphrase(new)
    if old_key == new_key:
        raise PassphraseRefused("The new passphrase is the same as the current one; nothing "
                                "was changed.")
    if not vault_path.exists():
        raise NotAVault(f"There is no vault at {vault_path.name}.")
    db = Vault._connect(vault_path, old_key, read_only=False)
    try:
        with temporary_file(vault_path.with_name(f".{vault_path.name}.rekeyed")) as rekeyed:
            rows = [r[0] for r in db.execute_sql("PRAGMA quick_check").fetchall()]
            if rows != ["ok"]:
                raise VaultDamaged("The vault is damaged, so its passphrase was not changed. "
                                   "Restore it from a backup first.")
            backup_to(db, rekeyed, new_key, audit=("passphrase change", ""))
            check_vault_file(rekeyed, new_key, what="re-encrypted copy")
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            wal = Path(f"{vault_path}-wal")
            if wal.exists() and wal.stat().st_size:
                raise StorageError("The vault is still open in another window or program; "
                                   "close it there and try again. The passphrase was not "
                                   "changed.")
            Path(f"{vault_path}-shm").unlink(missing_ok=True)
            os.replace(rekeyed, vault_path)
            _fsync_dir(vault_path.parent)
    finally:
        if not db.is_closed():
            db.close()


# -- erasure ---------------------------------------------------------------------------------
def scrub() -> None:
    """Leave no trace of deleted rows in the bound vault's pages, -wal or search index."""
    db = database.obj
    try:
        with db.atomic():
            db.execute_sql("INSERT INTO session_fts(session_fts) VALUES ('rebuild')")
            db.execute_sql("INSERT INTO session_fts(session_fts) VALUES ('optimize')")
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute_sql("VACUUM")  # secure_delete zeroes freed pages; VACUUM drops them
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception as exc:
        raise translate_storage_error(exc) from exc


def erase_client(client_id: int, typed_name: str) -> None:
    """Remove a client and every row about them for good, once their name is typed."""
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise NotFound("That client no longer exists (it may have been deleted).")
    expected = f"{client.first_name} {client.last_name}"
    if clients._fold(typed_name or "") != clients._fold(expected):
        raise ValidationError("typed_name", "The name typed does not match the client's name "
                                            f"({len(expected)} characters expected); nothing "
                                            "was erased.")
    with transaction():
        # delete_nullable: rows that may point nowhere (documents log) go too, names and all
        client.delete_instance(recursive=True, delete_nullable=True)
        AuditEvent.create(at=dt.datetime.now().replace(microsecond=0), kind="erase",
                          detail="one client and all their records")
    scrub()


# -- export of one client ------------------------------------------------------------------
def _client_documents(client_id: int) -> list[tuple[str, bytes]]:
    """The documents made for this client, as PDFs built afresh from the record."""
    from ..reports import KINDS
    from . import documents
    kinds = dict.fromkeys(row["kind"] for row in documents.documents(client_id))
    out = []
    for kind in kinds:
        if kind in KINDS:
            try:
                out.append((f"{kind}.pdf", documents.make(kind, client_id)))
            except IptError:
                continue  # e.g. a plan since emptied: the JSON still holds everything
    return out


def export_client(client_id: int, dest) -> Path:
    """Write one client's records (JSON, plus their documents as PDFs where available)
    into the folder `dest`, or into a zip when `dest` ends in .zip."""
    from . import exchange
    dest = Path(dest)
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise StorageError("That client no longer exists; nothing was exported.")
    data = exchange.export_clients([client_id])
    if isinstance(data, (dict, list)):
        data = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    if isinstance(data, str):
        data = data.encode("utf-8")
    base = f"client-{client.code or client.id}"
    files = [(f"{base}.json", data)] + [(f"documents/{name}", pdf)
                                        for name, pdf in _client_documents(client_id)]
    try:
        if dest.suffix.lower() == ".zip":
            dest.parent.mkdir(parents=True, exist_ok=True)
            with temporary_file(dest.with_name(f".{dest.name}.partial")) as tmp:
                with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
                    for name, blob in files:
                        zf.writestr(name, blob)
                _fsync_file(tmp)
                os.replace(tmp, dest)
        else:
            for name, blob in files:
                target = dest / name
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".export-")
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
    except OSError as exc:
        raise translate_storage_error(exc) from exc
    pdfs = len(files) - 1
    extra = f" and {pdfs} document{'s' if pdfs > 1 else ''}" if pdfs else ""
    _audit("export", f"one client: records{extra}")
    return dest


# -- the audit trail and damaged vaults -------------------------------------------------------
def audit_events(limit: int | None = None) -> list[dict]:
    """Security events, newest first, with a readable label for each kind."""
    query = AuditEvent.select().order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if limit:
        query = query.limit(limit)
    rows = list(query.dicts())
    for row in rows:
        row["label"] = AUDIT_KINDS.get(row["kind"], row["kind"].capitalize())
    return rows


def open_damaged(path, passphrase: str):
    """Open a vault that failed its checks read-only where possible.

    Returns (vault or None, problems named, the newest backup or None). A wrong
    passphrase still raises WrongPassphrase: that is not damage.
    """
    path = Path(path)
    newest = newest_backup(path)
    try:
        vault = Vault.open(path, passphrase, read_only=True, check=False)
    except VaultDamaged as exc:
        return None, [exc.message], newest
    problems = vault.full_check()
    if not problems:
        try:
            # A damaged page can leave the client list unreadable even when checks pass.
            vault.db.execute_sql("SELECT count(*) FROM client").fetchone()
        except Exception as exc:  # noqa: BLE001 - any read failure here is damage to report
            problems.append(f"the client list cannot be read ({exc.__class__.__name__})")
    if problems:
        # A failed page read can leave the connection unusable: hand back a fresh one.
        vault.close()
        try:
            vault = Vault.open(path, passphrase, read_only=True, check=False)
        except VaultDamaged:
            vault = None
    return vault, problems, newest
