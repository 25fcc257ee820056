"""Search across every client's session notes; choosing a result opens that session."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...services import sessions
from ...services.errors import IptError

COLUMNS = ("Client", "Session", "Date", "Where the words appear")


def snippet_html(snippet: str) -> str:
    """The search snippet with the matched words in bold (the service marks them [ ])."""
    text = html.escape(snippet or "").replace("\n", " ")
    return text.replace("[", "<b style='background:#fff59d'>").replace("]", "</b>")


class NoteSearchDialog(QDialog):
    """A search field and its hits (client, session n, date, snippet)."""

    session_requested = Signal(int, int)  # client id, session id

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("noteSearchDialog")
        self.setWindowTitle("Search session notes")
        self.resize(760, 460)
        self.document = document
        layout = QVBoxLayout(self)
        self.field = QLineEdit()
        self.field.setObjectName("noteSearchField")
        self.field.setPlaceholderText("Words to find in any session's notes, e.g. sister "
                                      "birthday")
        self.field.setClearButtonEnabled(True)
        layout.addWidget(self.field)
        self.status = QLabel("Every word must appear; a word also finds longer words that "
                             "begin with it.")
        self.status.setObjectName("noteSearchStatus")
        self.status.setStyleSheet("color: #607d8b;")
        layout.addWidget(self.status)
        self.results = QTreeWidget()
        self.results.setObjectName("noteSearchResults")
        self.results.setHeaderLabels(COLUMNS)
        self.results.setRootIsDecorated(False)
        self.results.setAlternatingRowColors(True)
        self.results.setUniformRowHeights(True)
        header = self.results.header()
        header.setMinimumSectionSize(80)
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.Interactive)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.results.itemActivated.connect(self._activated)
        layout.addWidget(self.results, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Open).setText("Open session")
        buttons.accepted.connect(self.open_current)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self._enter)

    def search(self) -> int:
        """Run the search now; returns the number of hits shown."""
        self._timer.stop()
        # Text still being typed in an editor must be findable too.
        self.document.flush_requested.emit()
        text = self.field.text().strip()
        self.results.clear()
        if not text:
            self.status.setText("Type a word to search every session's notes.")
            return 0
        try:
            hits = sessions.search_notes(text)
        except IptError as exc:
            self.status.setText(exc.message)
            return 0
        for hit in hits:
            item = QTreeWidgetItem([hit["client_name"], f"Session {hit['number']}",
                                    f"{hit['date']}", ""])
            item.setData(0, Qt.UserRole, (hit["client_id"], hit["session_id"]))
            item.setToolTip(3, hit["snippet"])
            self.results.addTopLevelItem(item)
            label = QLabel(snippet_html(hit["snippet"]))
            label.setTextFormat(Qt.RichText)
            label.setAttribute(Qt.WA_TransparentForMouseEvents)
            self.results.setItemWidget(item, 3, label)
        for col in range(3):
            self.results.resizeColumnToContents(col)
            self.results.setColumnWidth(col, self.results.columnWidth(col) + 16)
        count = len(hits)
        self.status.setText(f"No session notes contain “{text}”." if not count else
                            f"{count} session{'s' if count != 1 else ''} found. "
                            "Double-click or press Enter to open one.")
        if count:
            self.results.setCurrentItem(self.results.topLevelItem(0))
        return count

    def _enter(self) -> None:
        if self._timer.isActive() or not self.results.topLevelItemCount():
            self.search()
        else:
            self.open_current()

    def open_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        client_id, session_id = item.data(0, Qt.UserRole)
        self.session_requested.emit(int(client_id), int(session_id))
