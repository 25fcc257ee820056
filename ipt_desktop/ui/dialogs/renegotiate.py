"""Renegotiate the contract: a dated, reasoned change of the number of sessions."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ...services import clients
from ...services.common import today
from .form import FormDialog


class RenegotiateDialog(FormDialog):
    """Records an amendment (date, old and new count, reason) through the document."""

    def __init__(self, document, client_id: int, parent=None):
        self.current = clients.contract_for(client_id).sessions_agreed
        super().__init__("Renegotiate the contract", self._submit, parent,
                         ok_text="Record change", object_name="renegotiateDialog",
                         intro=f"The contract is for {self.current} sessions. IPT keeps to the "
                               "agreed number unless you and the client decide together to "
                               "change it; the change is recorded with its reason.")
        self.document, self.client_id = document, client_id
        self.add_line("date", "Agreed on:", today().isoformat(), "YYYY-MM-DD")
        spin = self.add_spin("new_count", "New number of sessions:", self.current, 1,
                             clients.MAX_CONTRACT)
        self.warning = QLabel()
        self.warning.setObjectName("contractWarning")
        self.warning.setProperty("role", "warning")
        self.warning.setWordWrap(True)
        self.form.addRow("", self.warning)
        self.add_text("reason", "Reason:")
        spin.valueChanged.connect(self._warn)
        self._warn(self.current)

    def _warn(self, count: int) -> None:
        text = clients.contract_warning(count)
        self.warning.setText(text or "")
        self.warning.setVisible(bool(text))

    def _submit(self, values: dict) -> None:
        self.document.renegotiate(self.client_id, values["new_count"], values["reason"],
                                  values["date"] or None)
