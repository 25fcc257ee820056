"""The Sessions tab: the timeline across the contract, the symptom chart, and the open session."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services import clients, phases, sessions
from ...services.errors import IptError
from ..timeline.chart import SymptomChart
from ..timeline.editor import SessionEditor
from ..timeline.strip import TimelineStrip

PROMPT_STYLE = ("background: #fff3e0; color: #8a4b00; border: 1px solid #ffb74d;"
                "border-radius: 6px; padding: 6px 10px;")
WARNING_STYLE = ("background: #ffebee; color: #b71c1c; border: 1px solid #e57373;"
                 "border-radius: 6px; padding: 6px 10px; font-weight: bold;")
HELD = ("attended", "late", "missed", "cancelled")


def ending_prompt(rows: list[dict], agreed: int) -> str | None:
    """The reminder to raise the ending, 2-4 sessions before the contract runs out."""
    held = [r["number"] for r in rows if r["attendance"] in HELD]
    last = held[-1] if held else 0
    if not phases.ending_prompt_due(last, agreed):
        return None
    left = agreed - last
    first_concluding = agreed - phases.concluding_count(agreed) + 1
    return (f"{left} session{'s' if left != 1 else ''} left of {agreed}: raise the ending "
            f"with the client now. The concluding phase begins at session "
            f"{first_concluding}.")


def over_contract_warning(rows: list[dict], agreed: int) -> str | None:
    over = [r for r in rows if r["over_contract"]]
    if not over:
        return None
    numbers = ", ".join(str(r["number"]) for r in over[:6]) + ("…" if len(over) > 6 else "")
    return (f"Past the contract: the contract agreed {agreed} sessions, and session"
            f"{'s' if len(over) > 1 else ''} {numbers} go{'' if len(over) > 1 else 'es'} "
            "beyond it. Renegotiate the count with the client (record the amendment in the "
            "contract) or move to maintenance.")


class SessionsView(QWidget):
    """The Sessions tab for one client; views call document intents, never save rows."""

    # Re-emitted from the note search so the window can show that client too.
    session_requested = Signal(int, int)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("sessionsView")
        self.document = document
        self.cid: int | None = None
        self.rows: list[dict] = []
        self._build()
        document.sessions_changed.connect(self._changed)
        document.client_changed.connect(self._changed)
        document.inventory_changed.connect(self._inventory_changed)
        document.flush_requested.connect(self.editor.debouncer.flush)
        document.closed.connect(lambda: self.set_client(None))
        self.set_client(None)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("sessionsTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #607d8b;")
        heading = QHBoxLayout()  # its own row: the buttons must not set the view's width
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle, 1)
        self.subtitle.setWordWrap(True)
        layout.addLayout(heading)
        self.new_button = QPushButton("New session")
        self.new_button.setObjectName("newSessionButton")
        self.new_button.setToolTip("Add the next session, dated a week after the last "
                                   f"({QKeySequence('Ctrl+Shift+N').toString()})")
        self.new_button.clicked.connect(self.new_session)
        self.plan_button = QPushButton("Plan remaining sessions")
        self.plan_button.setObjectName("planSessionsButton")
        self.plan_button.setToolTip("Add planned sessions weekly up to the end of the contract")
        self.plan_button.clicked.connect(self.plan_remaining)
        self.remove_button = QPushButton("Remove last session")
        self.remove_button.clicked.connect(self.remove_last)
        self.search_button = QPushButton("Search notes…")
        self.search_button.clicked.connect(self.search_notes)
        for button in (self.new_button, self.plan_button, self.remove_button,
                       self.search_button):
            top.addWidget(button)
        top.addStretch(1)
        layout.addLayout(top)
        self.message = QLabel()
        self.message.setObjectName("sessionsMessage")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.prompt = QLabel()
        self.prompt.setObjectName("endingPrompt")
        self.prompt.setStyleSheet(PROMPT_STYLE)
        self.prompt.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("overContractWarning")
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setWordWrap(True)
        layout.addWidget(self.prompt)
        layout.addWidget(self.warning)
        card = QFrame()
        card.setObjectName("timelineCard")
        card.setStyleSheet("#timelineCard { background: #ffffff; border: 1px solid #dfe3e6; "
                           "border-radius: 8px; }")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(6, 6, 6, 6)
        self.timeline = TimelineStrip()
        self.chart = SymptomChart()
        self.timeline.session_clicked.connect(self.open_session)
        self.chart.session_clicked.connect(self.open_session)
        card_layout.addWidget(self.timeline)
        card_layout.addWidget(self.chart)
        self.editor = SessionEditor(self.document)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setStyleSheet("color: #607d8b; font-size: 11pt;")
        self.split = QSplitter(Qt.Vertical)
        self.split.addWidget(card)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.empty)
        lower_layout.addWidget(self.editor, 1)
        self.split.addWidget(lower)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        layout.addWidget(self.split, 1)

    # -- public API -----------------------------------------------------------------------
    def set_client(self, client_id: int | None) -> None:
        """Show a client's sessions (None: no client); the latest held session opens."""
        self.editor.debouncer.flush()
        self.cid = client_id
        self._reload()
        held = [r for r in self.rows if r["attendance"] != "planned"]
        chosen = (held or self.rows)[-1]["id"] if self.rows else None
        self.open_session(chosen)

    def new_session(self) -> int | None:
        """Add the next session (numbered, a week after the last) and open it."""
        if self.cid is None:
            return None
        self.editor.debouncer.flush()
        proposed = sessions.next_session_defaults(self.cid)["date"]
        attendance = "attended" if proposed <= dt.date.today() else "planned"
        try:
            sid = self.document.add_session(self.cid, attendance=attendance)
        except IptError as exc:
            self._say(exc.message)
            return None
        self.open_session(sid)
        self.editor.date.setFocus(Qt.ShortcutFocusReason)
        return sid

    def open_session(self, session_id: int | None) -> None:
        """Select a session on the timeline and open it in the editor."""
        if session_id is not None and not any(r["id"] == session_id for r in self.rows):
            return
        self.editor.load(self.cid, session_id)
        self.timeline.set_selected(session_id)
        self.chart.set_selected(session_id)
        self._update_empty()

    def current_session(self) -> int | None:
        return self.editor.sid

    def plan_remaining(self) -> int:
        """Planned sessions, one a week, up to the contract's count: one undoable step."""
        if self.cid is None:
            return 0
        self.editor.debouncer.flush()
        agreed = clients.contract_for(self.cid).sessions_agreed
        missing = agreed - (self.rows[-1]["number"] if self.rows else 0)
        if missing <= 0:
            self._say(f"All {agreed} sessions of the contract are already on the timeline.")
            return 0
        stack = self.document.undo_stack
        stack.beginMacro(f"Plan {missing} sessions")
        try:
            for _ in range(missing):
                self.document.add_session(self.cid, attendance="planned")
        except IptError as exc:
            self._say(exc.message)
        finally:
            stack.endMacro()
        self._say("")
        return missing

    def remove_last(self) -> None:
        if self.cid is None or not self.rows:
            return
        self.editor.debouncer.flush()
        last = self.rows[-1]
        try:
            self.document.remove_session(self.cid, last["id"])
        except IptError as exc:
            self._say(exc.message)
            return
        self._say(f"Session {last['number']} removed (Undo brings it back).")
        if self.editor.sid == last["id"]:
            self.open_session(self.rows[-1]["id"] if self.rows else None)

    def search_notes(self) -> None:
        from ..dialogs.note_search import NoteSearchDialog
        dialog = NoteSearchDialog(self.document, self)
        dialog.session_requested.connect(self._search_hit)
        dialog.show()

    def _search_hit(self, client_id: int, session_id: int) -> None:
        if client_id != self.cid:
            self.set_client(client_id)
        self.open_session(session_id)
        self.session_requested.emit(client_id, session_id)

    # -- refresh ------------------------------------------------------------------------
    def _changed(self, client_id: int) -> None:
        if client_id == self.cid:
            self._reload()
            if self.editor.sid is not None and not any(r["id"] == self.editor.sid
                                                       for r in self.rows):
                self.open_session(self.rows[-1]["id"] if self.rows else None)
            else:
                self.editor.refresh()
            self._update_empty()

    def _inventory_changed(self, client_id: int) -> None:
        if client_id == self.cid and self.editor.sid is not None:
            self.editor.refresh()

    def _reload(self) -> None:
        has = self.cid is not None
        for button in (self.new_button, self.plan_button, self.remove_button):
            button.setEnabled(has and not self.document.read_only)
        if not has:
            self.rows = []
            self.title.setText("No client chosen")
            self.subtitle.clear()
            self.prompt.hide()
            self.warning.hide()
            self.timeline.set_data([], 16)
            self.chart.set_data([], 16)
            return
        client = clients.client_dict(self.cid)
        contract = clients.contract_for(self.cid)
        agreed = contract.sessions_agreed
        self.rows = sessions.sessions(self.cid)
        held = sum(r["attendance"] in ("attended", "late") for r in self.rows)
        planned = sum(r["attendance"] == "planned" for r in self.rows)
        self.title.setText(clients.full_name(client["first_name"], client["last_name"],
                                             client["preferred_name"]))
        self.subtitle.setText(f"{held} attended of {agreed} agreed"
                              + (f" · {planned} planned" if planned else "")
                              + f" · {contract.session_minutes} min {contract.frequency}")
        self.remove_button.setEnabled(bool(self.rows) and not self.document.read_only)
        self.timeline.set_data(self.rows, agreed, clients.amendments(self.cid),
                               client["status"] == "maintenance")
        self.chart.set_data(self.rows, agreed)
        for label, text in ((self.prompt, ending_prompt(self.rows, agreed)),
                            (self.warning, over_contract_warning(self.rows, agreed))):
            label.setText(text or "")
            label.setVisible(bool(text))

    def _update_empty(self) -> None:
        if self.cid is None:
            text = "Choose a client to see their sessions."
        elif not self.rows:
            text = "No sessions yet. Add the first with New session (Ctrl+Shift+N)."
        else:
            text = ""
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self.editor.setVisible(self.editor.sid is not None)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
