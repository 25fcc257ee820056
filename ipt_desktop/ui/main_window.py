"""The main window: composition root. Builds the views, wires signals, locks and unlocks.

It starts as a shell (shell.py) so the unlock dialog paints at once; database code,
menus' entries and the client list follow once the dialog has painted (warm_up).
"""
from __future__ import annotations

import linecache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ..services.errors import IptError
from .actions import TOOLBAR_ACTIONS, build_actions, build_menus, menu_titles
from .icons import icon
from .settings import app_settings, last_vault, remember_vault
from .shell import AfterFirstPaint, locked_page, main_toolbar
from .vault_check import auto_backup, start_check

if TYPE_CHECKING:
    from .document import VaultDocument
    from .lock import IdleLock
    from .record_tabs import RecordTabs
    from .vault_actions import VaultActions
    from .views.client_list import ClientListView

# PySide builds a Qt class with all its enums on first use (QtCore.Qt: ~20 ms), so
# classes needed only after unlock are reached through their module, when used.
APP_NAME = "IPT Desktop"


class MainWindow(QMainWindow):
    """The therapist's room: client list on the left, the client's record on the right."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icon("shield", "#2c6e74"))
        self.document: VaultDocument | None = None
        self.vault_path: Path | None = None
        self.unlock_dialog = None
        self.vault_check = None  # the running BackgroundCheck, if any (ui/vault_check)
        self.tabs: RecordTabs | None = None
        self._client_id: int | None = None
        self._idle: IdleLock | None = None  # watches input only once a vault is open
        self._splitter: QtWidgets.QSplitter | None = None  # see _build_workspace
        self._splitter_state = None
        self._client_list: ClientListView | None = None
        self._warm = False

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.stack.addWidget(locked_page(self.show_unlock))

        self.named_actions = build_actions(self, TOOLBAR_ACTIONS)  # the rest: _build_menus
        self.menus = menu_titles(self)
        self.vault_actions: VaultActions | None = None
        self.toolbar = main_toolbar(self.named_actions)
        self.addToolBar(self.toolbar)  # at the top
        self.vault_label = QLabel()
        self.vault_label.setObjectName("vaultLabel")
        self.lock_label = QLabel()
        self.lock_label.setObjectName("lockLabel")
        self.statusBar().addWidget(self.vault_label)
        self.statusBar().addPermanentWidget(self.lock_label)
        self.resize(1500, 900)
        self._restore_layout()
        self._show_locked()

    # -- building ------------------------------------------------------------------------
    def _build_workspace(self) -> None:
        """The client list beside the record area (page 1 of the stack), made once."""
        if self._splitter is not None:
            return
        from .views.client_list import ClientListView
        splitter = QtWidgets.QSplitter(QtCore.Qt.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        client_list = ClientListView()
        client_list.setMinimumWidth(360)
        client_list.client_selected.connect(self._client_selected)
        client_list.new_client_requested.connect(self.new_client)
        client_list.open_requested.connect(self.focus_record)
        splitter.addWidget(client_list)
        self.record_holder = QWidget()
        self.record_layout = QVBoxLayout(self.record_holder)
        self.record_layout.setContentsMargins(6, 10, 10, 10)
        splitter.addWidget(self.record_holder)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 900])
        if self._splitter_state is not None:
            splitter.restoreState(self._splitter_state)
        self.stack.addWidget(splitter)
        self._splitter, self._client_list = splitter, client_list

    def _build_menus(self) -> None:
        """The actions that live only in menus, and the menus' entries, made once."""
        if self.vault_actions is not None:
            return
        from .vault_actions import VaultActions
        build_actions(self, into=self.named_actions)
        build_menus(self, self.named_actions, self.menus)
        self.vault_actions = VaultActions(self)
        if self.document is None:
            self._set_locked_actions()

    @property
    def splitter(self) -> QtWidgets.QSplitter:
        self._build_workspace()
        return self._splitter

    @property
    def client_list(self) -> ClientListView:
        self._build_workspace()
        return self._client_list

    @property
    def idle(self) -> IdleLock:
        """The auto-lock, made at the first unlock (nothing to lock before)."""
        if self._idle is None:
            from .lock import IdleLock
            self._idle = IdleLock(self)
            self._idle.timed_out.connect(self.lock)
            self._idle.tick.connect(self._show_remaining)
        return self._idle

    def warm_up(self) -> None:
        """Load what unlocking needs (database code, the list) while the person types."""
        if self._warm:
            return
        self._warm = True
        from ..services import clients, profile, safety  # noqa: F401 - loaded for unlock
        from . import document  # noqa: F401
        self._build_menus()
        self._build_workspace()

    # -- settings: geometry and splitter only ----------------------------------------------
    def _restore_layout(self) -> None:
        s = app_settings()
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._splitter_state = s.value("window/splitter")  # used by _build_workspace

    def save_layout(self) -> None:
        s = app_settings()
        s.setValue("window/geometry", self.saveGeometry())
        if self._splitter is not None:  # never built: the saved sizes stay as they were
            s.setValue("window/splitter", self._splitter.saveState())
        s.sync()

    # -- unlock and lock ---------------------------------------------------------------------
    def show_unlock(self, path=None, message: str = ""):
        """Open the unlock dialog over the window (window-modal; does not block)."""
        from .dialogs.unlock import UnlockDialog
        if self.unlock_dialog is not None:
            self.unlock_dialog.raise_()
            return self.unlock_dialog
        dialog = UnlockDialog(path or self.vault_path or last_vault() or None, self)
        if message:
            dialog._show_error(dialog.error, message)
        dialog.accepted.connect(lambda: self._unlocked(dialog))
        dialog.rejected.connect(lambda: self._unlock_cancelled(dialog))
        self.unlock_dialog = dialog
        if not self._warm:
            AfterFirstPaint(dialog, self, self.warm_up)
        dialog.open()
        return dialog

    def _unlocked(self, dialog) -> None:
        self.unlock_dialog = None
        dialog.deleteLater()
        self.set_vault(dialog.vault)
        passphrase = getattr(dialog, "check_passphrase", None)
        if passphrase:
            dialog.check_passphrase = None
            self.check_in_background(passphrase)

    def check_in_background(self, passphrase: str) -> None:
        """The vault's whole-file check, on a thread, once the list has painted."""
        if self.document is not None and not self.document.read_only:
            self.vault_check = start_check(self, self.vault_path, passphrase)

    def _unlock_cancelled(self, dialog) -> None:
        self.unlock_dialog = None
        dialog.deleteLater()
        if self.document is None:
            self.close()

    def set_vault(self, vault) -> None:
        """Show an unlocked vault: a new document, fresh views, the client list."""
        from .document import VaultDocument
        from .record_tabs import RecordTabs
        if self.document is not None:
            self.lock(ask=False)
        self.warm_up()
        self.vault_path = Path(vault.path)
        remember_vault(self.vault_path)
        doc = VaultDocument(vault, self)
        self.document = doc
        doc.clients_changed.connect(self.reload_clients)
        doc.client_row_changed.connect(self.refresh_client_row)
        doc.client_changed.connect(lambda _cid: self._update_client_actions())
        doc.profile_changed.connect(self._apply_profile)
        stack = doc.undo_stack
        stack.canUndoChanged.connect(self.named_actions["undo"].setEnabled)
        stack.canRedoChanged.connect(self.named_actions["redo"].setEnabled)
        stack.undoTextChanged.connect(lambda t: self.named_actions["undo"].setText(
            f"&Undo {t}" if t else "&Undo"))
        stack.redoTextChanged.connect(lambda t: self.named_actions["redo"].setText(
            f"&Redo {t}" if t else "&Redo"))
        self.tabs = RecordTabs(doc)
        self.record_layout.addWidget(self.tabs)
        self.setWindowTitle(f"{APP_NAME} — {self.vault_path.name}")
        self.vault_label.setText(f"Vault: {self.vault_path.name}"
                                 + ("  (read-only)" if doc.read_only else ""))
        self.stack.setCurrentIndex(1)
        for name, action in self.named_actions.items():
            if name in ("lock", "new_client", "find", "preferences") or name.startswith("tab_"):
                action.setEnabled(True)
        # PySide6 reads the source of every module imported after it, to see whether it
        # uses PySide6, and linecache keeps it: about 4 MB by now, dropped before the list.
        linecache.clearcache()
        self.reload_clients()
        self._client_id = None
        self._update_client_actions()
        # The record's first view (about 100 ms to build) once the list is on screen.
        AfterFirstPaint(self.client_list.table.viewport(), self.tabs,
                        lambda: self._client_selected(self._client_id), 0)
        self._apply_profile()
        # The week's automatic backup copies the whole file (about 2 s at 10,000 clients):
        # once the list is on screen, not before it.
        AfterFirstPaint(self.client_list.table.viewport(), doc,
                        lambda: auto_backup(self, doc), 0)
        self.client_list.search.setFocus()

    def lock(self, ask: bool = True) -> None:
        """Commit typing, close the database, clear every view and the undo stack."""
        if self._idle is not None:
            self._idle.stop()
        if self.vault_check is not None:
            self.vault_check.cancel()  # the next unlock checks again
            self.vault_check = None
        if self.document is not None:
            # Dialogs open over the record (a new client, a warning) go first: nothing of
            # it may stay on screen, and they would act on a closed vault.
            for dialog in self.findChildren(QtWidgets.QDialog):
                if dialog.isVisible() and dialog is not self.unlock_dialog:
                    dialog.reject()
            doc, self.document = self.document, None
            try:
                doc.close()  # emits flush_requested first, then clears the undo stack
            except IptError as exc:
                QtWidgets.QMessageBox.warning(self, "Lock", exc.message)
            if self.tabs is not None:
                self.tabs.clear_all()
                self.tabs.setParent(None)
                self.tabs.deleteLater()
                self.tabs = None
            doc.deleteLater()
        self._show_locked()
        if ask:
            self.show_unlock()

    def _show_locked(self) -> None:
        self._client_id = None
        if self._client_list is not None:
            self._client_list.clear()
        self.stack.setCurrentIndex(0)
        self.setWindowTitle(f"{APP_NAME} — locked" if self.vault_path else APP_NAME)
        self.vault_label.setText("Locked")
        self.lock_label.setText("")
        self._set_locked_actions()
        self.named_actions["undo"].setText("&Undo")
        self.named_actions["redo"].setText("&Redo")

    def _set_locked_actions(self) -> None:
        for name, action in self.named_actions.items():
            action.setEnabled(name in ("quit", "about", "shortcuts"))

    def _apply_profile(self) -> None:
        from ..services import profile
        if self.document is None:
            return
        self.idle.set_limit(profile.profile().idle_lock_minutes * 60)
        self.idle.start()

    def _show_remaining(self, seconds: int) -> None:
        from .lock import describe_remaining
        self.lock_label.setText(describe_remaining(seconds))

    # -- clients --------------------------------------------------------------------------------
    def reload_clients(self) -> None:
        from ..services import clients
        if self.document is None:
            return
        rows = clients.client_rows()
        # Every client's pages were decrypted for this once; edits refresh one row, so
        # the page cache gives them back rather than keep the practice in plaintext.
        self.document.vault.release_cache()
        self.client_list.set_rows(rows)
        self._follow_list()

    def refresh_client_row(self, client_id: int) -> None:
        """One client's row after an edit of that client: not the whole list again."""
        from ..services import clients
        if self.document is None:
            return
        rows = clients.client_rows(client_id=client_id)
        self.client_list.update_row(client_id, rows[0] if rows else None)
        self._follow_list()

    def _follow_list(self) -> None:
        if self.client_list.current_client_id() != self._client_id:
            self._client_selected(self.client_list.current_client_id())
        self._update_client_actions()

    def _client_selected(self, client_id) -> None:
        self._client_id = client_id
        if self.tabs is not None:
            self.tabs.set_client(client_id)
        self._update_client_actions()

    def _update_client_actions(self) -> None:
        has = self.document is not None and self._client_id is not None
        status = None
        if has:
            row = self.client_list.model.row_of(self._client_id)
            status = self.client_list.model.row_dict(row)["status"] if row >= 0 else None
        writable = self.document is not None and not self.document.read_only
        self.named_actions["archive"].setEnabled(has and writable and status != "archived")
        self.named_actions["restore"].setEnabled(has and writable and status == "archived")
        self.named_actions["delete"].setEnabled(has and writable)
        self.named_actions["renegotiate"].setEnabled(has and writable)
        if self.vault_actions is not None:
            self.vault_actions.refresh()

    def current_client_id(self) -> int | None:
        return self._client_id

    def select_client(self, client_id: int | None) -> bool:
        return self.client_list.select(client_id)

    def select_tab(self, name: str) -> None:
        if self.tabs is not None:
            self.tabs.setCurrentIndex(self.tabs.index_of(name))

    # -- commands --------------------------------------------------------------------------------
    def _report(self, exc: IptError) -> None:
        QtWidgets.QMessageBox.warning(self, APP_NAME, exc.message)

    def undo(self) -> None:
        if self.document is None:
            return
        self.document.flush_requested.emit()  # typing in progress is part of what is undone
        try:
            self.document.undo_stack.undo()
        except IptError as exc:
            self._report(exc)

    def redo(self) -> None:
        if self.document is None:
            return
        self.document.flush_requested.emit()
        try:
            self.document.undo_stack.redo()
        except IptError as exc:
            self._report(exc)

    def focus_record(self) -> None:
        """Move keyboard focus from the list into the current tab."""
        if self.tabs is not None and self._client_id is not None:
            self.tabs.focus_first_control()

    def focus_search(self) -> None:
        self.client_list.search.setFocus()
        self.client_list.search.selectAll()

    def new_client(self) -> None:
        if self.document is None:
            return
        from .dialogs.new_client import NewClientDialog
        dialog = NewClientDialog(self.document, self)
        if dialog.exec() and dialog.client_id is not None:
            self.select_client(dialog.client_id)
            self.select_tab("overview")

    def _set_status(self, status: str) -> None:
        if self.document is None or self._client_id is None:
            return
        try:
            self.document.set_status(self._client_id, status)
        except IptError as exc:
            self._report(exc)

    def archive_client(self) -> None:
        self._set_status("archived")

    def restore_client(self) -> None:
        cid = self._client_id
        self._set_status("active")
        self.select_client(cid)  # follow the client back into the active list

    def delete_client(self) -> None:
        if self.document is None or self._client_id is None:
            return
        from .dialogs.delete_client import DeleteClientDialog
        DeleteClientDialog(self.document, self._client_id, self).exec()

    def renegotiate(self) -> None:
        if self.document is None or self._client_id is None:
            return
        from .dialogs.renegotiate import RenegotiateDialog
        RenegotiateDialog(self.document, self._client_id, self).exec()

    def preferences(self) -> None:
        if self.document is None:
            return
        from .dialogs.preferences import PreferencesDialog
        PreferencesDialog(self.document, self).exec()

    def closeEvent(self, event):  # noqa: N802 - Qt's name
        self.save_layout()
        self.lock(ask=False)
        if self._idle is not None:
            self._idle.close()
        super().closeEvent(event)
