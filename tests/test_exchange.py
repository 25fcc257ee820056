"""Export and import: a full round trip, and every wrong file refused without a trace."""
import copy
import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import PASSPHRASE
from ipt_desktop.models import ALL_MODELS, Client, DocumentLog, PersonEvent, Session
from ipt_desktop.services import clients, closing, exchange, inventory, sessions
from ipt_desktop.services.errors import ImportFormatError, NotFound
from ipt_desktop.services.vault import Vault


def build_practice() -> dict:
    """A realistic practice made through the services; returns the ids worth checking."""
    ana = clients.create_client(
        "Ana", "Lima", preferred_name="Annie", date_of_birth="1988-04-02", pronouns="she/her",
        phone="0161 496 0000", email="ana@example.org", referrer_name="Dr Okafor",
        referral_date="2026-01-02", gp_name="Dr Okafor", emergency_name="Rui Lima",
        emergency_relation="husband", status="active", notes="Prefers mornings.")
    clients.update_contract(ana, {"start_date": "2026-01-05", "missed_policy": "48 h notice"})
    clients.renegotiate(ana, 14, "moving abroad in April", date="2026-02-01")
    med = clients.add_medication(ana, "Sertraline", "50 mg", "Dr Okafor", "2025-12-01")
    clients.change_dose(med, "100 mg", "2026-01-20", note="sleep still poor")
    gone = clients.add_medication(ana, "Typo med", started_on="2026-01-01")
    clients.set_medication_deleted(gone, True)
    rui = inventory.add_person(ana, "Rui", ring=1, angle=30, role="partner",
                               feeling="conflictual", hard_things="rows about money",
                               problem_area="dispute", changed_near_onset=True)
    maria = inventory.add_person(ana, "Maria", ring=1, role="parent", deceased=False)
    s1 = sessions.add_session(ana, date="2026-01-05", attendance="attended",
                              start_time="09:30", summary="Assessment; sick role named.")
    sessions.record_measure(s1, "PHQ-9", [2, 2, 3, 2, 2, 1, 2, 1, 1])
    sessions.record_measure(s1, "GAD-7", [1, 2, 2, 1, 1, 0, 1])
    inventory.move_person(maria, 3, 200)
    joe = inventory.add_person(ana, "Joe", ring=2, role="friend")
    clients.add_focus(ana, "dispute", "primary", person_id=rui, dispute_stage="impasse",
                      dispute_issue="money")
    secondary = clients.add_focus(ana, "transition", "secondary", old_role="worker")
    clients.set_focus_deleted(secondary, True)
    clients.add_focus(ana, "grief", "secondary", event_date="2025-10-10")
    clients.update_formulation(ana, {"goals": "Talk about money calmly",
                                     "agreed_on": "2026-01-19"})
    s2 = sessions.add_session(ana, attendance="attended", homework="Ask Rui for ten minutes")
    sessions.add_incident(s2, rui, what_happened="Row over rent", said="You never help",
                          feelings="angry, then sad")
    sessions.add_incident(s2, None, what_happened="Call at work")
    sessions.record_measure(s2, "PHQ-9", [1, 1, 2, None, 1, 1, 1, 1, 0])
    inventory.set_person_removed(joe, True)
    s3 = sessions.add_session(ana, attendance="missed")
    sessions.record_measure(s3, "GAD-7", [0, 0, 0, 0, 0, 0, 0])
    sessions.set_session_deleted(s3, True)
    closing.update_plan(ana, {"warning_signs": "waking at 4", "support_person_ids": [maria],
                              "goals": [{"goal": "calmer talks", "status": "partly"}],
                              "anticipated_problems": [{"problem": "anniversary",
                                                        "plan": "call Maria"}],
                              "agreed_on": "2026-03-01"})
    DocumentLog.create(client=ana, kind="handout", created_at=dt.datetime(2026, 1, 5, 10, 0),
                       options={"page_size": "A4"})

    bea = clients.create_client("Bea", "Costa", status="prospective", code="REF-77")
    sb = sessions.add_session(bea, date="2026-02-10", attendance="attended")
    sessions.record_measure(sb, "EPDS", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    removed = clients.create_client("Cal", "Removed")
    clients.set_client_deleted(removed, True)
    return {"ana": ana, "bea": bea, "removed": removed, "rui": rui, "maria": maria, "joe": joe}


def normalise(doc: dict) -> dict:
    """The document without ids and export time; person ids become their order."""
    doc = copy.deepcopy(doc)
    doc.pop("exported_at")
    for client in doc["clients"]:
        client.pop("id")
        order = {p["id"]: i for i, p in enumerate(client["inventory"])}
        for p in client["inventory"]:
            p["id"] = order[p["id"]]
        for f in client["foci"]:
            f["person"] = order.get(f["person"])
        for s in client["sessions"]:
            for i in s["incidents"]:
                i["person"] = order.get(i["person"])
        if client["closing_plan"]:
            plan = client["closing_plan"]
            plan["support_person_ids"] = [order[r] for r in plan["support_person_ids"]]
    return doc


def snapshot():
    """Every row of every table: what 'nothing was written' is checked against."""
    return {m.__name__: list(m.select().order_by(m._meta.primary_key).tuples())
            for m in ALL_MODELS}


@pytest.fixture(scope="module")
def practice_export(tmp_path_factory):
    """One export of the realistic practice, made once for the tests that mutate it."""
    path = tmp_path_factory.mktemp("source") / "source.iptvault"
    with Vault.create(path, PASSPHRASE):
        build_practice()
        return exchange.export_vault()


def test_export_holds_what_the_services_recorded(vault):
    ids = build_practice()
    doc = exchange.export_vault()
    assert (doc["format"], doc["version"]) == ("ipt-desktop", 1)
    assert [c["first_name"] for c in doc["clients"]] == ["Ana", "Bea"]  # Cal was removed
    ana = doc["clients"][0]
    assert ana["date_of_birth"] == "1988-04-02" and ana["preferred_name"] == "Annie"
    assert ana["contract"]["sessions_agreed"] == 14
    assert ana["contract"]["amendments"] == [{"date": "2026-02-01", "old_count": 16,
                                              "new_count": 14,
                                              "reason": "moving abroad in April"}]
    [med] = ana["medications"]
    assert [(c["kind"], c["dose"]) for c in med["changes"]] == [("start", "50 mg"),
                                                                 ("dose", "100 mg")]
    assert [(f["area"], f["person"]) for f in ana["foci"]] == [("dispute", ids["rui"]),
                                                               ("grief", None)]
    people = {p["name"]: p for p in ana["inventory"]}
    assert (people["Maria"]["ring"], people["Maria"]["angle"]) == (3, 200)
    assert people["Joe"]["removed"] is True
    assert [e["kind"] for e in people["Maria"]["history"]] == ["added", "moved"]
    assert [e["session_number"] for e in people["Maria"]["history"]] == [0, 1]
    assert [s["number"] for s in ana["sessions"]] == [1, 2]  # session 3 was removed
    s1, s2 = ana["sessions"]
    assert s1["phase"] == "initial" and s1["start_time"] == "09:30"
    assert s1["measures"][0] == {"instrument": "PHQ-9", "responses": [2, 2, 3, 2, 2, 1, 2, 1, 1],
                                 "total": 16, "band": "moderately severe", "risk": True}
    assert s2["measures"][0]["total"] is None and s2["measures"][0]["band"] is None
    assert [i["person"] for i in s2["incidents"]] == [ids["rui"], None]
    assert ana["closing_plan"]["support_person_ids"] == [ids["maria"]]
    assert ana["documents"] == [{"kind": "handout", "created_at": "2026-01-05T10:00:00",
                                 "options": {"page_size": "A4"}}]
    bea = doc["clients"][1]
    assert bea["code"] == "REF-77" and bea["closing_plan"] is None
    assert bea["sessions"][0]["measures"][0]["band"] == "possible depression"
    json.dumps(doc)  # every value is plain JSON
    assert exchange.export_clients([ids["bea"]])["clients"][0]["last_name"] == "Costa"
    with pytest.raises(NotFound, match="removed"):
        exchange.export_clients([ids["removed"]])


def test_an_event_recorded_before_a_person_field_existed_still_travels(vault, tmp_path):
    cid = clients.create_client("Dee", "Old")
    pid = inventory.add_person(cid, "Eli", ring=2, notes="kept")
    event = PersonEvent.get(PersonEvent.person == pid)
    event.state = {k: v for k, v in event.state.items() if k not in ("notes", "confide")}
    event.save()
    doc = exchange.export_vault()
    [state] = [e["state"] for e in doc["clients"][0]["inventory"][0]["history"]]
    assert (state["notes"], state["confide"], state["name"]) == ("", "", "Eli")
    [new] = exchange.import_data(doc)
    assert inventory.inventory_at(new, 0)[0]["name"] == "Eli"


def test_round_trip_into_a_new_vault(tmp_path, practice_export):
    with Vault.create(tmp_path / "new.iptvault", PASSPHRASE):
        new_ids = exchange.import_data(json.loads(json.dumps(practice_export)))
        again = exchange.export_vault()
        assert normalise(again) == normalise(practice_export)
        ana = new_ids[0]
        # The circle as it was after each session survives, removed friend included.
        names = [[(p["name"], p["ring"]) for p in inventory.inventory_at(ana, n)]
                 for n in (0, 1, 2)]
        assert names == [[("Rui", 1), ("Maria", 1)],
                         [("Rui", 1), ("Joe", 2), ("Maria", 3)],
                         [("Rui", 1), ("Maria", 3)]]
        # Derived views work on imported rows: the client list and the note search.
        rows = {r["id"]: r for r in clients.client_rows()}
        assert (rows[ana]["phq9_last"], rows[ana]["risk"]) == (16, False)
        assert [h["client_id"] for h in sessions.search_notes("rui ten")] == [ana]
        # A second import adds the same clients again under new ids.
        assert len(set(exchange.import_data(practice_export)) | set(new_ids)) == 4


def _mutated(doc, path, value):
    doc = copy.deepcopy(doc)
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return doc


def _problem(doc, path, value) -> str:
    with pytest.raises(ImportFormatError) as info:
        exchange.import_data(_mutated(doc, path, value))
    return str(info.value)


def test_wrong_files_are_named_by_their_path(vault, practice_export):
    before = snapshot()
    doc = practice_export
    measure = ["clients", 0, "sessions", 0, "measures", 0]
    assert _problem(doc, measure + ["responses", 3], "x") == \
        'clients[0].sessions[0].measures[0].responses[3]: expected an integer 0-3 or null, ' \
        'got "x"'
    assert _problem(doc, measure + ["total"], 12) == \
        "clients[0].sessions[0].measures[0].total: the total 12 does not match the answers " \
        "(they add up to 16)"
    assert "must be null while an item is unanswered" in _problem(
        doc, ["clients", 0, "sessions", 1, "measures", 0, "total"], 9)
    assert _problem(doc, measure + ["risk"], False).startswith(
        "clients[0].sessions[0].measures[0].risk: expected true")
    assert _problem(doc, ["format"], "other") == \
        'format: expected "ipt-desktop", got "other"; this is not an IPT Desktop export'
    assert "newer IPT Desktop" in _problem(doc, ["version"], 2)
    assert _problem(doc, ["version"], "1") == 'version: expected 1, got "1"'
    with pytest.raises(ImportFormatError, match="^this is not an IPT Desktop export"):
        exchange.import_data([doc])
    assert _problem(doc, ["clients", 1, "nickname"], "B").startswith(
        "clients[1].nickname: unknown key")
    assert "not a real date" in _problem(doc, ["clients", 0, "sessions", 1, "date"],
                                         "2026-02-30")
    assert _problem(doc, ["clients", 0, "foci", 0, "person"], 999999) == \
        "clients[0].foci[0].person: refers to person 999999, who is not in this client's " \
        "inventory"
    assert _problem(doc, ["clients", 0, "foci", 1, "priority"], "primary").startswith(
        "clients[0].foci[1].priority: a second primary focus")
    assert "between 1 and 3" in _problem(doc, ["clients", 0, "inventory", 0, "ring"], 4)
    assert _problem(doc, ["clients", 0, "last_name"], " ") == \
        "clients[0].last_name: The last name cannot be empty."
    broken = copy.deepcopy(doc)
    del broken["clients"][0]["contract"]["amendments"][0]["reason"]
    with pytest.raises(ImportFormatError, match=r"^clients\[0\]\.contract\.amendments\[0\]"
                                                r"\.reason: this key is missing"):
        exchange.import_data(broken)
    assert snapshot() == before


def test_import_file_names_bad_json_and_bad_encoding(tmp_path, vault):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "ipt-desktop",\n "version": 1,,\n}', encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"^line 2, column 15: bad\.json is not valid "
                                                r"JSON \(Expecting property name"):
        exchange.import_file(bad)
    bad.write_bytes('{"format": "ipt-desktop", "note": "café"}'.encode("latin-1"))
    with pytest.raises(ImportFormatError, match="bad.json is not UTF-8 text"):
        exchange.import_file(bad)
    bad.write_text('{"format": "ipt-desktop", "format": "x"}', encoding="utf-8")
    with pytest.raises(ImportFormatError, match='the key "format" appears twice'):
        exchange.import_file(bad)


def _paths(node, prefix=()):
    """Every (path, value) in a JSON tree."""
    yield prefix, node
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, value in items:
        yield from _paths(value, prefix + (key,))


def _dotted(path) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def _json_type(value) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    return "number" if isinstance(value, (int, float)) else type(value).__name__


WRONG = st.sampled_from([None, "x", "", -1, 4, 2.5, True, [], {}, "2026-02-30", 10**30])


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(data=st.data())
def test_a_mutated_export_is_refused_whole_or_imported_whole(vault, practice_export, data):
    doc = copy.deepcopy(practice_export)
    # A document's "options" is a free object, so only its value as a whole is mutated.
    paths = [p for p, _ in _paths(doc) if p and "options" not in p[:-1]]
    path = data.draw(st.sampled_from(paths))
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    action = data.draw(st.sampled_from(["drop", "replace", "add"]))
    if action == "drop" and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == "add" and isinstance(parent, dict):
        parent["surplus"] = 1
        path = path[:-1] + ("surplus",)
    else:
        action = "replace"
        original, parent[path[-1]] = parent[path[-1]], data.draw(WRONG)
    before = snapshot()
    try:
        added = exchange.import_data(doc)
    except ImportFormatError as exc:
        event(f"{action}: refused")
        assert snapshot() == before
        assert exc.where and "\n" not in str(exc)
        if action in ("drop", "add"):
            assert exc.where == _dotted(path)
        elif _json_type(original) != _json_type(parent[path[-1]]) and \
                {"list", "dict"} & {_json_type(original), _json_type(parent[path[-1]])}:
            assert exc.where.startswith(_dotted(path))  # a wrong shape is named where it is
        else:
            # A wrong value may show where it is used: a person id, the next session's
            # number, a measure's total. It is still named inside the same client.
            assert exc.where.startswith(_dotted(path[:2]))
    else:
        # Some replacements are still valid data (a note that reads "x"): all imported.
        event(f"{action}: imported")
        assert action == "replace"
        assert len(added) == len(doc["clients"])
        assert len(snapshot()["Client"]) == len(before["Client"]) + len(added)
        for cid in added:  # keep the vault small for the next example
            Client.get_by_id(cid).delete_instance(recursive=True)


def test_a_failure_while_writing_leaves_nothing_behind(vault, practice_export, monkeypatch):
    before = snapshot()
    real = Session.create
    calls = []

    def fail_on_second_client(**fields):
        calls.append(fields)
        if len(calls) > 2:  # Ana has two sessions; the third is Bea's
            raise OSError(28, "No space left on device")
        return real(**fields)

    monkeypatch.setattr(Session, "create", fail_on_second_client)
    with pytest.raises(Exception, match="disk is full"):
        exchange.import_data(practice_export)
    assert len(calls) == 3 and snapshot() == before


def test_every_exported_key_is_documented(practice_export):
    from pathlib import Path
    doc = (Path(__file__).parents[1] / "docs" / "export-format.md").read_text(encoding="utf-8")
    keys = {step for path, _ in _paths(practice_export) for step in path
            if isinstance(step, str) and "options" not in path[:-1]}
    assert sorted(k for k in keys if f"`{k}`" not in doc) == []
