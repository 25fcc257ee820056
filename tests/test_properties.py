"""Property tests: whatever a form or a file sends, a service either succeeds or refuses
in words (an IptError), and a refused call writes nothing at all."""
import copy
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipt_desktop.models import ClosingPlan, Person, Practitioner, Session
from ipt_desktop.models import Client as ClientModel
from ipt_desktop.models import database
from ipt_desktop.services import clients, closing, exchange, inventory, profile, sessions
from ipt_desktop.services.errors import IptError

SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 400), st.integers(-2**70, 2**70),
    st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["", " ", "2026-01-05", "2026-02-30", "1899-12-31", "9999-12-31",
                     "14:30", "25:99", "active", "partner", "PHQ-9", "supportive", "A4",
                     "dispute", "met", "yes", "initial", "\x00", "Ana\u0301"]),
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.lists(st.integers(-1, 4), max_size=10),
    st.lists(st.dictionaries(st.sampled_from(["goal", "status", "problem", "plan", "x"]),
                             st.one_of(st.text(max_size=5), st.integers()), max_size=3),
             max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


# What a JSON file can hold (an import never sees Python dates or NaN).
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 400), st.text(max_size=10),
              st.sampled_from(["2026-01-05", "2026-02-30", "", "PHQ-9", "active"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6)


def fields_of(model, extra=("bogus", "id", "client"), positional=()):
    """Keyword fields a form could send: real names, a few wrong ones, odd values."""
    names = [n for n in sorted(model._meta.fields) if n not in positional] + list(extra)
    return st.dictionaries(st.sampled_from(names), values, max_size=4)


def snapshot():
    """Every row of every table: what 'writes nothing' is compared against."""
    tables = [r[0] for r in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
        "'CREATE VIRTUAL%' ORDER BY name")]
    return {t: sorted(map(repr, database.execute_sql(f'SELECT * FROM "{t}"').fetchall()))
            for t in tables}


def holds(call):
    """Run `call`; it may succeed or raise IptError, and a refusal must change nothing."""
    before = snapshot()
    try:
        call()
    except IptError as exc:
        assert exc.message.strip()
        assert snapshot() == before, "a refused call wrote to the vault"
        return False
    return True


@pytest.fixture
def ids(vault, client_id):
    pid = inventory.add_person(client_id, "Maria", ring=1)
    sid = sessions.add_session(client_id, "2026-01-05", attendance="attended")
    return {"client": client_id, "person": pid, "session": sid}


@SETTINGS
@given(first=values, last=values,
       fields=fields_of(ClientModel, positional=("first_name", "last_name")))
def test_create_and_update_client(ids, first, last, fields):
    holds(lambda: clients.create_client(first, last, **fields))
    holds(lambda: clients.update_client(ids["client"], fields))


@SETTINGS
@given(name=values, ring=values, angle=values,
       fields=fields_of(Person, positional=("name", "ring", "angle")))
def test_inventory(ids, name, ring, angle, fields):
    holds(lambda: inventory.add_person(ids["client"], name, ring, angle, **fields))
    holds(lambda: inventory.update_person(ids["person"], fields))


@SETTINGS
@given(date=values, fields=fields_of(Session, positional=("date",)), more=fields_of(Session))
def test_sessions(ids, date, fields, more):
    holds(lambda: sessions.add_session(ids["client"], date, **fields))
    holds(lambda: sessions.update_session(ids["session"], more))


@SETTINGS
# The instrument comes from a fixed list in the form; responses from clicks or a file.
@given(instrument=st.one_of(st.text(max_size=8), st.sampled_from(["PHQ-9", "GAD-7", "EPDS"])),
       responses=values)
def test_measures(ids, instrument, responses):
    holds(lambda: sessions.record_measure(ids["session"], instrument, responses))


@SETTINGS
@given(fields=fields_of(ClosingPlan))
def test_closing_plan(ids, fields):
    holds(lambda: closing.update_plan(ids["client"], fields))


@SETTINGS
@given(fields=fields_of(Practitioner, extra=("bogus", "id")))
def test_profile(ids, fields):
    holds(lambda: profile.update_profile(fields))


@pytest.mark.parametrize("measures", [None, [1]])
def test_profile_measures_of_the_wrong_type_are_refused(vault, measures):
    holds(lambda: profile.update_profile({"default_measures": measures}))


def test_import_with_a_list_as_instrument_is_refused(ids):
    sessions.record_measure(ids["session"], "PHQ-9", [1] * 9)
    doc = exchange.export_clients([ids["client"]])
    doc["clients"][0]["sessions"][0]["measures"][0]["instrument"] = []
    holds(lambda: exchange.import_data(doc))


def _paths(doc, prefix=()):
    """Every (path, container) inside an export document, to spoil one at a time."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield prefix + (key,)
            yield from _paths(value, prefix + (key,))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            yield prefix + (i,)
            yield from _paths(value, prefix + (i,))


@settings(SETTINGS, max_examples=20)
@given(data=st.data())
def test_import_of_a_spoiled_document_is_all_or_nothing(ids, data):
    closing.update_plan(ids["client"], {"goals": [{"goal": "sleep", "status": "met"}],
                                        "support_person_ids": [ids["person"]]})
    sessions.record_measure(ids["session"], "PHQ-9", [1] * 9)
    doc = exchange.export_clients([ids["client"]])
    spoiled = copy.deepcopy(doc)
    paths = list(_paths(spoiled))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        holder = spoiled
        try:
            for step in path[:-1]:
                holder = holder[step]
            if data.draw(st.booleans()) and isinstance(holder, dict):
                holder.pop(path[-1], None)
            else:
                value = data.draw(json_values)
                if path[-1] == "instrument" and isinstance(value, (list, dict)):
                    continue  # the known bug pinned above
                holder[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier spoiling already changed the shape here
    before = ClientModel.select().count()
    if holds(lambda: exchange.import_data(spoiled)):
        assert ClientModel.select().count() == before + len(spoiled["clients"])
