"""Checking an export document before import: its shape, its types and the services' rules.

check_document() walks the whole document and returns plain values ready to write,
or raises ImportFormatError naming the first problem by its JSON path, e.g.
clients[2].sessions[0].measures[1].responses[3].
"""
from __future__ import annotations

import datetime as dt
import json

from peewee import BooleanField, DateField, DateTimeField, IntegerField

from ..models import (
    Client,
    ClosingPlan,
    Contract,
    ContractAmendment,
    DocumentLog,
    Focus,
    Formulation,
    Incident,
    Medication,
    MedicationChange,
    Person,
    Session,
)
from ..models.entities import PHASES
from . import clients, closing, inventory, scoring, sessions
from .common import check_order, choice, coerce_fields, integer, parse_date, require_text
from .errors import ImportFormatError, ValidationError

FORMAT = "ipt-desktop"
VERSION = 1
MAX_NUMBER = 10000  # sessions per client: far above any real treatment

TOP_KEYS = ["format", "version", "exported_at", "clients"]
CLIENT_FIELDS = clients.CLIENT_FIELDS + ["created_at", "updated_at"]
CLIENT_KEYS = ["id", *CLIENT_FIELDS, "contract", "medications", "foci", "formulation",
               "inventory", "sessions", "closing_plan", "documents"]
AMENDMENT_FIELDS = ["date", "old_count", "new_count", "reason"]
CHANGE_FIELDS = ["date", "kind", "dose", "note"]
MEDICATION_KINDS = ("start", "dose", "stop")
FOCUS_FIELDS = [f for f in clients.FOCUS_FIELDS if f != "person"]
PERSON_KEYS = ["id", *inventory.PERSON_FIELDS, "removed", "history"]
EVENT_FIELDS = ["kind", "session_number", "at", "state"]
EVENT_KINDS = ("added", "changed", "moved", "removed", "restored")
SESSION_KEYS = ["number", *sessions.SESSION_FIELDS, "phase", "incidents", "measures"]
INCIDENT_KEYS = ["person", *sessions.INCIDENT_FIELDS]
MEASURE_KEYS = ["instrument", "responses", "total", "band", "risk"]
PLAN_LISTS = {"goals": ("goal", "status"), "anticipated_problems": ("problem", "plan")}
PLAN_TEXT = [f for f in closing.PLAN_FIELDS if f not in PLAN_LISTS and f != "support_person_ids"]
PLAN_KEYS = [*closing.PLAN_FIELDS]
DOCUMENT_FIELDS = ["kind", "created_at", "options"]


# -- small checks, each naming the path ------------------------------------------------------
def _join(path: str, key) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _fail(path: str, message: str):
    raise ImportFormatError(path, message)


def _expected(path: str, what: str, value):
    _fail(path, f"expected {what}, got {_show(value)}")


def _object(path: str, value, keys) -> dict:
    """`value` must be an object with exactly `keys`: a missing or unknown key is refused."""
    if not isinstance(value, dict):
        _expected(path, "an object {...}", value)
    for key in value:
        if key not in keys:
            _fail(_join(path, key), "unknown key; this version of IPT Desktop does not know "
                                    "it, so the file was refused")
    for key in keys:
        if key not in value:
            _fail(_join(path, key), "this key is missing; every key of an export must be "
                                    "present")
    return value


def _list(path: str, value) -> list:
    if not isinstance(value, list):
        _expected(path, "a list [...]", value)
    return value


def _int(path: str, value, low: int, high: int, null=False):
    if null and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        _expected(path, f"a whole number {low}-{high}" + (" or null" if null else ""), value)
    return value


def _datetime(path: str, value) -> dt.datetime:
    what = "a date and time (YYYY-MM-DDTHH:MM:SS)"
    if not isinstance(value, str):
        _expected(path, what, value)
    try:
        result = dt.datetime.fromisoformat(value)
    except ValueError:
        _expected(path, what, value)
    if result.tzinfo is not None:  # the vault keeps local wall-clock times
        result = result.astimezone().replace(tzinfo=None)
    return result


def _scalar(path: str, field, value):
    """Check the JSON type a column needs; the services' validators check the value."""
    if value is None and field.null:
        return None
    if isinstance(field, DateTimeField):
        return _datetime(path, value)
    if isinstance(field, BooleanField):
        ok, what = isinstance(value, bool), "true or false"
    elif isinstance(field, IntegerField):
        ok, what = isinstance(value, int) and not isinstance(value, bool), "a whole number"
    elif isinstance(field, DateField):
        ok, what = isinstance(value, str), "a date (YYYY-MM-DD)"
    else:
        ok, what = isinstance(value, str), "text"
    if not ok:
        _expected(path, what + (" or null" if field.null else ""), value)
    return value


def _columns(path: str, model, data: dict, names, validators=None) -> dict:
    """Column values of `model` from `data`, checked by type and by the service's rules."""
    values = {n: _scalar(_join(path, n), model._meta.fields[n], data[n]) for n in names}
    try:
        return coerce_fields(model, values, validators)
    except ValidationError as exc:
        raise ImportFormatError(_join(path, exc.field), exc.message) from None


def _required_date(field: str, label: str):
    def check(value):
        result = parse_date(field, value, label=label)
        if result is None:
            raise ValidationError(field, f"The {label} cannot be empty.")
        return result
    return check


def _ref(path: str, value, persons: dict):
    """A person id of this client's inventory in the file, or null."""
    if value is None:
        return None
    _int(path, value, -2**63, 2**63 - 1, null=True)
    if value not in persons:
        _fail(path, f"refers to person {value}, who is not in this client's inventory")
    return value


# -- the document -----------------------------------------------------------------------------
def check_document(data) -> list[dict]:
    """Plain values for every client of `data`, or ImportFormatError at the first problem."""
    if not isinstance(data, dict):
        _fail("", "this is not an IPT Desktop export (expected a JSON object with "
                  '"format": "ipt-desktop")')
    if data.get("format") != FORMAT:
        _fail("format", f'expected "{FORMAT}", got {_show(data.get("format"))}; this is not '
                        "an IPT Desktop export")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        _fail("version", f"this file is format version {version}, written by a newer IPT "
                         f"Desktop; this app reads version {VERSION}. Update the app to "
                         "import it")
    if version != VERSION or isinstance(version, bool):
        _expected("version", str(VERSION), version)
    _object("", data, TOP_KEYS)
    _datetime("exported_at", data["exported_at"])
    return [_client(_join("clients", i), c) for i, c in enumerate(_list("clients",
                                                                         data["clients"]))]


def _client(path: str, data) -> dict:
    _object(path, data, CLIENT_KEYS)
    _int(_join(path, "id"), data["id"], -2**63, 2**63 - 1)
    plan = {"client": _columns(path, Client, data, CLIENT_FIELDS,
                               clients._client_validators())}
    plan.update(_contract(_join(path, "contract"), data["contract"]))
    plan["medications"] = [_medication(_join(_join(path, "medications"), i), m)
                           for i, m in enumerate(_list(_join(path, "medications"),
                                                       data["medications"]))]
    p = _join(path, "formulation")
    plan["formulation"] = _columns(p, Formulation, _object(p, data["formulation"],
                                                           clients.FORMULATION_FIELDS),
                                   clients.FORMULATION_FIELDS)
    plan["persons"] = _inventory(_join(path, "inventory"), data["inventory"])
    persons = {ref: values for ref, values, _events in plan["persons"]}
    plan["foci"] = _foci(_join(path, "foci"), data["foci"], persons)
    plan["sessions"] = _sessions(_join(path, "sessions"), data["sessions"], persons)
    plan["closing_plan"] = _closing_plan(_join(path, "closing_plan"), data["closing_plan"],
                                         persons)
    p = _join(path, "documents")
    plan["documents"] = [_document(_join(p, i), d) for i, d in enumerate(_list(p, data[
        "documents"]))]
    return plan


def _contract(path: str, data) -> dict:
    _object(path, data, [*clients.CONTRACT_FIELDS, "amendments"])
    values = _columns(path, Contract, data, clients.CONTRACT_FIELDS,
                      clients._contract_validators())
    count = (lambda f: lambda v: integer(f, v, 1, clients.MAX_CONTRACT, "number of sessions"))
    rules = {"date": _required_date("date", "date of the change"),
             "old_count": count("old_count"), "new_count": count("new_count")}
    p = _join(path, "amendments")
    amendments = [_columns(_join(p, i), ContractAmendment,
                           _object(_join(p, i), a, AMENDMENT_FIELDS), AMENDMENT_FIELDS, rules)
                  for i, a in enumerate(_list(p, data["amendments"]))]
    return {"contract": values, "amendments": amendments}


def _medication(path: str, data):
    _object(path, data, [*clients.MEDICATION_FIELDS, "changes"])
    values = _columns(path, Medication, data, clients.MEDICATION_FIELDS, {
        "name": lambda v: require_text("name", v, "medication name"),
        "started_on": lambda v: parse_date("started_on", v, label="start date"),
        "stopped_on": lambda v: parse_date("stopped_on", v, label="stop date")})
    try:
        check_order("started_on", values["started_on"], "stopped_on", values["stopped_on"],
                    "The stop date cannot be before the start date.")
    except ValidationError as exc:
        raise ImportFormatError(_join(path, exc.field), exc.message) from None
    rules = {"date": _required_date("date", "date of the change"),
             "kind": lambda v: choice("kind", v, MEDICATION_KINDS, "kind of change")}
    p = _join(path, "changes")
    changes = [_columns(_join(p, i), MedicationChange, _object(_join(p, i), c, CHANGE_FIELDS),
                        CHANGE_FIELDS, rules) for i, c in enumerate(_list(p, data["changes"]))]
    return values, changes


def _inventory(path: str, data) -> list:
    out, seen = [], set()
    for i, person in enumerate(_list(path, data)):
        p = _join(path, i)
        _object(p, person, PERSON_KEYS)
        ref = _int(_join(p, "id"), person["id"], -2**63, 2**63 - 1)
        if ref in seen:
            _fail(_join(p, "id"), f"the person id {ref} is used twice in this client's "
                                  "inventory")
        seen.add(ref)
        values = _columns(p, Person, person, inventory.PERSON_FIELDS, inventory._validators())
        if not isinstance(person["removed"], bool):
            _expected(_join(p, "removed"), "true or false", person["removed"])
        values["deleted"] = person["removed"]
        out.append((ref, values, _history(_join(p, "history"), person["history"])))
    return out


def _history(path: str, data) -> list:
    events = []
    for i, event in enumerate(_list(path, data)):
        p = _join(path, i)
        _object(p, event, EVENT_FIELDS)
        if event["kind"] not in EVENT_KINDS:
            _expected(_join(p, "kind"), "one of " + ", ".join(EVENT_KINDS), event["kind"])
        ps = _join(p, "state")
        state = _columns(ps, Person, _object(ps, event["state"], inventory.PERSON_FIELDS),
                         inventory.PERSON_FIELDS, inventory._validators())
        events.append({"kind": event["kind"], "state": state,
                       "session_number": _int(_join(p, "session_number"),
                                              event["session_number"], 0, MAX_NUMBER),
                       "at": _datetime(_join(p, "at"), event["at"])})
    return events


def _foci(path: str, data, persons: dict) -> list:
    out, taken = [], set()
    for i, focus in enumerate(_list(path, data)):
        p = _join(path, i)
        _object(p, focus, [*FOCUS_FIELDS, "person"])
        values = _columns(p, Focus, focus, FOCUS_FIELDS, clients._focus_validators())
        if values["priority"] in taken:
            _fail(_join(p, "priority"), f"a second {values['priority']} focus; IPT keeps one "
                                        "primary and at most one secondary")
        taken.add(values["priority"])
        out.append((values, _ref(_join(p, "person"), focus["person"], persons)))
    return out


def _sessions(path: str, data, persons: dict) -> list:
    out, previous = [], None
    for i, session in enumerate(_list(path, data)):
        p = _join(path, i)
        _object(p, session, SESSION_KEYS)
        number = _int(_join(p, "number"), session["number"], 1, MAX_NUMBER)
        values = _columns(p, Session, session, sessions.SESSION_FIELDS, sessions._validators())
        if previous is not None and number <= previous["number"]:
            _fail(_join(p, "number"), f"session {number} comes after session "
                                      f"{previous['number']}; numbers must go up")
        if previous is not None and values["date"] < previous["date"]:
            _fail(_join(p, "date"), f"Session {number} cannot be dated before session "
                                    f"{previous['number']} ({previous['date']}).")
        if session["phase"] not in PHASES:
            _expected(_join(p, "phase"), "one of " + ", ".join(PHASES), session["phase"])
        values["number"] = number
        previous = values
        pi = _join(p, "incidents")
        incidents = []
        for k, incident in enumerate(_list(pi, session["incidents"])):
            pk = _join(pi, k)
            _object(pk, incident, INCIDENT_KEYS)
            incidents.append((_columns(pk, Incident, incident, sessions.INCIDENT_FIELDS),
                              _ref(_join(pk, "person"), incident["person"], persons)))
        pm = _join(p, "measures")
        measures = [_measure(_join(pm, k), m) for k, m in enumerate(_list(pm,
                                                                          session["measures"]))]
        names = [m["instrument"] for m in measures]
        for k, name in enumerate(names):
            if name in names[:k]:
                _fail(_join(_join(pm, k), "instrument"), f"{name} is given twice for one "
                                                         "session")
        out.append((values, incidents, measures))
    return out


def _measure(path: str, data) -> dict:
    """Responses checked item by item; total, band and risk recomputed and compared."""
    _object(path, data, MEASURE_KEYS)
    name = data["instrument"]
    if not isinstance(name, str) or name not in scoring.INSTRUMENTS:
        _expected(_join(path, "instrument"), "one of " + ", ".join(scoring.INSTRUMENTS), name)
    inst = scoring.instrument(name)
    p = _join(path, "responses")
    responses = _list(p, data["responses"])
    if len(responses) != inst.items:
        _fail(p, f"{name} has {inst.items} items; expected {inst.items} answers, got "
                 f"{len(responses)}")
    for k, answer in enumerate(responses):
        if answer is not None and (isinstance(answer, bool) or not isinstance(answer, int)
                                   or not 0 <= answer <= 3):
            _expected(_join(p, k), "an integer 0-3 or null", answer)
    total = scoring.total(inst, responses)
    given = _int(_join(path, "total"), data["total"], 0, inst.maximum, null=True)
    if given != total:
        _fail(_join(path, "total"),
              f"the total must be null while an item is unanswered (got {given})"
              if total is None else
              f"the total {_show(given)} does not match the answers (they add up to {total})")
    band = scoring.band(inst, total)
    if data["band"] != band:
        _expected(_join(path, "band"), f"{_show(band)} for a total of {_show(total)}",
                  data["band"])
    risk = scoring.risk(inst, responses)
    if data["risk"] is not risk:
        _expected(_join(path, "risk"), f"{_show(risk)} for these answers", data["risk"])
    return {"instrument": name, "responses": list(responses), "total": total, "risk": risk}


def _closing_plan(path: str, data, persons: dict):
    if data is None:
        return None
    _object(path, data, PLAN_KEYS)
    values = _columns(path, ClosingPlan, data, PLAN_TEXT,
                      {"agreed_on": lambda v: parse_date("agreed_on", v, label="date agreed")})
    for key, fields in PLAN_LISTS.items():
        p = _join(path, key)
        for i, entry in enumerate(_list(p, data[key])):
            _object(_join(p, i), entry, fields)
            for field in fields:
                if not isinstance(entry[field], str):
                    _expected(_join(_join(p, i), field), "text", entry[field])
        values[key] = closing._check_list(key, data[key], fields)
    p = _join(path, "support_person_ids")
    refs = [_ref(_join(p, i), r, persons) for i, r in enumerate(_list(p, data[
        "support_person_ids"]))]
    if None in refs:
        _expected(_join(p, refs.index(None)), "a person id", None)
    return values, list(dict.fromkeys(refs))


def _document(path: str, data) -> dict:
    _object(path, data, DOCUMENT_FIELDS)
    values = _columns(path, DocumentLog, data, ["kind", "created_at"],
                      {"kind": lambda v: require_text("kind", v, "document kind")})
    if not isinstance(data["options"], dict):
        _expected(_join(path, "options"), "an object {...}", data["options"])
    values["options"] = data["options"]
    return values
