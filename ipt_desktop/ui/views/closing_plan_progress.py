"""The read-only progress panel of the closing plan: scores, attendance, the circle."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from ...services import progress, scoring
from ..closing_widgets import label

TERM_COLOURS = {  # background, text
    "reliable recovery": ("#dff1e5", "#1d6436"),
    "recovery": ("#e6f4ea", "#1d6436"),
    "reliable improvement": ("#e8f3ec", "#28663f"),
    "reliable deterioration": ("#fbe6e3", "#9c2418"),
    "no reliable change": ("#eceff3", "#46505c"),
}

PANEL_STYLE = """
QFrame#progressPanel { background: #f7f9fb; border: 1px solid #e3e8ee; border-radius: 6px; }
QLabel#scoreHeader { color: #5f6c7b; font-weight: 600; }
QLabel#scoreName { color: #1f5357; font-weight: 700; }
QLabel#scoreValue { color: #1f2933; }
QLabel#scoreWhen { color: #6b7785; }
"""


def short_date(day) -> str:
    return f"{day.day} {day:%b %Y}"


def _key(instrument: str) -> str:
    return instrument.replace("-", "").lower()  # PHQ-9 -> phq9 for object names


def explain(result: progress.MeasureProgress) -> str:
    """A plain explanation of the outcome term, shown as a tooltip."""
    inst = scoring.instrument(result.instrument)
    outcome = result.outcome
    if outcome is None:
        return "An outcome needs a first and a last complete score."
    moved = "fell" if outcome.change < 0 else "rose" if outcome.change > 0 else "did not change"
    text = f"The score {moved}" + (f" by {abs(outcome.change)}" if outcome.change else "")
    text += (f"; a change of {inst.reliable_change} or more counts as reliable. "
             f"{inst.caseness} or more is in the clinical range: ")
    start = "in" if outcome.case_at_start else "below"
    end = "in" if outcome.case_at_end else "below"
    return text + f"it started {start} that range and ended {end} it."


class ProgressPanel(QFrame):
    """First vs last PHQ-9 and GAD-7 with outcome terms, attendance, and circle changes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self.setStyleSheet(PANEL_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        self.scores = QGridLayout()
        self.scores.setHorizontalSpacing(22)
        self.scores.setVerticalSpacing(6)
        layout.addLayout(self.scores)
        for column, title in enumerate(("", "First", "Last", "Change", "Outcome")):
            self.scores.addWidget(label(title, "scoreHeader", wrap=False), 0, column)
        self.cells: dict[str, dict[str, QLabel]] = {}
        for row, name in enumerate(progress.MEASURED, 1):
            cells = {"name": label(name, "scoreName", wrap=False),
                     "first": label("", "scoreValue", wrap=False),
                     "last": label("", "scoreValue", wrap=False),
                     "change": label("", "scoreValue", wrap=False),
                     "outcome": label("", "outcomeTerm", wrap=False)}
            for column, key in enumerate(("name", "first", "last", "change", "outcome")):
                if key != "name":
                    cells[key].setObjectName(f"{_key(name)}{key.capitalize()}")
                cells[key].setTextFormat(Qt.TextFormat.RichText if key in ("first", "last")
                                         else Qt.TextFormat.PlainText)
                self.scores.addWidget(cells[key], row, column,
                                      Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.cells[name] = cells
        self.scores.setColumnStretch(5, 1)
        layout.addWidget(self._rule())
        self.attendance = self._line(layout, "Sessions", "attendanceSummary")
        layout.addWidget(self._rule())
        self.circle_title = label("The circle, then and now", "subTitle")
        layout.addWidget(self.circle_title)
        self.circle = label("", "circleChanges")
        self.circle.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.circle)

    @staticmethod
    def _rule() -> QFrame:
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet("color: #e3e8ee;")
        return rule

    @staticmethod
    def _line(layout, title: str, name: str) -> QLabel:
        layout.addWidget(label(title, "subTitle"))
        value = label("", name)
        layout.addWidget(value)
        return value

    def clear(self) -> None:
        for cells in self.cells.values():
            for key in ("first", "last", "change", "outcome"):
                cells[key].clear()
        self.attendance.clear()
        self.circle.clear()

    def show_summary(self, summary: progress.ProgressSummary) -> None:
        for name, result in summary.measures.items():
            self._show_measure(self.cells[name], result)
        self.attendance.setText(progress.describe_attendance(summary.attendance) + ".")
        self._show_circle(summary.circle)

    def _show_measure(self, cells: dict[str, QLabel], result: progress.MeasureProgress):
        def score(s: progress.Score | None) -> str:
            if s is None:
                return "<span style='color:#6b7785'>none yet</span>"
            where = f"session {s.session_number}, " if s.session_number else ""
            return (f"<b>{s.total}</b> &nbsp;{s.band}<br><span style='color:#6b7785'>"
                    f"{where}{short_date(s.taken_on)}</span>")
        cells["first"].setText(score(result.first))
        cells["last"].setText(score(result.last if result.count > 1 else None))
        change = result.change
        cells["change"].setText("" if change is None else f"{change:+d}".replace("-", "\u2212"))
        term = result.term
        chip = cells["outcome"]
        if term is None:
            chip.setText("needs two scores" if result.count < 2 else "")
            chip.setStyleSheet("color: #6b7785; font-style: italic;")
        else:
            background, colour = TERM_COLOURS[term]
            chip.setText(term)
            chip.setStyleSheet(f"background: {background}; color: {colour}; font-weight: 600;"
                               " border-radius: 9px; padding: 3px 10px;")
        chip.setToolTip(explain(result))

    def _show_circle(self, circle: progress.CircleComparison) -> None:
        if not circle.available:
            self.circle_title.setText("The circle, then and now")
            self.circle.setText("<span style='color:#5f6c7b'><i>The comparison starts after "
                                f"session {circle.since_session}, when the initial sessions "
                                "have built the circle.</i></span>")
            return
        self.circle_title.setText(f"The circle after session {circle.since_session} (end of the "
                                  f"initial sessions) and now, after session "
                                  f"{circle.latest_session}")
        if not circle.changes:
            self.circle.setText("<span style='color:#5f6c7b'>No one has moved on the circle "
                                f"since session {circle.since_session}.</span>")
            return
        marks = {"closer": "\u2197", "further": "\u2198", "added": "+", "removed": "\u2212"}
        items = "".join(
            f"<tr><td style='color:#2c6e74; padding-right:8px'>{marks[c.kind]}</td>"
            f"<td>{_escape(progress.describe_change(c))}</td></tr>" for c in circle.changes)
        same = (f"<p style='color:#5f6c7b'>{circle.unchanged} "
                f"{'person' if circle.unchanged == 1 else 'people'} in the same place.</p>"
                if circle.unchanged else "")
        self.circle.setText(f"<table cellspacing='2'>{items}</table>{same}")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

