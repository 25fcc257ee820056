"""The record area: the selected client's tabs, built per open document."""
from __future__ import annotations

import importlib

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget

from .icons import icon

# (key, tab title, module, class, icon): the order is the order of the tabs.
TABS = [
    ("overview", "Overview", "ipt_desktop.ui.views.overview", "OverviewView", "users"),
    ("inventory", "Inventory", "ipt_desktop.ui.views.inventory", "InventoryView", "circle"),
    ("sessions", "Sessions", "ipt_desktop.ui.views.sessions", "SessionsView", "calendar"),
    ("closing_plan", "Closing plan", "ipt_desktop.ui.views.closing_plan", "ClosingPlanView",
     "shield"),
    ("documents", "Documents", "ipt_desktop.ui.views.documents", "DocumentsView", "file-plus"),
]


def load_view(module: str, cls: str, document):
    """The tab's view; imported on first use so unlocking stays quick."""
    return getattr(importlib.import_module(module), cls)(document)


class RecordTabs(QTabWidget):
    """Overview, Inventory, Sessions, Closing plan, Documents for one client.

    A tab's view is built the first time it is shown (or a moment after unlock, one
    per idle tick), and told about a new client only when visible: unlocking and
    moving through the client list stay quick.
    """
    PREBUILD_DELAY_MS = 1500

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("recordTabs")
        self.setDocumentMode(True)
        self.document = document
        self.client_id: int | None = None
        self.views: dict[str, object] = {}
        self._shown: dict[str, object] = {}
        for key, title, _module, _cls, icon_name in TABS:
            holder = QScrollArea()
            holder.setObjectName(f"{key}Scroll")
            holder.setFrameShape(QFrame.NoFrame)
            holder.setWidgetResizable(True)  # a view that cannot shrink scrolls instead
            self.addTab(holder, icon(icon_name), title)
        self.currentChanged.connect(lambda _i: self._sync_current())
        # The first view is built by the first set_client(), which the window makes
        # after the client list has painted.
        QTimer.singleShot(self.PREBUILD_DELAY_MS, self._prebuild_next)

    def view(self, key: str):
        """The tab's view, built now if it has not been yet."""
        if key not in self.views:
            index = [k for k, *_ in TABS].index(key)
            _key, _title, module, cls, _icon = TABS[index]
            view = load_view(module, cls, self.document)
            view.setObjectName(view.objectName() or f"{key}View")
            self.views[key] = view
            self.widget(index).setWidget(view)
        return self.views[key]

    def _prebuild_next(self) -> None:
        for key, *_ in TABS:
            if key not in self.views:
                if self.document is not None:
                    self.view(key)
                    QTimer.singleShot(200, self._prebuild_next)
                return

    def key_of(self, index: int) -> str:
        return TABS[index][0]

    def index_of(self, name: str) -> int:
        wanted = name.strip().lower().replace(" ", "_")
        for i, (key, title, *_rest) in enumerate(TABS):
            if wanted in (key, title.lower().replace(" ", "_")):
                return i
        raise KeyError(f"No tab named {name!r}")

    def set_client(self, client_id: int | None) -> None:
        self.client_id = client_id
        self._sync_current()

    def _sync_current(self) -> None:
        key = self.key_of(self.currentIndex())
        view = self.view(key)
        if self._shown.get(key, -1) != self.client_id or self.client_id is None:
            self._shown[key] = self.client_id
            if hasattr(view, "set_client"):
                view.set_client(self.client_id)
        for other in list(self._shown):
            if other != key and self._shown[other] != self.client_id:
                self._shown[other] = -1  # stale: refreshed when shown

    def focus_first_control(self) -> None:
        """Keyboard focus to the first control of the current tab (Return in the list)."""
        page = self.currentWidget()
        widget = page.nextInFocusChain()
        while widget is not page:
            if page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() \
                    and widget.focusPolicy() & Qt.TabFocus \
                    and not isinstance(widget, QScrollArea):  # a page, not a control
                widget.setFocus(Qt.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def clear_all(self) -> None:
        """Every view forgets its client (before the document closes)."""
        self.document = None  # stops the prebuild
        for key, view in self.views.items():
            if hasattr(view, "set_client"):
                view.set_client(None)
            self._shown[key] = None
