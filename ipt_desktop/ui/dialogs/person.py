"""The person editor: every Interpersonal Inventory field of one relationship."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import geometry as g
from ...models.entities import EXPECTATIONS_MET, FEELINGS, PERSON_ROLES, PROBLEM_AREAS
from ...services.errors import IptError, ValidationError

TEXT_FIELDS = {  # field -> (label, placeholder)
    "good_things": ("What is good", "What the client values in this relationship"),
    "hard_things": ("What is hard", "What gets in the way or hurts"),
    "client_expectations": ("Client's expectations", "What the client hopes for from them"),
    "other_expectations": ("Their expectations", "What they seem to expect of the client"),
    "conflicts": ("Conflicts", "Disagreements, and how they usually go"),
    "confide": ("What can be confided", "What the client can share with them"),
    "support_given": ("Support given", "How the client supports them"),
    "support_received": ("Support received", "How they support the client"),
    "desired_change": ("Desired change", "What the client would like to be different"),
    "notes": ("Notes", ""),
}
PAGES = (
    ("Who", ["name", "role", "ring", "feeling", "deceased", "contact_frequency",
             "problem_area", "changed_near_onset"]),
    ("The relationship", ["good_things", "hard_things", "confide", "support_given",
                          "support_received"]),
    ("Expectations and conflict", ["client_expectations", "other_expectations",
                                   "expectations_met", "conflicts", "conflicts_resolved",
                                   "desired_change"]),
    ("Notes", ["notes"]),
)
COMBOS = {  # field -> [(stored value, shown text)]
    "role": [(r, r.capitalize()) for r in PERSON_ROLES],
    "ring": [(ring, g.RING_NAMES[ring]) for ring in g.RINGS],
    "feeling": [(f, f.capitalize()) for f in FEELINGS],
    "problem_area": [("", "None")] + [(a, g.AREA_NAMES[a]) for a in PROBLEM_AREAS],
    "expectations_met": [("", "Not yet known")] + [(e, e.capitalize()) for e in EXPECTATIONS_MET],
    "conflicts_resolved": [("", "Not yet known"), ("yes", "Yes"), ("partly", "Partly"),
                           ("no", "No")],
}
LABELS = {"name": "Name", "role": "Role", "ring": "Circle", "feeling": "How it feels",
          "deceased": "Deceased", "contact_frequency": "Contact",
          "problem_area": "Problem area", "changed_near_onset": "Changed near onset",
          "expectations_met": "Expectations met", "conflicts_resolved": "Conflicts resolved"}
CHECKS = {"deceased": "This person has died",
          "changed_near_onset": "The relationship changed around when the symptoms began"}
ALL_FIELDS = [f for _, fields in PAGES for f in fields]


class PersonDialog(QDialog):
    """Add or edit one person; `apply` saves (an intent) and may refuse with a message."""

    def __init__(self, person: dict | None = None, apply: Callable[[dict], None] | None = None,
                 parent=None, read_only: bool = False, title: str | None = None):
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.apply = apply
        self.read_only = read_only
        person = person or {}
        self.setWindowTitle(title or (f"{person['name']}" if person.get("name")
                                      else "Add someone to the circle"))
        self.widgets: dict[str, QWidget] = {}
        tabs = QTabWidget()
        for page_title, fields in PAGES:
            page = QWidget()
            form = QFormLayout(page)
            form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
            for field in fields:
                widget = self._make(field)
                self.widgets[field] = widget
                label = "" if field in CHECKS else TEXT_FIELDS.get(field, (LABELS.get(field),))[0]
                form.addRow(label, widget)
            tabs.addTab(page, page_title)
        self.tabs = tabs
        self.error = QLabel()
        self.error.setObjectName("personDialogError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Close if read_only else
                                   QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        if not read_only:
            buttons.button(QDialogButtonBox.Ok).setText("Save" if person.get("id") else "Add")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if read_only:
            note = QLabel("This is how the circle was recorded then; it cannot be changed here.")
            note.setProperty("role", "muted")
            layout.addWidget(note)
        layout.addWidget(tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.set_values(person)
        self.resize(520, 460)
        self.widgets["name"].setFocus()

    def _make(self, field: str) -> QWidget:
        if field in COMBOS:
            widget = QComboBox()
            for value, text in COMBOS[field]:
                widget.addItem(text, value)
        elif field in CHECKS:
            widget = QCheckBox(CHECKS[field])
        elif field in TEXT_FIELDS:
            widget = QPlainTextEdit()
            widget.setPlaceholderText(TEXT_FIELDS[field][1])
            widget.setTabChangesFocus(True)
            widget.setMinimumHeight(54)
        else:
            widget = QLineEdit()
            if field == "contact_frequency":
                widget.setPlaceholderText("e.g. daily, weekly, rarely")
        widget.setObjectName(f"person_{field}")
        widget.setEnabled(not self.read_only)
        return widget

    def set_values(self, person: dict) -> None:
        defaults = {"role": "other", "ring": 2, "feeling": "unknown"}
        for field, widget in self.widgets.items():
            value = person.get(field, defaults.get(field, ""))
            if isinstance(widget, QComboBox):
                i = widget.findData(value)
                widget.setCurrentIndex(max(i, 0))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            else:
                widget.setText(value or "")

    def values(self) -> dict:
        """Every field as the inventory service takes it."""
        out = {}
        for field, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                out[field] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                out[field] = widget.isChecked()
            elif isinstance(widget, QPlainTextEdit):
                out[field] = widget.toPlainText().strip()
            else:
                out[field] = widget.text().strip()
        return out

    def show_error(self, field: str | None, message: str) -> None:
        """Say what is wrong and point at the field; nothing typed is lost."""
        self.error.setText(message)
        self.error.show()
        for name, widget in self.widgets.items():
            widget.setProperty("invalid", name == field)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        widget = self.widgets.get(field)
        if widget is not None:
            for i, (_, fields) in enumerate(PAGES):
                if field in fields:
                    self.tabs.setCurrentIndex(i)
            widget.setFocus()

    def accept(self) -> None:
        if self.read_only:
            return super().accept()
        values = self.values()
        if not values["name"]:
            self.show_error("name", "Please give a name (a first name or how the client "
                                    "refers to them, e.g. 'Mum').")
            return
        if self.apply is not None:
            try:
                self.apply(values)
            except ValidationError as exc:
                self.show_error(exc.field, exc.message)
                return
            except IptError as exc:
                self.show_error(None, exc.message)
                return
        super().accept()


def changed_fields(before: dict, after: dict) -> dict:
    """Only the fields the dialog changed (so undo names and merges stay precise)."""
    return {k: v for k, v in after.items() if before.get(k) != v}

