"""Interpersonal incidents of a session, each linked to a person in the inventory."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...services import inventory, sessions
from ...services.errors import IptError

FIELDS = (
    ("what_happened", "What happened", "The interaction in brief: when, where, about what."),
    ("said", "What was said", "The words used, as close as the client remembers them."),
    ("meant", "What was meant", "What the client wanted to get across."),
    ("heard", "What was heard", "What the other person seemed to take from it."),
    ("feelings", "Feelings", "How each of them felt, then and now."),
    ("outcome", "Outcome", "How it ended, and what it left between them."),
)


class IncidentsPanel(QWidget):
    """A list of incidents beside the form of the chosen one; typing goes through `debouncer`."""

    def __init__(self, document, debouncer, report_error, parent=None):
        super().__init__(parent)
        self.setObjectName("incidentsPanel")
        self.document, self.debouncer, self.report_error = document, debouncer, report_error
        self.cid = self.sid = None
        self._rows: list[dict] = []
        layout = QHBoxLayout(self)
        side = QVBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("incidentList")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show_current)
        self.add_button = QPushButton("Add incident")
        self.add_button.clicked.connect(self.add_incident)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        side.addWidget(self.list)
        side.addLayout(buttons)
        layout.addLayout(side, 3)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        self.person = QComboBox()
        self.person.setObjectName("incidentPerson")
        self.person.activated.connect(self._person_chosen)
        form.addRow("With whom:", self.person)
        self.fields: dict[str, QPlainTextEdit] = {}
        for field, label, hint in FIELDS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"incident_{field}")
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(52)
            edit.textChanged.connect(lambda f=field, e=edit: self._typed(f, e.toPlainText()))
            self.fields[field] = edit
            form.addRow(f"{label}:", edit)
        self.empty = QLabel("No incident recorded in this session. An interpersonal incident "
                            "is one recent interaction looked at in detail.")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #607d8b;")
        form.addRow(self.empty)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(form_widget)
        layout.addWidget(area, 5)

    def current_id(self) -> int | None:
        row = self.list.currentRow()
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def load(self, cid: int, sid: int) -> None:
        """Show the session's incidents; the chosen one stays chosen when it still exists."""
        keep = self.current_id() if (cid, sid) == (self.cid, self.sid) else None
        self.cid, self.sid = cid, sid
        people = inventory.persons(cid)
        self._names = {p["id"]: p["name"] for p in people}
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem("(nobody chosen)", None)
        for p in people:
            self.person.addItem(f"{p['name']} ({p['role']})", p["id"])
        self.person.blockSignals(False)
        self._rows = sessions.incidents(sid)
        self.list.blockSignals(True)
        self.list.clear()
        for i, row in enumerate(self._rows, 1):
            item = QListWidgetItem(self._title(i, row))
            item.setToolTip(row["what_happened"] or "")
            self.list.addItem(item)
        index = next((i for i, r in enumerate(self._rows) if r["id"] == keep),
                     len(self._rows) - 1)
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        self._show_current(index)

    def _title(self, n: int, row: dict) -> str:
        who = self._names.get(row["person"], "someone")
        what = (row["what_happened"] or "").splitlines()[0][:40] if row["what_happened"] else ""
        return f"{n}. With {who}" + (f": {what}" if what else "")

    def _show_current(self, index: int) -> None:
        row = self._rows[index] if 0 <= index < len(self._rows) else None
        for widget in (self.person, *self.fields.values()):
            widget.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.empty.setVisible(row is None)
        self.person.setCurrentIndex(max(0, self.person.findData(row["person"]))
                                    if row else 0)
        for field, edit in self.fields.items():
            value = (row or {}).get(field) or ""
            if row and self.debouncer.is_pending(("incident", row["id"], field)):
                continue
            if edit.toPlainText() != value:
                edit.blockSignals(True)
                edit.setPlainText(value)
                edit.blockSignals(False)

    def _typed(self, field: str, text: str) -> None:
        iid = self.current_id()
        if iid is not None:
            self.debouncer.changed(("incident", iid, field), text)

    def _person_chosen(self, index: int) -> None:
        iid = self.current_id()
        if iid is None:
            return
        try:
            self.document.edit_incident(self.cid, self.sid, iid,
                                        {"person": self.person.itemData(index)})
        except IptError as exc:
            self.report_error("incident", exc)

    def add_incident(self) -> None:
        self.debouncer.flush()
        try:
            self.document.add_incident(self.cid, self.sid)
        except IptError as exc:
            self.report_error("incident", exc)
            return
        self.list.setCurrentRow(self.list.count() - 1)
        self.fields["what_happened"].setFocus(Qt.OtherFocusReason)

    def _remove(self) -> None:
        iid = self.current_id()
        if iid is None:
            return
        self.debouncer.flush()
        cid, sid, state = self.cid, self.sid, {"id": iid, "data": None}

        def redo():
            state["data"] = sessions.remove_incident(state["id"])

        def undo():
            data = dict(state["data"])
            data.pop("session_id")
            state["id"] = sessions.add_incident(sid, data.pop("person_id"), **data)
        self.document.run("Remove incident", redo, undo,
                          lambda: self.document.session_changed.emit(cid, sid))
