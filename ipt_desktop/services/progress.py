"""The progress review of the concluding sessions: scores, attendance, the circle then and now.

Pure reads (nothing is written, so it also works on a read-only vault); the closing-plan
form shows it and the end-of-treatment report can reuse it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import Contract, ContractAmendment, Session
from . import inventory, phases, scoring
from . import sessions as session_service

MEASURED = ("PHQ-9", "GAD-7")
RING_NAMES = inventory.RINGS  # 1 inner, 2 middle, 3 outer


@dataclass(frozen=True)
class Score:
    """One complete questionnaire total with its band and where it was taken."""
    total: int
    band: str
    taken_on: dt.date
    session_number: int | None


@dataclass(frozen=True)
class MeasureProgress:
    """First versus last complete total of one questionnaire, with the outcome term."""
    instrument: str
    first: Score | None
    last: Score | None
    count: int  # complete totals on record
    outcome: scoring.Outcome | None  # None until there are two complete totals

    @property
    def term(self) -> str | None:
        return self.outcome.summary() if self.outcome else None

    @property
    def change(self) -> int | None:
        return self.outcome.change if self.outcome else None


@dataclass(frozen=True)
class Attendance:
    """How the contracted sessions went; 'late' sessions count as attended."""
    contracted: int
    attended: int
    late: int
    missed: int
    cancelled: int
    planned: int
    first_contracted: int  # before any renegotiation

    @property
    def held(self) -> int:
        return self.attended + self.missed + self.cancelled

    @property
    def renegotiated(self) -> bool:
        return self.first_contracted != self.contracted


@dataclass(frozen=True)
class CircleChange:
    """One person whose place on the circle differs between then and now."""
    person_id: int
    name: str
    role: str
    kind: str  # closer, further, added, removed
    ring_then: int | None
    ring_now: int | None


@dataclass(frozen=True)
class CircleComparison:
    """The circle at `since_session` versus now; `available` once a later session is held."""
    available: bool
    since_session: int
    latest_session: int
    changes: list[CircleChange] = field(default_factory=list)
    unchanged: int = 0


@dataclass(frozen=True)
class ProgressSummary:
    measures: dict[str, MeasureProgress]
    attendance: Attendance
    circle: CircleComparison


def _session_numbers(client_id: int) -> dict[int, int]:
    return dict(Session.select(Session.id, Session.number)
                .where((Session.client == client_id) & ~Session.deleted).tuples())


def measure_progress(client_id: int, instrument: str,
                     numbers: dict[int, int] | None = None) -> MeasureProgress:
    """First and last complete totals of `instrument`, in the order they were taken."""
    inst = scoring.instrument(instrument)
    numbers = _session_numbers(client_id) if numbers is None else numbers
    rows = [r for r in session_service.measures(client_id, inst.name) if r["total"] is not None]
    rows.sort(key=lambda r: (r["taken_on"], numbers.get(r["session"], 0), r["id"]))
    scores = [Score(r["total"], r["band"], r["taken_on"], numbers.get(r["session"]))
              for r in rows]
    first, last = (scores[0], scores[-1]) if scores else (None, None)
    outcome = scoring.series_outcome(inst.name, [s.total for s in scores])
    return MeasureProgress(inst.name, first, last, len(scores), outcome)


def attendance(client_id: int) -> Attendance:
    """Counts by attendance of the client's sessions against the contracted number."""
    contract = Contract.get_or_none(Contract.client == client_id)
    contracted = contract.sessions_agreed if contract else Contract.sessions_agreed.default
    first_amendment = (ContractAmendment.select(ContractAmendment.old_count)
                       .where(ContractAmendment.client == client_id)
                       .order_by(ContractAmendment.date, ContractAmendment.id).scalar())
    counts = dict.fromkeys(("attended", "late", "missed", "cancelled", "planned"), 0)
    for (kind,) in Session.select(Session.attendance).where(
            (Session.client == client_id) & ~Session.deleted).tuples():
        counts[kind] = counts.get(kind, 0) + 1
    return Attendance(contracted=contracted, attended=counts["attended"] + counts["late"],
                      late=counts["late"], missed=counts["missed"],
                      cancelled=counts["cancelled"], planned=counts["planned"],
                      first_contracted=first_amendment or contracted)


def _movement(ring_then: int, ring_now: int) -> str:
    # Ring 1 is the innermost, so a smaller ring number means closer to the client.
    return "closer" if ring_now < ring_then else "further"


def baseline_session(client_id: int) -> int:
    """The session whose circle is the 'then': the end of the initial sessions.

    The inventory is built over the initial sessions, so comparing with session 1 would
    call everyone met in sessions 2-3 'added'; the printed report uses the same baseline.
    """
    contract = Contract.get_or_none(Contract.client == client_id)
    agreed = contract.sessions_agreed if contract else Contract.sessions_agreed.default
    return min(phases.initial_count(agreed),
               max(1, inventory.current_session_number(client_id)))


def circle_comparison(client_id: int) -> CircleComparison:
    """Who moved closer or further, and who was added or removed, since the baseline."""
    latest = inventory.current_session_number(client_id)
    since = baseline_session(client_id)
    if latest <= since:
        return CircleComparison(False, since, latest)
    then = inventory.inventory_at(client_id, since)
    now = inventory.persons(client_id)
    by_id = {p["id"]: p for p in then} | {p["id"]: p for p in now}
    ring_then = {p["id"]: p["ring"] for p in then}
    ring_now = {p["id"]: p["ring"] for p in now}
    changes, unchanged = [], 0
    for pid, mark in inventory.compare(then, now).items():
        if mark == "same":
            unchanged += 1
            continue
        kind = _movement(ring_then[pid], ring_now[pid]) if mark == "moved" else mark
        person = by_id[pid]
        changes.append(CircleChange(pid, person["name"], person["role"], kind,
                                    ring_then.get(pid), ring_now.get(pid)))
    order = {"closer": 0, "further": 1, "added": 2, "removed": 3}
    changes.sort(key=lambda c: (order[c.kind], c.name.casefold(), c.person_id))
    return CircleComparison(True, since, latest, changes, unchanged)


def progress_summary(client_id: int) -> ProgressSummary:
    """Everything the progress review shows for one client."""
    numbers = _session_numbers(client_id)
    return ProgressSummary(
        measures={name: measure_progress(client_id, name, numbers) for name in MEASURED},
        attendance=attendance(client_id),
        circle=circle_comparison(client_id))


def describe_change(change: CircleChange) -> str:
    """A plain sentence for one circle change, e.g. 'Maria (partner) moved closer: ...'."""
    who = f"{change.name} ({change.role})" if change.role else change.name
    if change.kind in ("closer", "further"):
        return (f"{who} moved {change.kind}: {RING_NAMES[change.ring_then]} ring to "
                f"{RING_NAMES[change.ring_now]} ring")
    if change.kind == "added":
        return f"{who} was added, on the {RING_NAMES[change.ring_now]} ring"
    return f"{who} was taken off the circle (was on the {RING_NAMES[change.ring_then]} ring)"


def describe_attendance(a: Attendance) -> str:
    """One line such as '11 of 16 contracted sessions attended (1 late); 2 missed'."""
    parts = [f"{a.attended} of {a.contracted} contracted sessions attended"
             + (f" ({a.late} late)" if a.late else "")]
    parts.append(f"{a.missed} missed")
    if a.cancelled:
        parts.append(f"{a.cancelled} cancelled")
    if a.planned:
        parts.append(f"{a.planned} still planned")
    text = "; ".join(parts)
    if a.renegotiated:
        text += f" (contract changed from {a.first_contracted} to {a.contracted} sessions)"
    return text
