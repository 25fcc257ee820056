"""Schema version 1: the first release's tables, frozen as SQL.

Frozen rather than generated from the models, so that a vault made by the first
release is rebuilt exactly as it was, whatever the models look like later.
"""

SQL = """
CREATE TABLE "audit_event" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, "kind" TEXT NOT NULL, "detail" TEXT NOT NULL);
CREATE TABLE "client" ("id" INTEGER NOT NULL PRIMARY KEY, "code" TEXT NOT NULL, "first_name" TEXT NOT NULL, "last_name" TEXT NOT NULL, "preferred_name" TEXT NOT NULL, "date_of_birth" DATE, "pronouns" TEXT NOT NULL, "phone" TEXT NOT NULL, "email" TEXT NOT NULL, "address" TEXT NOT NULL, "referrer_name" TEXT NOT NULL, "referrer_details" TEXT NOT NULL, "referral_date" DATE, "referral_reason" TEXT NOT NULL, "gp_name" TEXT NOT NULL, "gp_details" TEXT NOT NULL, "emergency_name" TEXT NOT NULL, "emergency_relation" TEXT NOT NULL, "emergency_phone" TEXT NOT NULL, "status" TEXT NOT NULL, "notes" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL);
CREATE INDEX "client_status" ON "client" ("status");
CREATE INDEX "client_deleted" ON "client" ("deleted");
CREATE TABLE "closing_plan" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "goals" TEXT NOT NULL, "client_account" TEXT NOT NULL, "skills_learned" TEXT NOT NULL, "remaining_work" TEXT NOT NULL, "warning_signs" TEXT NOT NULL, "share_signs_with" TEXT NOT NULL, "anticipated_problems" TEXT NOT NULL, "support_person_ids" TEXT NOT NULL, "return_threshold" TEXT NOT NULL, "return_contacts" TEXT NOT NULL, "crisis_line" TEXT NOT NULL, "maintenance_frequency" TEXT NOT NULL, "maintenance_duration" TEXT NOT NULL, "referral" TEXT NOT NULL, "medication_plan" TEXT NOT NULL, "feelings_about_ending" TEXT NOT NULL, "agreed_on" DATE, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "closing_plan_client_id" ON "closing_plan" ("client_id");
CREATE TABLE "contract" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "sessions_agreed" INTEGER NOT NULL, "session_minutes" INTEGER NOT NULL, "frequency" TEXT NOT NULL, "start_date" DATE, "missed_policy" TEXT NOT NULL, "lateness_policy" TEXT NOT NULL, "agreed_on" DATE, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "contract_client_id" ON "contract" ("client_id");
CREATE TABLE "contract_amendment" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "date" DATE NOT NULL, "old_count" INTEGER NOT NULL, "new_count" INTEGER NOT NULL, "reason" TEXT NOT NULL, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE);
CREATE INDEX "contract_amendment_client_id" ON "contract_amendment" ("client_id");
CREATE TABLE "document_log" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER, "kind" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "options" TEXT NOT NULL, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE);
CREATE INDEX "document_log_client_id" ON "document_log" ("client_id");
CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "name" TEXT NOT NULL, "role" TEXT NOT NULL, "ring" INTEGER NOT NULL, "angle" INTEGER NOT NULL, "deceased" INTEGER NOT NULL, "contact_frequency" TEXT NOT NULL, "feeling" TEXT NOT NULL, "good_things" TEXT NOT NULL, "hard_things" TEXT NOT NULL, "client_expectations" TEXT NOT NULL, "other_expectations" TEXT NOT NULL, "expectations_met" TEXT NOT NULL, "conflicts" TEXT NOT NULL, "conflicts_resolved" TEXT NOT NULL, "confide" TEXT NOT NULL, "support_given" TEXT NOT NULL, "support_received" TEXT NOT NULL, "desired_change" TEXT NOT NULL, "changed_near_onset" INTEGER NOT NULL, "problem_area" TEXT NOT NULL, "notes" TEXT NOT NULL, "deleted" INTEGER NOT NULL, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE);
CREATE INDEX "person_client_id" ON "person" ("client_id");
CREATE TABLE "focus" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "area" TEXT NOT NULL, "priority" TEXT NOT NULL, "person_id" INTEGER, "dispute_stage" TEXT NOT NULL, "dispute_issue" TEXT NOT NULL, "client_expectations" TEXT NOT NULL, "other_expectations" TEXT NOT NULL, "desired_change" TEXT NOT NULL, "old_role" TEXT NOT NULL, "old_role_gains" TEXT NOT NULL, "old_role_losses" TEXT NOT NULL, "new_role" TEXT NOT NULL, "new_role_gains" TEXT NOT NULL, "new_role_losses" TEXT NOT NULL, "event_date" DATE, "notes" TEXT NOT NULL, "deleted" INTEGER NOT NULL, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE INDEX "focus_client_id" ON "focus" ("client_id");
CREATE INDEX "focus_person_id" ON "focus" ("person_id");
CREATE TABLE "formulation" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "biology" TEXT NOT NULL, "psychology" TEXT NOT NULL, "attachment" TEXT NOT NULL, "social" TEXT NOT NULL, "culture" TEXT NOT NULL, "spirituality" TEXT NOT NULL, "current_problems" TEXT NOT NULL, "focus_summary" TEXT NOT NULL, "goals" TEXT NOT NULL, "agreed_on" DATE, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "formulation_client_id" ON "formulation" ("client_id");
CREATE TABLE "session" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "number" INTEGER NOT NULL, "date" DATE NOT NULL, "start_time" TEXT NOT NULL, "duration_minutes" INTEGER NOT NULL, "attendance" TEXT NOT NULL, "phase_override" TEXT, "summary" TEXT NOT NULL, "techniques" TEXT NOT NULL, "communication_analysis" TEXT NOT NULL, "ps_problem" TEXT NOT NULL, "ps_options" TEXT NOT NULL, "ps_pros_cons" TEXT NOT NULL, "ps_choice" TEXT NOT NULL, "ps_outcome" TEXT NOT NULL, "role_play" TEXT NOT NULL, "emotions" TEXT NOT NULL, "homework" TEXT NOT NULL, "risk" TEXT NOT NULL, "deleted" INTEGER NOT NULL, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE);
CREATE INDEX "session_client_id" ON "session" ("client_id");
CREATE INDEX "session_client_id_date" ON "session" ("client_id", "date");
CREATE TABLE "incident" ("id" INTEGER NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, "person_id" INTEGER, "what_happened" TEXT NOT NULL, "said" TEXT NOT NULL, "meant" TEXT NOT NULL, "heard" TEXT NOT NULL, "feelings" TEXT NOT NULL, "outcome" TEXT NOT NULL, FOREIGN KEY ("session_id") REFERENCES "session" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE INDEX "incident_session_id" ON "incident" ("session_id");
CREATE INDEX "incident_person_id" ON "incident" ("person_id");
CREATE TABLE "measure_administration" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "session_id" INTEGER, "instrument" TEXT NOT NULL, "taken_on" DATE NOT NULL, "responses" TEXT NOT NULL, "total" INTEGER, "risk" INTEGER NOT NULL, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE, FOREIGN KEY ("session_id") REFERENCES "session" ("id") ON DELETE CASCADE);
CREATE INDEX "measure_administration_client_id" ON "measure_administration" ("client_id");
CREATE INDEX "measure_administration_session_id" ON "measure_administration" ("session_id");
CREATE INDEX "measure_administration_client_id_instrument_taken_on_total" ON "measure_administration" ("client_id", "instrument", "taken_on", "total");
CREATE TABLE "medication" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "name" TEXT NOT NULL, "dose" TEXT NOT NULL, "prescriber" TEXT NOT NULL, "started_on" DATE, "stopped_on" DATE, "notes" TEXT NOT NULL, "deleted" INTEGER NOT NULL, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE);
CREATE INDEX "medication_client_id" ON "medication" ("client_id");
CREATE TABLE "medication_change" ("id" INTEGER NOT NULL PRIMARY KEY, "medication_id" INTEGER NOT NULL, "date" DATE NOT NULL, "kind" TEXT NOT NULL, "dose" TEXT NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("medication_id") REFERENCES "medication" ("id") ON DELETE CASCADE);
CREATE INDEX "medication_change_medication_id" ON "medication_change" ("medication_id");
CREATE TABLE "person_event" ("id" INTEGER NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, "person_id" INTEGER NOT NULL, "session_number" INTEGER NOT NULL, "at" DATETIME NOT NULL, "kind" TEXT NOT NULL, "state" TEXT NOT NULL, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE);
CREATE INDEX "person_event_client_id" ON "person_event" ("client_id");
CREATE INDEX "person_event_person_id" ON "person_event" ("person_id");
CREATE TABLE "practitioner" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "credentials" TEXT NOT NULL, "practice_name" TEXT NOT NULL, "address" TEXT NOT NULL, "phone" TEXT NOT NULL, "email" TEXT NOT NULL, "logo" BLOB, "page_size" TEXT NOT NULL, "idle_lock_minutes" INTEGER NOT NULL, "default_contract_sessions" INTEGER NOT NULL, "default_session_minutes" INTEGER NOT NULL, "default_measures" TEXT NOT NULL, "backup_every_days" INTEGER NOT NULL, "backups_kept" INTEGER NOT NULL);
"""


def migrate(db):
    for statement in SQL.split(";\n"):
        statement = statement.strip().rstrip(";")
        if statement:
            db.execute_sql(statement)
