"""Encrypted copies of a vault through SQLite's backup API (keeps the schema version)."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from ..models import migrations
from .errors import (
    IptError,
    NotAVault,
    StorageError,
    VaultDamaged,
    WrongPassphrase,
    translate_storage_error,
)


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _key_sql(key: str) -> str:
    return "PRAGMA key='%s'" % key.replace("'", "''")


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def temporary_file(tmp: Path):
    """A private file being written beside its target: removed again if any step fails.

    Low-level errors come out as IptErrors, so a caller only ever sees a message.
    """
    tmp.unlink(missing_ok=True)  # a leftover of an earlier crash
    old_umask = os.umask(0o077)
    try:
        yield tmp
    except IptError:
        tmp.unlink(missing_ok=True)
        raise
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        raise translate_storage_error(exc) from exc
    finally:
        os.umask(old_umask)


def write_copy(source, tmp: Path, key: str, audit: tuple[str, str] | None = None) -> None:
    """Copy the SQLite connection `source` into the new file `tmp` encrypted with `key`,
    then fsync it; `audit` (kind, detail) is added to the copy's own audit trail."""
    dest = sqlcipher.connect(str(tmp))
    try:
        dest.execute(_key_sql(key))
        dest.execute("PRAGMA temp_store = MEMORY")
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
        if audit:
            dest.execute("INSERT INTO audit_event (at, kind, detail) VALUES (?, ?, ?)",
                         (dt.datetime.now().replace(microsecond=0).isoformat(" "), *audit))
            dest.commit()
    finally:
        dest.close()
    _fsync_file(tmp)


def backup_to(db, target, passphrase: str | None = None, *,
              audit: tuple[str, str] | None = None) -> Path:
    """Copy the open vault `db` to `target`, encrypted with its key (or `passphrase`).

    Written to a temporary file, fsynced, reopened and checked, then renamed into place,
    so `target` is either absent or a complete, verified vault.
    """
    from .vault import normalise_passphrase
    target = Path(target)
    key = normalise_passphrase(passphrase) if passphrase else db.connect_params["passphrase"]
    with temporary_file(target.with_name(f".{target.name}.partial")) as tmp:
        write_copy(db.connection(), tmp, key, audit)
        verify_copy(tmp, key)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    return target


def verify_copy(path, key: str) -> int:
    """Open a copy with `key` and run its checks; returns its schema version."""
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute(_key_sql(key))
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


BACKUP_SUFFIX = ".iptvault"
_STAMP = "%Y%m%d-%H%M%S"


def default_backup_folder(vault_path) -> Path:
    """Where backups of a vault go unless the user picks a place: "<stem> backups" beside it."""
    vault_path = Path(vault_path)
    return vault_path.with_name(f"{vault_path.stem} backups")


def backup_file_name(vault_path, when: dt.datetime | None = None) -> str:
    stamp = (when or dt.datetime.now()).strftime(_STAMP)
    return f"{Path(vault_path).stem}-{stamp}{BACKUP_SUFFIX}"


def list_backups(vault_path, folder=None) -> list[Path]:
    """This vault's backups in `folder` (default: beside it), newest first."""
    vault_path = Path(vault_path)
    folder = Path(folder) if folder else default_backup_folder(vault_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(vault_path.stem) + r"-(\d{8}-\d{6})(?:~\d+)?"
                         + re.escape(BACKUP_SUFFIX) + "$")
    found = [(m.group(1), p) for p in folder.iterdir()
             if (m := pattern.match(p.name)) and p.is_file()]
    return [p for _, p in sorted(found, key=lambda item: (item[0], item[1].name),
                                 reverse=True)]


def newest_backup(vault_path, folder=None) -> Path | None:
    backups = list_backups(vault_path, folder)
    return backups[0] if backups else None


def backup_age_days(path: Path, now: dt.datetime | None = None) -> float:
    """How old a backup is, from the time in its name (mtime can be reset by copying)."""
    match = re.search(r"(\d{8}-\d{6})", Path(path).name)
    made = dt.datetime.strptime(match.group(1), _STAMP) if match else \
        dt.datetime.fromtimestamp(Path(path).stat().st_mtime)
    return ((now or dt.datetime.now()) - made).total_seconds() / 86400


def prune(vault_path, keep: int, folder=None) -> list[Path]:
    """Remove all but the newest `keep` backups of this vault; returns what was removed."""
    removed = []
    for old in list_backups(vault_path, folder)[max(1, keep):]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return removed


def make_backup(vault, dest=None, *, passphrase: str | None = None, keep: int | None = None,
                reason: str = "manual") -> Path:
    """Back up an open vault to `dest` (a file, or a folder; default beside the vault).

    `passphrase` gives the copy its own passphrase (else it keeps the vault's). When
    writing into a folder, only the newest `keep` backups of this vault are kept.
    """
    dest = Path(dest) if dest else default_backup_folder(vault.path)
    if dest.suffix != BACKUP_SUFFIX or dest.is_dir():
        folder = dest
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise translate_storage_error(exc) from exc
        target = folder / backup_file_name(vault.path)
        n = 1
        while target.exists():  # two backups in the same second keep both
            target = folder / f"{target.stem.split('~')[0]}~{n}{BACKUP_SUFFIX}"
            n += 1
    else:
        folder, target = None, dest
        if target.resolve() == Path(vault.path).resolve():
            raise StorageError("A backup cannot be written over the vault itself; choose "
                               "another file or folder.")
    backup_to(vault.db, target, passphrase)
    removed = prune(vault.path, keep, folder) if folder is not None and keep else []
    detail = reason + (", own passphrase" if passphrase else "")
    if removed:
        detail += f", {len(removed)} older removed"
    vault.audit("backup", detail)
    return target


def auto_backup_if_due(vault, now: dt.datetime | None = None) -> Path | None:
    """At unlock: back up beside the vault when the newest backup is older than the
    practitioner's `backup_every_days` (0 turns it off); keep `backups_kept`."""
    from ..models import Practitioner
    if vault.read_only:
        return None
    profile = Practitioner.get_or_none()
    every = profile.backup_every_days if profile else 7
    kept = profile.backups_kept if profile else 5
    if not every:
        return None
    newest = newest_backup(vault.path)
    if newest is not None and backup_age_days(newest, now) < every:
        return None
    return make_backup(vault, keep=kept, reason="automatic")


# -- checking and copying a file that is not open ---------------------------------------
def check_vault_file(path, passphrase: str, *, what: str = "backup", opened=None) -> int:
    """Open a closed vault file, check it, and return its schema version.

    Raises WrongPassphrase, NotAVault or VaultDamaged naming `what` was refused.
    `opened(connection)`, if given, is told the connection (to interrupt it).
    """
    from .vault import normalise_passphrase, silence_cipher_log
    path = Path(path)
    if not path.is_file():
        raise NotAVault(f"There is no {what} at {path.name}.")
    silence_cipher_log()
    key = normalise_passphrase(passphrase)
    conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    if opened is not None:
        opened(conn)
    try:
        conn.execute(_key_sql(key))
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError:
            raise WrongPassphrase(f"The {what} {path.name} did not open: wrong passphrase, or "
                                  "not an IPT Desktop vault. Nothing was changed.") from None
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        except (sqlcipher.DatabaseError, MemoryError):
            rows = ["a page cannot be read"]
        if rows != ["ok"]:
            raise VaultDamaged(f"The {what} {path.name} is damaged ({'; '.join(rows[:2])}); "
                               "nothing was changed. Try an older backup.")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()
    if app_id != migrations.APPLICATION_ID:
        raise NotAVault(f"The {what} {path.name} opened, but it is not an IPT Desktop vault. "
                        "Nothing was changed.")
    if version > migrations.LATEST:
        raise NotAVault(f"The {what} {path.name} was written by a newer version of IPT "
                        "Desktop. Update the app to restore it. Nothing was changed.")
    return version


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _copy_verified(src: Path, dst: Path) -> None:
    """Byte copy (temp, fsync, compare, rename): works even for a file that will not open."""
    with temporary_file(dst.with_name(f".{dst.name}.partial")) as tmp:
        shutil.copyfile(src, tmp)
        os.chmod(tmp, 0o600)
        _fsync_file(tmp)
        if _sha256(tmp) != _sha256(src):
            raise StorageError(f"The copy of {src.name} did not read back the same; nothing "
                               "was replaced.")
        os.replace(tmp, dst)


def _checkpoint(path: Path, key: str) -> None:
    """Fold the vault's -wal into the main file where it opens (best effort)."""
    try:
        conn = sqlcipher.connect(str(path), timeout=2)
        try:
            conn.execute(_key_sql(key))
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlcipher.DatabaseError:
        pass  # a damaged or foreign-key file: the byte copy below keeps its -wal too


def keep_copy(vault_path, passphrase: str | None = None, label: str = "before-restore") -> Path:
    """Keep the current file as "<name>.<label>-<stamp>.iptvault" (and its -wal), verified."""
    from .vault import normalise_passphrase
    vault_path = Path(vault_path)
    if passphrase:
        _checkpoint(vault_path, normalise_passphrase(passphrase))
    kept = vault_path.with_name(f"{vault_path.stem}.{label}-{_stamp()}{vault_path.suffix}")
    _copy_verified(vault_path, kept)
    wal = Path(f"{vault_path}-wal")
    if wal.exists() and wal.stat().st_size:
        _copy_verified(wal, Path(f"{kept}-wal"))
    _fsync_dir(vault_path.parent)
    return kept


__all__ = ["backup_to", "verify_copy", "make_backup", "auto_backup_if_due", "list_backups",
           "newest_backup", "default_backup_folder", "prune", "check_vault_file",
           "keep_copy", "StorageError"]
