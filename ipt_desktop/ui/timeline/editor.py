"""The editor of one session: details, questionnaires, notes, incidents, inventory changes."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...models.entities import ATTENDANCE, PHASES
from ...services import clients, inventory, sessions
from ...services.errors import IptError, ValidationError
from . import scale as sc
from .debounce import Debouncer
from .incidents import IncidentsPanel
from .measure_entry import MeasureEntry
from .notes import NotesPanel

ERROR_STYLE = "color: #c62828;"
BANNER_STYLE = ("background: #d50000; color: #ffffff; font-weight: bold; font-size: 11pt;"
                "border-radius: 6px; padding: 8px 12px;")
CHANGE_WORDS = {"added": "Added", "changed": "Details changed:", "moved": "Moved",
                "removed": "Removed", "restored": "Brought back"}
RING_WORDS = {1: "inner ring", 2: "middle ring", 3: "outer ring"}


def _swatch(colour: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(colour if colour != "#ffffff" else sc.PLANNED_OUTLINE))
    return QIcon(pix)


class SessionEditor(QWidget):
    """Everything recorded about one session; every edit goes through a document intent."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("sessionEditor")
        self.document = document
        self.cid: int | None = None
        self.sid: int | None = None
        self.row: dict = {}
        self.debouncer = Debouncer(self._commit, self.report_error, self)
        self._build()
        self.setEnabled(False)

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.header = QLabel()
        self.header.setObjectName("sessionHeader")
        self.header.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.phase_chip = QLabel()
        self.phase_chip.setObjectName("phaseChip")
        head.addWidget(self.header)
        head.addWidget(self.phase_chip)
        head.addStretch(1)
        self.general_error = QLabel()
        self.general_error.setObjectName("sessionError")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        head.addWidget(self.general_error, 2)
        outer.addLayout(head)
        self.risk_banner = QLabel()
        self.risk_banner.setObjectName("riskBanner")
        self.risk_banner.setWordWrap(True)
        self.risk_banner.setStyleSheet(BANNER_STYLE)
        self.risk_banner.hide()
        outer.addWidget(self.risk_banner)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self._left())
        split.addWidget(self._right())
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        outer.addWidget(split, 1)

    def _left(self) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        details = QGroupBox("Session details")
        form = QFormLayout(details)
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        self.errors: dict[str, QLabel] = {}
        self.date = QDateEdit()
        self.date.setObjectName("sessionDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setMinimumWidth(170)
        self.date.dateChanged.connect(lambda d: self._typed("date", d.toPython().isoformat()))
        self.time = QLineEdit()
        self.time.setObjectName("sessionTime")
        self.time.setPlaceholderText("HH:MM, e.g. 14:30")
        self.time.setMaximumWidth(120)
        self.time.textEdited.connect(lambda t: self._typed("start_time", t))
        self.duration = QSpinBox()
        self.duration.setObjectName("sessionDuration")
        self.duration.setRange(5, 240)
        self.duration.setSuffix(" min")
        self.duration.valueChanged.connect(lambda v: self._typed("duration_minutes", v))
        self.attendance = QComboBox()
        self.attendance.setObjectName("sessionAttendance")
        for key in ATTENDANCE:
            self.attendance.addItem(_swatch(sc.ATTENDANCE_COLOURS[key]),
                                    sc.ATTENDANCE_LABELS[key], key)
        self.attendance.activated.connect(
            lambda i: self._set_now({"attendance": self.attendance.itemData(i)}))
        self.phase = QComboBox()
        self.phase.setObjectName("sessionPhase")
        self.phase.addItem("Automatic", None)
        for key in PHASES:
            self.phase.addItem(key.capitalize(), key)
        self.phase.setToolTip("The phase follows the session number and the contract; "
                              "choose one to override it for this session.")
        self.phase.activated.connect(
            lambda i: self._set_now({"phase_override": self.phase.itemData(i)}))
        for field, label, widget in (("date", "Date", self.date),
                                     ("start_time", "Time", self.time),
                                     ("duration_minutes", "Length", self.duration),
                                     ("attendance", "Attendance", self.attendance),
                                     ("phase_override", "Phase", self.phase)):
            form.addRow(f"{label}:", widget)
            error = QLabel()
            error.setObjectName(f"{field}Error")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            form.addRow("", error)
            self.errors[field] = error
        layout.addWidget(details)
        self.measure_tabs = QTabWidget()
        self.measure_tabs.setObjectName("measureTabs")
        self.entries = {}
        for name in ("PHQ-9", "GAD-7"):
            entry = MeasureEntry(name)
            entry.responses_changed.connect(lambda r, n=name: self._record(n, r))
            self.entries[name] = entry
            self.measure_tabs.addTab(entry, name)
        layout.addWidget(self.measure_tabs)
        layout.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        return area

    def _right(self) -> QWidget:
        self.notes = NotesPanel()
        self.notes.edited.connect(self._typed)
        self.incidents = IncidentsPanel(self.document, self.debouncer, self.report_error)
        self.notes.addTab(self.incidents, "Incidents")
        self.changes = QListWidget()
        self.changes.setObjectName("inventoryChanges")
        self.changes.setSelectionMode(QListWidget.NoSelection)
        self.notes.addTab(self.changes, "Inventory changes")
        return self.notes

    # -- loading ------------------------------------------------------------------------
    def load(self, cid: int | None, sid: int | None) -> None:
        """Open a session (None: nothing open); typing in the previous one is committed first."""
        self.debouncer.flush()
        self.cid, self.sid = cid, sid
        for label in (*self.errors.values(),):
            label.hide()
        self.general_error.clear()
        self.refresh()

    def refresh(self) -> None:
        """Re-read the open session; what is still being typed stays as typed."""
        rows = sessions.sessions(self.cid) if self.cid is not None else []
        row = next((r for r in rows if r["id"] == self.sid), None)
        # A vault opened read-only shows everything but takes no edits.
        self.setEnabled(row is not None and not self.document.read_only)
        if row is None:
            self.sid, self.row = None, {}
            self.header.setText("No session open")
            self.phase_chip.clear()
            self.risk_banner.hide()
            return
        self.row = row
        agreed = clients.contract_for(self.cid).sessions_agreed
        over = " — past the contract" if row["over_contract"] else ""
        self.header.setText(f"Session {row['number']} of {agreed}{over}")
        self.header.setStyleSheet("font-size: 14pt; font-weight: bold;" +
                                  (ERROR_STYLE if over else ""))
        colour = sc.PHASE_COLOURS.get(row["phase"], "#eceff1")
        self.phase_chip.setText(f"{row['phase'].capitalize()} phase")
        self.phase_chip.setStyleSheet(f"background: {colour}; border-radius: 9px; "
                                      "padding: 2px 10px; color: #37474f;")
        self._show_details(row, agreed)
        measures = {m["instrument"]: m for m in row["measures"]}
        for name, entry in self.entries.items():
            entry.set_responses(measures[name]["responses"] if name in measures else None)
            total = measures.get(name, {}).get("total")
            self.measure_tabs.setTabText(list(self.entries).index(name),
                                         name + (f" · {total}" if total is not None else ""))
        self._show_risk(measures.get("PHQ-9"))
        self.notes.set_values(row, lambda f: self.debouncer.is_pending(self._key(f)))
        self.incidents.load(self.cid, self.sid)
        self._show_changes(row["number"])

    def _show_details(self, row: dict, agreed: int) -> None:
        def put(widget, setter, value, field):
            if self.debouncer.is_pending(self._key(field)):
                return
            widget.blockSignals(True)
            setter(value)
            widget.blockSignals(False)
        put(self.date, self.date.setDate, QDate(row["date"]), "date")
        if self.time.text() != row["start_time"]:
            put(self.time, self.time.setText, row["start_time"], "start_time")
        put(self.duration, self.duration.setValue, row["duration_minutes"], "duration_minutes")
        self.attendance.setCurrentIndex(self.attendance.findData(row["attendance"]))
        self.phase.setItemText(0, f"Automatic ({self._derived_phase(row, agreed)})")
        self.phase.setCurrentIndex(max(0, self.phase.findData(row["phase_override"]))
                                   if row["phase_override"] else 0)

    def _derived_phase(self, row: dict, agreed: int) -> str:
        status = clients.client_dict(self.cid)["status"]
        return sessions.phases.phase_for(row["number"], agreed, status == "maintenance")

    def _show_risk(self, phq9: dict | None) -> None:
        risk = bool(phq9 and phq9.get("risk"))
        if risk:
            answer = self.entries["PHQ-9"].text.answers[phq9["responses"][8]]
            self.risk_banner.setText(
                f"⚠  RISK: PHQ-9 item 9 (thoughts of being better off dead or of self-harm) "
                f"was answered “{answer}”. Assess risk now and record the plan under "
                "Notes → Risk.")
        self.risk_banner.setVisible(risk)

    def _show_changes(self, number: int) -> None:
        self.changes.clear()
        for change in inventory.changes_in_session(self.cid, number):
            ring = RING_WORDS.get(change["ring"], "")
            where = f" ({ring})" if change["kind"] in ("added", "restored") else \
                f" to the {ring}" if change["kind"] == "moved" else ""
            self.changes.addItem(f"{change['at']:%H:%M}  {CHANGE_WORDS.get(change['kind'],
                                 change['kind'])} {change['name']}{where}")
        if not self.changes.count():
            self.changes.addItem("No change to the Interpersonal Inventory was recorded "
                                 "during this session.")

    # -- editing ------------------------------------------------------------------------
    def _key(self, field: str):
        return ("session", self.cid, self.sid, field)

    def _typed(self, field: str, value) -> None:
        if self.sid is not None:
            self.debouncer.changed(self._key(field), value)

    def _commit(self, key, value) -> None:
        if key[0] == "session":
            _, cid, sid, field = key
            self.document.edit_session(cid, sid, {field: value}, merge=True)
            if sid == self.sid and field in self.errors:
                self.errors[field].hide()
        else:
            _, iid, field = key
            self.document.edit_incident(self.cid, self.sid, iid, {field: value})

    def _set_now(self, fields: dict) -> None:
        self.debouncer.flush()
        try:
            self.document.edit_session(self.cid, self.sid, fields, merge=False)
        except IptError as exc:
            self.report_error(("session", self.cid, self.sid, next(iter(fields))), exc)
            self.refresh()

    def _record(self, instrument: str, responses: list) -> None:
        self.debouncer.flush()
        try:
            self.document.record_measure(self.cid, self.sid, instrument, responses)
        except IptError as exc:
            self.report_error(("measure", instrument), exc)

    def report_error(self, key, exc: IptError) -> None:
        """Show a refused value at its field; what was typed stays on screen to be corrected."""
        field = exc.field if isinstance(exc, ValidationError) else None
        if field not in self.errors and isinstance(key, tuple) and key[0] == "session":
            field = key[-1]
        label = self.errors.get(field)
        if label is not None:
            label.setText(exc.message)
            label.show()
        else:
            self.general_error.setText(exc.message)

    def session_date(self) -> dt.date | None:
        return self.row.get("date")
