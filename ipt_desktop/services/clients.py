"""Clients, their contract, medications, foci and formulation."""
from __future__ import annotations

import datetime as dt
import unicodedata

from ..models import (
    Client,
    Contract,
    ContractAmendment,
    Focus,
    Formulation,
    Medication,
    MedicationChange,
    Person,
    Practitioner,
    database,
)
from ..models.entities import CLIENT_STATUSES, DISPUTE_STAGES, PROBLEM_AREAS
from . import phases
from .common import (
    apply_fields,
    check_order,
    choice,
    client_row,
    coerce_fields,
    get,
    integer,
    now,
    parse_date,
    require_text,
    today,
    transaction,
)
from .errors import ValidationError

CLIENT_FIELDS = [f for f in Client._meta.sorted_field_names
                 if f not in ("id", "created_at", "updated_at", "deleted")]
CONTRACT_FIELDS = ["sessions_agreed", "session_minutes", "frequency", "start_date",
                   "missed_policy", "lateness_policy", "agreed_on"]
MEDICATION_FIELDS = ["name", "dose", "prescriber", "started_on", "stopped_on", "notes"]
FOCUS_FIELDS = [f for f in Focus._meta.sorted_field_names
                if f not in ("id", "client", "deleted")]
FORMULATION_FIELDS = [f for f in Formulation._meta.sorted_field_names
                      if f not in ("id", "client")]
MAX_CONTRACT = 40
USUAL_CONTRACT = 20


def contract_warning(count: int) -> str | None:
    """IPT contracts rarely exceed 20 sessions: allowed, but said."""
    if count > USUAL_CONTRACT:
        return (f"{count} sessions is more than the usual IPT contract (12-16, rarely over "
                f"{USUAL_CONTRACT}).")
    return None


def _client_validators():
    def dob(value):
        d = parse_date("date_of_birth", value, label="date of birth", allow_future=False)
        return d
    return {
        "first_name": lambda v: require_text("first_name", v, "first name"),
        "last_name": lambda v: require_text("last_name", v, "last name"),
        "status": lambda v: choice("status", v, CLIENT_STATUSES),
        "date_of_birth": dob,
        "referral_date": lambda v: parse_date("referral_date", v, label="referral date"),
    }


def _contract_validators():
    return {
        "sessions_agreed": lambda v: integer("sessions_agreed", v, 1, MAX_CONTRACT,
                                             "number of sessions agreed"),
        "session_minutes": lambda v: integer("session_minutes", v, 10, 180, "session length"),
        "frequency": lambda v: require_text("frequency", v),
    }


def full_name(first: str, last: str, preferred: str = "") -> str:
    shown = preferred or first
    return f"{shown} {last}".strip()


# -- clients -----------------------------------------------------------------------
def create_client(first_name: str, last_name: str, **fields) -> int:
    """A new client with a contract of the practice's default length; returns its id."""
    contract = coerce_fields(Contract, fields.pop("contract", None) or {},
                             _contract_validators())
    values = coerce_fields(Client, {"first_name": first_name, "last_name": last_name,
                                    **fields}, _client_validators())
    with transaction():
        profile = Practitioner.get_or_none()
        stamp = now()
        client = Client.create(created_at=stamp, updated_at=stamp, **values)
        if not client.code:
            client.code = f"C-{client.id:04d}"
            client.save(only=[Client.code])
        defaults = {"sessions_agreed": profile.default_contract_sessions if profile else 16,
                    "session_minutes": profile.default_session_minutes if profile else 50}
        Contract.create(client=client, **{**defaults, **contract})
        Formulation.create(client=client)
    return client.id


def update_client(client_id: int, fields: dict) -> dict:
    """Change some fields; returns their previous values (for undo)."""
    values = coerce_fields(Client, fields, _client_validators())
    with transaction():
        client = get(Client, client_id)
        client.updated_at = now()
        return apply_fields(client, values)


def set_client_deleted(client_id: int, deleted: bool) -> None:
    """Hide or bring back a client (the undoable part of removal)."""
    with transaction():
        Client.update(deleted=deleted, updated_at=now()).where(Client.id == client_id).execute()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def client_dict(client_id: int) -> dict:
    return Client.select().where(Client.id == client_id).dicts().get()


# -- contract ------------------------------------------------------------------------
def contract_for(client_id: int) -> Contract:
    return client_row(Contract, client_id)


def update_contract(client_id: int, fields: dict) -> dict:
    values = coerce_fields(Contract, fields, _contract_validators())
    with transaction():
        return apply_fields(contract_for(client_id), values)


def renegotiate(client_id: int, new_count, reason: str, date=None) -> int:
    """Record an agreed change of the session count; returns the amendment id."""
    new_count = integer("new_count", new_count, 1, MAX_CONTRACT, "new number of sessions")
    reason = require_text("reason", reason, "reason for the change")
    when = parse_date("date", date, label="date of the change") or today()
    with transaction():
        contract = contract_for(client_id)
        if new_count == contract.sessions_agreed:
            raise ValidationError("new_count", f"The contract already has {new_count} "
                                               "sessions; nothing to renegotiate.")
        amendment = ContractAmendment.create(client=client_id, date=when,
                                             old_count=contract.sessions_agreed,
                                             new_count=new_count, reason=reason)
        contract.sessions_agreed = new_count
        contract.save()
    return amendment.id


def undo_renegotiation(amendment_id: int) -> None:
    with transaction():
        amendment = get(ContractAmendment, amendment_id)
        Contract.update(sessions_agreed=amendment.old_count).where(
            Contract.client == amendment.client_id).execute()
        amendment.delete_instance()


def amendments(client_id: int) -> list[dict]:
    return list(ContractAmendment.select().where(ContractAmendment.client == client_id)
                .order_by(ContractAmendment.date, ContractAmendment.id).dicts())


# -- medications ---------------------------------------------------------------------
def add_medication(client_id: int, name: str, dose: str = "", prescriber: str = "",
                   started_on=None, notes: str = "") -> int:
    name = require_text("name", name, "medication name")
    started = parse_date("started_on", started_on, label="start date") or today()
    with transaction():
        get(Client, client_id)
        med = Medication.create(client=client_id, name=name, dose=dose, prescriber=prescriber,
                                started_on=started, notes=notes)
        MedicationChange.create(medication=med, date=started, kind="start", dose=dose)
    return med.id


def change_dose(medication_id: int, dose: str, date=None, note: str = "") -> int:
    dose = require_text("dose", dose)
    when = parse_date("date", date, label="date of the change") or today()
    with transaction():
        med = get(Medication, medication_id)
        check_order("started_on", med.started_on, "date", when,
                    "A dose change cannot be dated before the medication started.")
        if med.stopped_on:
            raise ValidationError("dose", f"{med.name} was stopped on {med.stopped_on}; "
                                          "add it again to restart it.")
        med.dose = dose
        med.save()
        change = MedicationChange.create(medication=med, date=when, kind="dose", dose=dose,
                                         note=note)
    return change.id


def stop_medication(medication_id: int, date=None, note: str = "") -> int:
    when = parse_date("date", date, label="stop date") or today()
    with transaction():
        med = get(Medication, medication_id)
        check_order("started_on", med.started_on, "date", when,
                    "The stop date cannot be before the start date.")
        med.stopped_on = when
        med.save()
        change = MedicationChange.create(medication=med, date=when, kind="stop", dose=med.dose,
                                         note=note)
    return change.id


def undo_medication_change(change_id: int) -> None:
    """Take back a dose change or stop, restoring the medication as it was."""
    with transaction():
        change = get(MedicationChange, change_id)
        med = change.medication
        if change.kind == "stop":
            med.stopped_on = None
        elif change.kind == "dose":
            earlier = (MedicationChange.select().where(
                (MedicationChange.medication == med) & (MedicationChange.id < change.id) &
                (MedicationChange.kind != "stop")).order_by(MedicationChange.id.desc()).first())
            med.dose = earlier.dose if earlier else ""
        med.save()
        change.delete_instance()


def set_medication_deleted(medication_id: int, deleted: bool) -> None:
    with transaction():
        Medication.update(deleted=deleted).where(Medication.id == medication_id).execute()


def medications(client_id: int, include_stopped: bool = True) -> list[dict]:
    query = Medication.select().where((Medication.client == client_id) & ~Medication.deleted)
    if not include_stopped:
        query = query.where(Medication.stopped_on.is_null())
    result = []
    for med in query.order_by(Medication.started_on, Medication.id).dicts():
        med["changes"] = list(MedicationChange.select().where(
            MedicationChange.medication == med["id"]).order_by(
            MedicationChange.date, MedicationChange.id).dicts())
        result.append(med)
    return result


# -- foci and formulation ----------------------------------------------------------------
def _focus_validators():
    return {
        "area": lambda v: choice("area", v, PROBLEM_AREAS, "problem area"),
        "priority": lambda v: choice("priority", v, ("primary", "secondary")),
        "dispute_stage": lambda v: choice("dispute_stage", v, DISPUTE_STAGES, "dispute stage",
                                          allow_empty=True),
        "event_date": lambda v: parse_date("event_date", v, label="date"),
    }


def _check_focus_slots(client_id: int, priority: str, exclude: int | None = None) -> None:
    query = Focus.select().where((Focus.client == client_id) & ~Focus.deleted &
                                 (Focus.priority == priority))
    if exclude:
        query = query.where(Focus.id != exclude)
    if query.exists():
        raise ValidationError("priority", f"This client already has a {priority} focus; IPT "
                                          "keeps one primary and at most one secondary.")


def add_focus(client_id: int, area: str, priority: str = "primary", person_id=None,
              **details) -> int:
    values = coerce_fields(Focus, {"area": area, "priority": priority, **details},
                           _focus_validators())
    with transaction():
        get(Client, client_id)
        _check_focus_slots(client_id, values["priority"])
        if person_id is not None:
            _check_person_of(client_id, person_id)
        focus = Focus.create(client=client_id, person=person_id, **values)
    return focus.id


def _check_person_of(client_id: int, person_id: int) -> None:
    if not Person.select().where((Person.id == person_id) & (Person.client == client_id)).exists():
        raise ValidationError("person", "That person is not in this client's inventory.")


def update_focus(focus_id: int, fields: dict) -> dict:
    fields = dict(fields)
    person_id = fields.pop("person", fields.pop("person_id", ...))
    values = coerce_fields(Focus, fields, _focus_validators())
    with transaction():
        focus = get(Focus, focus_id)
        if "priority" in values and values["priority"] != focus.priority:
            _check_focus_slots(focus.client_id, values["priority"], exclude=focus.id)
        old_person = {}
        if person_id is not ...:
            old_person["person"] = focus.person_id
            if person_id is not None:
                _check_person_of(focus.client_id, person_id)
            focus.person = person_id
        return {**apply_fields(focus, values), **old_person}


def set_focus_deleted(focus_id: int, deleted: bool) -> None:
    with transaction():
        focus = get(Focus, focus_id)
        if not deleted:
            _check_focus_slots(focus.client_id, focus.priority, exclude=focus.id)
        focus.deleted = deleted
        focus.save()


def foci(client_id: int) -> list[dict]:
    return list(Focus.select().where((Focus.client == client_id) & ~Focus.deleted)
                .order_by(Focus.priority, Focus.id).dicts())


def formulation_for(client_id: int) -> Formulation:
    return client_row(Formulation, client_id)


def update_formulation(client_id: int, fields: dict) -> dict:
    values = coerce_fields(Formulation, fields)
    with transaction():
        return apply_fields(formulation_for(client_id), values)


# -- the client list ---------------------------------------------------------------------
LIST_SQL = """
SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.code, c.status,
       coalesce(ct.sessions_agreed, 0) AS sessions_agreed,
       f.current_number, f.last_date,
       (SELECT min(s.date) FROM session s INDEXED BY session_planned_client_id_date
           WHERE s.client_id = c.id AND s.deleted = 0
           AND s.attendance = 'planned' AND s.date >= ?) AS next_date,
       f.phq9_last, f.phq9_previous, f.risk, coalesce(f.risk_ever, 0) AS risk_ever
FROM client c LEFT JOIN contract ct ON ct.client_id = c.id
     LEFT JOIN client_figures f ON f.client_id = c.id
WHERE c.deleted = 0
"""


def client_rows(on: dt.date | None = None, client_id: int | None = None) -> list[dict]:
    """Every client (or only `client_id`) with the aggregates the list shows, as plain
    dicts, in one query."""
    sql, params = LIST_SQL, [(on or today()).isoformat()]
    if client_id is not None:
        sql, params = sql + " AND c.id = ?", params + [client_id]
    cursor = database.execute_sql(sql, params)
    names = [d[0] for d in cursor.description]
    rows = []
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        n, agreed = row["current_number"] or 0, row["sessions_agreed"]
        row["phase"] = phases.phase_for(n, agreed, row["status"] == "maintenance") \
            if n and agreed else ("initial" if row["status"] in ("prospective", "active")
                                  and agreed else "")
        row["risk"] = bool(row["risk"])
        row["risk_ever"] = bool(row["risk_ever"])
        row["name"] = full_name(row["first_name"], row["last_name"], row["preferred_name"])
        rows.append(row)
    return rows
