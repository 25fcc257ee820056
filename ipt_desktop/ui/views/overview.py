"""The Overview tab: who the client is, the contract, medications, foci and formulation.

Every field commits as you type through a document intent; refusals are shown at the
field; the document's signals bring the page back in step after undo and redo.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...models.entities import CLIENT_STATUSES
from ...services import clients, phases, sessions
from ...services.errors import IptError
from ..icons import icon
from ..style import RISK_BG, RISK_TEXT
from ..widgets import Card, FieldGroup
from .overview_foci import FociCard, FormulationCard
from .overview_medications import MedicationsCard


class OverviewView(QWidget):
    """The selected client's summary and every fact that is not a session."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("overview")
        self.document = document
        self.client_id: int | None = None
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        empty = QLabel("Choose a client on the left, or add one with New client.")
        empty.setObjectName("overviewEmpty")
        empty.setAlignment(Qt.AlignCenter)
        empty.setProperty("role", "muted")
        self.stack.addWidget(empty)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.stack.addWidget(self.scroll)
        page = QWidget()
        page.setObjectName("overviewPage")
        self.scroll.setWidget(page)
        body = QVBoxLayout(page)
        body.setContentsMargins(16, 14, 16, 18)
        body.setSpacing(12)
        body.addLayout(self._header())
        self.risk_banner = QLabel()
        self.risk_banner.setObjectName("riskBanner")
        self.risk_banner.setWordWrap(True)
        self.risk_banner.setStyleSheet(f"background: {RISK_BG}; color: {RISK_TEXT}; "
                                       "border-radius: 6px; padding: 8px 12px; "
                                       "font-weight: 600;")
        self.risk_banner.hide()
        body.addWidget(self.risk_banner)

        self.client_fields = FieldGroup(self._edit_client, self._error)
        self.contract_fields = FieldGroup(self._edit_contract, self._error)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(12)
        right.setSpacing(12)
        left.addWidget(self._identity_card())
        left.addStretch(1)
        right.addWidget(self._contract_card())
        right.addWidget(self._referral_card())
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        body.addLayout(columns)
        self.medications = MedicationsCard(document, self._error)
        body.addWidget(self.medications)
        self.foci = FociCard(document, self._error)
        body.addWidget(self.foci)
        self.formulation = FormulationCard(document, self._error)
        body.addWidget(self.formulation)
        body.addStretch(1)

        document.client_changed.connect(self._client_changed)
        document.sessions_changed.connect(self._client_changed)
        document.flush_requested.connect(self.flush)

    # -- building ---------------------------------------------------------------------
    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        names = QVBoxLayout()
        names.setSpacing(2)
        self.title = QLabel()
        self.title.setObjectName("clientTitle")
        self.title.setProperty("role", "title")
        self.title.setStyleSheet("font-size: 18pt;")
        names.addWidget(self.title)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("clientSubtitle")
        self.subtitle.setProperty("role", "subtitle")
        names.addWidget(self.subtitle)
        row.addLayout(names, 1)
        self.status_chip = QLabel()
        self.status_chip.setObjectName("statusChip")
        self.status_chip.setProperty("role", "chip")
        row.addWidget(self.status_chip, 0, Qt.AlignTop)
        self.archive_button = QPushButton(icon("archive"), "Archive")
        self.archive_button.setObjectName("archiveButton")
        self.archive_button.clicked.connect(self._toggle_archive)
        row.addWidget(self.archive_button, 0, Qt.AlignTop)
        return row

    def _identity_card(self) -> Card:
        g = self.client_fields
        card = Card("Identity and contacts", object_name="identityCard")
        form = card.form()
        form.addRow("First name:", g.line("first_name", "First name"))
        form.addRow("Last name:", g.line("last_name", "Last name"))
        form.addRow("Preferred name:", g.line("preferred_name", "Preferred name"))
        form.addRow("Pronouns:", g.line("pronouns", "Pronouns"))
        form.addRow("Date of birth:", g.date("date_of_birth", "Date of birth"))
        form.addRow("Reference:", g.line("code", "Practice reference"))
        form.addRow("Status:", g.combo("status", "Status",
                                       [(s, s.capitalize()) for s in CLIENT_STATUSES]))
        form.addRow("Phone:", g.line("phone", "Phone"))
        form.addRow("Email:", g.line("email", "Email"))
        form.addRow("Address:", g.text("address", "Address", lines=2))
        sub = QLabel("Emergency contact")
        sub.setProperty("role", "section")
        form.addRow(sub)
        form.addRow("Name:", g.line("emergency_name", "Emergency contact name"))
        form.addRow("Relation:", g.line("emergency_relation", "Emergency contact relation"))
        form.addRow("Phone:", g.line("emergency_phone", "Emergency contact phone"))
        form.addRow("Notes:", g.text("notes", "Notes about the client", lines=2))
        return card

    def _referral_card(self) -> Card:
        g = self.client_fields
        card = Card("Referral and GP", object_name="referralCard")
        form = card.form()
        form.addRow("Referred by:", g.line("referrer_name", "Referrer"))
        form.addRow("Referrer details:", g.text("referrer_details", "Referrer details", lines=2))
        form.addRow("Referral date:", g.date("referral_date", "Referral date"))
        form.addRow("Reason:", g.text("referral_reason", "Reason for referral", lines=2))
        form.addRow("GP:", g.line("gp_name", "GP name"))
        form.addRow("GP details:", g.text("gp_details", "GP details", lines=2))
        return card

    def _contract_card(self) -> Card:
        g = self.contract_fields
        card = Card("Treatment contract", object_name="contractCard")
        form = card.form()
        count_row = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("sessionsAgreed")
        self.count_label.setStyleSheet("font-weight: 600;")
        count_row.addWidget(self.count_label)
        count_row.addStretch(1)
        self.renegotiate_button = QPushButton("Renegotiate...")
        self.renegotiate_button.setObjectName("renegotiateButton")
        self.renegotiate_button.clicked.connect(self.renegotiate)
        count_row.addWidget(self.renegotiate_button)
        form.addRow("Sessions agreed:", count_row)
        self.contract_warning = QLabel()
        self.contract_warning.setObjectName("contractWarning")
        self.contract_warning.setProperty("role", "warning")
        self.contract_warning.setWordWrap(True)
        form.addRow("", self.contract_warning)
        form.addRow("Session length:", g.spin("session_minutes", "Session length", 10, 180,
                                              " min"))
        form.addRow("Frequency:", g.line("frequency", "Frequency", "weekly"))
        form.addRow("Start date:", g.date("start_date", "Contract start date"))
        form.addRow("Agreed on:", g.date("agreed_on", "Contract agreed on"))
        form.addRow("Missed sessions:", g.text("missed_policy", "Missed-session arrangement",
                                               "What happens when a session is missed", 2))
        form.addRow("Lateness:", g.text("lateness_policy", "Lateness arrangement",
                                        "What happens when the client is late", 2))
        self.amendments = QLabel()
        self.amendments.setObjectName("amendmentHistory")
        self.amendments.setWordWrap(True)
        self.amendments.setTextFormat(Qt.RichText)
        form.addRow("Changes:", self.amendments)
        return card

    # -- intents ------------------------------------------------------------------------
    def _edit_client(self, fields: dict) -> None:
        self.document.edit_client(self.client_id, fields)

    def _edit_contract(self, fields: dict) -> None:
        self.document.edit_contract(self.client_id, fields)

    def _error(self, message: str) -> None:
        QMessageBox.warning(self, "Not saved", message)

    def renegotiate(self) -> None:
        if self.client_id is None:
            return
        from ..dialogs.renegotiate import RenegotiateDialog
        RenegotiateDialog(self.document, self.client_id, self).exec()

    def _toggle_archive(self) -> None:
        if self.client_id is None:
            return
        status = clients.client_dict(self.client_id)["status"]
        try:
            self.document.set_status(self.client_id,
                                     "active" if status == "archived" else "archived")
        except IptError as exc:
            self._error(exc.message)

    # -- showing ----------------------------------------------------------------------------
    def flush(self) -> None:
        """Commit typing in progress (before lock, undo, or switching client)."""
        for group in (self.client_fields, self.contract_fields):
            group.flush()
        self.medications.flush()
        self.foci.flush()
        self.formulation.flush()

    def set_client(self, client_id: int | None) -> None:
        if client_id != self.client_id and self.client_id is not None:
            self.flush()
        self.client_id = client_id
        for group in (self.client_fields, self.contract_fields):
            group.clear_errors()
        self.foci.set_client(client_id)
        self.medications.set_client(client_id)
        self.formulation.set_client(client_id)
        if client_id is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self.scroll.verticalScrollBar().setValue(0)
        self.refresh()

    def _client_changed(self, client_id: int) -> None:
        if client_id == self.client_id:
            self.refresh()

    def refresh(self) -> None:
        if self.client_id is None:
            return
        try:
            row = clients.client_dict(self.client_id)
        except Exception:  # noqa: BLE001 - deleted under us: show the empty page
            self.set_client(None)
            return
        contract = clients.contract_for(self.client_id)
        self.client_fields.load(row)
        self.contract_fields.load({n: getattr(contract, n) for n in clients.CONTRACT_FIELDS})
        name = clients.full_name(row["first_name"], row["last_name"], row["preferred_name"])
        self.title.setText(name)
        held = self._held()
        parts = [row["code"]]
        if row["date_of_birth"]:
            parts.append(f"born {row['date_of_birth']:%d %b %Y}")
        if held:
            phase = phases.phase_for(held, contract.sessions_agreed,
                                     row["status"] == "maintenance")
            parts.append(f"session {held} of {contract.sessions_agreed} · {phase} phase")
        else:
            parts.append(f"{contract.sessions_agreed} sessions agreed, none held yet")
        phq = [m for m in sessions.measures(self.client_id, "PHQ-9") if m["total"] is not None
               or m["risk"]]
        if phq and phq[-1]["total"] is not None:
            parts.append(f"last PHQ-9 {phq[-1]['total']} ({phq[-1]['band']})")
        self.subtitle.setText("  ·  ".join(p for p in parts if p))
        risk = bool(phq) and phq[-1]["risk"]
        self.risk_banner.setVisible(risk)
        if risk:
            self.risk_banner.setText(
                f"⚠  At the last PHQ-9 ({phq[-1]['taken_on']:%d %b %Y}) the answer about "
                "thoughts of self-harm was above 0. Ask about safety at the next contact.")
        self.status_chip.setText(row["status"].capitalize())
        archived = row["status"] == "archived"
        self.archive_button.setText("Restore" if archived else "Archive")
        self.archive_button.setIcon(icon("restore" if archived else "archive"))
        self.archive_button.setToolTip("Bring the client back to the active list" if archived
                                       else "Hide the client from the active list; nothing "
                                            "is deleted")
        self.count_label.setText(f"{contract.sessions_agreed} sessions")
        warning = clients.contract_warning(contract.sessions_agreed)
        self.contract_warning.setText(warning or "")
        self.contract_warning.setVisible(bool(warning))
        self._show_amendments()
        self.foci.refresh()
        self.medications.refresh()
        self.formulation.refresh()

    def _held(self) -> int:
        held = [s["number"] for s in sessions.sessions(self.client_id)
                if s["attendance"] != "planned"]
        return max(held, default=0)

    def _show_amendments(self) -> None:
        items = clients.amendments(self.client_id)
        if not items:
            self.amendments.setText("<span style='color:#5f6c7b'>None: the contract is as "
                                    "first agreed.</span>")
            return
        lines = [f"{a['date']:%d %b %Y}: {a['old_count']} → <b>{a['new_count']}</b> "
                 f"sessions — {_escape(a['reason'])}" for a in items]
        self.amendments.setText("<br>".join(lines))


def _escape(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
