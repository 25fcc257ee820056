"""What the window shows before a vault is open: the locked page, the toolbar, the warm-up.

Everything here runs before the unlock dialog has painted, so it stays clear of
QtCore.Qt: PySide builds a Qt class with all its enums when a name is first used,
and the Qt namespace alone takes about 20 ms.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolBar, QVBoxLayout, QWidget

from .icons import icon
from .style import ACCENT

WARM_UP_DELAY_MS = 50  # after the dialog's first paint: the person is reading, not typing


def locked_page(on_unlock) -> QWidget:
    """The calm page behind the unlock dialog, with a button to ask again."""
    page = QWidget()
    page.setObjectName("lockedPage")
    box = QVBoxLayout(page)
    box.addStretch(1)
    badge = QLabel()
    badge.setPixmap(icon("lock", ACCENT).pixmap(64, 64))
    text = QLabel("The vault is locked.")
    text.setProperty("role", "title")
    button = QPushButton(icon("unlock", "#ffffff"), "Unlock...")
    button.setObjectName("unlockAgainButton")
    button.setProperty("primary", True)
    button.clicked.connect(lambda: on_unlock())
    for widget in (badge, text, button):  # centred by stretches on both sides
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(widget)
        row.addStretch(1)
        box.addLayout(row)
    box.addStretch(2)
    return page


def main_toolbar(actions: dict) -> QToolBar:
    """New client, undo and redo, lock and preferences, with their names beside the icons."""
    bar = QToolBar("Main")
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")  # by name: no Qt.*
    bar.addActions([actions["new_client"], actions["undo"], actions["redo"]])
    bar.addSeparator()
    bar.addActions([actions["lock"], actions["preferences"]])
    return bar


class AfterFirstPaint(QObject):
    """Calls `callback` (on `context`) a moment after `widget` has painted for the first time."""

    def __init__(self, widget, context, callback, delay_ms: int = WARM_UP_DELAY_MS):
        super().__init__(widget)
        self._context, self._callback, self._delay = context, callback, delay_ms
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # The context stops the call if the window is gone before it runs.
            QTimer.singleShot(self._delay, self._context, self._callback)
        return False
