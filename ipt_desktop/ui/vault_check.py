"""What follows an unlock beside the window: the whole-file check and the due backup.

SQLite's quick_check reads every page: 385 ms on a vault of 10,000 clients and
200,000 sessions, and growing with every year of records. Run before the window it
was most of the wait between the passphrase and the client list, so the window opens
at once and a second, read-only connection checks the file on a thread. Damage it
finds closes the record and opens the damage dialog (restore from a backup, or
read-only), as at a failed unlock. Pages the window reads are checked by SQLCipher's
page authentication in any case, so damage is never read as data meanwhile.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ..services.errors import IptError
from .shell import AfterFirstPaint


class BackgroundCheck(QObject):
    """Checks one vault file once; `damaged(message)` arrives in the window's thread."""

    damaged = Signal(str)
    done = Signal()

    def __init__(self, path, passphrase: str, parent=None):
        super().__init__(parent)
        self.path = Path(path)
        self._passphrase = passphrase
        self._thread = threading.Thread(target=self._run, name="vault-check", daemon=True)
        self._conn = None
        self._cancelled = False

    def start(self) -> None:
        """Start once (later calls do nothing)."""
        if self._thread.ident is None:
            self._thread.start()

    def cancel(self) -> None:
        """Stop a running check (the vault was locked): it reports nothing."""
        self._cancelled = True
        conn = self._conn
        if conn is not None:
            try:
                conn.interrupt()
            except Exception:  # noqa: BLE001 - closed already: nothing left to stop
                pass

    def _opened(self, conn) -> None:
        self._conn = conn
        if self._cancelled:
            conn.interrupt()

    @property
    def finished(self) -> bool:
        return self._thread.ident is not None and not self._thread.is_alive()

    def _run(self) -> None:
        from ..services.backup import check_vault_file
        from ..services.errors import IptError, VaultDamaged
        passphrase, self._passphrase = self._passphrase, None
        message = ""
        try:
            if not self._cancelled:
                check_vault_file(self.path, passphrase, what="vault", opened=self._opened)
        except VaultDamaged as exc:
            message = exc.message
        except (IptError, OSError):
            pass  # moved or unreadable now: the open connection reports what it meets
        finally:
            self._conn = None
        try:
            if message and not self._cancelled:  # an interrupted read is not damage
                self.damaged.emit(message)
            self.done.emit()
        except RuntimeError:
            pass  # the window was closed while the check ran


def start_check(window, path, passphrase: str) -> BackgroundCheck:
    """Check `path` once the client list has painted (it would share the processor with
    the list's query), or after a moment whatever happens; damage found reopens it."""
    check = BackgroundCheck(path, passphrase, window)
    check.damaged.connect(lambda message: _found_damage(window, path, passphrase, message))
    check.done.connect(check.deleteLater)
    AfterFirstPaint(window.client_list.table.viewport(), check, check.start, 0)
    QTimer.singleShot(2000, check, check.start)
    return check


def _found_damage(window, path, passphrase: str, message: str) -> None:
    if window.document is None or window.vault_path != path:
        return  # locked or another vault since: the next unlock checks again
    from .dialogs.vault_health import open_damaged_vault
    window.lock(ask=False)
    vault = open_damaged_vault(window, path, passphrase)
    if vault is not None:
        window.set_vault(vault)
    else:
        window.show_unlock(path, f"{message} Restore it from a backup to go on.")


def auto_backup(window, doc) -> None:
    """The practice's scheduled backup, after the unlock; a failure is said, not fatal."""
    from ..services import backup
    if window.document is not doc:
        return  # locked since
    try:
        made = backup.auto_backup_if_due(doc.vault)
    except IptError as exc:
        window.statusBar().showMessage(f"Automatic backup failed: {exc.message}", 15000)
        return
    if made is not None:
        window.statusBar().showMessage(f"Automatic backup written: {made.name}", 8000)
