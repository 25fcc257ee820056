"""A small dialog of named fields whose OK runs a document intent; refusals shown inline."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.errors import IptError, ValidationError
from ..widgets import Field


class FormDialog(QDialog):
    """A small dialog of named fields; `submit(values)` runs an intent, refusals shown inline."""

    def __init__(self, title: str, submit: Callable[[dict], object], parent=None,
                 intro: str = "", ok_text: str = "OK", object_name: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        if object_name:
            self.setObjectName(object_name)
        self.submit = submit
        self.result_value = None
        self.fields: dict[str, Field] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            label.setProperty("role", "muted")
            layout.addWidget(label)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(8)
        layout.addLayout(self.form)
        self.general_error = QLabel()
        self.general_error.setProperty("role", "error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("okButton")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def add(self, name: str, label: str, editor: QWidget) -> QWidget:
        editor.setObjectName(name)
        editor.setAccessibleName(label.rstrip(":"))
        field = Field(editor)
        self.fields[name] = field
        self.form.addRow(label, field)
        return editor

    def add_line(self, name: str, label: str, value: str = "", placeholder: str = ""):
        edit = QLineEdit(value)
        edit.setPlaceholderText(placeholder)
        return self.add(name, label, edit)

    def add_text(self, name: str, label: str, value: str = ""):
        edit = QPlainTextEdit(value)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(90)
        return self.add(name, label, edit)

    def add_spin(self, name: str, label: str, value: int, low: int, high: int):
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        return self.add(name, label, spin)

    def add_combo(self, name: str, label: str, choices: list[tuple], value=None):
        combo = QComboBox()
        for data, text in choices:
            combo.addItem(text, data)
        if value is not None:
            combo.setCurrentIndex(max(0, combo.findData(value)))
        return self.add(name, label, combo)

    def values(self) -> dict:
        out = {}
        for name, field in self.fields.items():
            e = field.editor
            if isinstance(e, QLineEdit):
                out[name] = e.text()
            elif isinstance(e, QPlainTextEdit):
                out[name] = e.toPlainText()
            elif isinstance(e, QSpinBox):
                out[name] = e.value()
            elif isinstance(e, QComboBox):
                out[name] = e.currentData()
        return out

    def _try_accept(self) -> None:
        for field in self.fields.values():
            field.set_error(None)
        self.general_error.hide()
        try:
            self.result_value = self.submit(self.values())
        except ValidationError as exc:
            field = self.fields.get(exc.field)
            if field is None:
                self.general_error.setText(exc.message)
                self.general_error.show()
            else:
                field.set_error(exc.message)
                field.editor.setFocus()
            return
        except IptError as exc:
            self.general_error.setText(exc.message)
            self.general_error.show()
            return
        self.accept()
