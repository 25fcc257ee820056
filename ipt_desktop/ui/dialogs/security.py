"""Security dialogs: back up, restore, change passphrase, audit trail, export, erase, damage.

The main window wires the module functions to menu items. Each function returns what
changed (a path, a newly opened Vault) so the window can refresh; refusals are shown
in the dialog in words and nothing is lost.
"""
from __future__ import annotations

import hmac
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import backup, clients, profile, safety
from ...services.errors import IptError
from ...services.vault import VAULT_SUFFIX, Vault, normalise_passphrase
from ..icons import icon
from .vault_health import (  # noqa: F401 - the damage dialog is offered from here too
    FILE_FILTER,
    AuditTrailDialog,
    DamagedVaultDialog,
    _busy,
    _when,
    ask_open_path,
    fit_bold,
    open_damaged_vault,
    show_audit_trail,
)
from .unlock import MIN_LENGTH, _error_label, _passphrase_edit, passphrase_strength


# -- hooks tests replace (file choosers and message boxes block offscreen) -----------------
# ask_open_path (imported above) is one of them.
def ask_save_path(parent, title: str, start: str, filter_: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, start, filter_)[0]


def inform(parent, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def _key(document) -> str:
    return document.vault.db.connect_params["passphrase"]


class _Dialog(QDialog):
    """Title, intro text, a form, an error line and OK/Cancel: the shape they all share."""

    def __init__(self, title: str, intro: str, ok_text: str, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(22, 18, 22, 14)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.RichText)
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(8)
        self.layout_.addLayout(self.form)
        self.error = _error_label(f"{name}Error")
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("okButton")
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        fit_bold(self.ok_button, self.buttons.button(QDialogButtonBox.Cancel))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setAccessibleDescription(message)
        self.error.show()

    def _try(self) -> None:
        self.error.hide()
        try:
            _busy(self.run)
        except IptError as exc:
            self.show_error(exc.message)
            return
        self.accept()

    def run(self) -> None:
        raise NotImplementedError


class _OwnPassphrase(QWidget):
    """An optional second passphrase (for a backup), typed twice."""

    def __init__(self, label: str):
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(label)
        self.enabled.setObjectName("ownPassphrase")
        self.first = _passphrase_edit("backupPassphrase", "Backup passphrase")
        self.second = _passphrase_edit("backupPassphraseRepeat", "Repeat backup passphrase")
        self.first.setPlaceholderText("Backup passphrase")
        self.second.setPlaceholderText("Repeat it")
        box.addWidget(self.enabled)
        box.addWidget(self.first)
        box.addWidget(self.second)
        self.enabled.toggled.connect(self._show)
        self._show(False)

    def _show(self, on: bool) -> None:
        self.first.setVisible(on)
        self.second.setVisible(on)

    def value(self) -> str | None:
        if not self.enabled.isChecked():
            return None
        if len(self.first.text()) < MIN_LENGTH:
            raise IptError(f"The backup passphrase needs at least {MIN_LENGTH} characters.")
        if self.first.text() != self.second.text():
            raise IptError("The two backup passphrases differ. Type it again.")
        return self.first.text()


# -- backup -----------------------------------------------------------------------------------
class BackupDialog(_Dialog):
    """Back up now: where to, with an optional own passphrase; lists earlier backups."""

    def __init__(self, document, parent=None):
        super().__init__("Back up now", "An encrypted copy of the whole vault is written, "
                         "read back and checked before it is kept.", "Back up",
                         "backupDialog", parent)
        self.document = document
        self.default_folder = backup.default_backup_folder(document.vault.path)
        self.target = QLineEdit(str(self.default_folder))
        self.target.setObjectName("backupTarget")
        self.target.setAccessibleName("Back up to")
        browse = QPushButton(icon("folder-open"), "Choose...")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        self.form.addRow("Back up to:", row)
        self.own = _OwnPassphrase("Give this backup its own passphrase")
        self.form.addRow("", self.own)
        self.earlier = QListWidget()
        self.earlier.setObjectName("earlierBackups")
        self.earlier.setMaximumHeight(110)
        found = backup.list_backups(document.vault.path)
        for path in found:
            item = QListWidgetItem(icon("archive"), _when(path))
            item.setToolTip(str(path))
            self.earlier.addItem(item)
        if not found:
            self.earlier.addItem("No backups yet in the usual folder.")
        self.form.addRow("Earlier:", self.earlier)
        self.result_path: Path | None = None

    def _choose(self) -> None:
        chosen = ask_save_path(self, "Back up to", str(self.default_folder / backup
                               .backup_file_name(self.document.vault.path)), FILE_FILTER)
        if chosen:
            self.target.setText(chosen if chosen.endswith(VAULT_SUFFIX)
                                else chosen + VAULT_SUFFIX)

    def run(self) -> None:
        own = self.own.value()
        self.document.flush_requested.emit()  # what is being typed belongs in the backup
        dest = Path(self.target.text().strip() or self.default_folder)
        keep = profile.profile().backups_kept if dest == self.default_folder else None
        self.result_path = backup.make_backup(self.document.vault, dest, passphrase=own,
                                              keep=keep)


def backup_now(parent, document) -> Path | None:
    """Menu "Back up now...": returns the backup written, or None if cancelled."""
    dialog = BackupDialog(document, parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    inform(parent, "Backup made", f"The vault was backed up to\n{dialog.result_path}\n\n"
           "The copy is encrypted and was checked after writing.")
    return dialog.result_path


# -- restore ----------------------------------------------------------------------------------
class RestoreDialog(_Dialog):
    """Pick a backup (newest first) and restore it over the vault, keeping the old file."""

    def __init__(self, vault_path, passphrase: str | None = None, parent=None,
                 chosen: Path | None = None, document=None):
        super().__init__("Restore from a backup", "The backup is checked first. The current "
                         "vault is kept beside it (named <i>before-restore</i>) and then "
                         "replaced.", "Restore", "restoreDialog", parent)
        self.vault_path, self.passphrase = Path(vault_path), passphrase
        self.document = document
        self.choices = QListWidget()
        self.choices.setObjectName("backupChoices")
        self.choices.setMinimumHeight(140)
        for path in backup.list_backups(self.vault_path):
            self._add(path)
        if chosen:
            self._add(Path(chosen), first=True)
        if self.choices.count():
            self.choices.setCurrentRow(0)
        other = QPushButton(icon("folder-open"), "Another backup file...")
        other.setAutoDefault(False)
        other.clicked.connect(self._choose)
        self.form.addRow("Backup:", self.choices)
        self.form.addRow("", other)
        self.vault_key = _passphrase_edit("vaultPassphrase", "Vault passphrase")
        if passphrase is None:
            self.form.addRow("Vault passphrase:", self.vault_key)
        self.own = _passphrase_edit("backupPassphrase", "Backup's own passphrase")
        self.own.setPlaceholderText("Only if the backup was given its own")
        self.form.addRow("Backup passphrase:", self.own)
        self.vault: Vault | None = None
        self.kept: Path | None = None

    def _add(self, path: Path, first: bool = False) -> None:
        beside = path.parent == backup.default_backup_folder(self.vault_path)
        item = QListWidgetItem(icon("archive"), _when(path) if beside else
                               f"{_when(path)} - {path.name}")
        item.setData(Qt.UserRole, str(path))
        item.setToolTip(str(path))
        if first:
            self.choices.insertItem(0, item)
        else:
            self.choices.addItem(item)

    def _choose(self) -> None:
        chosen = ask_open_path(self, "Choose a backup", str(self.vault_path.parent))
        if chosen:
            self._add(Path(chosen), first=True)
            self.choices.setCurrentRow(0)

    def run(self) -> None:
        item = self.choices.currentItem()
        if item is None:
            raise IptError("Choose a backup to restore.")
        key = self.passphrase if self.passphrase is not None else self.vault_key.text()
        own = self.own.text() or None
        chosen = Path(item.data(Qt.UserRole))
        safety.check_vault_file(chosen, own or key)  # refuse before closing anything
        if self.document is not None and not self.document.vault.db.is_closed():
            self.document.close()  # commits typing; the file is replaced underneath
        try:
            self.kept = safety.restore(chosen, self.vault_path, key, backup_passphrase=own)
        finally:
            # Restored or not, the window gets an open vault back.
            self.vault = Vault.open(self.vault_path, key)


def restore_backup(parent, document_or_path, passphrase: str | None = None,
                   chosen: Path | None = None) -> Vault | None:
    """Menu "Restore...": returns the restored vault, opened, or None if nothing changed.

    Given the open document, it is closed once a checked backup is chosen (typing
    committed first); the window then shows the returned vault with set_vault().
    """
    document = None if isinstance(document_or_path, (str, Path)) else document_or_path
    path = Path(document.vault.path) if document else Path(document_or_path)
    if document is not None and passphrase is None:
        passphrase = _key(document)
    dialog = RestoreDialog(path, passphrase, parent, chosen, document)
    if dialog.exec() != QDialog.Accepted:
        return dialog.vault  # None, or the old vault reopened after a refused restore
    inform(parent, "Vault restored", "The backup was restored."
           + (f"\n\nThe vault it replaced is kept as\n{dialog.kept}" if dialog.kept else ""))
    return dialog.vault


# -- passphrase -------------------------------------------------------------------------------
class ChangePassphraseDialog(_Dialog):
    """Current passphrase, new one twice; the vault is re-encrypted and reopened."""

    def __init__(self, document, parent=None):
        super().__init__("Change passphrase", "Type the current passphrase, then the new one "
                         "twice. <b>A lost passphrase cannot be recovered by anyone.</b> "
                         "Backups made earlier keep the passphrase they were made with.",
                         "Change passphrase", "changePassphraseDialog", parent)
        self.document = document
        self.current = _passphrase_edit("currentPassphrase", "Current passphrase")
        self.new = _passphrase_edit("newPassphrase", "New passphrase")
        self.repeat = _passphrase_edit("repeatPassphrase", "Repeat the new passphrase")
        self.strength = QLabel()
        self.strength.setObjectName("strengthHint")
        self.strength.setProperty("role", "muted")
        self.new.textChanged.connect(lambda t: self.strength.setText(passphrase_strength(t)[1]))
        self.form.addRow("Current:", self.current)
        self.form.addRow("New:", self.new)
        self.form.addRow("Repeat:", self.repeat)
        self.form.addRow("", self.strength)

    def run(self) -> None:
        old, new = self.current.text(), self.new.text()
        if not hmac.compare_digest(normalise_passphrase(old or " ").encode(),
                                   _key(self.document).encode()):
            self.current.clear()
            self.current.setFocus()
            raise IptError("That is not the current passphrase; nothing was changed.")
        if len(new) < MIN_LENGTH:
            raise IptError(f"The new passphrase needs at least {MIN_LENGTH} characters.")
        if new != self.repeat.text():
            self.repeat.clear()
            raise IptError("The two new passphrases differ. Type it again.")
        document = self.document
        document.flush_requested.emit()
        path = document.vault.path
        document.vault.close()
        try:
            safety.change_passphrase(path, old, new)
        finally:
            # Reopen with whichever passphrase the file has now (the old on failure).
            for key in (new, old):
                try:
                    document.vault = Vault.open(path, key, migrate=False)
                    break
                except IptError:
                    continue


def change_passphrase(parent, document) -> bool:
    """Menu "Change passphrase...": True when it was changed (the vault stays open)."""
    dialog = ChangePassphraseDialog(document, parent)
    if dialog.exec() != QDialog.Accepted:
        return False
    inform(parent, "Passphrase changed", "The vault now opens with the new passphrase.")
    return True


# -- one client: export, erase ----------------------------------------------------------------
def export_client(parent, document, client_id: int) -> Path | None:
    """Menu "Export client...": one zip with the client's records; not encrypted, said so."""
    row = clients.client_dict(client_id)
    start = str(Path(document.vault.path).parent / f"client-{row['code'] or client_id}.zip")
    chosen = ask_save_path(parent, "Export client (not encrypted)", start,
                           "Zip archive (*.zip)")
    if not chosen:
        return None
    dest = Path(chosen if chosen.lower().endswith(".zip") else chosen + ".zip")
    document.flush_requested.emit()
    try:
        _busy(safety.export_client, client_id, dest)
    except IptError as exc:
        QMessageBox.warning(parent, "Export client", exc.message)
        return None
    document.documents_changed.emit(client_id)
    inform(parent, "Client exported", f"Exported to\n{dest}\n\nThis file is NOT encrypted: "
           "keep it somewhere safe and delete it when it is no longer needed.")
    return dest


class EraseClientDialog(_Dialog):
    """Erase one client for good: every row, and every trace in the vault's pages."""

    def __init__(self, document, client_id: int, parent=None):
        row = clients.client_dict(client_id)
        self.expected = f"{row['first_name']} {row['last_name']}"
        shown = self.expected.replace("&", "&amp;").replace("<", "&lt;")
        super().__init__("Erase client", f"This erases <b>{shown}</b> and everything "
                         "recorded about them, and scrubs the vault so no trace of their "
                         "name remains in it. It cannot be undone. Backups made earlier still "
                         "hold them.<br><br>Type the client's full name to confirm:",
                         "Erase for good", "eraseClientDialog", parent)
        self.document, self.client_id = document, client_id
        self.typed = QLineEdit()
        self.typed.setObjectName("typedName")
        self.typed.setAccessibleName("Client's full name")
        self.form.addRow("Full name:", self.typed)
        self.ok_button.setEnabled(False)
        self.ok_button.setStyleSheet("background: #b3261e; color: white; "
                                     "border-color: #8c1d18;")
        self.typed.textChanged.connect(lambda t: self.ok_button.setEnabled(
            clients._fold(t) == clients._fold(self.expected)))

    def run(self) -> None:
        self.document.flush_requested.emit()
        safety.erase_client(self.client_id, self.typed.text())
        self.document.undo_stack.clear()  # its commands point at rows that are gone
        self.document.clients_changed.emit()


def erase_client(parent, document, client_id: int) -> bool:
    return EraseClientDialog(document, client_id, parent).exec() == QDialog.Accepted
