"""Export of clients to a JSON document, and import of such a document into a vault.

The format is described in docs/export-format.md. Import checks the whole document
before writing anything, then adds every client in one transaction: all or nothing.
"""
from __future__ import annotations

import datetime as dt
import heapq
import json
import os
import tempfile
from pathlib import Path

from ..models import (
    Client,
    ClosingPlan,
    Contract,
    ContractAmendment,
    DocumentLog,
    Focus,
    Formulation,
    Incident,
    MeasureAdministration,
    Medication,
    MedicationChange,
    Person,
    PersonEvent,
    Session,
)
from . import clients, closing, inventory, scoring, sessions
from .backup import _fsync_dir
from .common import get, now, transaction
from .errors import ImportFormatError, IptError, NotFound, ValidationError, \
    translate_storage_error
from .exchange_check import (
    AMENDMENT_FIELDS,
    CHANGE_FIELDS,
    CLIENT_FIELDS,
    DOCUMENT_FIELDS,
    FOCUS_FIELDS,
    FORMAT,
    VERSION,
    check_document,
)
from .vault import VAULT_SUFFIX

PLAN_FIELDS = [f for f in closing.PLAN_FIELDS if f != "support_person_ids"]


# -- export ------------------------------------------------------------------------------
def _plain(value):
    """A JSON-ready value: dates and times as ISO text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _pick(row, names) -> dict:
    get_ = row.get if isinstance(row, dict) else (lambda n: getattr(row, n))
    return {n: _plain(get_(n)) for n in names}


def export_vault() -> dict:
    """Every client in the vault (removed ones left out), as an export document."""
    return _document(_export(Client.select(Client.id).where(~Client.deleted)))


def export_clients(client_ids) -> dict:
    """The given clients only (e.g. one client's record), as an export document."""
    ids = list(dict.fromkeys(client_ids))
    for cid in ids:
        if get(Client, cid).deleted:
            raise NotFound("That client has been removed, so there is nothing to export.")
    by_id = {c["id"]: c for c in _export(ids)}
    return _document([by_id[cid] for cid in ids])


def _document(client_list: list[dict]) -> dict:
    return {"format": FORMAT, "version": VERSION, "exported_at": now().isoformat(),
            "clients": client_list}


def _grouped(query, key: str) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for row in query.dicts():
        out.setdefault(row[key], []).append(row)
    return out


def _export(scope) -> list[dict]:
    """The clients in `scope` (ids or a subquery of ids), one query per table.

    A query per client and per session cost about 25 ms a client; a practice of a few
    thousand clients is exported in seconds this way."""
    def of(model, *order):
        return _grouped(model.select().where(model.client.in_(scope)).order_by(*order),
                        "client")
    contracts = of(Contract)
    formulations = of(Formulation)
    plans = of(ClosingPlan)
    amendments = of(ContractAmendment, ContractAmendment.date, ContractAmendment.id)
    medications = _grouped(Medication.select().where(
        Medication.client.in_(scope) & ~Medication.deleted).order_by(
        Medication.started_on, Medication.id), "client")
    changes = _grouped(MedicationChange.select(MedicationChange).join(Medication).where(
        Medication.client.in_(scope)).order_by(MedicationChange.date, MedicationChange.id),
        "medication")
    foci = _grouped(Focus.select().where(Focus.client.in_(scope) & ~Focus.deleted)
                    .order_by(Focus.priority, Focus.id), "client")
    persons = of(Person, Person.id)
    events = _grouped(PersonEvent.select().where(PersonEvent.client.in_(scope))
                      .order_by(PersonEvent.id), "person")
    live = (Session.client.in_(scope)) & ~Session.deleted
    session_rows = _grouped(Session.select().where(live).order_by(Session.number), "client")
    incidents = _grouped(Incident.select(Incident).join(Session).where(live)
                         .order_by(Incident.id), "session")
    measures = _grouped(MeasureAdministration.select(MeasureAdministration)
                        .join(Session, on=(MeasureAdministration.session == Session.id))
                        .where(live).order_by(MeasureAdministration.id), "session")
    documents = of(DocumentLog, DocumentLog.created_at, DocumentLog.id)

    out = []
    for client in Client.select().where(Client.id.in_(scope)).order_by(Client.id).dicts():
        cid = client["id"]
        # A client made outside create_client may lack a contract or formulation row:
        # export the defaults a new row would have.
        contract = (contracts.get(cid) or [Contract().__data__])[0]
        formulation = (formulations.get(cid) or [Formulation().__data__])[0]
        plan = (plans.get(cid) or [None])[0]
        agreed = contract.get("sessions_agreed") or Contract.sessions_agreed.default
        maintenance = client["status"] == "maintenance"
        out.append({
            "id": cid,
            **_pick(client, CLIENT_FIELDS),
            "contract": {**_pick(contract, clients.CONTRACT_FIELDS),
                         "amendments": [_pick(a, AMENDMENT_FIELDS)
                                        for a in amendments.get(cid, [])]},
            "medications": [{**_pick(m, clients.MEDICATION_FIELDS),
                             "changes": [_pick(c, CHANGE_FIELDS)
                                         for c in changes.get(m["id"], [])]}
                            for m in medications.get(cid, [])],
            "foci": [{**_pick(f, FOCUS_FIELDS), "person": f["person"]}
                     for f in foci.get(cid, [])],
            "formulation": _pick(formulation, clients.FORMULATION_FIELDS),
            # Everyone ever on the circle, removed people too: its history needs them.
            "inventory": [{"id": p["id"], **_pick(p, inventory.PERSON_FIELDS),
                           "removed": p["deleted"],
                           "history": [_event(e) for e in events.get(p["id"], [])]}
                          for p in persons.get(cid, [])],
            "sessions": [{"number": s["number"], **_pick(s, sessions.SESSION_FIELDS),
                          "phase": sessions.phase_of(s, agreed, maintenance),
                          "incidents": [{"person": i["person"],
                                         **_pick(i, sessions.INCIDENT_FIELDS)}
                                        for i in incidents.get(s["id"], [])],
                          "measures": [_measure(m["instrument"], m["responses"])
                                       for m in measures.get(s["id"], [])]}
                         for s in session_rows.get(cid, [])],
            "closing_plan": None if plan is None else
            {**_pick(plan, PLAN_FIELDS), "support_person_ids": list(plan["support_person_ids"])},
            "documents": [_pick(d, DOCUMENT_FIELDS) for d in documents.get(cid, [])],
        })
    return out


def _event(row: dict) -> dict:
    """An inventory event; its state completed to today's person fields, so an event
    recorded before a field existed still imports."""
    state = {f: row["state"].get(f, Person._meta.fields[f].default)
             for f in inventory.PERSON_FIELDS}
    return {"kind": row["kind"], "session_number": row["session_number"],
            "at": _plain(row["at"]), "state": state}


def _measure(name: str, responses: list) -> dict:
    """One questionnaire with total, band and risk worked out by services.scoring."""
    inst = scoring.instrument(name)
    total = scoring.total(inst, responses)
    return {"instrument": inst.name, "responses": list(responses), "total": total,
            "band": scoring.band(inst, total), "risk": scoring.risk(inst, responses)}


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save(data: dict, path) -> Path:
    """Write an export to `path` atomically (temp file, fsync, rename), private to the user."""
    path = Path(path)
    if path.suffix.lower() == VAULT_SUFFIX:
        raise ValidationError("path", f"{path.name} is a vault file name; an export is never "
                                      "written over a vault. Choose a name ending in .json.")
    if path.is_dir():
        raise ValidationError("path", f"{path.name} is a folder; choose a file name.")
    if not path.parent.is_dir():
        raise ValidationError("path", f"The folder {path.parent} does not exist; nothing was "
                                      "written.")
    text = to_json(data).encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as exc:
        raise translate_storage_error(exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:  # mkstemp made it 0600: never readable by others
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise translate_storage_error(exc) from exc
    return path


# -- import ------------------------------------------------------------------------------
def read_file(path) -> dict:
    """The JSON document in `path`; every way it can be unreadable named in words."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IptError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError("", f"{path.name} is not UTF-8 text (byte 0x{raw[exc.start]:02x} "
                                    f"at position {exc.start}); it is not an IPT Desktop "
                                    "export.") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"line {exc.lineno}, column {exc.colno}",
                                f"{path.name} is not valid JSON ({exc.msg}).") from None
    except RecursionError:
        raise ImportFormatError("", f"{path.name} is nested too deeply to be an IPT Desktop "
                                    "export.") from None


def _no_duplicates(pairs):
    """A key given twice would silently lose one value: refuse the file instead."""
    out = {}
    for key, value in pairs:
        if key in out:
            raise ImportFormatError("", f'the key "{key}" appears twice in one object.')
        out[key] = value
    return out


def import_file(path) -> list[int]:
    """Import the export document in `path`; returns the new client ids."""
    return import_data(read_file(path))


def import_data(data) -> list[int]:
    """Add every client of an export document with new ids; nothing is written if any
    part of the document is wrong (ImportFormatError names the first problem)."""
    plans = check_document(data)
    leaves: dict = {}
    with transaction():
        ids = [_write_client(plan, leaves) for plan in plans]
        # Rows nothing else refers to go in by the batch: a row at a time was most of the
        # cost of importing a large practice.
        for model, rows in leaves.items():
            for start in range(0, len(rows), 500):
                model.insert_many(rows[start:start + 500]).execute()
    return ids


def _write_client(plan: dict, leaves: dict) -> int:
    """Create the rows others refer to; queue the rest in `leaves` (model -> rows)."""
    def later(model, **row):
        leaves.setdefault(model, []).append(row)

    client = Client.create(**plan["client"])
    if not client.code:
        client.code = f"C-{client.id:04d}"
        client.save(only=[Client.code])
    cid = client.id
    later(Contract, client=cid, **plan["contract"])
    later(Formulation, client=cid, **plan["formulation"])
    for amendment in plan["amendments"]:
        later(ContractAmendment, client=cid, **amendment)
    for values, changes in plan["medications"]:
        med = Medication.create(client=cid, **values)
        for change in changes:
            later(MedicationChange, medication=med.id, **change)

    person_ids = {ref: Person.create(client=cid, **values).id
                  for ref, values, _events in plan["persons"]}
    # Events of different people interleaved by time; one person's order is never changed.
    streams = [[(e["at"], ref, e) for e in events] for ref, _values, events in plan["persons"]]
    for _at, ref, event in heapq.merge(*streams, key=lambda item: item[0]):
        later(PersonEvent, client=cid, person=person_ids[ref], **event)

    for values, ref in plan["foci"]:
        later(Focus, client=cid, person=person_ids.get(ref), **values)
    for values, incidents, measures in plan["sessions"]:
        session = Session.create(client=cid, **values)
        for fields, ref in incidents:
            later(Incident, session=session.id, person=person_ids.get(ref), **fields)
        for measure in measures:
            later(MeasureAdministration, client=cid, session=session.id,
                  taken_on=values["date"], **measure)
    if plan["closing_plan"] is not None:
        values, refs = plan["closing_plan"]
        later(ClosingPlan, client=cid, support_person_ids=[person_ids[r] for r in refs],
              **values)
    for document in plan["documents"]:
        later(DocumentLog, client=cid, **document)
    return cid
