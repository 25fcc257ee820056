"""Typed errors whose messages a therapist can act on."""
import errno


class IptError(Exception):
    """Base of every error the app reports to the user in words."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return self.message


class ValidationError(IptError):
    """An input was refused; `field` names it so a form can mark it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class NotFound(IptError):
    pass


class PassphraseRefused(IptError):
    """A passphrase that must not be used (empty, NUL, mismatched)."""


class WrongPassphrase(IptError):
    pass


class NotAVault(IptError):
    pass


class VaultDamaged(IptError):
    exit_code = 2


class DiskFull(IptError):
    pass


class StorageError(IptError):
    pass


class ImportFormatError(IptError):
    """An import file of the wrong shape; `where` is a JSON path like clients[2].sessions."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where


def root_cause(exc: BaseException) -> BaseException:
    """Follow __cause__/__context__ to the first error (Peewee's rollback error hides it)."""
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        nxt = exc.__cause__ or exc.__context__
        if nxt is None:
            break
        exc = nxt
    return exc


def _chain(exc):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def translate_storage_error(exc: BaseException) -> IptError:
    """Turn a low-level database or OS error into one message that says what to do."""
    for e in _chain(exc):
        if isinstance(e, IptError):
            return e
        text = str(e).lower()
        if (isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT)) or \
                "disk is full" in text or "disk full" in text:
            return DiskFull("The disk is full, so the change was not saved. Nothing already "
                            "saved was lost. Free some space on the disk and try again.")
    for e in _chain(exc):
        text = str(e).lower()
        if isinstance(e, MemoryError) or "malformed" in text or "not a database" in text \
                or "hmac" in text or "corrupt" in text:
            return VaultDamaged("The vault file is damaged (a page failed its check). Run "
                                "'ipt-desktop check' to see which part, and restore from "
                                "your newest backup.")
        if "readonly" in text or "read-only" in text:
            return StorageError("The vault is open read-only, so the change was not saved.")
        if isinstance(e, PermissionError):
            return StorageError("The vault file cannot be written (permission denied). Check "
                                "that the folder is writable.")
    cause = root_cause(exc)
    return StorageError(f"The change could not be saved ({cause.__class__.__name__}: {cause}). "
                        "Nothing already saved was lost.")
