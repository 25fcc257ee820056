"""Schema version 2: a full-text index over session notes (SQLite FTS5).

The index lives inside the encrypted vault like every other page; triggers keep it
in step with the session table so no code path can forget to update it.
"""

COLUMNS = ("summary", "techniques", "communication_analysis", "ps_problem", "ps_options",
           "ps_pros_cons", "ps_choice", "ps_outcome", "role_play", "emotions", "homework",
           "risk")


def migrate(db):
    cols = ", ".join(COLUMNS)
    new = ", ".join("new." + c for c in COLUMNS)
    old = ", ".join("old." + c for c in COLUMNS)
    db.execute_sql(
        f"CREATE VIRTUAL TABLE session_fts USING fts5({cols}, content='session', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
    db.execute_sql(
        f"CREATE TRIGGER session_fts_ai AFTER INSERT ON session BEGIN "
        f"INSERT INTO session_fts(rowid, {cols}) VALUES (new.id, {new}); END")
    db.execute_sql(
        f"CREATE TRIGGER session_fts_ad AFTER DELETE ON session BEGIN "
        f"INSERT INTO session_fts(session_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
    db.execute_sql(
        f"CREATE TRIGGER session_fts_au AFTER UPDATE ON session BEGIN "
        f"INSERT INTO session_fts(session_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO session_fts(rowid, {cols}) VALUES (new.id, {new}); END")
    db.execute_sql("INSERT INTO session_fts(session_fts) VALUES ('rebuild')")
