"""The Inventory tab: the Interpersonal Circle beside a table of the same people."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ... import geometry as g
from ...services import clients, inventory
from ...services import sessions as session_service
from ...services.errors import IptError
from ..circle.export import export_image
from ..circle.view import CircleView
from ..dialogs.person import PersonDialog, changed_fields
from ..item_models.person_table_model import PERSON_ID_ROLE, RING, PersonTableModel

NOW = None
HINT = ("Click a ring to add someone there. Drag a person to another ring or along it. "
        "Double-click to open all their details. With the keyboard: Tab to a person, "
        "Up/Down for a closer/further ring, Left/Right along it, Delete to remove. "
        "Ctrl+Z undoes.")


class InventoryView(QWidget):
    """The circle, its table and its history for one client; every change is an intent."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("inventoryView")
        self.document = document
        self.client_id: int | None = None
        self.history: int | None = NOW  # None = now, k = as it was after session k
        self._fine_update = False
        self._syncing = False

        self.add_button = QPushButton("Add person…")
        self.add_button.setObjectName("addPersonButton")
        self.add_button.setToolTip("Add someone to the circle (or click on a ring)")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("removePersonButton")
        self.remove_button.setToolTip("Take the selected person off the circle (Ctrl+Z undoes)")
        self.history_combo = QComboBox()
        self.history_combo.setObjectName("inventoryHistory")
        self.history_combo.setAccessibleName("Show the circle as it was")
        self.history_combo.setMinimumContentsLength(16)
        self.compare_button = QPushButton("First vs now")
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setCheckable(True)
        self.compare_button.setToolTip("The first recorded circle beside today's, with "
                                       "who was added, moved or removed marked")
        self.fit_button = QPushButton("Zoom to fit")
        self.fit_button.setObjectName("zoomToFitButton")
        self.export_button = QPushButton("Export image…")
        self.export_button.setObjectName("exportCircleButton")
        bar = QHBoxLayout()
        for w in (self.add_button, self.remove_button):
            bar.addWidget(w)
        bar.addSpacing(16)
        shown = QLabel("Show:")
        shown.setBuddy(self.history_combo)
        bar.addWidget(shown)
        bar.addWidget(self.history_combo)
        bar.addWidget(self.compare_button)
        bar.addStretch(1)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.export_button)

        self.banner = QLabel()
        self.banner.setObjectName("inventoryBanner")
        self.banner.setProperty("role", "warning")
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.circle = CircleView()
        self.scene = self.circle.circle_scene()
        self.first_view = CircleView(name="circleFirst")
        self.now_view = CircleView(name="circleNow")
        self.first_caption, self.now_caption = QLabel(), QLabel("Now")
        compare = QWidget()
        row = QHBoxLayout(compare)
        row.setContentsMargins(0, 0, 0, 0)
        for caption, view in ((self.first_caption, self.first_view),
                              (self.now_caption, self.now_view)):
            col = QVBoxLayout()
            caption.setProperty("role", "section")
            caption.setAlignment(Qt.AlignCenter)
            col.addWidget(caption)
            col.addWidget(view, 1)
            row.addLayout(col, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.circle)
        self.stack.addWidget(compare)

        self.model = PersonTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("inventoryTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RING, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((130, 90, 64, 90, 110)):
            header.resizeSection(column, width)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("People in the inventory")

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([700, 300])
        self.splitter = splitter

        self.hint = QLabel(HINT)
        self.hint.setObjectName("inventoryHint")
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("inventoryStatus")
        self.status.setAccessibleName("Inventory status")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)
        self._wire()
        self.set_client(None)

    def _wire(self) -> None:
        d = self.document
        d.person_changed.connect(self._person_changed)
        d.inventory_changed.connect(self._inventory_changed)
        d.sessions_changed.connect(self._sessions_changed)
        d.client_changed.connect(self._client_changed)
        d.closed.connect(lambda: self.set_client(None))
        s = self.scene
        s.person_moved.connect(self._move)
        s.add_requested.connect(self.add_person)
        s.edit_requested.connect(self.edit_person)
        s.remove_requested.connect(self.remove_person)
        s.selected_person_changed.connect(self._scene_selected)
        s.person_focused.connect(lambda _pid, name: self.status.setText(name))
        for view in (self.first_view, self.now_view):
            view.circle_scene().edit_requested.connect(self.edit_person)
        self.table.selectionModel().selectionChanged.connect(self._table_selected)
        self.table.doubleClicked.connect(
            lambda index: self.edit_person(index.data(PERSON_ID_ROLE)))
        delete = QShortcut(QKeySequence.Delete, self.table, context=Qt.WidgetShortcut)
        delete.activated.connect(lambda: self.remove_person(self.selected_person()))
        self.add_button.clicked.connect(lambda: self.add_person(2, None))
        self.remove_button.clicked.connect(lambda: self.remove_person(self.selected_person()))
        self.history_combo.activated.connect(self._history_picked)
        self.compare_button.toggled.connect(lambda _on: self.reload())
        self.fit_button.clicked.connect(self._fit)
        self.export_button.clicked.connect(self._export_clicked)

    # -- client and history -----------------------------------------------------------
    def set_client(self, client_id: int | None) -> None:
        """Show this client's circle (None: an empty, disabled tab)."""
        self.client_id = client_id
        self.history = NOW
        self.compare_button.blockSignals(True)
        self.compare_button.setChecked(False)
        self.compare_button.blockSignals(False)
        for w in (self.add_button, self.remove_button, self.history_combo,
                  self.compare_button, self.export_button, self.circle, self.table):
            w.setEnabled(client_id is not None)
        self._client_changed(client_id)
        self._fill_history()
        self.reload()

    def editable(self) -> bool:
        return (self.client_id is not None and self.history is NOW and
                not self.compare_button.isChecked() and not self.document.read_only)

    def _client_changed(self, client_id) -> None:
        if client_id != self.client_id:
            return
        name = ""
        if client_id is not None:
            c = clients.client_dict(client_id)
            name = c["preferred_name"] or c["first_name"]
        for view in (self.circle, self.first_view, self.now_view):
            view.circle_scene().set_client_name(name)

    def _held_sessions(self) -> list[int]:
        if self.client_id is None:
            return []
        current = inventory.current_session_number(self.client_id)
        return [s["number"] for s in session_service.sessions(self.client_id)
                if s["number"] <= current]

    def _fill_history(self) -> None:
        combo = self.history_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Now", NOW)
        for number in self._held_sessions():
            combo.addItem(f"After session {number}", number)
        index = combo.findData(self.history) if self.history is not NOW else 0
        if index < 0:
            self.history, index = NOW, 0
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

    def show_history(self, session_number: int | None) -> None:
        """Show the circle as recorded after `session_number` (None: now, editable)."""
        self.history = session_number
        index = self.history_combo.findData(session_number) if session_number else 0
        self.history_combo.setCurrentIndex(max(index, 0))
        self.reload()

    def _history_picked(self, index: int) -> None:
        self.show_history(self.history_combo.itemData(index))

    def _first_recorded(self) -> tuple[int, list[dict]]:
        """The earliest session after which the circle had anyone on it."""
        for number in [0] + self._held_sessions():
            people = inventory.inventory_at(self.client_id, number)
            if people:
                return number, people
        return 0, []

    def reload(self) -> None:
        """Rebuild the diagram(s) and the table from the services."""
        comparing = self.compare_button.isChecked() and self.client_id is not None
        if self.client_id is None:
            people = []
        elif self.history is NOW or comparing:
            people = inventory.persons(self.client_id)
        else:
            people = inventory.inventory_at(self.client_id, self.history)
        selected = self.selected_person()
        self.stack.setCurrentIndex(1 if comparing else 0)
        if comparing:
            self._show_compare(people)
        else:
            self.scene.set_people(people, editable=self.editable())
        self.model.set_people(people)
        self.add_button.setEnabled(self.editable())
        self.remove_button.setEnabled(self.editable())
        self.history_combo.setEnabled(self.client_id is not None and not comparing)
        if self.history is not NOW and not comparing:
            self.banner.setText(f"The circle as it was after session {self.history}: read-only. "
                                "Choose \u201cNow\u201d to make changes.")
        self.banner.setVisible(self.history is not NOW and not comparing)
        self.hint.setVisible(self.editable())
        if selected is not None:
            self.select_person(selected)

    def _show_compare(self, now: list[dict]) -> None:
        number, first = self._first_recorded()
        marks = inventory.compare(first, now)
        before = {p["id"]: p for p in first}
        after = {p["id"]: p for p in now}
        first_marks, now_marks, moved_from = {}, {}, {}
        for pid, kind in marks.items():
            if kind == "removed":
                first_marks[pid] = ("removed", "removed since")
            elif kind == "added":
                now_marks[pid] = ("added", "added since")
            elif kind == "moved":
                old, new = before[pid], after[pid]
                first_marks[pid] = ("moved", f"now {g.RING_SHORT[new['ring']]}")
                now_marks[pid] = ("moved", f"was {g.RING_SHORT[old['ring']]}")
                moved_from[pid] = (old["ring"], old["angle"])
        self.first_caption.setText("First recorded" + (f" (after session {number})"
                                                       if number else " (before session 1)"))
        self.first_view.circle_scene().set_people(first, False, first_marks, mark_legend=True)
        self.now_view.circle_scene().set_people(now, False, now_marks, moved_from,
                                                mark_legend=True)
        for view in (self.first_view, self.now_view):
            view.zoom_to_fit()

    # -- document signals: refresh only what changed ---------------------------------
    def _person_changed(self, client_id: int, pid: int) -> None:
        if client_id != self.client_id:
            return
        if not self.editable():
            self.reload()
            self._fine_update = True
            return
        person = inventory.person_dict(pid)
        if person["deleted"]:
            self.scene.remove_person(pid)
            self.model.remove_person(pid)
        else:
            self.scene.upsert_person(person)
            self.model.upsert_person(person)
            self._scene_selected(self.scene.selected_person() or -1)
        self._fine_update = True

    def _inventory_changed(self, client_id: int) -> None:
        if client_id != self.client_id:
            return
        if self._fine_update:  # person_changed already refreshed the one person
            self._fine_update = False
        else:
            self.reload()

    def _sessions_changed(self, client_id: int) -> None:
        if client_id == self.client_id:
            self._fill_history()

    # -- selection kept in step ---------------------------------------------------------
    def selected_person(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].data(PERSON_ID_ROLE)
        return self.scene.selected_person()

    def select_person(self, pid: int | None) -> None:
        self.scene.select_person(pid)
        self._scene_selected(-1 if pid is None else pid)

    def _scene_selected(self, pid: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            row = self.model.row_of(pid) if pid >= 0 else None
            if row is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            self._syncing = False

    def _table_selected(self, *_args) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            rows = self.table.selectionModel().selectedRows()
            self.scene.select_person(rows[0].data(PERSON_ID_ROLE) if rows else None)
        finally:
            self._syncing = False

    # -- intents -------------------------------------------------------------------------
    def _exec(self, dialog: PersonDialog) -> bool:
        return dialog.exec() == PersonDialog.Accepted

    def add_person(self, ring: int = 2, angle: float | None = None) -> int | None:
        """Ask who, then place them on `ring` at `angle` (None: the widest free gap)."""
        if not self.editable():
            return None
        made = {}

        def apply(values: dict) -> None:
            values = dict(values)
            made["id"] = self.document.add_person(self.client_id, values.pop("name"),
                                                  values.pop("ring"), angle, **values)
        dialog = PersonDialog({"ring": ring}, apply, self)
        if self._exec(dialog) and "id" in made:
            self.select_person(made["id"])
            self.status.setText(f"Added {dialog.values()['name']} to the "
                                f"{g.RING_SHORT[dialog.values()['ring']]} circle.")
            return made["id"]
        return None

    def edit_person(self, pid: int | None) -> None:
        if pid is None or self.client_id is None:
            return
        if not self.editable():  # history: show what was recorded then, read-only
            shown = {}
            for view in (self.now_view, self.first_view, self.circle):
                shown.update({i.pid: i.person for i in view.circle_scene().items_by_id.values()})
            person = shown.get(pid) or inventory.person_dict(pid)
            self._exec(PersonDialog(person, None, self, read_only=True))
            return
        before = inventory.person_dict(pid)
        self._exec(PersonDialog(before, lambda values: self.document.edit_person(
            self.client_id, pid, changed_fields(before, values)), self))

    def remove_person(self, pid: int | None) -> None:
        if pid is None or not self.editable():
            return
        name = inventory.person_dict(pid)["name"]
        self._run(lambda: self.document.remove_person(self.client_id, pid))
        self.status.setText(f"Removed {name} from the circle. Ctrl+Z brings them back.")

    def _move(self, pid: int, ring: int, angle: float) -> None:
        if self._run(lambda: self.document.move_person(self.client_id, pid, ring, angle)):
            self.select_person(pid)
            item = self.scene.items_by_id.get(pid)
            if item is not None:
                item.setFocus()
        else:
            self.scene.relayout()  # put the node back where it is stored

    def _run(self, action) -> bool:
        try:
            action()
        except IptError as exc:
            QMessageBox.warning(self, "Not changed", exc.message)
            return False
        return True

    # -- zoom and export -----------------------------------------------------------------
    def _fit(self) -> None:
        for view in (self.circle, self.first_view, self.now_view):
            view.zoom_to_fit()

    def current_scene(self):
        """The scene an export saves: the one shown (today's in first-vs-now)."""
        return self.now_view.circle_scene() if self.stack.currentIndex() else self.scene

    def export_image(self, path) -> Path:
        """Save the circle shown as a .png or .svg file."""
        return export_image(self.current_scene(), path)

    def _export_clicked(self) -> None:
        name = self.scene.client_name or "client"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the circle as an image", f"circle-{name}.png",
            "PNG picture (*.png);;SVG drawing (*.svg)")
        if path:
            if self._run(lambda: self.export_image(path)):
                self.status.setText(f"Saved {Path(path).name}.")
