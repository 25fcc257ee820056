"""Benchmark (not a test): time to build documents in memory.

Goals: end-of-treatment report for a client with 20 sessions in 150 ms warm and
400 ms cold (first document of the process: fonts parsed, modules imported), the
About IPT handout in 20 ms warm. Run: python benchmarks/bench_reports.py [--quick]
"""
from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSPHRASE = "benchmark passphrase"
GOALS_MS = {"end-of-treatment warm": 150, "end-of-treatment cold": 400, "about-ipt warm": 20}


def populate(sessions: int = 20, first_name: str = "Zoë", last_name: str = "Brontë-Okafor"
             ) -> int:
    """A fictional client with a full course of treatment; returns the client id."""
    from ipt_desktop.services import clients, closing, inventory, profile
    from ipt_desktop.services import sessions as svc
    profile.update_profile({"name": "Dr Maren Hollis", "credentials": "DClinPsy, IPT "
                            "practitioner", "practice_name": "Harbour Lane Therapy",
                            "address": "14 Harbour Lane\nBristol BS1 4QA",
                            "phone": "0117 496 0000", "email": "maren@harbourlane.example"})
    start = dt.date(2025, 9, 1)
    cid = clients.create_client(
        first_name, last_name, status="active", date_of_birth="1988-04-12",
        referrer_name="Dr Aisha Rahman", referrer_details="Riverside Medical Practice",
        referral_date="2025-08-10", referral_reason="Low mood since a house move and "
        "new job; arguments with her partner.", gp_name="Dr Aisha Rahman",
        contract={"sessions_agreed": 16, "session_minutes": 50, "start_date": start,
                  "missed_policy": "Please give 24 hours' notice; a session missed without "
                                   "notice still counts towards the 16."})
    clients.renegotiate(cid, sessions, "More time needed after a bereavement mid-treatment.",
                        start + dt.timedelta(days=70))
    pids = {}
    for name, role, ring, angle, feeling, area in [
            ("Tomás Okafor", "partner", 1, 80, "conflictual", "dispute"),
            ("Adaeze Okafor", "parent", 1, 150, "supportive", ""),
            ("Ifeoma", "sibling", 2, 30, "mixed", ""),
            ("Grandma Nkechi", "other family", 2, 200, "supportive", "grief"),
            ("Priya Shah", "friend", 2, 300, "supportive", ""),
            ("Lena Kowalski", "colleague", 3, 120, "mixed", "transition"),
            ("Dr Rahman", "professional", 3, 250, "supportive", "")]:
        pids[name] = inventory.add_person(cid, name, ring, angle, role=role, feeling=feeling,
                                          problem_area=area, session_number=1)
    clients.add_focus(cid, "dispute", "primary", person_id=pids["Tomás Okafor"],
                      dispute_stage="renegotiation", dispute_issue="Sharing the housework "
                      "and time together since the move.", client_expectations="More help "
                      "at home; evenings together.", desired_change="A weekly plan agreed "
                      "together.")
    clients.add_focus(cid, "transition", "secondary", old_role="Team lead in Leeds",
                      new_role="New analyst post in Bristol", new_role_gains="Shorter hours")
    clients.update_formulation(cid, {
        "focus_summary": "Depression that began after a move and a new job, kept going "
                         "by an unresolved dispute with her partner about roles at home.",
        "social": "Moved city in June; few friends nearby.", "goals": "Renegotiate the "
        "division of work at home; build two new local friendships.",
        "agreed_on": start + dt.timedelta(days=14)})
    med = clients.add_medication(cid, "Sertraline", "50 mg", "Dr Rahman", start)
    clients.change_dose(med, "100 mg", start + dt.timedelta(days=40))
    phq = [19, 18, 17, 16, 15, 14, 13, 12, 12, 11, 10, 9, 9, 8, 7, 7, 6, 6, 5, 5]
    gad = [14, 13, 13, 12, 11, 11, 10, 9, 9, 8, 8, 7, 7, 6, 6, 5, 5, 5, 4, 4]
    for i in range(sessions):
        attendance = "missed" if i == 6 else ("late" if i == 9 else "attended")
        sid = svc.add_session(cid, start + dt.timedelta(days=7 * i), attendance=attendance,
                              summary=f"Session {i + 1} notes.")
        if attendance != "missed":
            k = i % len(phq)
            svc.record_measure(sid, "PHQ-9", _items(phq[k], 9, risk=(i == 1)))
            svc.record_measure(sid, "GAD-7", _items(gad[k], 7))
        if i == 8:
            inventory.update_person(pids["Tomás Okafor"], {"ring": 1, "feeling": "mixed"})
            inventory.add_person(cid, "Sam from choir", 2, 250, role="friend",
                                 feeling="supportive")
        if i == 12:
            inventory.update_person(pids["Lena Kowalski"], {"ring": 2})
    closing.update_plan(cid, {
        "goals": [{"goal": "Agree a fair share of the housework with Tomás", "status":
                   "achieved"}, {"goal": "Make two friends in Bristol", "status": "partly"}],
        "client_account": "Talking things through with Tomás at a calm time worked better "
                          "than arguing late at night.",
        "skills_learned": "Picking a calm moment to talk\nSaying what I need clearly\n"
                          "Noticing when I withdraw",
        "remaining_work": "Keep going to choir; invite Priya round once a month.",
        "warning_signs": "Sleeping badly for more than a week\nStopping seeing friends\n"
                         "Snapping at Tomás",
        "share_signs_with": "Tomás and Priya",
        "anticipated_problems": [{"problem": "Anniversary of Grandma Nkechi's death in "
                                  "March", "plan": "Plan a quiet day and call Adaeze."},
                                 {"problem": "Busy season at work in the autumn",
                                  "plan": "Keep Wednesday evenings free."}],
        "support_person_ids": [pids["Priya Shah"], pids["Adaeze Okafor"]],
        "return_threshold": "PHQ-9 of 10 or more twice in a row",
        "return_contacts": "Dr Rahman (GP), or Harbour Lane Therapy",
        "crisis_line": "Samaritans 116 123 (free, any time)",
        "maintenance_frequency": "Monthly", "maintenance_duration": "for six months",
        "medication_plan": "Continue sertraline 100 mg; review with GP in three months.",
        "feelings_about_ending": "A bit nervous, but ready.",
        "agreed_on": start + dt.timedelta(days=7 * (sessions - 1))})
    return cid


def _items(total: int, n: int, risk: bool = False) -> list[int]:
    """Item answers (0-3) adding up to `total`, spread evenly."""
    # The last item is left at 0 (on PHQ-9 it is the self-harm item) unless `risk`.
    spread = n - 1
    items = [min(3, total // spread + (1 if i < total % spread else 0)) for i in range(spread)]
    items.append(1 if risk else 0)
    return items


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _cold_once(vault: Path) -> float:
    """One end-of-treatment build in a fresh process (fonts and modules loaded cold)."""
    code = ("import sys, time; sys.path.insert(0, %r)\n"
            "from ipt_desktop.services.vault import Vault\n"
            "from ipt_desktop.services import documents\n"
            "v = Vault.open(%r, %r)\n"
            "t0 = time.perf_counter(); documents.make('end-of-treatment', 1)\n"
            "print((time.perf_counter() - t0) * 1000); v.close()\n") % (str(ROOT), str(vault),
                                                                       PASSPHRASE)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[dict]:
    """Medians (ms) of each measurement against its goal."""
    from ipt_desktop.services import documents
    from ipt_desktop.services.vault import Vault
    runs = 5 if quick else 9
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.iptvault"
        with Vault.create(path, PASSPHRASE):
            cid = populate(20)
            documents.make("end-of-treatment", cid)  # warm up fonts and imports
            warm = _median_ms(lambda: documents.make("end-of-treatment", cid), runs)
            about = _median_ms(lambda: documents.make("about-ipt", None), runs)
        cold = statistics.median(_cold_once(path) for _ in range(runs))
    for name, value in (("end-of-treatment warm", warm), ("end-of-treatment cold", cold),
                        ("about-ipt warm", about)):
        results.append({"name": name, "median_ms": round(value, 1), "runs": runs,
                        "goal_ms": GOALS_MS[name], "ok": value <= GOALS_MS[name]})
    return results


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
