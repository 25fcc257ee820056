"""The tables of a vault: one class per thing DOMAIN.md names.

Rows a user can remove with Undo available carry `deleted` (soft delete) so that
an undo restores the very same row and every reference to it.
"""
from peewee import (
    BlobField,
    BooleanField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from .base import BaseModel, JSONField

CLIENT_STATUSES = ("prospective", "active", "concluded", "maintenance", "archived")
PROBLEM_AREAS = ("dispute", "transition", "grief", "sensitivity")
PERSON_ROLES = ("partner", "parent", "child", "sibling", "other family", "friend",
                "colleague", "professional", "other")
FEELINGS = ("supportive", "mixed", "conflictual", "unknown")
EXPECTATIONS_MET = ("met", "partly", "unmet")
DISPUTE_STAGES = ("renegotiation", "impasse", "dissolution")
ATTENDANCE = ("planned", "attended", "late", "missed", "cancelled")
PHASES = ("initial", "middle", "concluding", "maintenance")
INSTRUMENTS = ("PHQ-9", "GAD-7", "EPDS")


class Practitioner(BaseModel):
    """The therapist's profile, printed on documents (one row)."""
    name = TextField(default="")
    credentials = TextField(default="")
    practice_name = TextField(default="")
    address = TextField(default="")
    phone = TextField(default="")
    email = TextField(default="")
    logo = BlobField(null=True)
    page_size = TextField(default="A4")  # A4 or Letter
    idle_lock_minutes = IntegerField(default=10)
    default_contract_sessions = IntegerField(default=16)
    default_session_minutes = IntegerField(default=50)
    default_measures = TextField(default="PHQ-9,GAD-7")
    backup_every_days = IntegerField(default=7)
    backups_kept = IntegerField(default=5)


class Client(BaseModel):
    code = TextField(default="")  # the practice's own reference, printed on reports
    first_name = TextField()
    last_name = TextField()
    preferred_name = TextField(default="")
    date_of_birth = DateField(null=True)
    pronouns = TextField(default="")
    phone = TextField(default="")
    email = TextField(default="")
    address = TextField(default="")
    referrer_name = TextField(default="")
    referrer_details = TextField(default="")
    referral_date = DateField(null=True)
    referral_reason = TextField(default="")
    gp_name = TextField(default="")
    gp_details = TextField(default="")
    emergency_name = TextField(default="")
    emergency_relation = TextField(default="")
    emergency_phone = TextField(default="")
    status = TextField(default="prospective", index=True)
    notes = TextField(default="")
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted = BooleanField(default=False, index=True)


class Contract(BaseModel):
    """The treatment contract: count, length, frequency, arrangements."""
    client = ForeignKeyField(Client, backref="contracts", unique=True, on_delete="CASCADE")
    sessions_agreed = IntegerField(default=16)
    session_minutes = IntegerField(default=50)
    frequency = TextField(default="weekly")
    start_date = DateField(null=True)
    missed_policy = TextField(default="")
    lateness_policy = TextField(default="")
    agreed_on = DateField(null=True)


class ContractAmendment(BaseModel):
    """A renegotiation of the session count, agreed by both sides."""
    client = ForeignKeyField(Client, backref="amendments", on_delete="CASCADE")
    date = DateField()
    old_count = IntegerField()
    new_count = IntegerField()
    reason = TextField(default="")


class Medication(BaseModel):
    client = ForeignKeyField(Client, backref="medications", on_delete="CASCADE")
    name = TextField()
    dose = TextField(default="")
    prescriber = TextField(default="")
    started_on = DateField(null=True)
    stopped_on = DateField(null=True)
    notes = TextField(default="")
    deleted = BooleanField(default=False)


class MedicationChange(BaseModel):
    """One dated event of a medication: start, dose change or stop."""
    medication = ForeignKeyField(Medication, backref="changes", on_delete="CASCADE")
    date = DateField()
    kind = TextField()  # start / dose / stop
    dose = TextField(default="")
    note = TextField(default="")


class Person(BaseModel):
    """Someone in the client's Interpersonal Inventory, placed on the circle."""
    client = ForeignKeyField(Client, backref="persons", on_delete="CASCADE")
    name = TextField()
    role = TextField(default="other")
    ring = IntegerField(default=2)  # 1 inner, 2 middle, 3 outer
    angle = IntegerField(default=0)  # degrees, 0 = right, counter-clockwise
    deceased = BooleanField(default=False)
    contact_frequency = TextField(default="")
    feeling = TextField(default="unknown")
    good_things = TextField(default="")
    hard_things = TextField(default="")
    client_expectations = TextField(default="")
    other_expectations = TextField(default="")
    expectations_met = TextField(default="")
    conflicts = TextField(default="")
    conflicts_resolved = TextField(default="")  # "", yes, partly, no
    confide = TextField(default="")
    support_given = TextField(default="")
    support_received = TextField(default="")
    desired_change = TextField(default="")
    changed_near_onset = BooleanField(default=False)
    problem_area = TextField(default="")  # "" or one of PROBLEM_AREAS
    notes = TextField(default="")
    deleted = BooleanField(default=False)


class Session(BaseModel):
    client = ForeignKeyField(Client, backref="sessions", on_delete="CASCADE")
    number = IntegerField()
    date = DateField()
    start_time = TextField(default="")  # HH:MM
    duration_minutes = IntegerField(default=50)
    attendance = TextField(default="planned")
    phase_override = TextField(null=True)
    summary = TextField(default="")
    techniques = TextField(default="")
    communication_analysis = TextField(default="")
    ps_problem = TextField(default="")
    ps_options = TextField(default="")
    ps_pros_cons = TextField(default="")
    ps_choice = TextField(default="")
    ps_outcome = TextField(default="")
    role_play = TextField(default="")
    emotions = TextField(default="")
    homework = TextField(default="")
    risk = TextField(default="")
    deleted = BooleanField(default=False)

    class Meta:
        indexes = ((("client", "date"), False),
                   # the client list's figures (migration 3)
                   (("client", "deleted", "attendance", "date", "number"), False))


# The next planned session of each client, for the list (migration 4): planned only.
Session.add_index(Session.client, Session.date, name="session_planned_client_id_date",
                  where=(Session.attendance == "planned") & (Session.deleted == False))  # noqa: E712


class Incident(BaseModel):
    """An interpersonal incident examined in a session."""
    session = ForeignKeyField(Session, backref="incidents", on_delete="CASCADE")
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    what_happened = TextField(default="")
    said = TextField(default="")
    meant = TextField(default="")
    heard = TextField(default="")
    feelings = TextField(default="")
    outcome = TextField(default="")


class PersonEvent(BaseModel):
    """One change to the inventory; replaying them rebuilds any past session's circle."""
    client = ForeignKeyField(Client, backref="person_events", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="events", on_delete="CASCADE")
    session_number = IntegerField(default=0)  # the latest session held when it happened
    at = DateTimeField()
    kind = TextField()  # added / changed / moved / removed / restored
    state = JSONField()  # the person's fields after the change


class MeasureAdministration(BaseModel):
    """One questionnaire answered at a session; totals come from services.scoring."""
    client = ForeignKeyField(Client, backref="measures", on_delete="CASCADE")
    session = ForeignKeyField(Session, backref="measures", null=True, on_delete="CASCADE")
    instrument = TextField()
    taken_on = DateField()
    responses = JSONField()  # list of 0-3 or None
    total = IntegerField(null=True)
    risk = BooleanField(default=False)

    class Meta:
        indexes = ((("client", "instrument", "taken_on"), False),  # the latest, in row order
                   (("client", "risk"), False))


class Focus(BaseModel):
    """A problem area chosen as primary or secondary focus, with its details."""
    client = ForeignKeyField(Client, backref="foci", on_delete="CASCADE")
    area = TextField()
    priority = TextField(default="primary")  # primary / secondary
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")  # disputant / person lost
    dispute_stage = TextField(default="")
    dispute_issue = TextField(default="")
    client_expectations = TextField(default="")
    other_expectations = TextField(default="")
    desired_change = TextField(default="")
    old_role = TextField(default="")
    old_role_gains = TextField(default="")
    old_role_losses = TextField(default="")
    new_role = TextField(default="")
    new_role_gains = TextField(default="")
    new_role_losses = TextField(default="")
    event_date = DateField(null=True)  # transition date / date of the loss
    notes = TextField(default="")
    deleted = BooleanField(default=False)


class Formulation(BaseModel):
    client = ForeignKeyField(Client, backref="formulations", unique=True, on_delete="CASCADE")
    biology = TextField(default="")
    psychology = TextField(default="")
    attachment = TextField(default="")
    social = TextField(default="")
    culture = TextField(default="")
    spirituality = TextField(default="")
    current_problems = TextField(default="")
    focus_summary = TextField(default="")
    goals = TextField(default="")
    agreed_on = DateField(null=True)


class ClosingPlan(BaseModel):
    client = ForeignKeyField(Client, backref="closing_plans", unique=True, on_delete="CASCADE")
    goals = JSONField(default=list)  # [{"goal": str, "status": str}]
    client_account = TextField(default="")
    skills_learned = TextField(default="")
    remaining_work = TextField(default="")
    warning_signs = TextField(default="")
    share_signs_with = TextField(default="")
    anticipated_problems = JSONField(default=list)  # [{"problem": str, "plan": str}]
    support_person_ids = JSONField(default=list)
    return_threshold = TextField(default="")
    return_contacts = TextField(default="")
    crisis_line = TextField(default="")
    maintenance_frequency = TextField(default="")
    maintenance_duration = TextField(default="")
    referral = TextField(default="")
    medication_plan = TextField(default="")
    feelings_about_ending = TextField(default="")
    agreed_on = DateField(null=True)


class DocumentLog(BaseModel):
    """A document the app generated: what, for whom, when (never its content)."""
    client = ForeignKeyField(Client, null=True, backref="documents", on_delete="CASCADE")
    kind = TextField()
    created_at = DateTimeField()
    options = JSONField(default=dict)


class AuditEvent(BaseModel):
    """A security event; holds no clinical content and no names."""
    at = DateTimeField()
    kind = TextField()
    detail = TextField(default="")


class ClientFigures(BaseModel):
    """The client list's figures for one client, kept by triggers on the session and
    questionnaire tables (migration 3) so the list reads one row per client instead of
    working them out at every unlock. Code reads it and never writes it."""
    client = ForeignKeyField(Client, primary_key=True, backref="figures", on_delete="CASCADE")
    current_number = IntegerField(null=True)
    last_date = DateField(null=True)
    phq9_last = IntegerField(null=True)
    phq9_previous = IntegerField(null=True)
    risk = BooleanField(null=True)
    risk_ever = BooleanField(default=False)


ALL_MODELS = [
    Practitioner, Client, Contract, ContractAmendment, Medication, MedicationChange,
    Person, Session, Incident, PersonEvent, MeasureAdministration, Focus, Formulation,
    ClosingPlan, DocumentLog, AuditEvent, ClientFigures,
]
