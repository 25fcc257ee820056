"""The Overview's medication card: current and past medicines with every dated change."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTreeWidget, QTreeWidgetItem

from ...services import clients
from ...services.common import today
from ..icons import icon
from ..dialogs.form import FormDialog
from ..widgets import Card

KIND_TEXT = {"start": "Started", "dose": "Dose changed", "stop": "Stopped"}


def _date(value) -> str:
    return value.strftime("%d %b %Y") if value else ""


class MedicationsCard(Card):
    """Add, change dose, stop: each one dated and undoable; the history stays visible."""

    def __init__(self, document, on_error, parent=None):
        super().__init__("Medication", parent, object_name="medicationsCard")
        self.document, self.on_error = document, on_error
        self.client_id: int | None = None
        self.tree = QTreeWidget()
        self.tree.setObjectName("medicationList")
        self.tree.setAccessibleName("Medications and their changes")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Medication", "Dose", "Prescriber", "Since / until"])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setMinimumHeight(120)
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 140)
        self.tree.setColumnWidth(2, 180)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.outer.addWidget(self.tree)
        row = QHBoxLayout()
        self.add_button = QPushButton(icon("plus"), "Add...")
        self.add_button.setObjectName("addMedication")
        self.add_button.clicked.connect(self.add)
        self.dose_button = QPushButton(icon("edit"), "Change dose...")
        self.dose_button.setObjectName("changeDose")
        self.dose_button.clicked.connect(self.change_dose)
        self.stop_button = QPushButton(icon("stop"), "Stop...")
        self.stop_button.setObjectName("stopMedication")
        self.stop_button.clicked.connect(self.stop)
        for b in (self.add_button, self.dose_button, self.stop_button):
            row.addWidget(b)
        row.addStretch(1)
        self.outer.addLayout(row)
        self._update_buttons()

    def flush(self) -> None:
        """Nothing typed here is pending: edits go through dialogs."""

    def set_client(self, client_id: int | None) -> None:
        self.client_id = client_id
        self.refresh()

    def selected(self) -> dict | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, Qt.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        med = self.selected()
        active = med is not None and not med["stopped_on"]
        self.dose_button.setEnabled(active)
        self.stop_button.setEnabled(active)

    def refresh(self) -> None:
        keep = (self.selected() or {}).get("id")
        self.tree.clear()
        if self.client_id is None:
            return
        meds = clients.medications(self.client_id)
        for med in meds:
            stopped = bool(med["stopped_on"])
            when = f"{_date(med['started_on'])} – {_date(med['stopped_on'])}" if stopped \
                else f"since {_date(med['started_on'])}"
            item = QTreeWidgetItem([med["name"], med["dose"], med["prescriber"], when])
            item.setData(0, Qt.UserRole, med)
            if stopped:
                for col in range(4):
                    item.setForeground(col, Qt.gray)
                item.setText(0, f"{med['name']} (stopped)")
            for change in med["changes"]:
                text = KIND_TEXT.get(change["kind"], change["kind"])
                child = QTreeWidgetItem([text, change["dose"], change["note"],
                                         _date(change["date"])])
                for col in range(4):
                    child.setForeground(col, Qt.darkGray)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            if med["id"] == keep:
                self.tree.setCurrentItem(item)
        if not meds:
            placeholder = QTreeWidgetItem(["No medication recorded", "", "", ""])
            placeholder.setFlags(Qt.NoItemFlags)
            self.tree.addTopLevelItem(placeholder)
        self._update_buttons()

    def add(self) -> None:
        if self.client_id is None:
            return
        dlg = FormDialog("Add medication", lambda v: self.document.add_medication(
            self.client_id, v["name"], dose=v["dose"], prescriber=v["prescriber"],
            started_on=v["started_on"] or None), self, ok_text="Add",
            object_name="medicationDialog")
        dlg.add_line("name", "Medication:")
        dlg.add_line("dose", "Dose:", placeholder="e.g. 50 mg once a day")
        dlg.add_line("prescriber", "Prescriber:")
        dlg.add_line("started_on", "Started on:", today().isoformat(), "YYYY-MM-DD")
        dlg.exec()

    def change_dose(self) -> None:
        med = self.selected()
        if med is None:
            return
        dlg = FormDialog(f"Change dose of {med['name']}", lambda v: self.document.change_dose(
            self.client_id, med["id"], v["dose"], v["date"] or None), self,
            ok_text="Record change", object_name="doseDialog",
            intro=f"Current dose: {med['dose'] or 'not recorded'}.")
        dlg.add_line("dose", "New dose:")
        dlg.add_line("date", "From:", today().isoformat(), "YYYY-MM-DD")
        dlg.exec()

    def stop(self) -> None:
        med = self.selected()
        if med is None:
            return
        dlg = FormDialog(f"Stop {med['name']}", lambda v: self.document.stop_medication(
            self.client_id, med["id"], v["date"] or None), self, ok_text="Record stop",
            object_name="stopDialog")
        dlg.add_line("date", "Stopped on:", today().isoformat(), "YYYY-MM-DD")
        dlg.exec()
