"""Schema version 3: the client list's per-client figures, kept ready.

The list shows, for every client, the current session number, the last session held,
the last two PHQ-9 totals and the risk answers. Worked out at every unlock with one
correlated subquery each, they were most of the wait for the list: on the benchmark
vault (10,000 clients, 200,000 sessions and as many questionnaires) 216 ms on a
freshly opened vault. Now triggers keep them in `client_figures`, one row per client,
recomputed for that client whenever one of its sessions or questionnaires changes, so
no code path can forget them; the list reads them in 68 ms. The indexes make the
recomputation (and the next planned session, which depends on the day) look-ups.
"""

FIGURES = {
    "current_number": "SELECT max(s.number) FROM session s WHERE s.client_id = {c} "
                      "AND s.deleted = 0 AND s.attendance != 'planned'",
    "last_date": "SELECT max(s.date) FROM session s WHERE s.client_id = {c} "
                 "AND s.deleted = 0 AND s.attendance IN ('attended', 'late')",
    "phq9_last": "SELECT m.total FROM measure_administration m WHERE m.client_id = {c} "
                 "AND m.instrument = 'PHQ-9' AND m.total IS NOT NULL "
                 "ORDER BY m.taken_on DESC, m.id DESC LIMIT 1",
    "phq9_previous": "SELECT m.total FROM measure_administration m WHERE m.client_id = {c} "
                     "AND m.instrument = 'PHQ-9' AND m.total IS NOT NULL "
                     "ORDER BY m.taken_on DESC, m.id DESC LIMIT 1 OFFSET 1",
    "risk": "SELECT m.risk FROM measure_administration m WHERE m.client_id = {c} "
            "AND m.instrument = 'PHQ-9' ORDER BY m.taken_on DESC, m.id DESC LIMIT 1",
    "risk_ever": "SELECT EXISTS (SELECT 1 FROM measure_administration m "
                 "WHERE m.client_id = {c} AND m.risk = 1)",
}


def refresh_sql(client: str | None) -> str:
    """Recompute the figures of the client `client` (an SQL expression) if it exists, or
    of every client when None."""
    columns = ", ".join(FIGURES)
    values = ", ".join(f"({sql.format(c='c.id')})" for sql in FIGURES.values())
    return (f"INSERT OR REPLACE INTO client_figures (client_id, {columns}) "
            f"SELECT c.id, {values} FROM client c"
            + (f" WHERE c.id = {client}" if client else ""))


def migrate(db):
    db.execute_sql('DROP INDEX IF EXISTS "measure_administration_client_id_instrument_taken_on_total"')
    db.execute_sql('CREATE INDEX "measure_administration_client_id_instrument_taken_on" ON '
                   '"measure_administration" ("client_id", "instrument", "taken_on")')
    db.execute_sql('CREATE INDEX "measure_administration_client_id_risk" ON '
                   '"measure_administration" ("client_id", "risk")')
    db.execute_sql('CREATE INDEX "session_client_id_deleted_attendance_date_number" ON '
                   '"session" ("client_id", "deleted", "attendance", "date", "number")')
    db.execute_sql(
        'CREATE TABLE "client_figures" ("client_id" INTEGER NOT NULL PRIMARY KEY, '
        '"current_number" INTEGER, "last_date" DATE, "phq9_last" INTEGER, '
        '"phq9_previous" INTEGER, "risk" INTEGER, "risk_ever" INTEGER NOT NULL, '
        'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE)')
    for table, short in (("session", "s"), ("measure_administration", "m")):
        db.execute_sql(f"CREATE TRIGGER {table}_figures_ai AFTER INSERT ON {table} BEGIN "
                       f"{refresh_sql('new.client_id')}; END")
        db.execute_sql(f"CREATE TRIGGER {table}_figures_ad AFTER DELETE ON {table} BEGIN "
                       f"{refresh_sql('old.client_id')}; END")
        db.execute_sql(f"CREATE TRIGGER {table}_figures_au AFTER UPDATE ON {table} BEGIN "
                       f"{refresh_sql('old.client_id')}; {refresh_sql('new.client_id')}; END")
    # A client's row goes with the client, whatever the foreign-key setting.
    db.execute_sql("CREATE TRIGGER client_figures_ad AFTER DELETE ON client BEGIN "
                   "DELETE FROM client_figures WHERE client_id = old.id; END")
    db.execute_sql(refresh_sql(None))
