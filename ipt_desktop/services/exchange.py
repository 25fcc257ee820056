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
from .vault import VAULT_SUFFIX
from .exchange_check import (
    AMENDMENT_FIELDS,
    CHANGE_FIELDS,
    CLIENT_FIELDS,
    DOCUMENT_FIELDS,
    EVENT_FIELDS,
    FOCUS_FIELDS,
    FORMAT,
    VERSION,
    check_document,
)

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
    ids = [cid for (cid,) in Client.select(Client.id).where(~Client.deleted)
           .order_by(Client.id).tuples()]
    return _document([_client(cid) for cid in ids])


def export_clients(client_ids) -> dict:
    """The given clients only (e.g. one client's record), as an export document."""
    out = []
    for cid in client_ids:
        row = get(Client, cid)
        if row.deleted:
            raise NotFound("That client has been removed, so there is nothing to export.")
        out.append(_client(cid))
    return _document(out)


def _document(client_list: list[dict]) -> dict:
    return {"format": FORMAT, "version": VERSION, "exported_at": now().isoformat(),
            "clients": client_list}


def _client(cid: int) -> dict:
    client = get(Client, cid)
    contract = Contract.get_or_none(Contract.client == cid) or Contract()
    formulation = Formulation.get_or_none(Formulation.client == cid) or Formulation()
    plan = ClosingPlan.get_or_none(ClosingPlan.client == cid)
    return {
        "id": cid,
        **_pick(client, CLIENT_FIELDS),
        "contract": {**_pick(contract, clients.CONTRACT_FIELDS),
                     "amendments": [_pick(a, AMENDMENT_FIELDS)
                                    for a in clients.amendments(cid)]},
        "medications": [{**_pick(m, clients.MEDICATION_FIELDS),
                         "changes": [_pick(c, CHANGE_FIELDS) for c in m["changes"]]}
                        for m in clients.medications(cid)],
        "foci": [{**_pick(f, FOCUS_FIELDS), "person": f["person"]}
                 for f in clients.foci(cid)],
        "formulation": _pick(formulation, clients.FORMULATION_FIELDS),
        "inventory": _inventory(cid),
        "sessions": _sessions(cid),
        "closing_plan": None if plan is None else
        {**_pick(plan, PLAN_FIELDS), "support_person_ids": list(plan.support_person_ids)},
        "documents": [_pick(d, DOCUMENT_FIELDS) for d in DocumentLog.select().where(
            DocumentLog.client == cid).order_by(DocumentLog.created_at, DocumentLog.id)],
    }


def _inventory(cid: int) -> list[dict]:
    """Everyone ever on the circle, removed people too: the circle's history needs them."""
    history: dict[int, list[dict]] = {}
    for event in PersonEvent.select().where(PersonEvent.client == cid).order_by(PersonEvent.id):
        history.setdefault(event.person_id, []).append(_pick(event, EVENT_FIELDS))
    return [{"id": p.id, **_pick(p, inventory.PERSON_FIELDS), "removed": p.deleted,
             "history": history.get(p.id, [])}
            for p in Person.select().where(Person.client == cid).order_by(Person.id)]


def _sessions(cid: int) -> list[dict]:
    out = []
    for row in sessions.sessions(cid):
        out.append({
            "number": row["number"],
            **_pick(row, sessions.SESSION_FIELDS),
            "phase": row["phase"],
            "incidents": [{"person": i["person"], **_pick(i, sessions.INCIDENT_FIELDS)}
                          for i in sessions.incidents(row["id"])],
            "measures": [_measure(m["instrument"], m["responses"]) for m in row["measures"]],
        })
    return out


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
    with transaction():
        return [_write_client(plan) for plan in plans]


def _write_client(plan: dict) -> int:
    client = Client.create(**plan["client"])
    if not client.code:
        client.code = f"C-{client.id:04d}"
        client.save(only=[Client.code])
    Contract.create(client=client, **plan["contract"])
    for amendment in plan["amendments"]:
        ContractAmendment.create(client=client, **amendment)
    for values, changes in plan["medications"]:
        med = Medication.create(client=client, **values)
        for change in changes:
            MedicationChange.create(medication=med, **change)
    Formulation.create(client=client, **plan["formulation"])

    person_ids = {}
    for ref, values, _events in plan["persons"]:
        person_ids[ref] = Person.create(client=client, **values).id
    # Events of different people interleaved by time; one person's order is never changed.
    streams = [[(e["at"], ref, e) for e in events] for ref, _values, events in plan["persons"]]
    for _at, ref, event in heapq.merge(*streams, key=lambda item: item[0]):
        PersonEvent.create(client=client, person=person_ids[ref], **event)

    for values, ref in plan["foci"]:
        Focus.create(client=client, person=person_ids.get(ref), **values)
    for values, incidents, measures in plan["sessions"]:
        session = Session.create(client=client, **values)
        for fields, ref in incidents:
            Incident.create(session=session, person=person_ids.get(ref), **fields)
        for measure in measures:
            MeasureAdministration.create(client=client, session=session,
                                         taken_on=session.date, **measure)
    if plan["closing_plan"] is not None:
        values, refs = plan["closing_plan"]
        ClosingPlan.create(client=client, support_person_ids=[person_ids[r] for r in refs],
                           **values)
    for document in plan["documents"]:
        DocumentLog.create(client=client, **document)
    return client.id
