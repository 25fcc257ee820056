"""Menu actions for the vault's safety, data exchange and sessions, wired into the window.

Kept apart from main_window.py so the window stays a composition root: each slot
here hands the work to a dialog or view that owns it.
"""
from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets  # the dialogs' classes load when first used, not at start

from ..services.errors import IptError
from .actions import make_action

JSON_FILTER = "IPT Desktop export (*.json)"


class VaultActions:
    """Back up, restore, passphrase, audit trail, import/export, sessions and note search."""

    def __init__(self, window):
        self.w = window
        a = {
            "new_session": make_action(
                window, "&New session", self.new_session, "Ctrl+Shift+N", "calendar",
                "Add the next session of the selected client", "actionNewSession"),
            "search_notes": make_action(
                window, "&Search session notes...", self.search_notes,
                "Ctrl+Shift+F", "search",
                "Find words in every client's session notes", "actionSearchNotes"),
            "backup": make_action(window, "&Back up now...", self.backup, None, "archive",
                                  "Write a verified, encrypted copy of the vault",
                                  "actionBackup"),
            "restore_backup": make_action(window, "&Restore from backup...", self.restore,
                                          None, "restore",
                                          "Replace the vault with a checked backup",
                                          "actionRestoreBackup"),
            "passphrase": make_action(window, "Change &passphrase...", self.passphrase, None,
                                      "lock", "Re-encrypt the vault with a new passphrase",
                                      "actionChangePassphrase"),
            "audit": make_action(window, "&Audit trail...", self.audit, None, "shield",
                                 "Unlocks, backups, exports and erasures of this vault",
                                 "actionAuditTrail"),
            "import": make_action(window, "&Import clients...", self.import_clients, None,
                                  None, "Add the clients of an IPT Desktop export file",
                                  "actionImport"),
            "export_all": make_action(window, "&Export all clients...", self.export_all, None,
                                      None, "Write every client to a JSON file",
                                      "actionExportAll"),
            "export_client": make_action(window, "E&xport this client...", self.export_client,
                                         None, None, "The client's record as JSON and their "
                                         "documents as PDFs", "actionExportClient"),
        }
        window.named_actions.update(a)
        self.actions = a
        menus = window.menus
        file_menu = menus["File"]
        first = file_menu.actions()[0] if file_menu.actions() else None
        for key in ("backup", "restore_backup", "passphrase", None, "import", "export_all",
                    None):
            if key is None:
                file_menu.insertSeparator(first)
            else:
                file_menu.insertAction(first, a[key])
        menus["Client"].addSeparator()
        menus["Client"].addAction(a["export_client"])
        menus["Session"].insertAction(menus["Session"].actions()[0] if menus["Session"]
                                      .actions() else None, a["new_session"])
        menus["Session"].addAction(a["search_notes"])
        menus["Tools"].insertAction(menus["Tools"].actions()[0], a["audit"])
        self.refresh()

    def refresh(self) -> None:
        """Enable what the open vault and the selected client allow."""
        doc = self.w.document
        open_ = doc is not None
        writable = open_ and not doc.read_only
        client = open_ and self.w.current_client_id() is not None
        for key in ("search_notes", "audit", "export_all", "backup"):
            self.actions[key].setEnabled(open_)
        for key in ("import", "passphrase", "restore_backup"):
            self.actions[key].setEnabled(writable or (key == "restore_backup" and open_))
        self.actions["new_session"].setEnabled(writable and client)
        self.actions["export_client"].setEnabled(client)

    # -- sessions -----------------------------------------------------------------------
    def new_session(self) -> None:
        if self.w.tabs is None:
            return
        self.w.select_tab("sessions")
        self.w.tabs.view("sessions").new_session()

    def search_notes(self) -> None:
        from .dialogs.note_search import NoteSearchDialog
        if self.w.document is None:
            return
        dialog = NoteSearchDialog(self.w.document, self.w)
        dialog.session_requested.connect(self.open_session)
        dialog.open()

    def open_session(self, client_id: int, session_id: int) -> None:
        """Show a session found by search: its client, the Sessions tab, the session."""
        if not self.w.select_client(client_id):
            return
        self.w.select_tab("sessions")
        self.w.tabs.view("sessions").open_session(session_id)

    # -- safety -------------------------------------------------------------------------
    def backup(self) -> None:
        from .dialogs import security
        path = security.backup_now(self.w, self.w.document)
        if path is not None:
            self.w.statusBar().showMessage(f"Backed up to {Path(path).name}", 8000)

    def restore(self) -> None:
        from .dialogs import security
        vault = security.restore_backup(self.w, self.w.document)
        if vault is not None:
            self.w.set_vault(vault)

    def passphrase(self) -> None:
        from .dialogs import security
        if security.change_passphrase(self.w, self.w.document):
            self.w.statusBar().showMessage("The passphrase was changed.", 8000)

    def audit(self) -> None:
        from .dialogs import security
        security.show_audit_trail(self.w, self.w.document)

    def export_client(self) -> None:
        from .dialogs import security
        cid = self.w.current_client_id()
        if cid is not None:
            dest = security.export_client(self.w, self.w.document, cid)
            if dest is not None:
                self.w.statusBar().showMessage(f"Exported to {Path(dest).name}", 8000)

    # -- exchange -----------------------------------------------------------------------
    def export_all(self) -> None:
        from ..services import exchange
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self.w, "Export all clients",
                                              "ipt-desktop-export.json", JSON_FILTER)
        if not path:
            return
        self.w.document.flush_requested.emit()
        try:
            data = exchange.export_vault()
            exchange.save(data, Path(path))
            self.w.document.vault.audit("export", f"{len(data['clients'])} clients to a file")
        except IptError as exc:
            QtWidgets.QMessageBox.warning(self.w, "Export", exc.message)
            return
        QtWidgets.QMessageBox.information(
            self.w, "Export", f"{len(data['clients'])} clients were written to "
            f"{Path(path).name}.\n\nThis file is NOT encrypted: keep it somewhere safe "
            "and delete it when it is no longer needed.")

    def import_clients(self) -> None:
        from ..services import exchange
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.w, "Import clients", "", JSON_FILTER)
        if not path:
            return
        try:
            ids = exchange.import_file(Path(path))
            self.w.document.vault.audit("import", f"{len(ids)} clients from a file")
        except IptError as exc:
            QtWidgets.QMessageBox.warning(self.w, "Import",
                                          f"{exc.message}\n\nNothing was imported.")
            return
        self.w.document.clients_changed.emit()
        QtWidgets.QMessageBox.information(self.w, "Import", f"{len(ids)} clients were added.")
