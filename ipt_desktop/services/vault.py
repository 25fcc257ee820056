"""Opening, creating and checking the encrypted vault (the sequence in VAULT.md)."""
from __future__ import annotations

import datetime as dt
import os
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from peewee import DatabaseError
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from ..models import AuditEvent, Practitioner, database
from ..models import migrations
from .errors import (
    NotAVault,
    PassphraseRefused,
    StorageError,
    VaultDamaged,
    WrongPassphrase,
    translate_storage_error,
)

VAULT_SUFFIX = ".iptvault"
CACHE_KIB = 64 * 1024  # page cache covering the working set (VAULT.md)

_quiet = False


def silence_cipher_log() -> None:
    """SQLCipher logs hmac failures to stderr on a wrong key; silence it once per process."""
    global _quiet
    if not _quiet:
        conn = sqlcipher.connect(":memory:")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.close()
        _quiet = True


def normalise_passphrase(passphrase: str) -> str:
    """NFC-normalise, and refuse what would silently give a plaintext or truncated key."""
    if passphrase is None or passphrase == "":
        raise PassphraseRefused("The passphrase is empty. Choose a passphrase: without one "
                                "the vault would not be encrypted.")
    if "\x00" in passphrase:
        raise PassphraseRefused("The passphrase contains a NUL character, which cannot be "
                                "used. Type it again without it.")
    return unicodedata.normalize("NFC", passphrase)


def default_vault_path() -> Path:
    from platformdirs import user_data_path
    return user_data_path("IPT Desktop", appauthor=False) / f"practice{VAULT_SUFFIX}"


def _pragmas():
    return [
        ("foreign_keys", 1),
        ("journal_mode", "wal"),
        ("synchronous", 2),  # FULL
        ("cache_size", -CACHE_KIB),
        ("temp_store", 2),  # MEMORY: FILE would write plaintext temp files
        ("secure_delete", 1),
    ]


class Vault:
    """An open, unlocked vault: the database bound to the models, and its path."""

    def __init__(self, path: Path, db: SqlCipherDatabase, read_only: bool = False):
        self.path = Path(path)
        self.db = db
        self.read_only = read_only

    # -- opening ---------------------------------------------------------------
    @classmethod
    def _connect(cls, path: Path, passphrase: str, read_only: bool) -> SqlCipherDatabase:
        silence_cipher_log()
        key = normalise_passphrase(passphrase)
        target = f"file:{path}?mode=ro" if read_only else str(path)
        db = SqlCipherDatabase(target, passphrase=key, pragmas=_pragmas() if not read_only
                               else [("temp_store", 2), ("cache_size", -CACHE_KIB)],
                               uri=read_only, check_same_thread=False)
        try:
            db.connect()
            db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        except (DatabaseError, sqlcipher.DatabaseError) as exc:
            db.close()
            if "not a database" in str(exc).lower() or "encrypted" in str(exc).lower():
                raise WrongPassphrase("Wrong passphrase, or this file is not an IPT Desktop "
                                      "vault. Check the passphrase (and Caps Lock) and try "
                                      "again.") from None
            raise translate_storage_error(exc) from None
        except MemoryError:
            db.close()
            raise VaultDamaged("The vault file is damaged: its first page cannot be read. "
                               "Restore it from your newest backup.") from None
        temp_store = db.execute_sql("PRAGMA temp_store").fetchone()[0]
        if temp_store != 2:
            db.close()
            raise StorageError("The vault cannot keep its temporary data in memory; it was "
                               "not opened, so nothing could leak to disk.")
        return db

    @classmethod
    def open(cls, path, passphrase: str, *, read_only: bool = False, migrate: bool = True,
             check: bool = True) -> "Vault":
        path = Path(path)
        if not path.exists():
            raise NotAVault(f"There is no vault at {path.name}. Choose another file or create "
                            "a new vault.")
        db = cls._connect(path, passphrase, read_only)
        app_id = db.execute_sql("PRAGMA application_id").fetchone()[0]
        version = migrations.current_version(db)
        if app_id not in (0, migrations.APPLICATION_ID) or (app_id == 0 and version == 0 and
                                                            db.get_tables()):
            db.close()
            raise NotAVault("This file opened, but it is not an IPT Desktop vault.")
        if version > migrations.LATEST:
            db.close()
            raise NotAVault("This vault was written by a newer version of IPT Desktop. "
                            "Update the app to open it.")
        vault = cls(path, db, read_only)
        try:
            upgrade = migrate and not read_only and migrations.pending(db)
            # check=False leaves the whole-file check to the caller (the window runs it
            # beside the open vault); a vault about to be migrated is always checked.
            if check or upgrade:
                problem = vault.quick_check()
                if problem:
                    raise VaultDamaged(f"The vault is damaged: {problem}. Restore it from your "
                                       "newest backup.")
            if upgrade:
                vault._migrate_with_backup()
        except Exception:
            db.close()
            raise
        vault.bind()
        if not read_only:
            vault.audit("unlock")
        return vault

    @classmethod
    def create(cls, path, passphrase: str, *, schema_version: int | None = None) -> "Vault":
        path = Path(path)
        if path.exists():
            raise StorageError(f"A file named {path.name} already exists. Choose another name; "
                               "an existing vault is never overwritten.")
        path.parent.mkdir(parents=True, exist_ok=True)
        normalise_passphrase(passphrase)
        old_umask = os.umask(0o077)  # the vault and its -wal/-shm are private to the user
        try:
            db = cls._connect(path, passphrase, read_only=False)
            try:
                migrations.migrate(db, schema_version or migrations.LATEST)
            except Exception as exc:
                db.close()
                path.unlink(missing_ok=True)
                raise translate_storage_error(exc) from exc
        finally:
            os.umask(old_umask)
        vault = cls(path, db)
        vault.bind()
        if (schema_version or migrations.LATEST) == migrations.LATEST:
            with vault.atomic():
                Practitioner.create()
            vault.audit("create")
        return vault

    def bind(self) -> None:
        database.initialize(self.db)

    def release_cache(self) -> None:
        """Give back the page cache's decrypted pages (read again when next needed)."""
        self.db.execute_sql("PRAGMA shrink_memory")

    def close(self) -> None:
        if not self.db.is_closed():
            if not self.read_only:
                try:
                    self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                except DatabaseError:
                    pass
            self.db.close()
        if database.obj is self.db:
            database.initialize(None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing ---------------------------------------------------------------
    @contextmanager
    def atomic(self):
        """One user action = one transaction; errors come out as typed IptErrors."""
        if self.read_only:
            raise StorageError("This vault is open read-only because it failed its checks; "
                               "restore it from a backup to make changes.")
        try:
            with self.db.atomic():
                yield
        except Exception as exc:
            from .errors import IptError
            if isinstance(exc, IptError):
                raise
            raise translate_storage_error(exc) from exc

    def audit(self, kind: str, detail: str = "") -> None:
        """Record a security event (never names or clinical content)."""
        if self.read_only:
            return
        with self.atomic():
            AuditEvent.create(at=dt.datetime.now().replace(microsecond=0), kind=kind,
                              detail=detail)

    # -- checking --------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return migrations.current_version(self.db)

    def quick_check(self) -> str | None:
        """None when healthy, else a description of the damaged part."""
        try:
            rows = [r[0] for r in self.db.execute_sql("PRAGMA quick_check").fetchall()]
        except (DatabaseError, sqlcipher.DatabaseError, MemoryError) as exc:
            return describe_damage(self.db, exc)
        if rows != ["ok"]:
            return "; ".join(rows[:3])
        return None

    def full_check(self) -> list[str]:
        """Integrity and cipher checks; each problem found, named."""
        problems = []
        try:
            problems += [r[0] for r in self.db.execute_sql("PRAGMA cipher_integrity_check")]
        except (DatabaseError, sqlcipher.DatabaseError, MemoryError) as exc:
            problems.append(describe_damage(self.db, exc))
        if problems:
            # Reading a page that failed its HMAC leaves this connection unusable: the
            # cipher check has already named the damage, so stop before reading it.
            return problems
        try:
            rows = [r[0] for r in self.db.execute_sql("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                problems += rows
        except (DatabaseError, sqlcipher.DatabaseError, MemoryError) as exc:
            problems.append(describe_damage(self.db, exc))
        try:
            fk = self.db.execute_sql("PRAGMA foreign_key_check").fetchall()
            problems += [f"row {r[1]} of {r[0]} refers to a missing {r[2]}" for r in fk]
        except (DatabaseError, sqlcipher.DatabaseError, MemoryError):
            pass
        return problems

    def _migrate_with_backup(self) -> None:
        """Back up the old file (verified) before running pending migrations."""
        from .backup import backup_to
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.before-v{migrations.LATEST}-{stamp}"
                                     f"{VAULT_SUFFIX}")
        backup_to(self.db, target)
        try:
            migrations.migrate(self.db)
        except Exception as exc:
            raise translate_storage_error(exc) from exc


def describe_damage(db, exc: BaseException) -> str:
    """Name the damaged page where SQLCipher can say which."""
    try:
        rows = [r[0] for r in db.execute_sql("PRAGMA cipher_integrity_check").fetchall()]
        if rows:
            return "; ".join(rows[:3])
    except Exception:  # noqa: BLE001 - the check itself may fail on a broken file
        pass
    return f"a page failed to read ({exc.__class__.__name__})"
