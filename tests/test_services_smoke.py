"""End-to-end use of the core services on a real encrypted vault."""
import datetime as dt

import pytest

from ipt_desktop.services import clients, closing, inventory, sessions
from ipt_desktop.services.errors import ValidationError


def test_client_contract_sessions_measures_and_list(client_id):
    contract = clients.contract_for(client_id)
    assert contract.sessions_agreed == 16
    s1 = sessions.add_session(client_id, date="2026-01-05", attendance="attended")
    s2 = sessions.add_session(client_id, attendance="attended")
    assert sessions.session_dict(s2)["date"] == dt.date(2026, 1, 12)
    sessions.record_measure(s1, "PHQ-9", [2, 2, 2, 2, 2, 2, 2, 1, 0])
    sessions.record_measure(s2, "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 1])
    rows = sessions.sessions(client_id)
    assert [r["number"] for r in rows] == [1, 2]
    assert rows[0]["phase"] == "initial"
    assert rows[1]["measures"][0]["total"] == 9 and rows[1]["measures"][0]["band"] == "mild"
    [row] = clients.client_rows()
    assert (row["current_number"], row["sessions_agreed"]) == (2, 16)
    assert (row["phq9_last"], row["phq9_previous"], row["risk"]) == (9, 15, True)


def test_inventory_history_rebuilds_past_circle(client_id):
    mum = inventory.add_person(client_id, "Maria", ring=1, role="parent")
    sessions.add_session(client_id, date="2026-02-01", attendance="attended")
    inventory.move_person(mum, 3, 45)
    friend = inventory.add_person(client_id, "Joe", ring=2, role="friend")
    sessions.add_session(client_id, attendance="attended")
    inventory.set_person_removed(friend, True)
    at0 = inventory.inventory_at(client_id, 0)
    at1 = inventory.inventory_at(client_id, 1)
    at2 = inventory.inventory_at(client_id, 2)
    assert [(p["name"], p["ring"]) for p in at0] == [("Maria", 1)]
    assert sorted((p["name"], p["ring"]) for p in at1) == [("Joe", 2), ("Maria", 3)]
    assert [(p["name"], p["ring"]) for p in at2] == [("Maria", 3)]
    assert inventory.compare(at0, at2) == {mum: "moved"}


def test_validation_messages(client_id):
    with pytest.raises(ValidationError, match="between 1 and 3"):
        inventory.add_person(client_id, "X", ring=4)
    with pytest.raises(ValidationError, match="cannot be empty"):
        clients.create_client("  ", "Doe")
    with pytest.raises(ValidationError, match="not a real date"):
        clients.update_client(client_id, {"date_of_birth": "2026-02-30"})
    with pytest.raises(ValidationError, match="between 1 and 40"):
        clients.renegotiate(client_id, 41, "more time")
    s1 = sessions.add_session(client_id, date="2026-03-01")
    with pytest.raises(ValidationError, match="cannot be dated before"):
        sessions.add_session(client_id, date="2026-02-01")
    with pytest.raises(ValidationError, match="answers are 0, 1, 2 or 3"):
        sessions.record_measure(s1, "GAD-7", [0, 1, 2, 3, 4, 0, 0])
    assert clients.contract_warning(24) and clients.contract_warning(16) is None


def test_closing_plan_and_search(client_id):
    p = inventory.add_person(client_id, "Sam", ring=1)
    closing.update_plan(client_id, {"warning_signs": "sleeping badly",
                                    "support_person_ids": [p],
                                    "anticipated_problems": [{"problem": "anniversary",
                                                              "plan": "call Sam"}]})
    assert closing.plan_dict(client_id)["support_person_ids"] == [p]
    s = sessions.add_session(client_id, date="2026-01-01")
    sessions.update_session(s, {"homework": "Talk with Sam about the holidays"})
    hits = sessions.search_notes("holid")
    assert [h["session_id"] for h in hits] == [s]


def test_rescheduling_a_session_moves_its_questionnaires(client_id):
    sid = sessions.add_session(client_id, date="2026-04-01")
    sessions.record_measure(sid, "GAD-7", [1] * 7)
    sessions.update_session(sid, {"date": "2026-04-03"})
    [m] = sessions.measures(client_id, "GAD-7")
    assert m["taken_on"] == dt.date(2026, 4, 3)
