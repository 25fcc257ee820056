"""Generated practice data at scale, for the benchmarks (not for the demo).

Rows go in with bulk inserts: the benchmarks measure reading and editing a large
vault, not how fast the services can create one row at a time.
"""
from __future__ import annotations

import datetime as dt
import random

from ipt_desktop.models import (
    Client,
    Contract,
    MeasureAdministration,
    Person,
    Practitioner,
    Session,
)
from ipt_desktop.models.entities import CLIENT_STATUSES, FEELINGS, PERSON_ROLES

FIRST = ["Ana", "Ben", "Chloé", "Dara", "Emeka", "Fatima", "Gus", "Hana", "Ilse", "José",
         "Kai", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomás"]
LAST = ["Lima", "Okafor", "Nowak", "Brontë", "Muñoz", "Schmidt", "Tanaka", "Dubois",
        "Haddad", "O'Neill", "Kowalski", "Andersen", "Rossi", "Silva", "Khan", "Novak"]
# Sessions after this day are planned, not held: about a quarter of the clients have
# some (an eighth of all sessions), as a practice's calendar would. A fixed day keeps
# the vault the same whenever it is generated.
PLANNED_AFTER = dt.date(2026, 6, 1)


def _batches(rows, size=2000):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def populate(db, clients: int, sessions: int, persons: int, seed: int = 7) -> None:
    """Fill the database bound to the models with `clients`, `sessions`, `persons` rows."""
    rng = random.Random(seed)
    stamp = dt.datetime(2026, 1, 1, 9, 0)
    anchor = dt.date(2025, 1, 6)
    with db.atomic():
        if not Practitioner.select().exists():
            Practitioner.create(name="Benchmark")
        rows = [{"first_name": rng.choice(FIRST), "last_name": f"{rng.choice(LAST)} {i}",
                 "code": f"C-{i:06d}", "status": rng.choice(CLIENT_STATUSES),
                 "created_at": stamp, "updated_at": stamp} for i in range(clients)]
        for batch in _batches(rows):
            Client.insert_many(batch).execute()
        ids = [cid for (cid,) in Client.select(Client.id).order_by(Client.id).tuples()]
        for batch in _batches([{"client": cid, "sessions_agreed": rng.choice((12, 16, 20))}
                               for cid in ids]):
            Contract.insert_many(batch).execute()
        per_client = max(1, sessions // max(1, clients))
        session_rows, measure_plan = [], []
        for cid in ids:
            start = anchor + dt.timedelta(days=rng.randrange(0, 500))
            score = rng.randrange(8, 24)
            for n in range(1, per_client + 1):
                when = start + dt.timedelta(days=7 * (n - 1))
                planned = when > PLANNED_AFTER  # the sessions to come are only planned
                session_rows.append({"client": cid, "number": n, "date": when,
                                     "attendance": "planned" if planned else "attended",
                                     "summary": "" if planned else
                                     "Reviewed the week and the dispute."})
                score = max(0, min(27, score + rng.choice((-2, -1, -1, 0, 1))))
                if not planned:
                    measure_plan.append((cid, n, when, score))
        for batch in _batches(session_rows, 5000):
            Session.insert_many(batch).execute()
        session_ids = {(c, n): sid for sid, c, n in
                       Session.select(Session.id, Session.client, Session.number).tuples()}
        measures = []
        for cid, n, when, score in measure_plan:
            answers = [min(3, score // 9 + (i < score % 9)) for i in range(9)]
            answers[8] = 0
            measures.append({"client": cid, "session": session_ids[(cid, n)],
                             "instrument": "PHQ-9", "taken_on": when, "responses": answers,
                             "total": sum(answers), "risk": False})
        for batch in _batches(measures, 5000):
            MeasureAdministration.insert_many(batch).execute()
        person_rows = [{"client": ids[i % len(ids)], "name": f"{rng.choice(FIRST)}",
                        "role": rng.choice(PERSON_ROLES), "ring": rng.randrange(1, 4),
                        "angle": rng.randrange(0, 360), "feeling": rng.choice(FEELINGS)}
                       for i in range(persons)]
        for batch in _batches(person_rows, 5000):
            Person.insert_many(batch).execute()
