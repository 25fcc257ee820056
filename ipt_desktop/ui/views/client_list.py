"""The left pane: search, status filter and the client table."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..icons import icon
from ..item_models.client_table_model import (
    CLIENT_ID_ROLE,
    LAST,
    NAME,
    NEXT,
    PHASE,
    PHQ9,
    RISK,
    SESSION,
    STATUS,
    STATUS_FILTERS,
    ClientTableModel,
)
from ..style import MUTED


def _widget_shortcut(widget, key, slot) -> QShortcut:
    """A key that acts only while `widget` has focus (not window-wide)."""
    shortcut = QShortcut(QKeySequence(key), widget)
    shortcut.setContext(Qt.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class ChipDelegate(QStyledItemDelegate):
    """Band and risk colours drawn as a rounded chip that stays visible on a selected row."""

    def paint(self, painter, option, index):
        background = index.data(Qt.BackgroundRole)
        if background is None:
            return super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.backgroundBrush = QBrush()
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        rect = option.rect.adjusted(5, 4, -5, -4)
        painter.setPen(Qt.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 5, 5)
        painter.setPen(index.data(Qt.ForegroundRole) or option.palette.text().color())
        font = index.data(Qt.FontRole)
        if font is not None:
            painter.setFont(font)
        painter.drawText(rect, Qt.AlignCenter, index.data(Qt.DisplayRole) or "")
        painter.restore()


class ClientTableView(QTableView):
    """The table, with a quiet message painted in place of rows when there are none."""
    return_pressed = Signal()

    def keyPressEvent(self, event):  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.currentIndex().isValid():
            self.return_pressed.emit()
            return
        super().keyPressEvent(event)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.empty_message = ""

    def paintEvent(self, event):  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.empty_message:
            painter = QPainter(self.viewport())
            painter.setPen(Qt.GlobalColor.gray)
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.setOpacity(0.65)
            rect = self.viewport().rect().adjusted(24, 40, -24, -24)
            painter.drawText(rect, Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap,
                             self.empty_message)
            painter.end()


class ClientListView(QWidget):
    """Search and filter the clients; `client_selected` says which one is chosen."""
    client_selected = Signal(object)  # int or None
    new_client_requested = Signal()
    open_requested = Signal()  # Return on a row: go to the record

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ClientTableModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 6, 10)
        layout.setSpacing(8)

        header = QHBoxLayout()
        title = QLabel("Clients")
        title.setProperty("role", "title")
        header.addWidget(title)
        header.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        self.count_label.setObjectName("clientCount")
        header.addWidget(self.count_label)
        self.new_button = QPushButton(icon("user-plus", "#ffffff"), " New client")
        self.new_button.setObjectName("newClientButton")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip(f"Add a client ({QKeySequence(QKeySequence.New).toString(QKeySequence.NativeText)})")
        self.new_button.clicked.connect(self.new_client_requested)
        header.addWidget(self.new_button)
        layout.addLayout(header)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText("Search by name or code")
        self.search.setAccessibleName("Search clients")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search", MUTED), QLineEdit.LeadingPosition)
        self.search.textChanged.connect(self._search_changed)
        filters.addWidget(self.search, 1)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.setAccessibleName("Show clients with status")
        for value, label in STATUS_FILTERS:
            self.status.addItem(label, value)
        self.status.currentIndexChanged.connect(self._status_changed)
        filters.addWidget(self.status)
        layout.addLayout(filters)

        self.table = ClientTableView()
        self.table.setObjectName("clientList")
        self.table.setAccessibleName("Client list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionResizeMode(QHeaderView.Interactive)
        head.setStretchLastSection(False)
        for col, width in ((NAME, 170), (STATUS, 96), (PHASE, 80), (SESSION, 76),
                           (PHQ9, 62), (RISK, 62), (LAST, 72), (NEXT, 72)):
            self.table.setColumnWidth(col, width)
        head.setSectionResizeMode(NAME, QHeaderView.Stretch)
        self.chips = ChipDelegate(self.table)
        self.table.setItemDelegateForColumn(PHQ9, self.chips)
        self.table.setItemDelegateForColumn(RISK, self.chips)
        self.table.setColumnHidden(STATUS, True)  # the default filter shows one status
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        layout.addWidget(self.table, 1)
        self.model.layoutChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.table.return_pressed.connect(self.open_requested)
        self.table.doubleClicked.connect(lambda _i: self.open_requested.emit())
        # Down from the search box walks into the list without reaching for the mouse.
        _widget_shortcut(self.search, Qt.Key_Down, self._into_table)
        _widget_shortcut(self.search, Qt.Key_Return, self._into_table)
        # Escape in the search box clears it: the quickest way back to the whole list.
        _widget_shortcut(self.search, Qt.Key_Escape, self.search.clear)
        self._update_count()

    def _into_table(self) -> None:
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self.select(self.model.client_id(0))
            self.table.setFocus()

    # -- filter ---------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._after_filter()

    def _status_changed(self, _index: int) -> None:
        self.model.set_status_filter(self.status.currentData())
        # With one status shown the column would repeat it on every row: room for names.
        self.table.setColumnHidden(STATUS, self.status.currentData() != "all")
        self._after_filter()

    def set_status_filter(self, status: str) -> None:
        self.status.setCurrentIndex(self.status.findData(status))

    def _after_filter(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() and self.model.rowCount() == 1:
            self.select(self.model.client_id(0))

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count
        self.count_label.setText(f"{shown} of {total}" if shown != total else f"{total}")
        if total == 0:
            self.table.empty_message = "No clients yet.\nAdd your first client with New client."
        elif shown == 0:
            self.table.empty_message = "No clients match.\nTry another search or status."
        else:
            self.table.empty_message = ""
        self.table.viewport().update()

    # -- rows and selection -------------------------------------------------------------
    def set_rows(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        self._update_count()

    def update_row(self, client_id: int, row: dict | None) -> None:
        self.model.update_row(client_id, row)
        self._update_count()

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_search("")
        self.model.clear()
        self._update_count()

    def _current_changed(self, current, _previous) -> None:
        self.client_selected.emit(current.data(CLIENT_ID_ROLE) if current.isValid() else None)

    def current_client_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(CLIENT_ID_ROLE) if index.isValid() else None

    def select(self, client_id: int | None) -> bool:
        """Make a client current; widens the status filter if it hides them."""
        if client_id is None:
            self.table.selectionModel().clearCurrentIndex()
            self.table.clearSelection()
            return True
        row = self.model.row_of(client_id)
        if row < 0 and self.model.contains(client_id):
            self.search.clear()
            status = next(r["status"] for r in self.model._rows if r["id"] == client_id)
            if self.model.status_filter not in ("all", status):
                self.set_status_filter(status)
            row = self.model.row_of(client_id)
        if row < 0:
            return False
        index = self.model.index(row, NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.scrollTo(index)
        return True
