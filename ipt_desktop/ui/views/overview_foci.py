"""The Overview's problem-area foci (with per-area details) and the formulation."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ...models.entities import DISPUTE_STAGES, PROBLEM_AREAS
from ...services import clients, inventory
from ...services.errors import IptError
from ..icons import icon
from ..dialogs.form import FormDialog
from ..widgets import Card, FieldGroup

AREA_TITLES = {"dispute": "Interpersonal dispute", "transition": "Role transition",
               "grief": "Grief and loss", "sensitivity": "Interpersonal sensitivity"}
AREA_HINTS = {
    "dispute": "A disagreement with someone important: what it is about, each side's "
               "expectations, and the stage it has reached.",
    "transition": "A life change: what was lost and gained in the old role and the new one.",
    "grief": "A major loss, usually a death: who was lost and when.",
    "sensitivity": "Difficulty starting or keeping relationships.",
}


class FocusPanel(QFrame):
    """One focus: its area's own fields, committed as you type."""

    def __init__(self, document, client_id: int, focus: dict, persons: list[dict], on_error):
        super().__init__()
        self.document, self.client_id, self.focus_id = document, client_id, focus["id"]
        self.setObjectName(f"focus_{focus['priority']}")
        self.setStyleSheet("QFrame#%s { border-left: 3px solid #2c6e74; }" % self.objectName())
        self.group = FieldGroup(lambda f: document.edit_focus(client_id, self.focus_id, f),
                                on_error)
        g = self.group
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 4, 4)
        head = QHBoxLayout()
        title = QLabel(f"{focus['priority'].capitalize()} focus: {AREA_TITLES[focus['area']]}")
        title.setStyleSheet("font-weight: 600;")
        head.addWidget(title)
        head.addStretch(1)
        remove = QPushButton(icon("trash"), "Remove")
        remove.setObjectName("removeFocus")
        remove.setProperty("flat", True)
        remove.clicked.connect(lambda: self._remove(on_error))
        head.addWidget(remove)
        layout.addLayout(head)
        hint = QLabel(AREA_HINTS[focus["area"]])
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(7)
        layout.addLayout(form)
        people = [(None, "(nobody chosen)")] + [(p["id"], p["name"]) for p in persons]
        area = focus["area"]
        if area == "dispute":
            form.addRow("With:", g.combo("person", "Person in the dispute", people))
            form.addRow("Stage:", g.combo("dispute_stage", "Stage of the dispute",
                                          [("", "(not yet judged)")] +
                                          [(s, s.capitalize()) for s in DISPUTE_STAGES]))
            form.addRow("What it is about:", g.text("dispute_issue", "What the dispute is about", lines=2))
            form.addRow("Client expects:", g.text("client_expectations", "Client's expectations", lines=2))
            form.addRow("Other expects:", g.text("other_expectations", "Other's expectations", lines=2))
            form.addRow("Wished-for change:", g.text("desired_change", "Wished-for change", lines=2))
        elif area == "transition":
            form.addRow("Old role:", g.line("old_role", "Old role"))
            form.addRow("Old role: gains", g.text("old_role_gains", "What the old role gave", lines=2))
            form.addRow("Old role: losses", g.text("old_role_losses", "What was hard in the old role", lines=2))
            form.addRow("New role:", g.line("new_role", "New role"))
            form.addRow("New role: gains", g.text("new_role_gains", "What the new role offers", lines=2))
            form.addRow("New role: losses", g.text("new_role_losses", "What is hard in the new role", lines=2))
            form.addRow("Date of change:", g.date("event_date", "Date of the transition"))
        elif area == "grief":
            form.addRow("Person lost:", g.combo("person", "Person lost", people))
            form.addRow("Date of loss:", g.date("event_date", "Date of the loss"))
        form.addRow("Notes:", g.text("notes", "Notes on this focus", lines=2))
        self.group.load({**focus, "person": focus.get("person")})

    def _remove(self, on_error) -> None:
        try:
            self.document.remove_focus(self.client_id, self.focus_id)
        except IptError as exc:
            on_error(exc.message)


class FociCard(Card):
    """One primary focus and at most one secondary, each with its details."""

    def __init__(self, document, on_error, parent=None):
        super().__init__("Problem-area focus", parent, object_name="fociCard")
        self.document, self.on_error = document, on_error
        self.client_id: int | None = None
        self.panels: dict[int, FocusPanel] = {}
        self.key = None
        self.box = QVBoxLayout()
        self.box.setSpacing(12)
        self.outer.addLayout(self.box)
        self.empty = QLabel("No focus chosen yet. IPT agrees one primary problem area "
                            "(and at most one secondary) by the end of the initial sessions.")
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self.outer.addWidget(self.empty)
        row = QHBoxLayout()
        self.add_button = QPushButton(icon("plus"), "Add focus...")
        self.add_button.setObjectName("addFocus")
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.outer.addLayout(row)
        document.inventory_changed.connect(lambda cid: cid == self.client_id and self.refresh(True))

    def flush(self) -> None:
        for panel in self.panels.values():
            panel.group.flush()

    def set_client(self, client_id: int | None) -> None:
        self.client_id = client_id
        self.refresh(True)

    def refresh(self, rebuild: bool = False) -> None:
        if self.client_id is None:
            self._clear()
            return
        foci = clients.foci(self.client_id)
        key = tuple((f["id"], f["area"], f["priority"]) for f in foci)
        if rebuild or key != self.key:
            self.flush()
            self._clear()
            persons = inventory.persons(self.client_id)
            for focus in foci:
                panel = FocusPanel(self.document, self.client_id, focus, persons, self.on_error)
                self.panels[focus["id"]] = panel
                self.box.addWidget(panel)
            self.key = key
        else:
            for focus in foci:
                self.panels[focus["id"]].group.load({**focus, "person": focus.get("person")})
        self.empty.setVisible(not foci)
        self.add_button.setEnabled(len(foci) < 2)

    def _clear(self) -> None:
        for panel in self.panels.values():
            panel.setParent(None)
            panel.deleteLater()
        self.panels = {}
        self.key = None

    def add(self) -> None:
        if self.client_id is None:
            return
        taken = {f["priority"] for f in clients.foci(self.client_id)}
        priority = "secondary" if "primary" in taken else "primary"
        dlg = FormDialog("Add a focus", lambda v: self.document.add_focus(
            self.client_id, v["area"], v["priority"]), self, ok_text="Add",
            object_name="focusDialog")
        dlg.add_combo("area", "Problem area:", [(a, AREA_TITLES[a]) for a in PROBLEM_AREAS])
        dlg.add_combo("priority", "Priority:", [("primary", "Primary"),
                                                ("secondary", "Secondary")], priority)
        dlg.exec()


FORMULATION_FIELDS = [
    ("biology", "Biology", "Illness history, family history, physical health, medication"),
    ("psychology", "Psychology", "Temperament, coping, ways of seeing oneself"),
    ("attachment", "Attachment", "How the client tends to relate and seek care"),
    ("social", "Social", "Relationships, support, work, housing, money"),
    ("culture", "Culture", "Cultural context and its meaning for the problem"),
    ("spirituality", "Spirituality", "Beliefs and practices that matter to the client"),
    ("current_problems", "Current problems", "How the above meet today's relationship problems"),
    ("focus_summary", "Focus", "The problem area agreed and why"),
    ("goals", "Goals", "What the client wants to be different by the end"),
]


class FormulationCard(Card):
    """The shared interpersonal formulation, in the client's and therapist's words."""

    def __init__(self, document, on_error, parent=None):
        super().__init__("Interpersonal formulation", parent, object_name="formulationCard")
        self.document = document
        self.client_id: int | None = None
        self.group = FieldGroup(lambda f: document.edit_formulation(self.client_id, f), on_error)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for i, (name, label, hint) in enumerate(FORMULATION_FIELDS):
            cell = QVBoxLayout()
            cell.setSpacing(3)
            title = QLabel(label)
            title.setStyleSheet("font-weight: 600; color: #3d4852;")
            cell.addWidget(title)
            cell.addWidget(self.group.text(name, f"Formulation: {label}", hint, lines=3))
            grid.addLayout(cell, i // 3, i % 3)
        self.outer.addLayout(grid)
        row = QHBoxLayout()
        row.addWidget(QLabel("Agreed with the client on:"))
        row.addWidget(self.group.date("agreed_on", "Formulation agreed on"))
        row.addStretch(1)
        self.outer.addLayout(row)

    def flush(self) -> None:
        self.group.flush()

    def set_client(self, client_id: int | None) -> None:
        if client_id != self.client_id:
            self.group.clear_errors()
        self.client_id = client_id

    def refresh(self) -> None:
        if self.client_id is not None:
            form = clients.formulation_for(self.client_id)
            self.group.load({n: getattr(form, n) for n, _, _ in FORMULATION_FIELDS} |
                            {"agreed_on": form.agreed_on})
