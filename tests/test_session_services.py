"""The session services the Sessions tab relies on: numbering, dates, measures, search."""
import datetime as dt

import pytest

from ipt_desktop.services import clients, sessions
from ipt_desktop.services.errors import ValidationError

START = dt.date(2026, 1, 5)


def test_new_session_is_numbered_and_dated_a_week_after_the_last(client_id):
    clients.update_contract(client_id, {"start_date": START})
    assert sessions.next_session_defaults(client_id)["date"] == START
    first = sessions.add_session(client_id)
    sessions.add_session(client_id, START + dt.timedelta(days=10))
    proposal = sessions.next_session_defaults(client_id)
    assert proposal["number"] == 3
    assert proposal["date"] == START + dt.timedelta(days=17)
    assert [r["number"] for r in sessions.sessions(client_id)] == [1, 2]
    assert sessions.sessions(client_id)[0]["id"] == first


def test_rescheduling_past_the_next_session_is_refused_with_a_message(client_id):
    a = sessions.add_session(client_id, START)
    sessions.add_session(client_id, START + dt.timedelta(days=7))
    with pytest.raises(ValidationError, match="cannot be after session 2") as err:
        sessions.update_session(a, {"date": START + dt.timedelta(days=9)})
    assert err.value.field == "date"
    assert sessions.sessions(client_id)[0]["date"] == START


def test_incomplete_questionnaire_is_kept_without_a_total(client_id):
    sid = sessions.add_session(client_id, START)
    sessions.record_measure(sid, "PHQ-9", [1, 2, None, 0, 0, 0, 0, 0, 0])
    row = sessions.sessions(client_id)[0]["measures"][0]
    assert row["total"] is None and row["band"] is None
    assert row["responses"][2] is None


def test_past_the_contract_and_phase_override(client_id):
    clients.update_contract(client_id, {"sessions_agreed": 2})
    for i in range(3):
        sessions.add_session(client_id, START + dt.timedelta(weeks=i))
    rows = sessions.sessions(client_id)
    assert [r["over_contract"] for r in rows] == [False, False, True]
    sessions.update_session(rows[0]["id"], {"phase_override": "middle"})
    assert sessions.sessions(client_id)[0]["phase"] == "middle"


def test_search_finds_word_prefixes_and_skips_removed_sessions(client_id):
    keep = sessions.add_session(client_id, START, homework="Call her sister about the birthday")
    gone = sessions.add_session(client_id, START + dt.timedelta(days=7),
                                summary="sister again")
    sessions.set_session_deleted(gone, True)
    hits = sessions.search_notes("sist birth")
    assert [(h["client_id"], h["session_id"], h["number"]) for h in hits] == \
        [(client_id, keep, 1)]
    assert "[sister]" in hits[0]["snippet"]
    assert sessions.search_notes('"') == []
