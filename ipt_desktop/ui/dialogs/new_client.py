"""New client: the few facts needed to start, the rest is filled in on the Overview."""
from __future__ import annotations

from ...models.entities import CLIENT_STATUSES
from ...services import clients, profile
from .form import FormDialog


class NewClientDialog(FormDialog):
    """Creates a client through document.add_client; `client_id` is the new id."""

    def __init__(self, document, parent=None):
        super().__init__("New client", self._create, parent, ok_text="Add client",
                         object_name="newClientDialog",
                         intro="Name and contract are enough to start; everything else can "
                               "be added on the client's Overview.")
        self.document = document
        self.client_id: int | None = None
        self.add_line("first_name", "First name:")
        self.add_line("last_name", "Last name:")
        self.add_line("preferred_name", "Preferred name:", placeholder="optional")
        self.add_line("date_of_birth", "Date of birth:", placeholder="YYYY-MM-DD (optional)")
        self.add_line("phone", "Phone:")
        self.add_line("email", "Email:")
        self.add_combo("status", "Status:", [(s, s.capitalize()) for s in CLIENT_STATUSES],
                       "active")
        defaults = profile.profile()
        self.add_spin("sessions_agreed", "Sessions agreed:",
                      defaults.default_contract_sessions, 1, clients.MAX_CONTRACT)
        self.add_spin("session_minutes", "Session length (min):",
                      defaults.default_session_minutes, 10, 180)

    def _create(self, values: dict) -> int:
        values = dict(values)
        contract = {"sessions_agreed": values.pop("sessions_agreed"),
                    "session_minutes": values.pop("session_minutes")}
        first, last = values.pop("first_name"), values.pop("last_name")
        fields = {k: v for k, v in values.items() if v not in ("", None)}
        self.client_id = self.document.add_client(first, last, contract=contract, **fields)
        return self.client_id
