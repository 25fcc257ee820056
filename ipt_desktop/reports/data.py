"""Plain dataclasses the documents are built from (no ORM, no Qt)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, is_dataclass


@dataclass
class Practice:
    """The letterhead: who is writing, from where, on what paper."""
    name: str = ""
    credentials: str = ""
    practice_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    logo: bytes | None = None
    page_size: str = "A4"

    @property
    def contact(self) -> str:
        return " · ".join(p for p in (self.phone, self.email) if p)


@dataclass
class ClientInfo:
    """Identifiers printed on a client's documents."""
    id: int
    first_name: str
    last_name: str
    preferred_name: str = ""
    code: str = ""
    date_of_birth: dt.date | None = None
    referrer_name: str = ""
    referrer_details: str = ""
    referral_date: dt.date | None = None
    referral_reason: str = ""
    gp_name: str = ""
    gp_details: str = ""
    status: str = ""

    @property
    def called(self) -> str:
        """The name used when speaking to the client."""
        return self.preferred_name or self.first_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class Amendment:
    date: dt.date
    old_count: int
    new_count: int
    reason: str = ""


@dataclass
class ContractInfo:
    sessions_agreed: int = 16
    session_minutes: int = 50
    frequency: str = "weekly"
    start_date: dt.date | None = None
    missed_policy: str = ""
    lateness_policy: str = ""
    agreed_on: dt.date | None = None
    amendments: list[Amendment] = field(default_factory=list)

    @property
    def original_count(self) -> int:
        return self.amendments[0].old_count if self.amendments else self.sessions_agreed


@dataclass
class CirclePerson:
    """One person as drawn on the Interpersonal Circle."""
    id: int
    name: str
    ring: int
    angle: float
    role: str = "other"
    feeling: str = "unknown"
    deceased: bool = False
    problem_area: str = ""


@dataclass
class CircleData:
    """A circle at one moment: the people and a caption (e.g. 'after session 3')."""
    people: list[CirclePerson] = field(default_factory=list)
    caption: str = ""


@dataclass
class ScorePoint:
    session_number: int
    date: dt.date
    total: int


@dataclass
class MeasureSeries:
    """One questionnaire over treatment, with its first-to-last outcome."""
    instrument: str
    points: list[ScorePoint] = field(default_factory=list)
    outcome: str = ""  # e.g. "reliable improvement", "" when not computable
    first_band: str = ""
    last_band: str = ""
    risk_flags: int = 0


@dataclass
class MedicationInfo:
    name: str
    dose: str = ""
    prescriber: str = ""
    started_on: dt.date | None = None
    stopped_on: dt.date | None = None
    history: list[str] = field(default_factory=list)  # "2026-02-01: dose 20 mg"


@dataclass
class FocusInfo:
    area: str
    priority: str = "primary"
    person: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)  # (label, text)


@dataclass
class FormulationInfo:
    sections: list[tuple[str, str]] = field(default_factory=list)  # (label, text)
    focus_summary: str = ""
    goals: str = ""
    agreed_on: dt.date | None = None


@dataclass
class SupportPerson:
    name: str
    role: str = ""


@dataclass
class ClosingPlanInfo:
    goals: list[tuple[str, str]] = field(default_factory=list)  # (goal, status)
    client_account: str = ""
    skills_learned: str = ""
    remaining_work: str = ""
    warning_signs: str = ""
    share_signs_with: str = ""
    anticipated_problems: list[tuple[str, str]] = field(default_factory=list)  # (problem, plan)
    support_people: list[SupportPerson] = field(default_factory=list)
    return_threshold: str = ""
    return_contacts: str = ""
    crisis_line: str = ""
    maintenance_frequency: str = ""
    maintenance_duration: str = ""
    referral: str = ""
    medication_plan: str = ""
    feelings_about_ending: str = ""
    agreed_on: dt.date | None = None


@dataclass
class Attendance:
    """Sessions held against the contract."""
    contracted: int = 0
    attended: int = 0
    late: int = 0
    missed: int = 0
    cancelled: int = 0
    first_date: dt.date | None = None
    last_date: dt.date | None = None

    @property
    def held(self) -> int:
        return self.attended + self.late


@dataclass
class ReportData:
    """Everything any document may print; each kind reads only what it needs."""
    practice: Practice = field(default_factory=Practice)
    client: ClientInfo | None = None
    contract: ContractInfo | None = None
    attendance: Attendance | None = None
    circle: CircleData | None = None  # now
    circle_start: CircleData | None = None
    measures: list[MeasureSeries] = field(default_factory=list)
    medications: list[MedicationInfo] = field(default_factory=list)
    foci: list[FocusInfo] = field(default_factory=list)
    formulation: FormulationInfo | None = None
    closing_plan: ClosingPlanInfo | None = None
    recommendations: str = ""
    made_on: dt.date = field(default_factory=dt.date.today)


def printed_text(data) -> str:
    """Every string a document may print from `data`, with the month names of its dates."""
    parts = [dt.date(2000, month, 1).strftime("%B") for month in range(1, 13)]
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif is_dataclass(item):
            stack.extend(getattr(item, f.name) for f in fields(item))
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.items())
    return "".join(parts)
