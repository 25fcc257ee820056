"""Delete a client for good: the client's name must be typed to confirm."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ...services import clients
from .form import FormDialog


class DeleteClientDialog(FormDialog):
    """Permanent deletion through document.delete_client (not undoable)."""

    def __init__(self, document, client_id: int, parent=None):
        row = clients.client_dict(client_id)
        self.expected = f"{row['first_name']} {row['last_name']}"
        super().__init__("Delete client", self._submit, parent, ok_text="Delete for good",
                         object_name="deleteClientDialog")
        self.document, self.client_id = document, client_id
        text = QLabel(f"This deletes <b>{_escape(self.expected)}</b> and everything recorded "
                      "about them: sessions, questionnaires, the inventory, the closing plan. "
                      "It cannot be undone. To keep the record but hide it, use Archive "
                      "instead.<br><br>Type the client's full name to confirm:")
        text.setWordWrap(True)
        self.form.addRow(text)
        edit = self.add_line("typed_name", "Full name:", placeholder=self.expected)
        self.ok_button.setEnabled(False)
        self.ok_button.setStyleSheet("background: #b3261e; color: white; border-color: #8c1d18;")
        edit.textChanged.connect(
            lambda t: self.ok_button.setEnabled(clients._fold(t) == clients._fold(self.expected)))

    def _submit(self, values: dict) -> None:
        self.document.delete_client(self.client_id, values["typed_name"])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
