"""Scoring of PHQ-9, GAD-7 and EPDS in one place, and the outcome terms of DOMAIN.md.

Pure functions over plain lists: used by the services when a measure is stored, by
the UI for live totals, and by the reports.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Instrument:
    name: str
    title: str
    items: int
    bands: tuple[tuple[int, str], ...]  # (lowest total of the band, band name)
    risk_item: int | None  # 1-based item whose answer above 0 is always flagged
    reliable_change: int | None  # fall needed for reliable improvement
    caseness: int | None  # total at or above which a person is a "case"

    @property
    def maximum(self) -> int:
        return self.items * 3


PHQ9 = Instrument("PHQ-9", "Patient Health Questionnaire (depression)", 9,
                  ((0, "minimal"), (5, "mild"), (10, "moderate"),
                   (15, "moderately severe"), (20, "severe")), 9, 6, 10)
GAD7 = Instrument("GAD-7", "Generalised Anxiety Disorder scale", 7,
                  ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")),
                  None, 4, 8)
EPDS = Instrument("EPDS", "Edinburgh Postnatal Depression Scale", 10,
                  ((0, "unlikely"), (10, "possible depression"), (13, "probable depression")),
                  10, None, None)

INSTRUMENTS = {i.name: i for i in (PHQ9, GAD7, EPDS)}
BANDS = ("minimal", "mild", "moderate", "moderately severe", "severe")


def instrument(name: str) -> Instrument:
    try:
        return INSTRUMENTS[name]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown questionnaire {name!r}; use one of "
                         f"{', '.join(INSTRUMENTS)}.") from None


def check_responses(inst: Instrument, responses) -> list[int | None]:
    """The responses as a list of the right length, each 0-3 or None; ValueError otherwise."""
    if not isinstance(responses, (list, tuple)):
        raise ValueError(f"{inst.name} answers must be a list of {inst.items} items.")
    if len(responses) != inst.items:
        raise ValueError(f"{inst.name} has {inst.items} items; {len(responses)} answers "
                         "were given.")
    out = []
    for i, r in enumerate(responses, 1):
        if r is None:
            out.append(None)
        elif isinstance(r, bool) or not isinstance(r, int) or not 0 <= r <= 3:
            raise ValueError(f"{inst.name} item {i}: answers are 0, 1, 2 or 3 (got {r!r}).")
        else:
            out.append(r)
    return out


def total(inst: Instrument, responses) -> int | None:
    """The sum, or None while any item is unanswered (an item is never guessed)."""
    answers = check_responses(inst, responses)
    if any(r is None for r in answers):
        return None
    return sum(answers)


def band(inst: Instrument, score: int | None) -> str | None:
    if score is None:
        return None
    if not 0 <= score <= inst.maximum:
        raise ValueError(f"{inst.name} totals run 0-{inst.maximum} (got {score}).")
    name = None
    for low, label in inst.bands:
        if score >= low:
            name = label
    return name


def risk(inst: Instrument, responses) -> bool:
    """True when the instrument's risk item (self-harm) is answered above 0."""
    if inst.risk_item is None:
        return False
    answer = check_responses(inst, responses)[inst.risk_item - 1]
    return answer is not None and answer > 0


@dataclass(frozen=True)
class Outcome:
    """First-to-last change on one instrument, in the NHS Talking Therapies terms."""
    instrument: str
    first: int
    last: int
    reliable_improvement: bool
    reliable_deterioration: bool
    case_at_start: bool
    case_at_end: bool
    recovery: bool
    reliable_recovery: bool

    @property
    def change(self) -> int:
        return self.last - self.first

    def summary(self) -> str:
        if self.reliable_recovery:
            return "reliable recovery"
        if self.recovery:
            return "recovery"
        if self.reliable_improvement:
            return "reliable improvement"
        if self.reliable_deterioration:
            return "reliable deterioration"
        return "no reliable change"


def outcome(name: str, first: int, last: int) -> Outcome:
    inst = instrument(name)
    if inst.reliable_change is None or inst.caseness is None:
        raise ValueError(f"{name} has no reliable-change or caseness threshold.")
    fall = first - last
    improved = fall >= inst.reliable_change
    worse = -fall >= inst.reliable_change
    case_start, case_end = first >= inst.caseness, last >= inst.caseness
    recovery = case_start and not case_end
    return Outcome(name, first, last, improved, worse, case_start, case_end, recovery,
                   recovery and improved)


def series_outcome(name: str, totals: list[int | None]) -> Outcome | None:
    """Outcome from the first and last complete totals of a series, if there are two."""
    complete = [t for t in totals if t is not None]
    if len(complete) < 2:
        return None
    return outcome(name, complete[0], complete[-1])


def joint_caseness(phq9: int | None, gad7: int | None) -> bool | None:
    """Caseness by either measure: PHQ-9 >= 10 or GAD-7 >= 8."""
    if phq9 is None and gad7 is None:
        return None
    return (phq9 is not None and phq9 >= PHQ9.caseness) or \
        (gad7 is not None and gad7 >= GAD7.caseness)
