"""Old vaults are migrated safely, and the migrations build exactly what the models say."""
import datetime as dt

import pytest
from peewee import SqliteDatabase

from conftest import PASSPHRASE
from ipt_desktop.models import ALL_MODELS, SCHEMA_VERSION, database
from ipt_desktop.models import migrations
from ipt_desktop.services import clients, sessions
from ipt_desktop.services.backup import verify_copy
from ipt_desktop.services.errors import NotAVault
from ipt_desktop.services.vault import Vault

NOTE = "Talked through the quarrel with Benedikt about the allotment"


def _make_v1_vault(path):
    vault = Vault.create(path, PASSPHRASE, schema_version=1)
    assert vault.schema_version == 1
    db = vault.db
    with db.atomic():
        now = "2025-01-10 09:00:00"
        db.execute_sql(
            "INSERT INTO client (id, code, first_name, last_name, preferred_name, pronouns, "
            "phone, email, address, referrer_name, referrer_details, referral_reason, "
            "gp_name, gp_details, emergency_name, emergency_relation, emergency_phone, "
            "status, notes, created_at, updated_at, deleted) VALUES "
            "(1, 'C-0001', 'Inés', 'Ødegård', '', '', '', '', '', '', '', '', '', '', '', "
            "'', '', 'active', 'first-release client', ?, ?, 0)", (now, now))
        db.execute_sql(
            "INSERT INTO contract (client_id, sessions_agreed, session_minutes, frequency, "
            "missed_policy, lateness_policy) VALUES (1, 14, 50, 'weekly', '', '')")
        db.execute_sql(
            "INSERT INTO session (id, client_id, number, date, start_time, duration_minutes, "
            "attendance, summary, techniques, communication_analysis, ps_problem, ps_options, "
            "ps_pros_cons, ps_choice, ps_outcome, role_play, emotions, homework, risk, deleted) "
            "VALUES (1, 1, 1, '2025-01-10', '10:00', 50, 'attended', ?, '', '', '', '', '', "
            "'', '', '', '', 'Ask for the Saturday off', '', 0)", (NOTE,))
        db.execute_sql(
            "INSERT INTO person (client_id, name, role, ring, angle, deceased, "
            "contact_frequency, feeling, good_things, hard_things, client_expectations, "
            "other_expectations, expectations_met, conflicts, conflicts_resolved, confide, "
            "support_given, support_received, desired_change, changed_near_onset, "
            "problem_area, notes, deleted) VALUES (1, 'Benedikt', 'partner', 1, 90, 0, '', "
            "'conflictual', '', '', '', '', '', '', '', '', '', '', '', 0, 'dispute', '', 0)")
        db.execute_sql(
            "INSERT INTO measure_administration (client_id, session_id, instrument, taken_on, "
            "responses, total, risk) VALUES (1, 1, 'PHQ-9', '2025-01-10', "
            "'[2, 2, 1, 1, 2, 1, 1, 1, 0]', 11, 0)")
    vault.close()


def test_a_version_1_vault_is_migrated_with_a_verified_backup(vault_path):
    _make_v1_vault(vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.schema_version == migrations.LATEST == SCHEMA_VERSION
        [row] = clients.client_rows(dt.date(2025, 2, 1))
        assert (row["name"], row["sessions_agreed"], row["phq9_last"]) == ("Inés Ødegård", 14,
                                                                           11)
        [hit] = sessions.search_notes("allotment")
        assert (hit["client_name"], hit["number"]) == ("Inés Ødegård", 1)
        assert sessions.search_notes("Saturday")[0]["session_id"] == 1
        # new notes keep being indexed after the migration too
        sid = sessions.add_session(1, summary="Reviewed the greenhouse plan")
        assert [h["session_id"] for h in sessions.search_notes("greenhouse")] == [sid]
    backups = sorted(vault_path.parent.glob(f"{vault_path.stem}.before-v*.iptvault"))
    assert len(backups) == 1
    assert verify_copy(backups[0], PASSPHRASE) == 1
    with Vault.open(backups[0], PASSPHRASE, read_only=True) as old:
        assert old.schema_version == 1
        assert old.db.execute_sql("SELECT first_name FROM client").fetchall() == [("Inés",)]


def test_reopening_a_migrated_vault_makes_no_second_backup(vault_path):
    _make_v1_vault(vault_path)
    Vault.open(vault_path, PASSPHRASE).close()
    Vault.open(vault_path, PASSPHRASE).close()
    assert len(list(vault_path.parent.glob("*.before-v*"))) == 1


def test_a_vault_from_a_newer_release_is_refused(vault_path):
    with Vault.create(vault_path, PASSPHRASE) as vault:
        vault.db.execute_sql(f"PRAGMA user_version = {migrations.LATEST + 1}")
    with pytest.raises(NotAVault, match="newer version of IPT Desktop"):
        Vault.open(vault_path, PASSPHRASE)


def _schema(db):
    tables = {}
    for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type='table' AND "
                                  "name NOT LIKE 'sqlite_%' AND name NOT LIKE 'session_fts%'"):
        columns = {(r[1], r[2].upper(), r[3], r[5])  # name, type, not null, primary key
                   for r in db.execute_sql(f'PRAGMA table_info("{name}")')}
        indexes = set()
        for r in db.execute_sql(f'PRAGMA index_list("{name}")'):
            if r[3] != "c":  # only indexes made by CREATE INDEX
                continue
            cols = tuple(c[2] for c in db.execute_sql(f'PRAGMA index_info("{r[1]}")'))
            indexes.add((cols, r[2], r[4]))  # columns, unique, partial
        tables[name] = (columns, indexes)
    return tables


def test_migrations_build_the_schema_the_models_declare(vault):
    built = _schema(vault.db)
    reference = SqliteDatabase(":memory:")
    database.initialize(reference)
    try:
        reference.create_tables(ALL_MODELS)
        declared = _schema(reference)
    finally:
        database.initialize(vault.db)
        reference.close()
    assert len(declared) == len(ALL_MODELS)
    assert set(built) == set(declared)
    for table in declared:
        assert built[table][0] == declared[table][0], f"columns of {table} differ"
        assert built[table][1] == declared[table][1], f"indexes of {table} differ"



def test_the_kept_figures_are_recomputed_with_index_look_ups(vault):
    """What the triggers run per change stays a few index look-ups: no scan of a
    client's sessions or questionnaires through the table, no sort."""
    from ipt_desktop.models.migrations.m0003_client_list_figures import refresh_sql
    plan = [r[3] for r in vault.db.execute_sql("EXPLAIN QUERY PLAN " + refresh_sql("1"))]
    reads = [step for step in plan if " s " in f" {step} " or " m " in f" {step} "]
    assert len(reads) == 6 and all(step.startswith("SEARCH") for step in reads), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
