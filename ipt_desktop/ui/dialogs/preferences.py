"""Preferences: the practitioner profile printed on documents, and the vault's settings.

Each change commits at once through document.edit_profile (undoable like any edit).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...models.entities import INSTRUMENTS
from ...services import profile
from ..widgets import Card, FieldGroup

MAX_LOGO_BYTES = 2 * 1024 * 1024


class PreferencesDialog(QDialog):
    """Profile, printing, locking and defaults for new clients."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.document = document
        self.group = FieldGroup(document.edit_profile, self._error)
        g = self.group
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        layout.addLayout(columns)

        card = Card("Practitioner (printed on documents)")
        form = card.form()
        form.addRow("Name:", g.line("name", "Your name"))
        form.addRow("Credentials:", g.line("credentials", "Credentials", "e.g. MSc, accredited IPT therapist"))
        form.addRow("Practice:", g.line("practice_name", "Practice name"))
        form.addRow("Address:", g.text("address", "Practice address", lines=3))
        form.addRow("Phone:", g.line("phone", "Phone"))
        form.addRow("Email:", g.line("email", "Email"))
        logo_row = QHBoxLayout()
        self.logo = QLabel()
        self.logo.setObjectName("logoPreview")
        self.logo.setFixedSize(120, 60)
        self.logo.setAlignment(Qt.AlignCenter)
        self.logo.setStyleSheet("border: 1px dashed #c3cad2; border-radius: 4px;")
        logo_row.addWidget(self.logo)
        choose = QPushButton("Choose image...")
        choose.setObjectName("chooseLogo")
        choose.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("Remove")
        self.remove_logo_button.setObjectName("removeLogo")
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(None))
        for b in (choose, self.remove_logo_button):
            b.setAutoDefault(False)
        buttons = QVBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(self.remove_logo_button)
        logo_row.addLayout(buttons)
        logo_row.addStretch(1)
        form.addRow("Logo:", logo_row)
        columns.addWidget(card, 3)

        right = QVBoxLayout()
        card = Card("Documents and safety")
        form = card.form()
        form.addRow("Page size:", g.combo("page_size", "Page size",
                                          [("A4", "A4"), ("Letter", "US Letter")]))
        form.addRow("Lock after:", g.spin("idle_lock_minutes", "Minutes idle before locking",
                                          1, 240, " min idle"))
        right.addWidget(card)
        card = Card("New clients")
        form = card.form()
        form.addRow("Sessions agreed:", g.spin("default_contract_sessions",
                                               "Default number of sessions", 1, 40))
        form.addRow("Session length:", g.spin("default_session_minutes",
                                              "Default session length", 10, 180, " min"))
        measures = QWidget()
        box = QVBoxLayout(measures)
        box.setContentsMargins(0, 0, 0, 0)
        self.measure_boxes = {}
        for name in INSTRUMENTS:
            check = QCheckBox(name)
            check.setObjectName(f"measure_{name}")
            check.toggled.connect(self._measures_changed)
            box.addWidget(check)
            self.measure_boxes[name] = check
        form.addRow("Questionnaires:", measures)
        right.addWidget(card)
        right.addStretch(1)
        columns.addLayout(right, 2)

        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        note = QLabel("Changes are saved as you type.")
        note.setProperty("role", "muted")
        layout.addWidget(note)
        document.profile_changed.connect(self.reload)
        document.flush_requested.connect(self.group.flush)
        self.resize(820, 520)
        self.reload()

    def reload(self) -> None:
        values = profile.profile_dict()
        self.group.load(values)
        chosen = set(filter(None, (values.get("default_measures") or "").split(",")))
        for name, check in self.measure_boxes.items():
            check.blockSignals(True)
            check.setChecked(name in chosen)
            check.blockSignals(False)
        self._show_logo(values.get("logo"))

    def _show_logo(self, data) -> None:
        image = QImage.fromData(bytes(data)) if data else QImage()
        if image.isNull():
            self.logo.setPixmap(QPixmap())
            self.logo.setText("No logo")
        else:
            self.logo.setPixmap(QPixmap.fromImage(image).scaled(
                self.logo.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
        self.remove_logo_button.setEnabled(not image.isNull())

    def _measures_changed(self) -> None:
        names = [n for n, c in self.measure_boxes.items() if c.isChecked()]
        self.group.commit("default_measures", ",".join(names))

    def ask_logo_path(self) -> str:
        return QFileDialog.getOpenFileName(self, "Choose a logo image", "",
                                           "Images (*.png *.jpg *.jpeg)")[0]

    def choose_logo(self) -> None:
        path = self.ask_logo_path()
        if not path:
            return
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_LOGO_BYTES + 1)
        except OSError as exc:
            return self._error(f"The image could not be read ({exc.strerror}).")
        if len(data) > MAX_LOGO_BYTES:
            return self._error("The image is larger than 2 MB; choose a smaller one.")
        if QImage.fromData(data).isNull():
            return self._error("That file is not a PNG or JPEG image the app can read.")
        self.set_logo(data)

    def set_logo(self, data: bytes | None) -> None:
        self.group.apply({"logo": data})

    def _error(self, message: str) -> None:
        QMessageBox.warning(self, "Preferences", message)
