"""Encrypted copies of a vault through SQLite's backup API (keeps the schema version)."""
from __future__ import annotations

import os
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from .errors import StorageError, VaultDamaged, translate_storage_error


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_to(db, target, passphrase: str | None = None) -> Path:
    """Copy the open vault `db` to `target`, encrypted with its key (or `passphrase`).

    Written to a temporary file, fsynced, reopened and checked, then renamed into place,
    so `target` is either absent or a complete, verified vault.
    """
    from .vault import normalise_passphrase
    target = Path(target)
    key = normalise_passphrase(passphrase) if passphrase else db.connect_params["passphrase"]
    tmp = target.with_name(f".{target.name}.partial")
    tmp.unlink(missing_ok=True)
    old_umask = os.umask(0o077)
    try:
        dest = sqlcipher.connect(str(tmp))
        try:
            dest.execute("PRAGMA key='%s'" % key.replace("'", "''"))
            dest.execute("PRAGMA temp_store = MEMORY")
            db.connection().backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        verify_copy(tmp, key)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        raise translate_storage_error(exc) from exc
    finally:
        os.umask(old_umask)
    return target


def verify_copy(path, key: str) -> int:
    """Open a copy with `key` and run its checks; returns its schema version."""
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute("PRAGMA key='%s'" % key.replace("'", "''"))
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
        except sqlcipher.DatabaseError as exc:
            raise VaultDamaged(f"The copy at {Path(path).name} cannot be read back "
                               f"({exc}); it was not kept.") from None
        if [r[0] for r in result] != ["ok"]:
            raise VaultDamaged(f"The copy at {Path(path).name} failed its check; it was not "
                               "kept.")
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


__all__ = ["backup_to", "verify_copy", "StorageError"]
