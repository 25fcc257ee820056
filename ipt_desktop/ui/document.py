"""The open vault as a QObject: intents in, undo commands, past-tense signals out.

Views never save rows themselves; they call an intent here. Each intent runs a
service (one transaction), pushes a ServiceCommand so Ctrl+Z works, and emits a
signal naming what changed. A refused change raises IptError to the caller and
leaves the undo stack untouched.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..reports import forget_printed_text
from ..services import clients, closing, inventory, profile, sessions
from .commands import ServiceCommand


class VaultDocument(QObject):
    # Emitted when views must commit text being typed (before lock, close, undo).
    flush_requested = Signal()
    clients_changed = Signal()  # the list's membership: a client added, removed, imported
    client_row_changed = Signal(int)  # one client's row: name, status, contract, figures
    client_changed = Signal(int)  # identity, contract, medications, foci, formulation
    inventory_changed = Signal(int)  # client id
    person_changed = Signal(int, int)  # client id, person id
    sessions_changed = Signal(int)  # client id
    session_changed = Signal(int, int)  # client id, session id
    closing_plan_changed = Signal(int)
    documents_changed = Signal(int)
    profile_changed = Signal()
    closed = Signal()

    def __init__(self, vault, parent=None):
        super().__init__(parent)
        self.vault = vault
        self.undo_stack = QUndoStack(self)

    @property
    def read_only(self) -> bool:
        return self.vault.read_only

    def close(self) -> None:
        """Commit pending typing, clear undo history, close the database."""
        self.flush_requested.emit()
        self.undo_stack.clear()
        self.vault.close()
        forget_printed_text()  # the paragraphs a document kept hold clients' words
        self.closed.emit()

    # -- the mechanism ------------------------------------------------------------
    def run(self, text: str, redo: Callable, undo: Callable, notify: Callable[[], None],
            merge_key: tuple | None = None):
        """Apply `redo` now, then make it undoable. Returns what `redo` returned."""
        result = redo()
        self.undo_stack.push(ServiceCommand(text, redo, undo, notify, merge_key))
        notify()
        return result

    def _edit(self, text, apply: Callable[[dict], dict], fields: dict, notify, merge_key=None):
        """Field edits: the service returns the old values, which become the undo."""
        old = apply(fields)
        if old == fields:
            return
        self.undo_stack.push(ServiceCommand(text, lambda: apply(fields), lambda: apply(old),
                                            notify, merge_key))
        notify()

    def _client(self, cid, list_too=True):
        def notify():
            self.client_changed.emit(cid)
            if list_too:
                self.client_row_changed.emit(cid)
        return notify

    # -- clients ------------------------------------------------------------------
    def add_client(self, first_name: str, last_name: str, **fields) -> int:
        cid = clients.create_client(first_name, last_name, **fields)
        name = f"{first_name} {last_name}".strip()
        self.undo_stack.push(ServiceCommand(
            f"Add client {name}", lambda: clients.set_client_deleted(cid, False),
            lambda: clients.set_client_deleted(cid, True), self.clients_changed.emit))
        self.clients_changed.emit()
        return cid

    def edit_client(self, cid: int, fields: dict, merge: bool = True) -> None:
        key = ("client", cid, tuple(sorted(fields))) if merge else None
        self._edit("Edit client", lambda f: clients.update_client(cid, f), fields,
                   self._client(cid), key)

    def set_status(self, cid: int, status: str) -> None:
        self.edit_client(cid, {"status": status}, merge=False)

    def delete_client(self, cid: int, typed_name: str) -> None:
        """Erase for good, leaving no trace in the vault's pages: not undoable (the name
        typed is the confirmation)."""
        from ..services import safety
        safety.erase_client(cid, typed_name)
        self.undo_stack.clear()
        self.clients_changed.emit()

    def edit_contract(self, cid: int, fields: dict) -> None:
        self._edit("Edit contract", lambda f: clients.update_contract(cid, f), fields,
                   self._client(cid), ("contract", cid, tuple(sorted(fields))))
        self.sessions_changed.emit(cid)

    def renegotiate(self, cid: int, new_count: int, reason: str, date=None) -> None:
        state = {"id": None}

        def redo():
            state["id"] = clients.renegotiate(cid, new_count, reason, date)

        def notify():
            self._client(cid)()
            self.sessions_changed.emit(cid)
        self.run(f"Renegotiate contract to {new_count} sessions", redo,
                 lambda: clients.undo_renegotiation(state["id"]), notify)

    def add_medication(self, cid: int, name: str, **fields) -> int:
        mid = clients.add_medication(cid, name, **fields)
        self.undo_stack.push(ServiceCommand(
            f"Add {name}", lambda: clients.set_medication_deleted(mid, False),
            lambda: clients.set_medication_deleted(mid, True), self._client(cid, False)))
        self._client(cid, False)()
        return mid

    def change_dose(self, cid: int, mid: int, dose: str, date=None) -> None:
        state = {}
        self.run("Change dose", lambda: state.update(id=clients.change_dose(mid, dose, date)),
                 lambda: clients.undo_medication_change(state["id"]), self._client(cid, False))

    def stop_medication(self, cid: int, mid: int, date=None) -> None:
        state = {}
        self.run("Stop medication",
                 lambda: state.update(id=clients.stop_medication(mid, date)),
                 lambda: clients.undo_medication_change(state["id"]), self._client(cid, False))

    def add_focus(self, cid: int, area: str, priority: str = "primary", **fields) -> int:
        fid = clients.add_focus(cid, area, priority, **fields)
        self.undo_stack.push(ServiceCommand(
            "Add focus", lambda: clients.set_focus_deleted(fid, False),
            lambda: clients.set_focus_deleted(fid, True), self._client(cid)))
        self._client(cid)()
        return fid

    def edit_focus(self, cid: int, fid: int, fields: dict) -> None:
        self._edit("Edit focus", lambda f: clients.update_focus(fid, f), fields,
                   self._client(cid), ("focus", fid, tuple(sorted(fields))))

    def remove_focus(self, cid: int, fid: int) -> None:
        self.run("Remove focus", lambda: clients.set_focus_deleted(fid, True),
                 lambda: clients.set_focus_deleted(fid, False), self._client(cid))

    def edit_formulation(self, cid: int, fields: dict) -> None:
        self._edit("Edit formulation", lambda f: clients.update_formulation(cid, f), fields,
                   self._client(cid, False), ("formulation", cid, tuple(sorted(fields))))

    # -- inventory ----------------------------------------------------------------
    def _person(self, cid, pid):
        def notify():
            self.person_changed.emit(cid, pid)
            self.inventory_changed.emit(cid)
        return notify

    def add_person(self, cid: int, name: str, ring: int = 2, angle=None, **fields) -> int:
        pid = inventory.add_person(cid, name, ring, angle, **fields)
        self.undo_stack.push(ServiceCommand(
            f"Add {name}", lambda: inventory.set_person_removed(pid, False),
            lambda: inventory.set_person_removed(pid, True), self._person(cid, pid)))
        self._person(cid, pid)()
        return pid

    def edit_person(self, cid: int, pid: int, fields: dict) -> None:
        self._edit("Edit person", lambda f: inventory.update_person(pid, f), fields,
                   self._person(cid, pid), ("person", pid, tuple(sorted(fields))))

    def move_person(self, cid: int, pid: int, ring: int, angle: float) -> None:
        """One drag = one command (no merging)."""
        self._edit("Move person", lambda f: inventory.update_person(pid, f),
                   {"ring": int(ring), "angle": int(round(angle)) % 360},
                   self._person(cid, pid))

    def remove_person(self, cid: int, pid: int) -> None:
        self.run("Remove person", lambda: inventory.set_person_removed(pid, True),
                 lambda: inventory.set_person_removed(pid, False), self._person(cid, pid))

    # -- sessions -----------------------------------------------------------------
    def _session(self, cid, sid):
        def notify():
            self.session_changed.emit(cid, sid)
            self.sessions_changed.emit(cid)
            self.client_row_changed.emit(cid)
        return notify

    def add_session(self, cid: int, date=None, **fields) -> int:
        sid = sessions.add_session(cid, date, **fields)
        self.undo_stack.push(ServiceCommand(
            "Add session", lambda: sessions.set_session_deleted(sid, False),
            lambda: sessions.set_session_deleted(sid, True), self._session(cid, sid)))
        self._session(cid, sid)()
        return sid

    def edit_session(self, cid: int, sid: int, fields: dict, merge: bool = True) -> None:
        key = ("session", sid, tuple(sorted(fields))) if merge else None
        self._edit("Edit session", lambda f: sessions.update_session(sid, f), fields,
                   self._session(cid, sid), key)

    def remove_session(self, cid: int, sid: int) -> None:
        self.run("Remove session", lambda: sessions.set_session_deleted(sid, True),
                 lambda: sessions.set_session_deleted(sid, False), self._session(cid, sid))

    def record_measure(self, cid: int, sid: int, instrument: str, responses: list) -> None:
        before = next((m["responses"] for m in sessions.measures(cid, instrument)
                       if m["session"] == sid), None)

        def undo():
            if before is None:
                sessions.remove_measure(sid, instrument)
            else:
                sessions.record_measure(sid, instrument, before)
        self.run(f"Enter {instrument}",
                 lambda: sessions.record_measure(sid, instrument, list(responses)), undo,
                 self._session(cid, sid), ("measure", sid, instrument))

    def add_incident(self, cid: int, sid: int, person_id=None, **fields) -> int:
        state = {"id": None, "data": None}

        def redo():
            if state["data"] is None:
                state["id"] = sessions.add_incident(sid, person_id, **fields)
            else:
                data = dict(state["data"])
                data.pop("session_id")
                state["id"] = sessions.add_incident(sid, data.pop("person_id"), **data)

        def undo():
            state["data"] = sessions.remove_incident(state["id"])
        self.run("Add incident", redo, undo, self._session(cid, sid))
        return state["id"]

    def edit_incident(self, cid: int, sid: int, iid: int, fields: dict) -> None:
        self._edit("Edit incident", lambda f: sessions.update_incident(iid, f), fields,
                   self._session(cid, sid), ("incident", iid, tuple(sorted(fields))))

    # -- closing plan, profile --------------------------------------------------------
    def edit_closing_plan(self, cid: int, fields: dict) -> None:
        self._edit("Edit closing plan", lambda f: closing.update_plan(cid, f), fields,
                   lambda: self.closing_plan_changed.emit(cid),
                   ("closing", cid, tuple(sorted(fields))))

    def edit_profile(self, fields: dict) -> None:
        self._edit("Edit profile", profile.update_profile, fields, self.profile_changed.emit,
                   ("profile", tuple(sorted(fields))))

    # -- documents ----------------------------------------------------------------------
    def record_document(self, cid: int | None, kind: str, options: dict | None = None) -> int:
        """Log a printed or saved document; not undoable, since the paper already exists."""
        from ..services import documents
        log_id = documents.log_document(cid, kind, options)
        if cid is not None:
            self.documents_changed.emit(cid)
        return log_id
