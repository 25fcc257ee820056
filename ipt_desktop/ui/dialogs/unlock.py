"""The unlock dialog: open the last vault, another one, a new one, or the demo."""
from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets  # Qt, QFileDialog when used: slow to build at start
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.errors import IptError
# services.vault (the database code) is imported where used, not here: the dialog
# paints first and the database modules load while the passphrase is typed.
from ..icons import icon
from ..style import MUTED

MIN_LENGTH = 8
VAULT_SUFFIX = ".iptvault"  # the same as services.vault.VAULT_SUFFIX (a test checks)
FILE_FILTER = f"IPT Desktop vaults (*{VAULT_SUFFIX});;All files (*)"


def passphrase_strength(text: str) -> tuple[int, str]:
    """A rough 0-4 score and a hint; length of unrelated words counts more than symbols."""
    if not text:
        return 0, "Type a passphrase: a few unrelated words are easy to remember and hard " \
                  "to guess."
    classes = sum(any(f(c) for c in text) for f in (str.islower, str.isupper, str.isdigit,
                                                     lambda c: not c.isalnum()))
    words = len(text.split())
    bits = len(text) * (1.5 + 0.6 * classes) + 6 * max(0, words - 1)
    if len(text) < MIN_LENGTH:
        return 0, f"Too short: use at least {MIN_LENGTH} characters (four unrelated words " \
                  "are better)."
    if bits < 35:
        return 1, "Weak: add more words or characters."
    if bits < 55:
        return 2, "Fair: another word or two would make it strong."
    if bits < 80:
        return 3, "Good."
    return 4, "Strong."


def _passphrase_edit(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setEchoMode(QLineEdit.Password)
    edit.setMinimumWidth(320)
    toggle = edit.addAction(icon("eye", MUTED), QLineEdit.TrailingPosition)
    toggle.setCheckable(True)
    toggle.setToolTip("Show the passphrase")

    def flip(shown):
        edit.setEchoMode(QLineEdit.Normal if shown else QLineEdit.Password)
        toggle.setIcon(icon("eye-off" if shown else "eye", MUTED))
        toggle.setToolTip("Hide the passphrase" if shown else "Show the passphrase")
    toggle.toggled.connect(flip)
    edit.show_toggle = toggle
    return edit


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label


class UnlockDialog(QDialog):
    """Asks for the passphrase; on success `vault` holds the open Vault."""

    def __init__(self, path: str | Path | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle("Unlock - IPT Desktop")
        self.setModal(True)
        self.vault: Vault | None = None
        self.path: Path | None = Path(path) if path else None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._unlock_page())
        self.pages.addWidget(self._create_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        head = QHBoxLayout()
        badge = QLabel()
        badge.setPixmap(icon("shield", "#2c6e74").pixmap(40, 40))
        head.addWidget(badge)
        titles = QVBoxLayout()
        title = QLabel("IPT Desktop")
        title.setProperty("role", "title")
        titles.addWidget(title)
        sub = QLabel("Your records are encrypted. Nothing leaves this computer.")
        sub.setProperty("role", "subtitle")
        titles.addWidget(sub)
        head.addLayout(titles, 1)
        layout.addLayout(head)
        layout.addSpacing(10)
        layout.addWidget(self.pages)
        if self.path is None or not self.path.exists():
            from ...services.vault import default_vault_path
            self.show_create(self.path or default_vault_path())
        else:
            self.show_unlock(self.path)

    # -- pages ------------------------------------------------------------------------
    def _unlock_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(10)
        self.path_label = QLabel()
        self.path_label.setObjectName("vaultPath")
        self.path_label.setProperty("textInteractionFlags", "TextSelectableByMouse")  # no Qt.*
        self.path_label.setWordWrap(True)
        form.addRow("Vault:", self.path_label)
        self.passphrase = _passphrase_edit("passphrase", "Passphrase")
        self.passphrase.returnPressed.connect(self.unlock)
        self.passphrase.textEdited.connect(lambda _t: self.error.hide())
        form.addRow("Passphrase:", self.passphrase)
        self.error = _error_label("unlockError")
        form.addRow("", self.error)
        buttons = QHBoxLayout()
        self.other_button = QPushButton(icon("folder-open"), "Open another vault...")
        self.other_button.setObjectName("openOtherButton")
        self.other_button.clicked.connect(self.open_other)
        self.create_button = QPushButton(icon("file-plus"), "Create new vault...")
        self.create_button.setObjectName("createVaultButton")
        self.create_button.clicked.connect(self.start_create)
        self.demo_button = QPushButton(icon("sparkles"), "Open demo vault")
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setToolTip("A vault of fictional clients, for trying the app out")
        self.demo_button.clicked.connect(self.open_demo)
        for b in (self.other_button, self.create_button, self.demo_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        form.addRow(buttons)
        actions = QHBoxLayout()
        actions.addStretch(1)
        quit_button = QPushButton("Quit")
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        actions.addWidget(quit_button)
        self.unlock_button = QPushButton(icon("unlock", "#ffffff"), "Unlock")
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        actions.addWidget(self.unlock_button)
        form.addRow(actions)
        return page

    def _create_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(10)
        intro = QLabel("Choose a passphrase for the new vault. It cannot be recovered if "
                       "forgotten: write it down and keep it somewhere safe.")
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        form.addRow(intro)
        self.new_path_label = QLabel()
        self.new_path_label.setObjectName("newVaultPath")
        self.new_path_label.setWordWrap(True)
        form.addRow("New vault:", self.new_path_label)
        self.new_passphrase = _passphrase_edit("newPassphrase", "New passphrase")
        self.new_passphrase.textChanged.connect(self._update_strength)
        form.addRow("Passphrase:", self.new_passphrase)
        self.repeat_passphrase = _passphrase_edit("repeatPassphrase", "Repeat the passphrase")
        self.repeat_passphrase.returnPressed.connect(self.create)
        form.addRow("Repeat:", self.repeat_passphrase)
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumHeight(6)
        self.strength_bar.setAccessibleName("Passphrase strength")
        self.strength = QLabel()
        self.strength.setObjectName("strengthHint")
        self.strength.setProperty("role", "muted")
        self.strength.setWordWrap(True)
        box = QVBoxLayout()
        box.addWidget(self.strength_bar)
        box.addWidget(self.strength)
        form.addRow("Strength:", box)
        self.create_error = _error_label("createError")
        form.addRow("", self.create_error)
        actions = QHBoxLayout()
        self.back_button = QPushButton("Back")
        self.back_button.setObjectName("backButton")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(lambda: self.show_unlock(self.path))
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        self.confirm_create = QPushButton(icon("file-plus", "#ffffff"), "Create vault")
        self.confirm_create.setObjectName("createButton")
        self.confirm_create.setProperty("primary", True)
        self.confirm_create.setAutoDefault(False)
        self.confirm_create.clicked.connect(self.create)
        actions.addWidget(self.confirm_create)
        form.addRow(actions)
        self._update_strength("")
        return page

    def show_unlock(self, path: Path | None) -> None:
        self.path = Path(path) if path else None
        self.path_label.setText(str(self.path) if self.path else "No vault chosen")
        self.path_label.setToolTip(str(self.path or ""))
        self.unlock_button.setEnabled(self.path is not None)
        self.pages.setCurrentIndex(0)
        self.error.hide()
        self.passphrase.clear()
        self.passphrase.setFocus()

    def show_create(self, path: Path) -> None:
        self.new_path = Path(path)
        self.new_path_label.setText(str(self.new_path))
        self.pages.setCurrentIndex(1)
        self.create_error.hide()
        self.new_passphrase.clear()
        self.repeat_passphrase.clear()
        self.new_passphrase.setFocus()

    # -- file choosers (tests replace these attributes) -------------------------------------
    def ask_open_path(self) -> str:
        start = str(self.path.parent) if self.path else ""
        return QtWidgets.QFileDialog.getOpenFileName(self, "Open a vault", start, FILE_FILTER)[0]

    def ask_save_path(self) -> str:
        from ...services.vault import default_vault_path
        start = str(self.path.parent if self.path else default_vault_path().parent)
        return QtWidgets.QFileDialog.getSaveFileName(self, "Create a new vault", start,
                                                     FILE_FILTER)[0]

    # -- actions -------------------------------------------------------------------------
    def _show_error(self, label: QLabel, message: str) -> None:
        label.setText(message)
        label.show()
        label.setAccessibleDescription(message)

    def unlock(self) -> None:
        if self.path is None:
            return self._show_error(self.error, "Choose a vault first.")
        if not self.passphrase.text():
            self.passphrase.setFocus()
            return self._show_error(self.error, "Type the passphrase of this vault.")
        self._open(self.path, self.passphrase.text())

    def _open(self, path: Path, passphrase: str) -> None:
        from ...services import safety
        from ...services.errors import VaultDamaged
        QGuiApplication.setOverrideCursor(QtCore.Qt.WaitCursor)
        try:
            # The whole-file check runs beside the window once it shows (ui/vault_check).
            self.vault = safety.unlock(path, passphrase, check=False)
            self.check_passphrase = passphrase
        except VaultDamaged:
            QGuiApplication.restoreOverrideCursor()
            from .vault_health import open_damaged_vault
            self.vault = open_damaged_vault(self, path, passphrase)
            QGuiApplication.setOverrideCursor(QtCore.Qt.WaitCursor)
            if self.vault is None:
                self.passphrase.clear()
                self._show_error(self.error, "The vault was not opened because it is "
                                             "damaged. Restore it from a backup.")
                return
        except IptError as exc:
            self.passphrase.clear()
            self.passphrase.setFocus()
            self._show_error(self.error, exc.message)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.path = Path(path)
        self.passphrase.clear()
        self.accept()

    def open_other(self) -> None:
        chosen = self.ask_open_path()
        if chosen:
            self.show_unlock(Path(chosen))

    def start_create(self) -> None:
        chosen = self.ask_save_path()
        if chosen:
            path = Path(chosen)
            if path.suffix != VAULT_SUFFIX:
                path = path.with_name(path.name + VAULT_SUFFIX)
            self.show_create(path)

    def _update_strength(self, text: str) -> None:
        score, hint = passphrase_strength(text)
        self.strength_bar.setValue(score)
        colour = ["#b3261e", "#c05621", "#b7791f", "#2f855a", "#276749"][score]
        self.strength_bar.setStyleSheet(
            f"QProgressBar {{ border: none; background: #e4e7eb; border-radius: 3px; }}"
            f"QProgressBar::chunk {{ background: {colour}; border-radius: 3px; }}")
        self.strength.setText(hint)  # its role never changes: no re-polish (slow at start)

    def create(self) -> None:
        first, second = self.new_passphrase.text(), self.repeat_passphrase.text()
        if len(first) < MIN_LENGTH:
            self.new_passphrase.setFocus()
            return self._show_error(self.create_error, f"The passphrase needs at least "
                                    f"{MIN_LENGTH} characters; without a good one the "
                                    "encryption protects little.")
        if first != second:
            self.repeat_passphrase.clear()
            self.repeat_passphrase.setFocus()
            return self._show_error(self.create_error, "The two passphrases differ. Type it "
                                    "again in the second field.")
        from ...services.vault import Vault
        QGuiApplication.setOverrideCursor(QtCore.Qt.WaitCursor)
        try:
            self.vault = Vault.create(self.new_path, first)
        except IptError as exc:
            return self._show_error(self.create_error, exc.message)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.path = self.new_path
        self.new_passphrase.clear()
        self.repeat_passphrase.clear()
        self.accept()

    def open_demo(self) -> None:
        try:
            from ...services import demo
        except ImportError:
            return self._show_error(self.error, "The demo vault is not part of this version.")
        try:
            path = demo.ensure_demo_vault()
        except IptError as exc:
            return self._show_error(self.error, exc.message)
        self.show_unlock(path)
        self.passphrase.setText(demo.DEMO_PASSPHRASE)
        self._open(path, demo.DEMO_PASSPHRASE)
