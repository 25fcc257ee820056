"""Shared horizontal scale and colours, so the strip and the chart line up session by session."""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

LEFT, RIGHT = 64, 20  # the chart needs the left margin for its axis; the strip copies it

ATTENDANCE_COLOURS = {
    "attended": "#2e7d32",
    "late": "#ef8f00",
    "missed": "#c62828",
    "cancelled": "#78909c",
    "planned": "#ffffff",
}
ATTENDANCE_LABELS = {"attended": "Attended", "late": "Late", "missed": "Missed",
                     "cancelled": "Cancelled", "planned": "Planned"}
PLANNED_OUTLINE = "#3f51b5"
RISK_COLOUR = "#d50000"
PHASE_COLOURS = {"initial": "#e3f2fd", "middle": "#e8f5e9", "concluding": "#fff3e0",
                 "maintenance": "#f3e5f5", "over": "#ffebee"}
PHASE_LABELS = {"initial": "Initial", "middle": "Middle", "concluding": "Concluding",
                "maintenance": "Maintenance", "over": "Past the contract"}
INK = QColor("#263238")
MUTED = QColor("#607d8b")


def attendance_colour(attendance: str) -> QColor:
    return QColor(ATTENDANCE_COLOURS.get(attendance, "#9e9e9e"))


def slot_count(agreed: int, last_number: int) -> int:
    """Slots on the scale: the whole contract, and every session held beyond it."""
    return max(1, agreed, last_number)


class SessionScale:
    """Maps session numbers (1-based) to x pixels across a widget of width `width`."""

    def __init__(self, slots: int, width: int):
        self.slots = max(1, slots)
        self.left = LEFT
        self.span = max(1.0, float(width - LEFT - RIGHT))

    @property
    def slot(self) -> float:
        return self.span / self.slots

    def x(self, number: float) -> float:
        """Centre of session `number`; fractional numbers fall between sessions."""
        return self.left + (number - 0.5) * self.slot

    def edge(self, after_number: float) -> float:
        """The boundary after session `after_number` (0 = the start)."""
        return self.left + after_number * self.slot


def today_position(sessions: list[dict], today: dt.date) -> float | None:
    """Where today falls on the session scale, by the sessions' dates (weekly beyond them)."""
    dated = [(s["number"], s["date"]) for s in sessions if s.get("date")]
    if not dated:
        return None
    first_n, first_d = dated[0]
    if today <= first_d:
        return first_n - min(0.5, (first_d - today).days / 7)
    for (n1, d1), (n2, d2) in zip(dated, dated[1:]):
        if d1 <= today <= d2:
            days = max(1, (d2 - d1).days)
            return n1 + (n2 - n1) * (today - d1).days / days
    last_n, last_d = dated[-1]
    return last_n + (today - last_d).days / 7
