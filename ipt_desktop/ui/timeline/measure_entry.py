"""Entry of one questionnaire: each item's own wording, answered 0-3, total and band live."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from ...services import measure_items, scoring

BAND_STYLE = {
    "minimal": "#2e7d32", "mild": "#558b2f", "moderate": "#ef8f00",
    "moderately severe": "#e65100", "severe": "#c62828",
}
BUTTON_STYLE = """
QPushButton { min-width: 30px; max-width: 30px; min-height: 24px; border: 1px solid #b0bec5;
              border-radius: 4px; background: #ffffff; color: #37474f; }
QPushButton:hover { border-color: #3f51b5; }
QPushButton:checked { background: #3f51b5; color: #ffffff; border-color: #283593;
                      font-weight: bold; }
"""


def entry_name(instrument: str) -> str:
    """objectName of an instrument's entry, e.g. 'phq9Entry'."""
    return instrument.lower().replace("-", "") + "Entry"


class MeasureEntry(QGroupBox):
    """One questionnaire; clicking an answer again clears it (item not answered)."""

    responses_changed = Signal(list)

    def __init__(self, instrument: str, parent=None):
        super().__init__(parent)
        self.instrument = scoring.instrument(instrument)
        self.text = measure_items.load(instrument)
        self.setObjectName(entry_name(instrument))
        self.setTitle(self.text.title)
        self._answers: list[int | None] = [None] * self.instrument.items
        self._buttons: list[list[QPushButton]] = []
        self._rows: list[QLabel] = []
        self._build()
        self._refresh()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        stem = QLabel(self.text.stem)
        stem.setWordWrap(True)
        stem.setStyleSheet("color: #546e7a; font-style: italic;")
        outer.addWidget(stem)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for value, label in enumerate(self.text.answers):
            head = QLabel(label)
            head.setWordWrap(True)
            head.setAlignment(Qt.AlignCenter)
            head.setFixedWidth(62)
            head.setStyleSheet("color: #607d8b; font-size: 8pt;")
            grid.addWidget(head, 0, 2 + value, Qt.AlignBottom | Qt.AlignHCenter)
        for i, wording in enumerate(self.text.items):
            number = QLabel(f"{i + 1}.")
            number.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            item = QLabel(wording)
            item.setWordWrap(True)
            item.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
            self._rows.append(item)
            grid.addWidget(number, i + 1, 0)
            grid.addWidget(item, i + 1, 1)
            row = []
            for value, label in enumerate(self.text.answers):
                button = QPushButton(str(value))
                button.setCheckable(True)
                button.setObjectName(f"item{i + 1}_{value}")
                button.setToolTip(f"{label} ({value})")
                button.setAccessibleName(f"Item {i + 1}: {label}")
                button.setStyleSheet(BUTTON_STYLE)
                button.clicked.connect(lambda _c=False, i=i, v=value: self._clicked(i, v))
                grid.addWidget(button, i + 1, 2 + value, Qt.AlignCenter)
                row.append(button)
            self._buttons.append(row)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        footer = QHBoxLayout()
        self.total_label = QLabel()
        self.total_label.setObjectName("totalLabel")
        self.band_label = QLabel()
        self.band_label.setObjectName("bandLabel")
        self.clear_button = QPushButton("Clear answers")
        self.clear_button.setToolTip("Mark every item as not answered")
        self.clear_button.clicked.connect(self._clear)
        footer.addWidget(self.total_label)
        footer.addWidget(self.band_label)
        footer.addStretch(1)
        footer.addWidget(self.clear_button)
        outer.addLayout(footer)

    # -- state ----------------------------------------------------------------------------
    def responses(self) -> list[int | None]:
        return list(self._answers)

    def set_responses(self, responses: list | None) -> None:
        """Show stored answers (None: nothing recorded) without emitting a change."""
        self._answers = list(responses) if responses else [None] * self.instrument.items
        self._refresh()

    def answer(self, item: int, value: int | None) -> None:
        """Set item (1-based) as a user would; None clears it."""
        self._answers[item - 1] = value
        self._refresh()
        self.responses_changed.emit(self.responses())

    def _clicked(self, index: int, value: int) -> None:
        # A second click on the chosen answer takes it back: the item is not answered.
        self.answer(index + 1, None if self._answers[index] == value else value)

    def _clear(self) -> None:
        if any(a is not None for a in self._answers):
            self._answers = [None] * self.instrument.items
            self._refresh()
            self.responses_changed.emit(self.responses())

    def total(self) -> int | None:
        return scoring.total(self.instrument, self._answers)

    def band(self) -> str | None:
        return scoring.band(self.instrument, self.total())

    def risk(self) -> bool:
        return scoring.risk(self.instrument, self._answers)

    def _refresh(self) -> None:
        for index, row in enumerate(self._buttons):
            for value, button in enumerate(row):
                button.setChecked(self._answers[index] == value)
        risk_row = (self.instrument.risk_item or 0) - 1
        for index, label in enumerate(self._rows):
            flagged = index == risk_row and (self._answers[index] or 0) > 0
            label.setStyleSheet("color: #c62828; font-weight: bold;" if flagged else "")
        missing = sum(a is None for a in self._answers)
        total = self.total()
        if total is None:
            answered = self.instrument.items - missing
            self.total_label.setText(
                "No answers yet" if not answered else
                f"No total: {missing} item{'s' if missing != 1 else ''} not answered")
            self.total_label.setStyleSheet("color: #607d8b;")
            self.band_label.setText("")
            self.band_label.setStyleSheet("")
        else:
            self.total_label.setText(f"Total {total} of {self.instrument.maximum}")
            self.total_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
            band = self.band()
            self.band_label.setText(band.capitalize())
            self.band_label.setStyleSheet(
                f"color: #ffffff; background: {BAND_STYLE.get(band, '#607d8b')};"
                "border-radius: 8px; padding: 2px 10px; font-weight: bold;")
        self.clear_button.setEnabled(missing < self.instrument.items)
