"""The demo vault: what it must show, and that it is the same every time for a given day."""
import datetime as dt
import unicodedata

import pytest

from ipt_desktop.models import Client, Incident, Person, Session
from ipt_desktop.models.entities import CLIENT_STATUSES, PROBLEM_AREAS
from ipt_desktop.services import clients, closing, demo, inventory, profile, scoring, sessions
from ipt_desktop.services.errors import StorageError
from ipt_desktop.services.vault import Vault

TODAY = dt.date(2026, 3, 1)
STAMPS = {"created_at", "updated_at", "at"}


def snapshot(path, passphrase=demo.DEMO_PASSPHRASE) -> dict:
    """Everything the services show about the vault, as plain data (timestamps left out)."""
    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if k not in STAMPS}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    with Vault.open(path, passphrase):
        out = {"profile": profile.profile_dict(), "clients": {}}
        for row in clients.client_rows(TODAY):
            cid = row["id"]
            rows = sessions.sessions(cid)
            for s in rows:
                s["incidents"] = sessions.incidents(s["id"])
            numbers = [s["number"] for s in rows] or [0]
            out["clients"][cid] = plain({
                "row": row, "client": clients.client_dict(cid),
                "contract": clients.contract_for(cid).__data__,
                "amendments": clients.amendments(cid), "medications": clients.medications(cid),
                "foci": clients.foci(cid),
                "formulation": clients.formulation_for(cid).__data__,
                "persons": inventory.persons(cid), "sessions": rows,
                "circles": {n: inventory.inventory_at(cid, n) for n in [0, *numbers]},
                "closing": closing.plan_dict(cid) if closing.exists(cid) else None,
            })
    return out


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.iptvault"
    demo.create_demo_vault(path, today=TODAY)
    return path


@pytest.fixture(scope="module")
def shown(demo_path):
    return snapshot(demo_path)


def by_name(shown, first):
    return next(c for c in shown["clients"].values() if c["client"]["first_name"] == first)


def test_every_status_and_problem_area_is_covered(shown):
    cases = list(shown["clients"].values())
    assert len(cases) >= 10
    assert {c["client"]["status"] for c in cases} == set(CLIENT_STATUSES)
    foci = [f for c in cases for f in c["foci"]]
    assert {f["area"] for f in foci} == set(PROBLEM_AREAS)
    persons = {p["id"]: p for c in cases for p in c["persons"]}
    disputes = [f for f in foci if f["area"] == "dispute"]
    assert {f["dispute_stage"] for f in disputes} == {"renegotiation", "impasse",
                                                      "dissolution"}
    assert all(f["person"] in persons and f["dispute_issue"] for f in disputes)
    transitions = [f for f in foci if f["area"] == "transition"]
    assert all(f["old_role"] and f["new_role"] and f["event_date"] for f in transitions)
    grief = [f for f in foci if f["area"] == "grief"]
    assert grief and all(persons[f["person"]]["deceased"] and f["event_date"] < TODAY
                         for f in grief)
    for c in cases:
        assert len([f for f in c["foci"] if f["priority"] == "primary"]) <= 1


def test_sessions_have_a_realistic_mix(shown):
    cases = list(shown["clients"].values())
    counts = [len(c["sessions"]) for c in cases]
    assert all(0 <= n <= 20 for n in counts) and max(counts) >= 16
    kinds = [s["attendance"] for c in cases for s in c["sessions"]]
    assert {"attended", "late", "missed", "cancelled", "planned"} <= set(kinds)
    assert kinds.count("attended") > 10 * (kinds.count("missed") + kinds.count("cancelled"))
    for c in cases:
        for s in c["sessions"]:
            assert (s["attendance"] == "planned") == (s["date"] >= TODAY)
            if s["attendance"] in ("attended", "late"):
                assert len(s["summary"]) > 80 and s["techniques"]
    notes = [s for c in cases for s in c["sessions"]]
    assert any(s["ps_problem"] and s["ps_choice"] for s in notes)
    assert any(s["role_play"] for s in notes) and any(s["communication_analysis"]
                                                     for s in notes)
    assert sum(1 for s in notes if s["homework"]) > 50


def test_incidents_are_linked_to_people_in_the_inventory(shown):
    linked = 0
    for c in shown["clients"].values():
        ids = {p["id"] for p in c["persons"]}
        for s in c["sessions"]:
            for incident in s["incidents"]:
                assert incident["person"] in ids
                assert incident["what_happened"] and incident["said"] and incident["heard"]
                linked += 1
    assert linked >= 10


def test_questionnaires_show_improvement_stalling_and_one_worsening(shown):
    outcomes, taken, held = {}, 0, 0
    for c in shown["clients"].values():
        for s in c["sessions"]:
            if s["attendance"] in ("attended", "late"):
                held += 1
                taken += {m["instrument"] for m in s["measures"]} == {"PHQ-9", "GAD-7"}
        totals = [m["total"] for s in c["sessions"] for m in s["measures"]
                  if m["instrument"] == "PHQ-9"]
        if len(totals) >= 5:
            outcomes[c["client"]["first_name"]] = scoring.series_outcome("PHQ-9", totals)
    assert taken >= 0.75 * held
    falls = [o.first - o.last for o in outcomes.values()]
    assert sum(1 for f in falls if f > 2) > len(falls) / 2  # most improve
    assert any(abs(f) <= 2 for f in falls)  # at least one stalls
    assert [n for n, o in outcomes.items() if o.reliable_deterioration] == ["Björn"]
    complete = [m for c in shown["clients"].values() for s in c["sessions"]
                for m in s["measures"]]
    assert all(m["total"] == (None if None in m["responses"] else sum(m["responses"]))
               for m in complete)
    assert any(m["total"] is None for m in complete)  # one form left incomplete


def test_exactly_one_client_has_a_risk_flag(shown):
    flagged = {c["client"]["first_name"]: [s["number"] for s in c["sessions"]
                                           for m in s["measures"] if m["risk"]]
               for c in shown["clients"].values()}
    flagged = {k: v for k, v in flagged.items() if v}
    assert list(flagged) == ["Renée"] and len(flagged["Renée"]) == 1
    session = next(s for s in by_name(shown, "Renée")["sessions"]
                   if s["number"] == flagged["Renée"][0])
    [phq] = [m for m in session["measures"] if m["instrument"] == "PHQ-9"]
    assert phq["responses"][8] > 0 and "safety plan" in session["risk"]


def test_inventories_and_moves_between_rings(shown):
    moved_clients = 0
    for c in shown["clients"].values():
        assert 4 <= len(c["persons"]) <= 15
        circles = c["circles"]
        drawn = [k for k in sorted(circles) if circles[k]]  # the circle as first drawn
        marks = inventory.compare(circles[drawn[0]], circles[drawn[-1]])
        moved_clients += "moved" in marks.values()
    assert moved_clients >= 5
    people = [p for c in shown["clients"].values() for p in c["persons"]]
    assert {p["ring"] for p in people} == {1, 2, 3}
    assert {"supportive", "mixed", "conflictual", "unknown"} <= {p["feeling"] for p in people}
    assert sum(p["deceased"] for p in people) >= 2
    assert len({p["role"] for p in people}) >= 8


def test_contracts_medication_and_formulations(shown):
    cases = list(shown["clients"].values())
    assert all(12 <= c["contract"]["sessions_agreed"] <= 16 for c in cases)
    amendments = [a for c in cases for a in c["amendments"]]
    assert len(amendments) == 1 and amendments[0]["reason"]
    assert (amendments[0]["old_count"], amendments[0]["new_count"]) == (12, 16)
    changes = [ch for c in cases for m in c["medications"] for ch in m["changes"]]
    assert any(ch["kind"] == "dose" for ch in changes)
    for c in cases:
        if sum(s["attendance"] != "planned" for s in c["sessions"]) >= 3:
            assert c["formulation"]["goals"] and c["formulation"]["agreed_on"]


def test_two_complete_closing_plans_with_support_from_the_inventory(shown):
    plans = [(c, c["closing"]) for c in shown["clients"].values() if c["closing"]]
    assert len(plans) == 2
    for c, plan in plans:
        ids = {p["id"] for p in c["persons"]}
        assert plan["goals"] and all(g["goal"] and g["status"] for g in plan["goals"])
        assert plan["anticipated_problems"] and all(a["problem"] and a["plan"]
                                                    for a in plan["anticipated_problems"])
        assert plan["support_person_ids"] and set(plan["support_person_ids"]) <= ids
        for key in ("warning_signs", "share_signs_with", "crisis_line", "return_threshold",
                    "client_account", "feelings_about_ending", "agreed_on"):
            assert plan[key], key
    assert any(plan["maintenance_frequency"] and plan["maintenance_duration"]
               for _, plan in plans)


def test_profile_and_accented_names(shown):
    for key in ("name", "credentials", "practice_name", "address", "phone", "email"):
        assert shown["profile"][key], key
    names = {f"{c['client']['first_name']} {c['client']['last_name']}"
             for c in shown["clients"].values()}
    assert {"Zoë Brontë-Okafor", "José Muñoz"} <= names
    assert sum(1 for n in names if not n.isascii()) >= 6
    assert all(unicodedata.is_normalized("NFC", n) for n in names)


def test_the_same_day_builds_the_same_demo(demo_path, shown, tmp_path):
    again = tmp_path / "again.iptvault"
    demo.create_demo_vault(again, today=TODAY)
    assert snapshot(again) == shown
    later = tmp_path / "later.iptvault"
    demo.create_demo_vault(later, today=TODAY + dt.timedelta(days=30))
    moved = snapshot(later)
    first = by_name(moved, "José")["sessions"][0]["date"]
    assert first == by_name(shown, "José")["sessions"][0]["date"] + dt.timedelta(days=30)


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "taken.iptvault"
    path.write_bytes(b"someone's work")
    with pytest.raises(StorageError, match="already exists"):
        demo.create_demo_vault(path, today=TODAY)
    assert path.read_bytes() == b"someone's work"


def test_a_failed_build_leaves_no_half_made_vault(tmp_path, monkeypatch):
    def broken(today):
        clients.create_client("Half", "Made")
        raise RuntimeError("power cut")

    monkeypatch.setattr(demo, "build", broken)
    path = tmp_path / "half.iptvault"
    with pytest.raises(RuntimeError):
        demo.create_demo_vault(path, today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_building_keeps_the_open_vault_bound(vault, tmp_path):
    clients.create_client("Ana", "Lima")
    demo.create_demo_vault(tmp_path / "side.iptvault", today=TODAY)
    assert [c.first_name for c in Client.select()] == ["Ana"]


def test_ensure_demo_vault_builds_once_in_the_user_data_folder():
    path = demo.ensure_demo_vault()
    assert path == demo.default_demo_path() and path.name == "demo.iptvault"
    with Vault.open(path, demo.DEMO_PASSPHRASE):
        clients.create_client("Kept", "Between Runs")
    assert demo.ensure_demo_vault() == path
    with Vault.open(path, demo.DEMO_PASSPHRASE):
        assert Client.select().where(Client.first_name == "Kept").exists()
        assert Person.select().count() > 40 and Incident.select().count() > 0
        assert Session.select().count() > 100
