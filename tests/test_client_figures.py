"""The client list's kept figures (migration 3) always equal working them out afresh."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PASSPHRASE
from ipt_desktop.models import Client
from ipt_desktop.models.migrations.m0003_client_list_figures import FIGURES
from ipt_desktop.services import clients, safety, sessions
from ipt_desktop.services.vault import Vault

ATTENDANCE = ["attended", "late", "missed", "cancelled", "planned"]


def _afresh(db, client_id):
    out = []
    for sql in FIGURES.values():
        row = db.execute_sql(sql.format(c="?"), (client_id,)).fetchone()
        out.append(row[0] if row else None)
    return tuple(out)


def _kept(db, client_id):
    row = db.execute_sql(f"SELECT {', '.join(FIGURES)} FROM client_figures "
                         "WHERE client_id = ?", (client_id,)).fetchone()
    # No row yet (nothing recorded): the list reads it as no figures and no risk ever.
    return tuple(row) if row else (None,) * (len(FIGURES) - 1) + (0,)


_step = st.one_of(
    st.tuples(st.just("session"), st.integers(0, 1), st.integers(0, 60),
              st.sampled_from(ATTENDANCE)),
    st.tuples(st.just("measure"), st.integers(0, 30), st.sampled_from(["PHQ-9", "GAD-7"]),
              st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("attendance"), st.integers(0, 30), st.sampled_from(ATTENDANCE)),
    st.tuples(st.just("delete"), st.integers(0, 30), st.booleans()),
    st.tuples(st.just("unmeasure"), st.integers(0, 30), st.sampled_from(["PHQ-9", "GAD-7"])),
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(_step, max_size=25))
def test_any_edits_leave_the_figures_as_a_fresh_count_would(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("figures") / "v.iptvault"
    with Vault.create(path, PASSPHRASE) as vault:
        people = [clients.create_client("Ana", "Lima", status="active"),
                  clients.create_client("Bo", "Ek", status="active")]
        made: list[int] = []
        start = dt.date(2026, 1, 5)
        for step in steps:
            kind = step[0]
            try:
                if kind == "session":
                    _, who, day, attendance = step
                    made.append(sessions.add_session(people[who],
                                                     start + dt.timedelta(days=day),
                                                     attendance=attendance))
                elif made and kind == "measure":
                    _, pick, instrument, answer, last = step
                    count = 9 if instrument == "PHQ-9" else 7
                    sessions.record_measure(made[pick % len(made)], instrument,
                                            [answer] * (count - 1) + [last])
                elif made and kind == "attendance":
                    sessions.update_session(made[step[1] % len(made)],
                                            {"attendance": step[2]})
                elif made and kind == "delete":
                    sessions.set_session_deleted(made[step[1] % len(made)], step[2])
                elif made and kind == "unmeasure":
                    sessions.remove_measure(made[step[1] % len(made)], step[2])
            except Exception as exc:  # refused by validation: nothing may have changed
                assert type(exc).__module__.startswith("ipt_desktop"), exc
            for cid in people:
                assert _kept(vault.db, cid) == _afresh(vault.db, cid), step


def test_erasing_a_client_leaves_no_figures_row(vault):
    cid = clients.create_client("Ana", "Lima", status="active")
    sid = sessions.add_session(cid, dt.date(2026, 1, 5), attendance="attended")
    sessions.record_measure(sid, "PHQ-9", [1] * 9)
    assert vault.db.execute_sql("SELECT count(*) FROM client_figures").fetchone()[0] == 1
    safety.erase_client(cid, "Ana Lima")
    assert Client.select().count() == 0
    assert vault.db.execute_sql("SELECT count(*) FROM client_figures").fetchone()[0] == 0
