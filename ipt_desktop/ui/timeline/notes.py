"""The note sections of a session: notes, techniques used, problem solving."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

# The IPT techniques a therapist ticks off; stored as one line each in `techniques`.
TECHNIQUES = (
    "Exploratory questioning", "Encouragement of affect", "Clarification",
    "Communication analysis", "Decision analysis (problem solving)", "Role play",
    "Use of the therapeutic relationship", "Sick role and psychoeducation",
    "Linking mood to interpersonal events", "Interpersonal inventory review",
    "Homework set or reviewed",
)

NOTE_SECTIONS = (
    ("summary", "Session summary", "What was covered today, in a few lines."),
    ("communication_analysis", "Communication analysis",
     "An exchange looked at closely: what was said, how it landed, what else could be said."),
    ("role_play", "Role play", "What was rehearsed, who played whom, how it went."),
    ("emotions", "Processing emotions", "Feelings that came up and how they were worked with."),
    ("homework", "Homework", "What the client will try before the next session."),
    ("risk", "Risk", "Any risk discussed, how it was assessed, the plan agreed."),
)
PROBLEM_SOLVING = (
    ("ps_problem", "Problem", "The problem in the client's words."),
    ("ps_options", "Options", "Every option brainstormed, without judging yet."),
    ("ps_pros_cons", "Pros and cons", "For each option: what speaks for and against it."),
    ("ps_choice", "Option chosen", "What the client decided to try."),
    ("ps_outcome", "Outcome", "What happened when they tried it (often next session)."),
)


def split_techniques(text: str) -> tuple[list[str], str]:
    """(ticked techniques, free text) from the stored text: known names one per line."""
    ticked, rest = [], []
    for line in (text or "").splitlines():
        if line.strip() in TECHNIQUES:
            ticked.append(line.strip())
        else:
            rest.append(line)
    return [t for t in TECHNIQUES if t in ticked], "\n".join(rest).strip("\n")


def join_techniques(ticked: list[str], free: str) -> str:
    lines = [t for t in TECHNIQUES if t in ticked]
    if free.strip():
        lines.append(free.strip("\n"))
    return "\n".join(lines)


def _editor(field: str, placeholder: str, height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(f"note_{field}")
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class NotesPanel(QTabWidget):
    """Tabs of note fields; `edited(field, text)` fires on every keystroke or tick."""

    edited = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sessionNotes")
        self.fields: dict[str, QPlainTextEdit] = {}
        self.addTab(self._form(NOTE_SECTIONS), "Notes")
        self.addTab(self._techniques(), "Techniques")
        self.addTab(self._form(PROBLEM_SOLVING), "Problem solving")

    def _form(self, sections) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        for field, label, placeholder in sections:
            title = QLabel(f"<b>{label}</b>")
            edit = _editor(field, placeholder)
            title.setBuddy(edit)
            edit.textChanged.connect(lambda f=field, e=edit: self.edited.emit(
                f, e.toPlainText()))
            self.fields[field] = edit
            layout.addWidget(title)
            layout.addWidget(edit)
        layout.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        return area

    def _techniques(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("<b>Techniques used in this session</b>"))
        grid = QGridLayout()
        self.checks: dict[str, QCheckBox] = {}
        for i, name in enumerate(TECHNIQUES):
            box = QCheckBox(name)
            box.toggled.connect(self._techniques_edited)
            self.checks[name] = box
            grid.addWidget(box, i // 2, i % 2)
        layout.addLayout(grid)
        form = QFormLayout()
        self.techniques_free = _editor("techniques", "Anything else used, or how it went.")
        self.techniques_free.textChanged.connect(self._techniques_edited)
        form.addRow("Other / comments:", self.techniques_free)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _techniques_edited(self) -> None:
        if getattr(self, "_loading", False):
            return
        ticked = [n for n, box in self.checks.items() if box.isChecked()]
        self.edited.emit("techniques", join_techniques(ticked, self.techniques_free
                                                       .toPlainText()))

    def set_values(self, row: dict, skip=lambda field: False) -> None:
        """Show stored notes; fields still being typed (`skip`) keep what is on screen."""
        self._loading = True
        try:
            for field, edit in self.fields.items():
                if not skip(field) and edit.toPlainText() != (row.get(field) or ""):
                    edit.blockSignals(True)
                    edit.setPlainText(row.get(field) or "")
                    edit.blockSignals(False)
            if not skip("techniques"):
                ticked, free = split_techniques(row.get("techniques") or "")
                for name, box in self.checks.items():
                    box.setChecked(name in ticked)
                if self.techniques_free.toPlainText() != free:
                    self.techniques_free.blockSignals(True)
                    self.techniques_free.setPlainText(free)
                    self.techniques_free.blockSignals(False)
        finally:
            self._loading = False
