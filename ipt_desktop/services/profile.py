"""The practitioner's profile and the vault's preferences (stored encrypted)."""
from __future__ import annotations

from ..models import Practitioner
from ..models.entities import INSTRUMENTS
from .common import (
    apply_fields,
    choice,
    coerce_fields,
    integer,
    row_values,
    transaction,
)
from .errors import ValidationError

PROFILE_FIELDS = [f for f in Practitioner._meta.sorted_field_names if f != "id"]


def _measures(value):
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
        raise ValidationError("default_measures", "Default measures are questionnaire names "
                                                  f"separated by commas ({', '.join(INSTRUMENTS)}).")
    names = [v.strip() for v in items if v.strip()]
    for name in names:
        if name not in INSTRUMENTS:
            raise ValidationError("default_measures", f"'{name}' is not a questionnaire the "
                                                      f"app scores ({', '.join(INSTRUMENTS)}).")
    return ",".join(names)


def _validators():
    return {
        "page_size": lambda v: choice("page_size", v, ("A4", "Letter"), "page size"),
        "idle_lock_minutes": lambda v: integer("idle_lock_minutes", v, 1, 240,
                                               "minutes before locking"),
        "default_contract_sessions": lambda v: integer("default_contract_sessions", v, 1, 40,
                                                       "default number of sessions"),
        "default_session_minutes": lambda v: integer("default_session_minutes", v, 10, 180,
                                                     "default session length"),
        "default_measures": _measures,
        "backup_every_days": lambda v: integer("backup_every_days", v, 0, 365,
                                               "days between automatic backups"),
        "backups_kept": lambda v: integer("backups_kept", v, 1, 100, "backups kept"),
    }


def profile() -> Practitioner:
    row = Practitioner.get_or_none()
    if row is None:
        with transaction():
            row = Practitioner.create()
    return row


def profile_dict() -> dict:
    return row_values(profile(), PROFILE_FIELDS)


def update_profile(fields: dict) -> dict:
    values = coerce_fields(Practitioner, fields, _validators())
    with transaction():
        return apply_fields(profile(), values)
