"""The vault's health: its audit trail, and a vault that failed its checks."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...services import backup, safety
from ...services.errors import IptError
from ...services.vault import Vault
from ..icons import icon
from .unlock import FILE_FILTER, _error_label


def ask_open_path(parent, title: str, start: str) -> str:
    """The file chooser (tests replace it: it blocks offscreen)."""
    return QFileDialog.getOpenFileName(parent, title, start, FILE_FILTER)[0]


def fit_bold(*buttons) -> None:
    """Room for the bold text the style gives default buttons (the size hint assumes normal)."""
    for button in buttons:
        font = QFont(button.font())
        font.setWeight(QFont.DemiBold)
        width = QFontMetrics(font).horizontalAdvance(button.text().replace("&", "")) + 34
        if not button.icon().isNull():
            width += 22
        button.setMinimumWidth(max(button.minimumWidth(), width))


def plain_damage(problem: str) -> str:
    """SQLCipher's wording, with what it means for the therapist."""
    m = re.search(r"HMAC verification failed for page (\d+)", problem)
    if m:
        return (f"Part {m[1]} of the file no longer matches what was written (its "
                "integrity check failed): the disk, or a copy, changed it.")
    return problem


def _busy(fn, *args, **kwargs):
    """Run a slow step (key derivation, copying) under a wait cursor."""
    QGuiApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        return fn(*args, **kwargs)
    finally:
        QGuiApplication.restoreOverrideCursor()


def _when(path: Path) -> str:
    """When a backup was made, from its name, e.g. "2026-03-01 09:00 (3 days ago)"."""
    days = backup.backup_age_days(path)
    age = "today" if days < 1 else "yesterday" if days < 2 else f"{int(days)} days ago"
    m = re.search(r"(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)\d\d", path.name)
    return f"{m[1]}-{m[2]}-{m[3]} {m[4]}:{m[5]} ({age})" if m else f"{path.name} ({age})"


class AuditTrailDialog(QDialog):
    """The security events of this vault, newest first (no names are ever recorded)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("auditTrailDialog")
        self.setWindowTitle("Audit trail")
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        note = QLabel("Unlocks, failed unlocks, backups, restores, exports, erasures and "
                      "passphrase changes. No names or notes are recorded here.")
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        layout.addWidget(note)
        self.tree = QTreeWidget()
        self.tree.setObjectName("auditEvents")
        self.tree.setHeaderLabels(["When", "Event", "Detail"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        for event in safety.audit_events():
            item = QTreeWidgetItem([f"{event['at']:%Y-%m-%d %H:%M}", event["label"],
                                    event["detail"]])
            if event["kind"] == "failed unlock":
                item.setIcon(1, icon("alert", "#b3261e"))
            self.tree.addTopLevelItem(item)
        self.tree.header().setSectionResizeMode(2, QHeaderView.Stretch)
        self.tree.setColumnWidth(0, 150)
        self.tree.setColumnWidth(1, 150)
        layout.addWidget(self.tree)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        fit_bold(close.button(QDialogButtonBox.Close))
        close.rejected.connect(self.reject)
        layout.addWidget(close)


def show_audit_trail(parent, document) -> None:
    AuditTrailDialog(parent).exec()


class DamagedVaultDialog(QDialog):
    """Names the damage; offers the newest backup, another backup, or read-only opening."""

    def __init__(self, path, passphrase: str, problems: list[str], newest: Path | None,
                 vault: Vault | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("damagedVaultDialog")
        self.setWindowTitle("The vault is damaged")
        self.setMinimumWidth(740)
        self.path, self.passphrase, self.newest = Path(path), passphrase, newest
        self.read_only_vault, self.vault = vault, None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        head = QHBoxLayout()
        badge = QLabel()
        badge.setPixmap(icon("alert", "#b3261e").pixmap(36, 36))
        head.addWidget(badge, 0, Qt.AlignTop)
        text = QLabel(f"<b>{self.path.name} failed its checks.</b> It was not changed. "
                      "What was found:")
        text.setWordWrap(True)
        head.addWidget(text, 1)
        layout.addLayout(head)
        self.problems = QLabel("\n".join(f"•  {plain_damage(p)}" for p in problems[:8]) or
                               "•  the file could not be read")
        self.problems.setObjectName("damageList")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.problems)
        advice = QLabel(f"The newest backup is from {_when(newest)}." if newest else
                        "No backup was found beside the vault; choose one if you keep "
                        "backups elsewhere.")
        advice.setObjectName("damageAdvice")
        advice.setWordWrap(True)
        layout.addWidget(advice)
        self.error = _error_label("damageError")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.read_only_button = QPushButton("Open read-only")
        self.read_only_button.setObjectName("openReadOnlyButton")
        self.read_only_button.setEnabled(vault is not None)
        self.read_only_button.setToolTip("Look at what can still be read; nothing can be "
                                         "changed")
        self.read_only_button.clicked.connect(self.accept)
        other = QPushButton(icon("folder-open"), "Choose a backup...")
        other.setObjectName("chooseBackupButton")
        other.clicked.connect(self.choose_backup)
        self.restore_button = QPushButton(icon("restore", "#ffffff"), "Restore newest backup")
        self.restore_button.setObjectName("restoreNewestButton")
        self.restore_button.setProperty("primary", True)
        self.restore_button.setEnabled(newest is not None)
        self.restore_button.setDefault(newest is not None)
        self.restore_button.clicked.connect(lambda: self.restore(self.newest))
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        fit_bold(close, self.read_only_button, other, self.restore_button)
        for b in (close, self.read_only_button, other):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout.addLayout(buttons)

    def choose_backup(self) -> None:
        chosen = ask_open_path(self, "Choose a backup", str(self.path.parent))
        if chosen:
            self.restore(Path(chosen))

    def restore(self, backup_path: Path) -> None:
        try:
            if Path(backup_path).resolve() == self.path.resolve():
                raise IptError("That is the damaged vault itself; choose one of its backups.")
            _busy(safety.check_vault_file, backup_path, self.passphrase)
            if self.read_only_vault is not None:  # the file is about to be replaced
                self.read_only_vault.close()
                self.read_only_vault = None
                self.read_only_button.setEnabled(False)
            self.kept = _busy(safety.restore, backup_path, self.path, self.passphrase)
            self.vault = _busy(Vault.open, self.path, self.passphrase)
        except IptError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        self.accept()

    def result_vault(self) -> Vault | None:
        """The restored vault, else the read-only one (if the user chose it)."""
        return self.vault or self.read_only_vault

    def reject(self) -> None:
        if self.read_only_vault is not None:
            self.read_only_vault.close()
            self.read_only_vault = None
        super().reject()


def open_damaged_vault(parent, path, passphrase: str) -> Vault | None:
    """After Vault.open raised VaultDamaged: name the damage, offer restore or read-only."""
    vault, problems, newest = safety.open_damaged(path, passphrase)
    dialog = DamagedVaultDialog(path, passphrase, problems, newest, vault, parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.result_vault()
