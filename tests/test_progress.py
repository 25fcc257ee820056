"""The progress review service: first vs last scores, attendance, the circle then and now."""
import datetime as dt

from ipt_desktop.services import clients, closing, inventory, progress, sessions


def answers(total: int, items: int) -> list[int]:
    """Item answers (0-3) adding up to `total`."""
    out = []
    for _ in range(items):
        out.append(min(3, total))
        total -= out[-1]
    assert total == 0
    return out


def held(client_id, start="2026-01-05", count=1, attendance="attended"):
    """Add `count` weekly sessions; returns their ids."""
    ids = []
    for i in range(count):
        date = dt.date.fromisoformat(start) + dt.timedelta(days=7 * i)
        ids.append(sessions.add_session(client_id, date=date, attendance=attendance))
    return ids


def scored(client_id, phq9: list, gad7: list | None = None, start="2026-01-05"):
    """One attended session per score; each gets PHQ-9 (and GAD-7 when given)."""
    ids = held(client_id, start, len(phq9))
    for i, sid in enumerate(ids):
        sessions.record_measure(sid, "PHQ-9", answers(phq9[i], 9))
        if gad7 is not None:
            sessions.record_measure(sid, "GAD-7", answers(gad7[i], 7))
    return ids


def test_reliable_recovery_and_recovery(client_id):
    scored(client_id, [18, 14, 11, 7], [9, 9, 8, 7])
    summary = progress.progress_summary(client_id)
    phq = summary.measures["PHQ-9"]
    assert (phq.first.total, phq.first.band, phq.first.session_number) == \
        (18, "moderately severe", 1)
    assert (phq.last.total, phq.last.band, phq.last.session_number) == (7, "mild", 4)
    assert (phq.count, phq.change, phq.term) == (4, -11, "reliable recovery")
    gad = summary.measures["GAD-7"]
    # Fell below caseness (8) but by less than the reliable change of 4.
    assert (gad.first.total, gad.last.total, gad.term) == (9, 7, "recovery")


def test_deterioration_and_no_change(client_id):
    scored(client_id, [8, 11, 15], [5, 7, 6])
    summary = progress.progress_summary(client_id)
    assert summary.measures["PHQ-9"].term == "reliable deterioration"
    assert summary.measures["PHQ-9"].last.band == "moderately severe"
    assert summary.measures["GAD-7"].term == "no reliable change"


def test_reliable_improvement_without_recovery(client_id):
    scored(client_id, [22, 13])
    assert progress.measure_progress(client_id, "PHQ-9").term == "reliable improvement"


def test_incomplete_totals_and_single_score_give_no_outcome(client_id):
    first, second = held(client_id, count=2)
    sessions.record_measure(first, "PHQ-9", [3, 3, 3, None, 3, 3, 3, 3, 0])  # no total
    sessions.record_measure(second, "PHQ-9", answers(12, 9))
    phq = progress.measure_progress(client_id, "PHQ-9")
    assert (phq.count, phq.first.total, phq.last.total) == (1, 12, 12)
    assert phq.outcome is None and phq.term is None
    gad = progress.measure_progress(client_id, "GAD-7")
    assert (gad.count, gad.first, gad.term) == (0, None, None)


def test_scores_of_a_removed_session_are_left_out(client_id):
    ids = scored(client_id, [16, 9, 20])
    sessions.set_session_deleted(ids[-1], True)
    phq = progress.measure_progress(client_id, "PHQ-9")
    assert (phq.first.total, phq.last.total, phq.term) == (16, 9, "reliable recovery")


def test_attendance_counts_against_the_contract(client_id):
    clients.update_contract(client_id, {"sessions_agreed": 12})
    kinds = ("attended", "attended", "late", "missed", "cancelled", "attended", "planned")
    for i, kind in enumerate(kinds):
        held(client_id, start=f"2026-03-{2 + i:02d}", attendance=kind)
    clients.renegotiate(client_id, 14, "Illness in the family interrupted the work")
    a = progress.attendance(client_id)
    assert (a.contracted, a.first_contracted, a.renegotiated) == (14, 12, True)
    assert (a.attended, a.late, a.missed, a.cancelled, a.planned) == (4, 1, 1, 1, 1)
    assert progress.describe_attendance(a) == (
        "4 of 14 contracted sessions attended (1 late); 1 missed; 1 cancelled; "
        "1 still planned (contract changed from 12 to 14 sessions)")


def test_attendance_of_a_new_client(client_id):
    a = progress.attendance(client_id)
    assert (a.contracted, a.attended, a.missed, a.renegotiated) == (16, 0, 0, False)
    assert progress.describe_attendance(a) == "0 of 16 contracted sessions attended; 0 missed"


def test_circle_then_and_now(client_id):
    """'Then' is the end of the initial sessions (3 of a 16-session contract)."""
    partner = inventory.add_person(client_id, "Rui", ring=2, role="partner", session_number=0)
    boss = inventory.add_person(client_id, "Helena", ring=1, role="colleague", session_number=1)
    sister = inventory.add_person(client_id, "Inês", ring=3, role="sibling", session_number=2)
    stays = inventory.add_person(client_id, "Dr Pires", ring=3, role="professional",
                                 session_number=3)
    held(client_id, count=7)
    inventory.update_person(partner, {"ring": 1}, session_number=5)
    inventory.update_person(boss, {"ring": 3}, session_number=5)
    friend = inventory.add_person(client_id, "Carla", ring=2, role="friend", session_number=6)
    inventory.set_person_removed(sister, True, session_number=7)
    assert progress.baseline_session(client_id) == 3
    circle = progress.circle_comparison(client_id)
    assert circle.available and (circle.since_session, circle.latest_session) == (3, 7)
    assert circle.unchanged == 1
    got = [(c.person_id, c.kind, c.ring_then, c.ring_now) for c in circle.changes]
    assert got == [(partner, "closer", 2, 1), (boss, "further", 1, 3), (friend, "added", None, 2),
                   (sister, "removed", 3, None)]
    assert [progress.describe_change(c) for c in circle.changes] == [
        "Rui (partner) moved closer: middle ring to inner ring",
        "Helena (colleague) moved further: inner ring to outer ring",
        "Carla (friend) was added, on the middle ring",
        "Inês (sibling) was taken off the circle (was on the outer ring)",
    ]
    assert stays not in [c.person_id for c in circle.changes]


def test_circle_needs_a_session_after_the_initial_ones(client_id):
    inventory.add_person(client_id, "Rui", ring=2, role="partner")
    assert not progress.circle_comparison(client_id).available
    held(client_id, count=3)
    assert not progress.circle_comparison(client_id).available
    sessions.add_session(client_id, attendance="planned")  # planned sessions are not held
    assert not progress.circle_comparison(client_id).available
    held(client_id, start="2026-02-02")
    circle = progress.circle_comparison(client_id)
    assert circle.available and circle.changes == [] and circle.unchanged == 1


def test_short_contract_has_a_one_session_baseline(client_id):
    clients.update_contract(client_id, {"sessions_agreed": 4})
    assert progress.baseline_session(client_id) == 1
    held(client_id, count=2)
    assert progress.circle_comparison(client_id).since_session == 1


def test_summary_writes_nothing(client_id):
    """A read of the review must not create rows (it also runs on read-only vaults)."""
    from ipt_desktop.models import ClosingPlan, Contract
    Contract.delete().where(Contract.client == client_id).execute()
    summary = progress.progress_summary(client_id)
    assert summary.attendance.contracted == 16
    assert not Contract.select().where(Contract.client == client_id).exists()
    assert not closing.exists(client_id) and ClosingPlan.select().count() == 0
