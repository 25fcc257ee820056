"""Small widgets of the closing-plan form: its style, labelled fields, section cards, agreement.

Its text boxes are the app's shared commit-as-you-type editors (ui/widgets.py).
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .style import repolish

# Scoped to the form by object names so the app-wide style is left alone.
FORM_STYLE = """
#closingPlanContent { background: #f4f5f7; }
QFrame#sectionCard { background: #ffffff; border: 1px solid #d9dee4; border-radius: 8px; }
QLabel#sectionTitle { color: #1f5357; }
QLabel#sectionHint, QLabel#fieldHint { color: #5f6c7b; }
QLabel#fieldLabel { color: #2b3440; font-weight: 600; }
QLabel#fieldError { color: #b3261e; }
QLabel#subTitle { color: #1f5357; font-weight: 600; }
QLineEdit, QPlainTextEdit {
    border: 1px solid #c9d2dc; border-radius: 5px; padding: 4px 6px; background: #fbfcfd;
    color: #1f2933; }
QLineEdit:focus, QPlainTextEdit:focus {
    border: 1px solid #2c6e74; background: #ffffff; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QDateEdit[invalid="true"] {
    border: 1px solid #b3261e; background: #fff6f5; }
QLineEdit:read-only, QPlainTextEdit[readOnly="true"] { background: #f4f5f7; }
QPushButton { border: 1px solid #b9c4d0; border-radius: 5px; padding: 5px 14px;
    background: #ffffff; color: #1f5357; }
QPushButton:hover { background: #e3eff0; }
QPushButton:focus { border: 1px solid #2c6e74; }
QPushButton#markAgreed { background: #2c6e74; border-color: #2c6e74; color: #ffffff;
    font-weight: 600; }
QPushButton#markAgreed:hover { background: #1f5357; }
QToolButton { color: #5f6c7b; border: none; padding: 4px 8px; border-radius: 4px; }
QToolButton:hover { color: #9c2418; background: #fbe6e3; }
QFrame#listRow { background: #f7f9fb; border: 1px solid #e3e8ee; border-radius: 6px; }
QLabel#emptyNote { color: #5f6c7b; font-style: italic; }
"""


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark a field red (or not); the style sheet reads the `invalid` property."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    repolish(widget)


def label(text: str, name: str, wrap: bool = True, point_delta: float = 0,
          bold: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if point_delta or bold:
        font = QFont(widget.font())
        font.setPointSizeF(font.pointSizeF() + point_delta)
        font.setBold(bold)
        widget.setFont(font)
    return widget


class FieldBlock(QWidget):
    """A labelled field with an optional hint and an error line under it."""

    def __init__(self, title: str, editor: QWidget, hint: str = "", parent=None,
                 show_title: bool = True):
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = label(title, "fieldLabel")
        self.title.setBuddy(editor)
        layout.addWidget(self.title)
        # A card holding a single field already says what it is; the label would repeat it.
        self.title.setVisible(show_title)
        if hint:
            layout.addWidget(label(hint, "fieldHint"))
        layout.addWidget(editor)
        self.error = label("", "fieldError")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout.addWidget(self.error)
        editor.setAccessibleName(title)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        set_invalid(self.editor, True)

    def clear_error(self) -> None:
        if self.error.isVisible() or self.error.text():
            self.error.clear()
            self.error.hide()
        set_invalid(self.editor, False)


class SectionCard(QFrame):
    """A white card with a title and a one-line description; add content to `body`."""

    def __init__(self, title: str, hint: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("sectionCard")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 20)
        outer.setSpacing(6)
        self.title = label(title, "sectionTitle", point_delta=3, bold=True)
        self.title.setAccessibleName(title)
        outer.addWidget(self.title)
        if hint:
            outer.addWidget(label(hint, "sectionHint"))
        outer.addSpacing(6)
        self.body = QVBoxLayout()
        self.body.setSpacing(14)
        outer.addLayout(self.body)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class AgreementBar(QFrame):
    """'Mark as agreed' with a date, or the 'Agreed on ...' state with Clear."""
    mark_requested = Signal(object)  # a datetime.date
    clear_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("agreementBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.state = label("", "agreedState", wrap=False)
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.date = QDateEdit()
        self.date.setObjectName("agreedDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setDate(QDate.currentDate())
        self.date.setAccessibleName("Date the plan was agreed")
        self.mark = QPushButton("Mark as agreed")
        self.mark.setObjectName("markAgreed")
        self.mark.setToolTip("Record that the client and you agreed this plan on the date shown")
        self.mark.clicked.connect(lambda: self.mark_requested.emit(self.date.date().toPython()))
        self.clear = QPushButton("Clear")
        self.clear.setObjectName("clearAgreed")
        self.clear.setToolTip("The plan is no longer agreed (for example after big changes)")
        self.clear.clicked.connect(self.clear_requested.emit)
        for widget in (self.state, self.date, self.mark, self.clear):
            layout.addWidget(widget)
        self.error = label("", "fieldError")
        self.error.hide()
        self.editor = self.date  # where errors are marked, like a FieldBlock
        self._read_only = False
        self._shown: bool | None = None  # agreed state last shown; None: a fresh client

    def reset(self) -> None:
        """Forget the last state shown (another client): the date goes back to today."""
        self._shown = None

    def set_agreed(self, day: dt.date | None) -> None:
        agreed = day is not None
        if agreed:
            self.state.setText(f"<span style='color:#1d6436; font-weight:600'>\u2713 Agreed on "
                               f"{long_date(day)}</span>")
        else:
            self.state.setText("<span style='color:#5f6c7b'>Not agreed yet</span>")
            if self._shown is not False:  # a refused date stays visible next to its message
                self.date.setDate(QDate.currentDate())
        self._shown = agreed
        self.date.setVisible(not agreed and not self._read_only)
        self.mark.setVisible(not agreed and not self._read_only)
        self.clear.setVisible(agreed and not self._read_only)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        set_invalid(self.date, True)

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
        set_invalid(self.date, False)
