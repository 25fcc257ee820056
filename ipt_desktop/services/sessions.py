"""Sessions, their notes, incidents and the questionnaires answered in them."""
from __future__ import annotations

import datetime as dt

from ..models import Client, Incident, MeasureAdministration, Person, Session, database
from ..models.entities import ATTENDANCE, PHASES
from . import phases, scoring
from .clients import contract_for
from .common import (
    apply_fields,
    choice,
    coerce_fields,
    get,
    integer,
    parse_date,
    row_values,
    transaction,
)
from .errors import ValidationError

SESSION_FIELDS = [f for f in Session._meta.sorted_field_names
                  if f not in ("id", "client", "number", "deleted")]
NOTE_FIELDS = ["summary", "techniques", "communication_analysis", "ps_problem", "ps_options",
               "ps_pros_cons", "ps_choice", "ps_outcome", "role_play", "emotions", "homework",
               "risk"]
INCIDENT_FIELDS = ["what_happened", "said", "meant", "heard", "feelings", "outcome"]


def _time(value):
    if value in (None, ""):
        return ""
    try:
        return dt.time.fromisoformat(str(value).strip()).strftime("%H:%M")
    except ValueError:
        raise ValidationError("start_time", f"'{value}' is not a time; write it as HH:MM, "
                                            "e.g. 14:30.") from None


def _validators():
    return {
        "date": lambda v: _required_date(v),
        "start_time": _time,
        "duration_minutes": lambda v: integer("duration_minutes", v, 5, 240,
                                              "session length in minutes"),
        "attendance": lambda v: choice("attendance", v, ATTENDANCE),
        "phase_override": lambda v: None if v in (None, "") else choice(
            "phase_override", v, PHASES, "phase"),
    }


def _required_date(value):
    result = parse_date("date", value, label="session date")
    if result is None:
        raise ValidationError("date", "A session needs a date.")
    return result


def _live(client_id: int):
    return Session.select().where((Session.client == client_id) & ~Session.deleted)


def next_session_defaults(client_id: int) -> dict:
    """Number and date a new session would get: one more, a week after the last."""
    last = _live(client_id).order_by(Session.number.desc()).first()
    contract = contract_for(client_id)
    if last is None:
        when = contract.start_date or dt.date.today()
        return {"number": 1, "date": when, "duration_minutes": contract.session_minutes}
    return {"number": last.number + 1, "date": last.date + dt.timedelta(days=7),
            "duration_minutes": contract.session_minutes}


def add_session(client_id: int, date=None, **fields) -> int:
    """A new session numbered after the last; dated a week later unless given."""
    with transaction():
        get(Client, client_id)
        defaults = next_session_defaults(client_id)
        values = coerce_fields(Session, {"date": date or defaults["date"],
                                         "duration_minutes": defaults["duration_minutes"],
                                         **fields}, _validators())
        previous = _live(client_id).order_by(Session.number.desc()).first()
        if previous is not None and values["date"] < previous.date:
            raise ValidationError("date", f"Session {defaults['number']} cannot be dated before "
                                          f"session {previous.number} ({previous.date}).")
        session = Session.create(client=client_id, number=defaults["number"], **values)
    return session.id


def update_session(session_id: int, fields: dict) -> dict:
    values = coerce_fields(Session, fields, _validators())
    with transaction():
        session = get(Session, session_id)
        if "date" in values:
            _check_date_order(session, values["date"])
        old = apply_fields(session, values)
        if "date" in values:  # a questionnaire is dated by its session: keep them together
            MeasureAdministration.update(taken_on=values["date"]).where(
                MeasureAdministration.session == session).execute()
    return old


def _check_date_order(session: Session, new_date: dt.date) -> None:
    before = _live(session.client_id).where(Session.number < session.number) \
        .order_by(Session.number.desc()).first()
    after = _live(session.client_id).where(Session.number > session.number) \
        .order_by(Session.number).first()
    if before and new_date < before.date:
        raise ValidationError("date", f"Session {session.number} cannot be before session "
                                      f"{before.number} ({before.date}).")
    if after and new_date > after.date:
        raise ValidationError("date", f"Session {session.number} cannot be after session "
                                      f"{after.number} ({after.date}); reschedule that one "
                                      "first.")


def set_session_deleted(session_id: int, deleted: bool) -> None:
    with transaction():
        session = get(Session, session_id)
        if deleted and _live(session.client_id).where(Session.number > session.number).exists():
            raise ValidationError("session", "Only the last session can be removed; later "
                                             "sessions keep their numbers.")
        session.deleted = deleted
        session.save()


def phase_of(session: Session | dict, agreed: int | None = None,
             maintenance: bool = False) -> str:
    get_ = session.get if isinstance(session, dict) else lambda k: getattr(session, k)
    if get_("phase_override"):
        return get_("phase_override")
    client_id = get_("client") if isinstance(session, dict) else session.client_id
    if agreed is None:
        agreed = contract_for(client_id).sessions_agreed
    return phases.phase_for(get_("number"), agreed, maintenance)


def sessions(client_id: int) -> list[dict]:
    """The client's sessions in order, each with its derived phase and measures."""
    client = get(Client, client_id)
    agreed = contract_for(client_id).sessions_agreed
    rows = list(_live(client_id).order_by(Session.number).dicts())
    by_session: dict[int, list[dict]] = {}
    for m in measures(client_id):
        by_session.setdefault(m["session"], []).append(m)
    for row in rows:
        row["phase"] = row["phase_override"] or phases.phase_for(
            row["number"], agreed, client.status == "maintenance")
        row["measures"] = by_session.get(row["id"], [])
        row["over_contract"] = phases.over_contract(row["number"], agreed)
    return rows


def session_dict(session_id: int) -> dict:
    return Session.select().where(Session.id == session_id).dicts().get()


# -- measures --------------------------------------------------------------------------
def record_measure(session_id: int, instrument: str, responses) -> int:
    """Store (or replace) a questionnaire for a session; totals are computed here only."""
    try:
        inst = scoring.instrument(instrument)
        answers = scoring.check_responses(inst, list(responses)
                                          if isinstance(responses, tuple) else responses)
    except ValueError as exc:
        raise ValidationError("responses", str(exc)) from None
    with transaction():
        session = get(Session, session_id)
        row = MeasureAdministration.get_or_none(
            (MeasureAdministration.session == session) &
            (MeasureAdministration.instrument == inst.name))
        values = {"responses": answers, "total": scoring.total(inst, answers),
                  "risk": scoring.risk(inst, answers), "taken_on": session.date}
        if row is None:
            row = MeasureAdministration.create(client=session.client_id, session=session,
                                               instrument=inst.name, **values)
        else:
            MeasureAdministration.update(**values).where(
                MeasureAdministration.id == row.id).execute()
    return row.id


def remove_measure(session_id: int, instrument: str) -> list | None:
    """Remove a questionnaire from a session; returns its responses (for undo)."""
    with transaction():
        row = MeasureAdministration.get_or_none(
            (MeasureAdministration.session == session_id) &
            (MeasureAdministration.instrument == instrument))
        if row is None:
            return None
        row.delete_instance()
        return row.responses


def measures(client_id: int, instrument: str | None = None) -> list[dict]:
    """Administrations in date order, each with band; measures of removed sessions left out."""
    query = (MeasureAdministration.select(MeasureAdministration)
             .join(Session, on=(MeasureAdministration.session == Session.id))
             .where((MeasureAdministration.client == client_id) & ~Session.deleted))
    if instrument:
        query = query.where(MeasureAdministration.instrument == instrument)
    rows = []
    for row in query.order_by(MeasureAdministration.taken_on, MeasureAdministration.id).dicts():
        row["band"] = scoring.band(scoring.instrument(row["instrument"]), row["total"])
        rows.append(row)
    return rows


def session_number_of(session_id: int) -> int:
    return get(Session, session_id).number


# -- incidents -------------------------------------------------------------------------
def add_incident(session_id: int, person_id: int | None = None, **fields) -> int:
    values = coerce_fields(Incident, fields)
    with transaction():
        session = get(Session, session_id)
        if person_id is not None and not Person.select().where(
                (Person.id == person_id) & (Person.client == session.client_id)).exists():
            raise ValidationError("person", "That person is not in this client's inventory.")
        incident = Incident.create(session=session, person=person_id, **values)
    return incident.id


def update_incident(incident_id: int, fields: dict) -> dict:
    fields = dict(fields)
    person = fields.pop("person", ...)
    values = coerce_fields(Incident, fields)
    with transaction():
        incident = get(Incident, incident_id)
        old_person = {}
        if person is not ...:
            old_person["person"] = incident.person_id
            incident.person = person
        return {**apply_fields(incident, values), **old_person}


def remove_incident(incident_id: int) -> dict:
    """Delete an incident; returns its fields so undo can add it back."""
    with transaction():
        incident = get(Incident, incident_id)
        data = {"session_id": incident.session_id, "person_id": incident.person_id,
                **row_values(incident, INCIDENT_FIELDS)}
        incident.delete_instance()
    return data


def incidents(session_id: int) -> list[dict]:
    return list(Incident.select().where(Incident.session == session_id)
                .order_by(Incident.id).dicts())


# -- search ----------------------------------------------------------------------------
def search_notes(text: str, limit: int = 100) -> list[dict]:
    """Sessions whose notes match `text` (every word, prefix match), best first."""
    words = [w.replace('"', "") for w in text.split() if w.replace('"', "")]
    if not words:
        return []
    query = " ".join(f'"{w}"*' for w in words)
    sql = ("SELECT s.id, s.client_id, s.number, s.date, c.first_name, c.last_name, "
           "snippet(session_fts, -1, '[', ']', '...', 12) "
           "FROM session_fts JOIN session s ON s.id = session_fts.rowid "
           "JOIN client c ON c.id = s.client_id "
           "WHERE session_fts MATCH ? AND s.deleted = 0 AND c.deleted = 0 "
           "ORDER BY rank LIMIT ?")
    cursor = database.execute_sql(sql, (query, limit))
    return [{"session_id": r[0], "client_id": r[1], "number": r[2], "date": r[3],
             "client_name": f"{r[4]} {r[5]}", "snippet": r[6]} for r in cursor.fetchall()]
