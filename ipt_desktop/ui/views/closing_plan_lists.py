"""Editable lists of the closing plan: goals, anticipated problems, support people."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...services.inventory import RINGS
from ..closing_widgets import label
from ..widgets import CommitLineEdit, CommitTextEdit

GOAL_STATUSES = ("achieved", "partly achieved", "not yet", "dropped")
NEW_GOAL_STATUS = "not yet"


def _drop(widget: QWidget) -> None:
    """Take a widget out of the form now (so nothing finds it) and delete it later."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


class ListRow(QFrame):
    """One entry of a list editor; `text_edited` is typing, `changed` a discrete change."""
    text_edited = Signal()
    changed = Signal()
    remove_requested = Signal(object)

    keys: tuple[str, ...] = ()
    remove_label = "Remove"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("listRow")
        self.fields: list[CommitLineEdit | CommitTextEdit] = []
        self.remove_button = QToolButton()
        self.remove_button.setText("Remove")
        self.remove_button.setToolTip(self.remove_label)
        self.remove_button.setAccessibleName(self.remove_label)
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def _typed(self, editor):
        """Report the editor's typing as this row's `text_edited` (the list is stored whole)."""
        editor.committed.connect(lambda _text: self.text_edited.emit())
        self.fields.append(editor)
        return editor

    def flush(self) -> None:
        for field in self.fields:
            field.flush()

    def discard(self) -> None:
        for field in self.fields:
            field.discard()

    def set_read_only(self, read_only: bool) -> None:
        for field in self.fields:
            field.setReadOnly(read_only)
        self.remove_button.setVisible(not read_only)


class GoalRow(ListRow):
    """A goal in the client's words and how far it was reached."""
    keys = ("goal", "status")
    remove_label = "Remove this goal"

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 8, 8)
        self.goal = self._typed(CommitLineEdit())
        self.goal.setPlaceholderText("A goal agreed at the start, in the client's words")
        self.goal.setAccessibleName("Goal")
        self.status = QComboBox()
        self.status.addItems(GOAL_STATUSES)
        self.status.setAccessibleName("How far the goal was reached")
        self.status.setMinimumContentsLength(14)
        self.status.activated.connect(lambda _i: self.changed.emit())
        layout.addWidget(self.goal, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.remove_button)

    def value(self) -> dict:
        return {"goal": self.goal.value(), "status": self.status.currentText()}

    def set_value(self, item: dict) -> None:
        self.goal.set_value(item.get("goal", ""))
        status = item.get("status") or NEW_GOAL_STATUS
        if self.status.findText(status) < 0:  # a status written elsewhere is kept, not lost
            self.status.addItem(status)
        self.status.setCurrentText(status)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.status.setEnabled(not read_only)


class ProblemRow(ListRow):
    """A problem the client expects after the sessions end, with the plan for it."""
    keys = ("problem", "plan")
    remove_label = "Remove this problem"

    def __init__(self, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 8, 10)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.problem = self._typed(CommitLineEdit())
        self.problem.setPlaceholderText("e.g. The first anniversary of her father's death "
                                        "in May")
        self.problem.setAccessibleName("Anticipated problem")
        self.plan = self._typed(CommitTextEdit(lines=2))
        self.plan.setPlaceholderText("How the client plans to cope: who to call, what helped "
                                     "before, what to try first")
        self.plan.setAccessibleName("Coping plan")
        grid.addWidget(label("Problem", "fieldLabel", wrap=False), 0, 0)
        grid.addWidget(self.problem, 0, 1)
        grid.addWidget(self.remove_button, 0, 2)
        plan_label = label("Coping plan", "fieldLabel", wrap=False)
        grid.addWidget(plan_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.plan, 1, 1)
        grid.setColumnStretch(1, 1)

    def value(self) -> dict:
        return {"problem": self.problem.value(), "plan": self.plan.value()}

    def set_value(self, item: dict) -> None:
        self.problem.set_value(item.get("problem", ""))
        self.plan.set_value(item.get("plan", ""))


class RowListEditor(QWidget):
    """A list of rows with an Add button; reports typing and discrete changes separately."""
    edited = Signal(list, bool)  # items, True while typing (merged into one undo step)

    def __init__(self, row_class, add_text: str, empty_text: str, new_item: dict,
                 parent=None):
        super().__init__(parent)
        self.row_class, self.new_item = row_class, dict(new_item)
        self.rows: list[ListRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        layout.addLayout(self.rows_layout)
        self.empty = label(empty_text, "emptyNote")
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(self.add_row)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._read_only = False

    def items(self) -> list[dict]:
        return [row.value() for row in self.rows]

    def set_items(self, items: list[dict]) -> None:
        """Show `items`; rows are updated in place when the count matches (keeps focus)."""
        if len(items) != len(self.rows):
            for row in self.rows:
                row.discard()
                _drop(row)
            self.rows = []
            for _ in items:
                self._append_row()
        for row, item in zip(self.rows, items):
            row.set_value(item)
        self.empty.setVisible(not self.rows)

    def _append_row(self) -> ListRow:
        row = self.row_class()
        row.text_edited.connect(lambda: self.edited.emit(self.items(), True))
        row.changed.connect(lambda: self.edited.emit(self.items(), False))
        row.remove_requested.connect(self.remove_row)
        row.set_read_only(self._read_only)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        return row

    def add_row(self) -> None:
        self.flush()
        row = self._append_row()
        row.set_value(self.new_item)
        self.empty.hide()
        self.edited.emit(self.items(), False)
        row.fields[0].setFocus()

    def remove_row(self, row: ListRow) -> None:
        self.flush()
        if row not in self.rows:
            return
        self.rows.remove(row)
        row.discard()
        _drop(row)
        self.empty.setVisible(not self.rows)
        self.edited.emit(self.items(), False)

    def flush(self) -> None:
        for row in list(self.rows):
            row.flush()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setVisible(not read_only)
        for row in self.rows:
            row.set_read_only(read_only)


class SupportPeoplePicker(QWidget):
    """Tick boxes for the people in the inventory the client can turn to."""
    changed = Signal(list)  # the ticked person ids, in inventory order

    def __init__(self, parent=None):
        super().__init__(parent)
        self.boxes: dict[int, QCheckBox] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(6)
        self.empty = label("No one is in the inventory yet. Add people in the Inventory tab, "
                           "then tick here who the client can turn to.", "emptyNote")
        self._people: list[dict] = []
        self._read_only = False

    def set_people(self, people: list[dict], chosen: list[int]) -> None:
        """Show a box per person (rebuilt only when the people changed) and tick `chosen`."""
        def key(rows):
            return [(p["id"], p["name"], p.get("role"), p.get("ring"), p.get("removed"))
                    for p in rows]
        if key(people) != key(self._people):
            self._rebuild(list(people))
        for pid, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(pid in chosen)
            box.blockSignals(False)

    def _rebuild(self, people: list[dict]) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None and widget is not self.empty:
                _drop(widget)
        self.boxes, self._people = {}, people
        if not people:
            self.grid.addWidget(self.empty, 0, 0)
            self.empty.show()
            return
        self.empty.hide()
        columns = 2
        for i, person in enumerate(people):
            box = QCheckBox(self._caption(person))
            box.setProperty("person_id", person["id"])
            box.setEnabled(not self._read_only)
            box.toggled.connect(lambda _on: self.changed.emit(self.chosen()))
            self.boxes[person["id"]] = box
            self.grid.addWidget(box, i // columns, i % columns)
        self.grid.setColumnStretch(columns - 1, 1)

    @staticmethod
    def _caption(person: dict) -> str:
        details = [person["role"]] if person.get("role") else []
        if person.get("ring"):
            details.append(f"{RINGS[person['ring']]} ring")
        if person.get("deceased"):
            details.append("deceased")
        if person.get("removed"):  # still ticked, so the choice can be seen and undone
            details = [person["role"]] if person.get("role") else []
            details.append("taken off the circle")
        return person["name"] + (f"  ·  {', '.join(details)}" if details else "")

    def chosen(self) -> list[int]:
        return [pid for pid, box in self.boxes.items() if box.isChecked()]

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for box in self.boxes.values():
            box.setEnabled(not read_only)
