"""The client list model: filter and sort in the model, band colours, risk, trend."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ipt_desktop.services import clients, sessions
from ipt_desktop.ui.item_models.client_table_model import (
    NAME,
    PHQ9,
    RISK,
    SESSION,
    ClientTableModel,
)
from ipt_desktop.ui.style import BAND_COLOURS, RISK_BG

NINE_ZEROS = [0] * 9


def _phq(total, item9=0):
    """PHQ-9 answers with the given total and item 9 answer."""
    answers = [0] * 9
    answers[8] = item9
    rest = total - item9
    for i in range(8):
        answers[i] = min(3, rest)
        rest -= answers[i]
    return answers


@pytest.fixture
def populated(vault):
    ana = clients.create_client("Ana", "Lima", status="active", code="R-7")
    jose = clients.create_client("José", "Muñoz", status="active")
    kim = clients.create_client("Kim", "Park", status="prospective")
    old = clients.create_client("Olu", "Ade", status="archived")
    start = dt.date(2026, 1, 5)
    for i, total in enumerate([18, 12]):
        sid = sessions.add_session(ana, start + dt.timedelta(days=7 * i), attendance="attended")
        sessions.record_measure(sid, "PHQ-9", _phq(total))
    for i, (total, item9) in enumerate([(9, 0), (14, 1)]):
        sid = sessions.add_session(jose, start + dt.timedelta(days=7 * i), attendance="attended")
        sessions.record_measure(sid, "PHQ-9", _phq(total, item9))
    return {"ana": ana, "jose": jose, "kim": kim, "old": old}


def _model(rows=None):
    model = ClientTableModel()
    model.set_rows(rows if rows is not None else clients.client_rows())
    return model


def _names(model):
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def test_passes_qt_model_tester(qtmodeltester, populated):
    model = _model()
    qtmodeltester.check(model)
    model.set_status_filter("all")
    model.set_search("a")
    model.sort(PHQ9, Qt.DescendingOrder)
    qtmodeltester.check(model)


def test_status_filter_defaults_to_active_and_widens(populated):
    model = _model()
    assert _names(model) == ["Ana Lima", "José Muñoz"]
    model.set_status_filter("prospective")
    assert _names(model) == ["Kim Park"]
    model.set_status_filter("archived")
    assert _names(model) == ["Olu Ade"]
    model.set_status_filter("all")
    assert model.rowCount() == 4


def test_search_by_name_code_and_without_accents(populated):
    model = _model()
    model.set_status_filter("all")
    model.set_search("jose")
    assert _names(model) == ["José Muñoz"]
    model.set_search("r-7")
    assert _names(model) == ["Ana Lima"]
    model.set_search("nobody here")
    assert model.rowCount() == 0


def test_phq9_shows_band_colour_trend_and_risk(populated):
    model = _model()
    row = model.row_of(populated["ana"])
    phq = model.index(row, PHQ9)
    assert phq.data() == "12 ↓"  # improved from 18
    assert phq.data(Qt.BackgroundRole).name() == BAND_COLOURS["moderate"][0]
    assert model.index(row, RISK).data() == ""
    row = model.row_of(populated["jose"])
    assert model.index(row, PHQ9).data() == "14 ↑"
    risk = model.index(row, RISK)
    assert "Risk" in risk.data()
    assert risk.data(Qt.BackgroundRole).name() == RISK_BG
    assert "self-harm" in risk.data(Qt.ToolTipRole)
    assert model.index(row, SESSION).data() == "2 of 16"


def test_sort_by_score_keeps_persistent_index_on_its_client(populated):
    model = _model()
    from PySide6.QtCore import QPersistentModelIndex
    held = QPersistentModelIndex(model.index(model.row_of(populated["ana"]), NAME))
    model.sort(PHQ9, Qt.DescendingOrder)
    assert _names(model) == ["José Muñoz", "Ana Lima"]
    assert held.data() == "Ana Lima"
    model.sort(PHQ9, Qt.AscendingOrder)
    assert held.data() == "Ana Lima" and held.row() == 0


def test_ten_thousand_rows_filter_and_sort_in_the_model():
    rows = [{"id": i, "first_name": f"F{i}", "last_name": f"L{i:05d}", "preferred_name": "",
             "code": f"C-{i:05d}", "status": "active" if i % 3 else "concluded",
             "sessions_agreed": 16, "current_number": i % 17, "last_date": None,
             "next_date": None, "phq9_last": i % 28, "phq9_previous": None, "risk": i % 50 == 0,
             "phase": "middle", "name": f"F{i} L{i:05d}"} for i in range(10_000)]
    model = _model(rows)
    assert model.rowCount() == 6_666
    model.sort(PHQ9, Qt.DescendingOrder)
    assert model.row_dict(0)["phq9_last"] == 27
    model.set_search("L0999")
    assert {model.row_dict(r)["id"] for r in range(model.rowCount())} == \
        {i for i in range(9990, 10_000) if i % 3}


def test_an_earlier_risk_answer_stays_visible_after_a_safe_one(populated):
    jose = populated["jose"]
    sid = sessions.add_session(jose, dt.date(2026, 1, 19), attendance="attended")
    sessions.record_measure(sid, "PHQ-9", _phq(8, 0))
    model = _model()
    risk = model.index(model.row_of(jose), RISK)
    assert risk.data() == "earlier"
    assert risk.data(Qt.BackgroundRole) is None  # the red chip is for the latest answer
    assert "earlier PHQ-9" in risk.data(Qt.ToolTipRole)
    assert model.index(model.row_of(populated["ana"]), RISK).data() == ""


# -- the kept orders and the narrowing search agree with filtering from scratch -------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ipt_desktop.ui.item_models.client_table_model import HEADERS, fold  # noqa: E402

_FIRST = ["Ana", "Anabel", "José", "Zoë", "Kim", "ana", "Łucja", "Björn"]
_LAST = ["Lima", "Muñoz", "Nana", "Park", "Åkesson", "Ade", "Lima"]
_STATUSES = ["active", "prospective", "concluded", "maintenance", "archived"]


def _rows(seed_rows):
    return [{"id": i + 1, "first_name": _FIRST[f], "last_name": _LAST[last],
             "preferred_name": "", "code": f"C-{i}", "status": _STATUSES[s],
             "sessions_agreed": 16, "current_number": n, "last_date": None,
             "next_date": None, "phq9_last": score, "phq9_previous": None, "risk": False,
             "phase": "middle", "name": f"{_FIRST[f]} {_LAST[last]}"}
            for i, (f, last, s, n, score) in enumerate(seed_rows)]


def _expected(rows, search, status, column, order):
    words = fold(" ".join(search.split())).split()
    kept = [r for r in rows if (status == "all" or r["status"] == status)
            and all(w in fold(f"{r['first_name']} {r['last_name']} {r['code']}")
                    for w in words)]
    probe = [dict(r) for r in kept]
    ClientTableModel().set_rows(probe)  # only for its sort keys (and the fields they use)
    probe.sort(key=ClientTableModel()._sort_key(column), reverse=order == Qt.DescendingOrder)
    return [r["id"] for r in probe]


_row = st.tuples(st.integers(0, len(_FIRST) - 1), st.integers(0, len(_LAST) - 1),
                 st.integers(0, 4), st.integers(0, 16), st.none() | st.integers(0, 27))
_step = st.one_of(
    st.tuples(st.just("search"), st.sampled_from(["", "a", "an", "ana", "ana l", "jo",
                                                  "jose", "z", "zoe", "c-1", "l"])),
    st.tuples(st.just("status"), st.sampled_from(["all", *_STATUSES])),
    st.tuples(st.just("sort"), st.tuples(st.integers(0, len(HEADERS) - 1),
                                         st.sampled_from([Qt.AscendingOrder,
                                                          Qt.DescendingOrder]))),
    st.tuples(st.just("rows"), st.lists(_row, max_size=12)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(_row, max_size=12), steps=st.lists(_step, max_size=12))
def test_any_sequence_of_edits_shows_what_a_fresh_filter_would(qapp, first, steps):
    model = _model(_rows(first))
    rows, search, status, column, order = _rows(first), "", "active", NAME, Qt.AscendingOrder
    for kind, value in steps:
        if kind == "search":
            search = value
            model.set_search(value)
        elif kind == "status":
            status = value
            model.set_status_filter(value)
        elif kind == "sort":
            column, order = value
            model.sort(column, order)
        else:
            rows = _rows(value)
            model.set_rows(_rows(value))
        shown = [model.client_id(r) for r in range(model.rowCount())]
        assert shown == _expected(rows, search, status, column, order)
