"""Small shared widgets: text fields that commit as you type, a field with its error, a card."""
from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..services.errors import IptError, ValidationError
from .style import repolish

COMMIT_DELAY_MS = 600  # long enough to merge a word, short enough that nothing is lost


def _is_undo_redo(event) -> bool:
    return event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo)


class _Committer:
    """Commit-as-you-type for a text editor: a pause in typing, focus-out, Ctrl+Z or flush().

    `commit(text)`, when given, stores the text; returning False means it was not stored
    (refused, disk full) and the text stays pending for the next flush. Every stored
    text is also emitted as `committed`. Showing a stored value (set_value) never
    overwrites typing that is not stored yet.
    """

    def _setup_commit(self, delay: int, live: bool = True,
                      commit: Callable[[str], object] | None = None) -> None:
        self._live = live  # False: commit only on Enter/focus-out (dates: no half-typed errors)
        self._commit = commit
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay)
        self._timer.timeout.connect(self.flush)
        self._committed_value = ""

    def _typed(self) -> None:
        if self._live:
            self._timer.start()

    @property
    def dirty(self) -> bool:
        return self.value() != self._committed_value

    def flush(self) -> None:
        """Commit what is typed now (debounce ended, focus left, lock, undo)."""
        self._timer.stop()
        if not self.dirty:
            return
        stored, self._committed_value = self._committed_value, self.value()
        if self._commit is not None and self._commit(self._committed_value) is False:
            self._committed_value = stored  # not stored: keep it pending, retry next flush
            return
        self.committed.emit(self._committed_value)

    def discard(self) -> None:
        """Forget typing not stored (only when the record it belonged to is gone)."""
        self._timer.stop()
        self._committed_value = self.value()

    def set_value(self, text: str) -> None:
        """Show a stored value without committing it back."""
        text = text or ""
        if self.dirty:
            return  # typing not stored yet wins over a refresh; it is committed later
        if self.hasFocus() and text.strip() == self.value().strip():
            # The service trimmed what is still being typed ("Ana " -> "Ana"): keep the space.
            self._committed_value = self.value()
            return
        self._timer.stop()
        self._committed_value = text
        if self.value() != text:
            self.blockSignals(True)
            self._set_text(text)
            self.blockSignals(False)

    def event(self, event):  # noqa: D401 - Qt override
        if event.type() == QEvent.FocusOut:
            self.flush()
        elif event.type() == QEvent.ShortcutOverride and _is_undo_redo(event):
            # Undo/redo belong to the document's stack (every field, one history), not the
            # editor's own: commit the typing, then leave the override to the app's action.
            self.flush()
            event.ignore()
            return False
        return super().event(event)


class CommitLineEdit(_Committer, QLineEdit):
    """A line edit that commits as you type (debounced) and when focus leaves."""
    committed = Signal(str)

    def __init__(self, parent=None, delay: int = COMMIT_DELAY_MS, live: bool = True,
                 commit: Callable[[str], object] | None = None):
        super().__init__(parent)
        self._setup_commit(delay, live, commit)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self.flush)

    def value(self) -> str:
        return self.text()

    def _set_text(self, text: str) -> None:
        self.setText(text)


class CommitTextEdit(_Committer, QPlainTextEdit):
    """A multi-line note that commits as you type and grows with its text, then scrolls."""
    committed = Signal(str)

    def __init__(self, parent=None, delay: int = COMMIT_DELAY_MS, lines: int = 3,
                 max_lines: int = 12, commit: Callable[[str], object] | None = None):
        super().__init__(parent)
        self._setup_commit(delay, commit=commit)
        self.setTabChangesFocus(True)  # keyboard users can leave the field with Tab
        self.textChanged.connect(self._typed)
        self._lines, self._max_lines = lines, max_lines
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        # Lines wrap, so a sideways bar is never needed; while the height settles it
        # could appear for a moment and then stay, hiding the last line.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def resizeEvent(self, event):  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()  # wrapping changes with the width

    def _fit(self, *_args) -> None:
        """Between `lines` and `max_lines` lines high, as the text is laid out (wrapped)."""
        needed = int(self.document().size().height())  # in lines, for a plain-text layout
        shown = max(self._lines, min(self._max_lines, needed))
        # A bar only past max_lines: one shown for a moment would narrow the text, wrap
        # it onto one more line and so keep itself, hiding the last line.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded if needed > self._max_lines
                                        else Qt.ScrollBarAlwaysOff)
        line = math.ceil(QFontMetricsF(self.font()).lineSpacing())  # lines sit on whole pixels
        margins = self.contentsMargins()
        frame = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.setFixedHeight(shown * line + frame + 4)

    def value(self) -> str:
        return self.toPlainText()

    def _set_text(self, text: str) -> None:
        self.setPlainText(text)


class Field(QWidget):
    """An editor with its error line underneath; set_error marks both."""

    def __init__(self, editor: QWidget, parent=None):
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.setAccessibleDescription(message or "")
        repolish(self.editor)


class Card(QFrame):
    """A white panel with a section title: the building block of the record's pages."""

    def __init__(self, title: str, parent=None, object_name: str | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        if object_name:
            self.setObjectName(object_name)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(16, 12, 16, 14)
        self.outer.setSpacing(8)
        self.title = QLabel(title, self)
        self.title.setProperty("role", "section")
        self.title.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.title.setVisible(bool(title))
        self.outer.addWidget(self.title)

    def form(self) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(7)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.outer.addLayout(form)
        return form


class FieldGroup:
    """Binds named editors to one apply(fields) call and shows refusals at the field.

    `apply` runs a document intent; a ValidationError is shown under the field it
    names (or the one edited), and the typed text stays so nothing is lost.
    """

    def __init__(self, apply: Callable[[dict], None], on_error: Callable[[str], None]):
        self.apply = apply
        self.on_error = on_error
        self.fields: dict[str, Field] = {}

    def line(self, name: str, accessible: str, placeholder: str = "") -> Field:
        editor = CommitLineEdit()
        editor.setPlaceholderText(placeholder)
        return self._bind(name, editor, accessible)

    def date(self, name: str, accessible: str) -> Field:
        editor = CommitLineEdit(live=False)
        editor.setPlaceholderText("YYYY-MM-DD")
        editor.setMaximumWidth(140)
        return self._bind(name, editor, accessible)

    def spin(self, name: str, accessible: str, low: int, high: int, suffix: str = "") -> Field:
        editor = QSpinBox()
        editor.setRange(low, high)
        editor.setSuffix(suffix)
        editor.setKeyboardTracking(False)  # one commit per finished number, not per digit
        editor.setMaximumWidth(140)
        field = self._bind(name, editor, accessible)
        editor.valueChanged.connect(lambda v: self.commit(name, v))
        return field

    def text(self, name: str, accessible: str, placeholder: str = "", lines: int = 3) -> Field:
        editor = CommitTextEdit(lines=lines)
        editor.setPlaceholderText(placeholder)
        return self._bind(name, editor, accessible)

    def combo(self, name: str, accessible: str, choices: list[tuple[str, str]]) -> Field:
        editor = QComboBox()
        for value, label in choices:
            editor.addItem(label, value)
        field = self._bind(name, editor, accessible)
        editor.activated.connect(lambda _i: self.commit(name, editor.currentData()))
        return field

    def _bind(self, name: str, editor: QWidget, accessible: str) -> Field:
        editor.setObjectName(name)
        editor.setAccessibleName(accessible)
        field = Field(editor)
        self.fields[name] = field
        if hasattr(editor, "committed"):
            editor.committed.connect(lambda value, n=name: self.commit(n, value))
        return field

    def commit(self, name: str, value) -> None:
        try:
            self.apply({name: value})
        except ValidationError as exc:
            target = self.fields.get(exc.field) or self.fields.get(name)
            if target is None:
                self.on_error(exc.message)
            else:
                target.set_error(exc.message)
            return
        except IptError as exc:
            self.on_error(exc.message)
            return
        if name in self.fields:
            self.fields[name].set_error(None)

    def load(self, values: dict) -> None:
        """Show stored values; a field with a pending refusal keeps its typed text."""
        for name, field in self.fields.items():
            editor = field.editor
            if name not in values:
                continue
            value = values[name]
            if field.error.isVisible():
                continue
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QSpinBox):
                editor.blockSignals(True)
                editor.setValue(int(value or 0))
                editor.blockSignals(False)
            else:
                text = "" if value is None else (value.isoformat() if hasattr(value, "isoformat")
                                                 else str(value))
                editor.set_value(text)

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.set_error(None)

    def flush(self) -> None:
        for field in self.fields.values():
            if hasattr(field.editor, "flush"):
                field.editor.flush()

    def set_enabled(self, enabled: bool) -> None:
        for field in self.fields.values():
            field.editor.setEnabled(enabled)
