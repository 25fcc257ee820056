"""The demo vault: a practice of fictional clients, built through the services.

Deterministic for a given `today` (seeded randomness, dates counted back from it), so
tests are stable while the demo opened on any day still looks current.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from ..models import database
from . import clients, closing, inventory, phases, profile, sessions
from .demo_cases import CASES, CRISIS, POLICY, PROFILE
from .demo_notes import ABSENT, CONCLUDING, GENERAL, INITIAL, LATE, MAINTENANCE, MIDDLE, fill
from .vault import VAULT_SUFFIX, Vault

DEMO_PASSPHRASE = "demo"
GP = ("Dr Aisha Raman", "Fenwick Bridge Health Centre, 1 Market Place, 01632 960777")
RISK_NOTE = ("PHQ-9 item 9 answered 'several days'. Described passive thoughts of not "
             "minding if she did not wake up; no plan, no intent, no past attempts. "
             "Protective: Claire, the grandchildren, her faith. Made a safety plan together "
             "and gave the crisis numbers; with her agreement, let the GP know today.")
RISK_FOLLOW_UP = ("Asked again about the thoughts of not waking up: gone this week. Safety "
                  "plan kept by the bed.")


def default_demo_path() -> Path:
    """Where the GUI's --demo keeps its demo vault (the user's data folder)."""
    from platformdirs import user_data_path
    return user_data_path("IPT Desktop", appauthor=False) / f"demo{VAULT_SUFFIX}"


def ensure_demo_vault(path=None) -> Path:
    """The demo vault's path, building the vault first if it is not there yet."""
    path = Path(path) if path else default_demo_path()
    if not path.exists():
        create_demo_vault(path)
    return path


def create_demo_vault(path, passphrase: str = DEMO_PASSPHRASE,
                      today: dt.date | None = None) -> None:
    """Build a new demo vault at `path` (refused if the file exists)."""
    path = Path(path)
    today = today or dt.date.today()
    previous = database.obj  # a vault the caller has open stays bound afterwards
    vault = Vault.create(path, passphrase)
    try:
        with vault.db.atomic():  # one commit: fast, and never a half-built demo
            build(today)
    except BaseException:
        vault.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        if not vault.db.is_closed():
            vault.close()
        if previous is not None:
            database.initialize(previous)


def build(today: dt.date) -> None:
    """Fill the bound (empty) vault with the profile and every fictional case."""
    profile.update_profile(PROFILE)
    for case in CASES:
        _Case(case, today).build()


def _ago(today: dt.date, days) -> dt.date | None:
    return None if days is None else today - dt.timedelta(days=days)


class _Case:
    """Builds one fictional client, session by session."""

    def __init__(self, case: dict, today: dt.date):
        self.case, self.today = case, today
        self.rng = random.Random(f"ipt-demo:{case['first_name']} {case['last_name']}")
        self.contract = case.get("renegotiate", (0, case["contract"]))[1]
        self.maintenance = case["status"] == "maintenance"
        self.dates = [self._date(k) for k in range(1, case["total"] + 1)]
        self.held = sum(1 for d in self.dates if d < today)
        self.people: dict[str, int] = {}
        words = {"c": case.get("preferred_name") or case["first_name"], "p": case.get("key"),
                 "f": case.get("friend"), "n": self.contract, "old": "", "new": "", "lost": ""}
        pronoun = case.get("pronouns", "they/them").split("/")[0]
        words["they"], words["their"] = {"she": ("she", "her"), "he": ("he", "his")}.get(
            pronoun, ("they", "their"))
        self.words = {**words, **case.get("words", {})}

    def _date(self, k: int) -> dt.date:
        first = self.today - dt.timedelta(days=self.case["first"])
        if k <= self.contract:
            return first + dt.timedelta(weeks=k - 1)
        return first + dt.timedelta(weeks=self.contract - 1, days=28 * (k - self.contract))

    def build(self) -> None:
        c, ago = self.case, lambda d: _ago(self.today, d)
        emergency = c.get("emergency", ("", "", ""))
        start = self.dates[0] if self.dates else None
        fields = {k: c[k] for k in ("pronouns", "date_of_birth", "phone", "email", "address",
                                    "referrer_name", "referral_reason", "preferred_name")
                  if k in c}
        self.id = clients.create_client(
            c["first_name"], c["last_name"], status=c["status"],
            referral_date=ago(c["first"] + 21), referrer_details="Letter on file",
            gp_name=GP[0], gp_details=GP[1], emergency_name=emergency[0],
            emergency_relation=emergency[1], emergency_phone=emergency[2],
            contract={"sessions_agreed": c["contract"], "start_date": start,
                      "agreed_on": start, **POLICY}, **fields)
        for person in c.get("people", []):
            self._add_person(person)
        self._add_foci()
        self._add_medications()
        for k, date in enumerate(self.dates, 1):
            self._add_session(k, date)
        self._apply_moves()
        if "renegotiate" in c:
            k, count, reason = c["renegotiate"]
            clients.renegotiate(self.id, count, reason, date=self.dates[k - 1])
        self._formulation()
        if "closing" in c:
            self._closing_plan(c["closing"])

    # -- inventory -----------------------------------------------------------------
    def _add_person(self, spec: dict) -> None:
        extra = {k: v for k, v in spec.items() if k not in ("name", "ring", "moves", "added")}
        added = spec.get("added", min(2, self.held))
        self.people[spec["name"]] = inventory.add_person(
            self.id, spec["name"], ring=spec["ring"], session_number=added, **extra)

    def _apply_moves(self) -> None:
        moves = sorted((k, name, ring) for spec in self.case.get("people", [])
                       for name in [spec["name"]] for k, ring in spec.get("moves", []))
        for k, name, ring in moves:
            if k <= self.held:  # a move is only ever recorded in a session that was held
                inventory.update_person(self.people[name], {"ring": ring},
                                        session_number=k)

    # -- foci, medication, formulation, closing ----------------------------------------
    def _add_foci(self) -> None:
        for spec in self.case.get("focus", []):
            details = {k: v for k, v in spec.items() if k not in ("area", "priority", "person")}
            if "event_date" in details:
                details["event_date"] = _ago(self.today, details["event_date"])
            clients.add_focus(self.id, spec["area"], spec.get("priority", "primary"),
                              self.people.get(spec.get("person")), **details)

    def _add_medications(self) -> None:
        for med in self.case.get("meds", []):
            mid = clients.add_medication(self.id, med["name"], med["dose"], med["prescriber"],
                                         started_on=_ago(self.today, med["started"]))
            if "change" in med:
                days, dose, note = med["change"]
                clients.change_dose(mid, dose, date=_ago(self.today, days), note=note)

    def _formulation(self) -> None:
        spec = dict(self.case.get("formulation") or {})
        if not spec:
            return
        foci = clients.foci(self.id)
        spec["focus_summary"] = "; ".join(
            f"{f['priority']}: {f['area']}" + (f" ({f['dispute_stage']})"
                                                if f["dispute_stage"] else "") for f in foci)
        if self.held >= 3:
            spec["agreed_on"] = self.dates[2]
        clients.update_formulation(self.id, spec)

    def _closing_plan(self, spec: dict) -> None:
        plan = {k: v for k, v in spec.items() if k != "support"}
        plan["support_person_ids"] = [self.people[n] for n in spec.get("support", [])]
        plan["crisis_line"] = CRISIS
        plan["agreed_on"] = self.dates[min(self.contract, len(self.dates)) - 1]
        closing.update_plan(self.id, plan)

    # -- sessions ----------------------------------------------------------------------
    def _attendance(self, k: int, date: dt.date) -> str:
        if date >= self.today:
            return "planned"
        for kind in ("missed", "cancelled", "late"):
            if k in self.case.get(kind, ()):
                return kind
        return "attended"

    def _add_session(self, k: int, date: dt.date) -> None:
        attendance = self._attendance(k, date)
        notes, incident = self._notes(k, attendance)
        sid = sessions.add_session(self.id, date=date, attendance=attendance,
                                   start_time=f"{9 + (self.id * 2 + k % 2) % 9:02d}:00",
                                   **notes)
        if incident:
            who = incident.pop("who")
            sessions.add_incident(sid, self.people.get(self.words[who]), **incident)
        if attendance in ("attended", "late"):
            self._measures(sid, k)

    def _notes(self, k: int, attendance: str) -> tuple[dict, dict | None]:
        if attendance == "planned":
            return {}, None
        words = {**self.words, "remaining": max(0, self.contract - k)}
        if attendance in ABSENT:
            return fill(ABSENT[attendance], words), None
        phase = phases.phase_for(k, self.contract, self.maintenance)
        if phase == "initial":
            template = INITIAL[min(k, len(INITIAL)) - 1]
        elif phase == "middle":
            template = self._middle_beat()
        elif phase == "concluding":
            template = CONCLUDING[max(0, 2 - (self.contract - k))]
        else:
            template = MAINTENANCE[(k - self.contract - 1) % len(MAINTENANCE)]
        notes = fill(template, words)
        incident = notes.pop("incident", None)
        if attendance == "late":
            notes["summary"] = LATE + notes["summary"]
        if k == self.case.get("risk_session"):
            notes["risk"] = RISK_NOTE
        elif k - 1 == self.case.get("risk_session"):
            notes["risk"] = RISK_FOLLOW_UP
        return notes, incident

    def _middle_beat(self) -> dict:
        foci = self.case.get("focus", [])
        own = MIDDLE[foci[0]["area"]] if foci else []
        beats = [own[0], own[1], GENERAL[0], own[2], own[3], GENERAL[1], own[4],
                 GENERAL[2], GENERAL[3]] if own else list(GENERAL)
        beats += [b for f in foci[1:] for b in MIDDLE[f["area"]][:3]]
        n = getattr(self, "_middle_done", 0)
        self._middle_done = n + 1
        beat = dict(beats[n % len(beats)])
        if n >= len(beats):
            beat["summary"] = "Came back to an earlier theme. " + beat["summary"]
        return beat

    # -- measures ----------------------------------------------------------------------
    def _measures(self, sid: int, k: int) -> None:
        first_held, last_held = 1, min(self.held, self.contract)
        risky = k == self.case.get("risk_session")
        if not risky and k not in (first_held, last_held) and self.rng.random() < 0.12:
            return  # not every session has a questionnaire, as in real practice
        t = min(1.0, (k - 1) / max(1, self.contract - 1))
        for name, key, items, cap in (("PHQ-9", "phq", 8, 24), ("GAD-7", "gad", 7, 21)):
            if key not in self.case:
                continue
            score = self._score(*self.case[key], t, k == 1, cap)
            answers = self._items(score - (1 if risky and name == "PHQ-9" else 0), items)
            if name == "PHQ-9":
                answers.append(1 if risky else 0)  # item 9 (self-harm) only where scripted
            elif self.case.get("incomplete_at") == k:
                answers[3] = None
            sessions.record_measure(sid, name, answers)

    def _score(self, start: int, end: int, t: float, first: bool, cap: int) -> int:
        if first:
            return start
        shape = self.case.get("shape", "improve")
        if shape == "improve":
            value = start + (end - start) * (1 - (1 - t) ** 1.6)
        elif shape == "worsen":
            value = start + (end - start) * t ** 0.8
        else:
            value = start + (end - start) * t
        return max(0, min(cap, round(value + self.rng.choice((-1, 0, 0, 1)))))

    def _items(self, total: int, count: int) -> list[int]:
        answers = [0] * count
        for _ in range(max(0, total)):
            open_items = [i for i, a in enumerate(answers) if a < 3]
            answers[self.rng.choice(open_items)] += 1
        return answers
