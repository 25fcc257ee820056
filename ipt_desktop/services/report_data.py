"""The dataclasses documents are built from: the ONLY place that queries for reports."""
from __future__ import annotations

import datetime as dt

from ..models import Client, Session
from ..reports import KINDS
from ..reports.data import (
    Amendment,
    Attendance,
    CircleData,
    CirclePerson,
    ClientInfo,
    ClosingPlanInfo,
    ContractInfo,
    FocusInfo,
    FormulationInfo,
    MeasureSeries,
    MedicationInfo,
    Practice,
    ReportData,
    ScorePoint,
    SupportPerson,
)
from . import clients, closing, inventory, profile, scoring, sessions
from .errors import NotFound, ValidationError

FOCUS_FIELDS = {
    "dispute": [("With", None), ("Stage", "dispute_stage"), ("Issue", "dispute_issue"),
                ("Client's expectations", "client_expectations"),
                ("Other's expectations", "other_expectations"),
                ("Change wished for", "desired_change")],
    "transition": [("Old role", "old_role"), ("Gains of the old role", "old_role_gains"),
                   ("Losses of the old role", "old_role_losses"), ("New role", "new_role"),
                   ("Gains of the new role", "new_role_gains"),
                   ("Losses of the new role", "new_role_losses")],
    "grief": [],
    "sensitivity": [],
}
FORMULATION_SECTIONS = [("Biology", "biology"), ("Psychology", "psychology"),
                        ("Attachment", "attachment"), ("Social context", "social"),
                        ("Culture", "culture"), ("Spirituality", "spirituality"),
                        ("Current problems", "current_problems")]


def practice() -> Practice:
    p = profile.profile_dict()
    return Practice(**{k: p.get(k) or ("A4" if k == "page_size" else
                                       None if k == "logo" else "")
                       for k in Practice.__dataclass_fields__})


def client_info(client_id: int) -> ClientInfo:
    row = Client.get_or_none((Client.id == client_id) & ~Client.deleted)
    if row is None:
        raise NotFound(f"There is no client with id {client_id} in this vault.")
    return ClientInfo(**{k: getattr(row, k) for k in ClientInfo.__dataclass_fields__})


def contract_info(client_id: int) -> ContractInfo:
    c = clients.contract_for(client_id)
    return ContractInfo(
        sessions_agreed=c.sessions_agreed, session_minutes=c.session_minutes,
        frequency=c.frequency, start_date=c.start_date, missed_policy=c.missed_policy,
        lateness_policy=c.lateness_policy, agreed_on=c.agreed_on,
        amendments=[Amendment(a["date"], a["old_count"], a["new_count"], a["reason"])
                    for a in clients.amendments(client_id)])


def _people(rows: list[dict]) -> list[CirclePerson]:
    return [CirclePerson(id=r["id"], name=r["name"], ring=r["ring"], angle=r["angle"],
                         role=r.get("role", "other"), feeling=r.get("feeling", "unknown"),
                         deceased=bool(r.get("deceased")),
                         problem_area=r.get("problem_area") or "") for r in rows]


def circle_now(client_id: int) -> CircleData:
    n = inventory.current_session_number(client_id)
    caption = f"after session {n}" if n else "before the first session"
    return CircleData(_people(inventory.persons(client_id)), caption)


def circle_start(client_id: int) -> CircleData:
    """The circle as it stood when the initial sessions ended (the inventory's baseline)."""
    from .phases import initial_count
    agreed = clients.contract_for(client_id).sessions_agreed
    n = min(initial_count(agreed), max(1, inventory.current_session_number(client_id)))
    return CircleData(_people(inventory.inventory_at(client_id, n)), f"after session {n}")


def attendance(client_id: int, contracted: int) -> Attendance:
    att = Attendance(contracted=contracted)
    rows = (Session.select(Session.attendance, Session.date)
            .where((Session.client == client_id) & ~Session.deleted).tuples())
    held = []
    for status, date in rows:
        if status in ("attended", "late", "missed", "cancelled"):
            setattr(att, status, getattr(att, status) + 1)
        if status in ("attended", "late"):
            held.append(date)
    att.first_date, att.last_date = (min(held), max(held)) if held else (None, None)
    return att


def measure_series(client_id: int) -> list[MeasureSeries]:
    numbers = {sid: n for sid, n in Session.select(Session.id, Session.number).where(
        Session.client == client_id).tuples()}
    by_inst: dict[str, MeasureSeries] = {}
    for m in sessions.measures(client_id):
        s = by_inst.setdefault(m["instrument"], MeasureSeries(m["instrument"]))
        s.risk_flags += bool(m["risk"])
        if m["total"] is not None:
            s.points.append(ScorePoint(numbers.get(m["session"], 0), m["taken_on"], m["total"]))
    for s in by_inst.values():
        inst = scoring.instrument(s.instrument)
        if s.points:
            s.first_band = scoring.band(inst, s.points[0].total)
            s.last_band = scoring.band(inst, s.points[-1].total)
        if inst.reliable_change is not None:
            result = scoring.series_outcome(s.instrument, [p.total for p in s.points])
            s.outcome = result.summary() if result else ""
    order = {name: i for i, name in enumerate(scoring.INSTRUMENTS)}
    return sorted(by_inst.values(), key=lambda s: order.get(s.instrument, 99))


def medication_info(client_id: int) -> list[MedicationInfo]:
    out = []
    for m in clients.medications(client_id):
        history = [f"{c['date']:%-d %b %Y}: {c['kind']}" + (f" {c['dose']}" if c["dose"] else "")
                   for c in m["changes"] if c["kind"] != "start"]
        out.append(MedicationInfo(m["name"], m["dose"], m["prescriber"], m["started_on"],
                                  m["stopped_on"], history))
    return out


def focus_info(client_id: int) -> list[FocusInfo]:
    names = {p["id"]: p["name"] for p in inventory.persons(client_id)}
    out = []
    for f in clients.foci(client_id):
        details = [(label, f[key]) for label, key in FOCUS_FIELDS.get(f["area"], []) if key]
        if f["event_date"]:
            details.insert(0, ("Date of the loss" if f["area"] == "grief" else "Date",
                               f"{f['event_date']:%-d %B %Y}"))
        details.append(("Notes", f["notes"]))
        out.append(FocusInfo(f["area"], f["priority"], names.get(f["person"], ""), details))
    return out


def formulation_info(client_id: int) -> FormulationInfo:
    f = clients.formulation_for(client_id)
    return FormulationInfo([(label, getattr(f, key)) for label, key in FORMULATION_SECTIONS],
                           f.focus_summary, f.goals, f.agreed_on)


def closing_info(client_id: int) -> ClosingPlanInfo | None:
    if not closing.exists(client_id):
        return None
    p = closing.plan_dict(client_id)
    people = {r["id"]: r for r in inventory.persons(client_id)}
    support = [SupportPerson(people[i]["name"], people[i]["role"])
               for i in p["support_person_ids"] if i in people]
    return ClosingPlanInfo(
        goals=[(g["goal"], g["status"]) for g in p["goals"] if g["goal"].strip()],
        anticipated_problems=[(a["problem"], a["plan"]) for a in p["anticipated_problems"]
                              if a["problem"].strip() or a["plan"].strip()],
        support_people=support,
        **{k: p[k] for k in ClosingPlanInfo.__dataclass_fields__
           if k not in ("goals", "anticipated_problems", "support_people")})


def recommendations(plan: ClosingPlanInfo | None) -> str:
    """Recommendations for the referrer, drawn from the future-treatment part of the plan."""
    if plan is None:
        return ""
    lines = []
    if plan.maintenance_frequency or plan.maintenance_duration:
        lines.append("Maintenance IPT: " + ", ".join(
            x for x in (plan.maintenance_frequency, plan.maintenance_duration) if x) + ".")
    if plan.referral:
        lines.append(f"Onward referral: {plan.referral}")
    if plan.medication_plan:
        lines.append(f"Medication: {plan.medication_plan}")
    if plan.return_threshold:
        lines.append(f"Re-referral if: {plan.return_threshold}")
    return "\n".join(lines)


def report_data(kind: str, client_id: int | None = None,
                today: dt.date | None = None) -> ReportData:
    """Everything `kind` prints for the client (or its generic version without one)."""
    if kind not in KINDS:
        raise ValidationError("kind", f"There is no document called '{kind}'; choose one of: "
                                      f"{', '.join(KINDS)}.")
    data = ReportData(practice=practice(), made_on=today or dt.date.today())
    if client_id is None:
        if KINDS[kind].needs_client:
            raise ValidationError("client", f"The {KINDS[kind].title} is made for a "
                                            "client; choose one.")
        return data
    data.client = client_info(client_id)
    if kind in ("about-ipt", "agreement", "end-of-treatment"):
        data.contract = contract_info(client_id)
    if kind == "circle":
        data.circle = circle_now(client_id)
    if kind == "closing-plan":
        data.closing_plan = closing_info(client_id)
    if kind == "end-of-treatment":
        data.attendance = attendance(client_id, data.contract.sessions_agreed)
        data.circle = circle_now(client_id)
        data.circle_start = circle_start(client_id)
        data.measures = measure_series(client_id)
        data.medications = medication_info(client_id)
        data.foci = focus_info(client_id)
        data.formulation = formulation_info(client_id)
        data.closing_plan = closing_info(client_id)
        data.recommendations = recommendations(data.closing_plan)
    return data
