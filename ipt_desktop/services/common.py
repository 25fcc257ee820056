"""Validation helpers shared by the services."""
from __future__ import annotations

import datetime as dt

from peewee import BooleanField, DateField, DateTimeField, ForeignKeyField, IntegerField

from .errors import NotFound, ValidationError

EARLIEST = dt.date(1900, 1, 1)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def today() -> dt.date:
    return dt.date.today()


def parse_date(field: str, value, *, label: str | None = None, allow_future: bool = True
               ) -> dt.date | None:
    """A date from a date or an ISO text (YYYY-MM-DD); None for empty."""
    label = label or field.replace("_", " ")
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        result = value
    elif isinstance(value, str):
        try:
            result = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, f"The {label} '{value}' is not a real date; write it "
                                         "as YYYY-MM-DD, e.g. 2026-03-14.") from None
    else:
        raise ValidationError(field, f"The {label} must be a date.")
    if result < EARLIEST:
        raise ValidationError(field, f"The {label} {result.isoformat()} is before 1900; "
                                     "check the year.")
    if not allow_future and result > today():
        raise ValidationError(field, f"The {label} {result.isoformat()} is in the future.")
    return result


def check_order(first_field: str, first, second_field: str, second, message: str) -> None:
    if first and second and second < first:
        raise ValidationError(second_field, message)


def require_text(field: str, value, label: str | None = None) -> str:
    label = label or field.replace("_", " ")
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(field, f"The {label} cannot be empty.")
    return value.strip()


def choice(field: str, value, options, label: str | None = None, allow_empty=False) -> str:
    label = label or field.replace("_", " ")
    if allow_empty and (value is None or value == ""):
        return ""
    if value not in options:
        raise ValidationError(field, f"'{value}' is not a valid {label}; choose one of: "
                                     f"{', '.join(options)}.")
    return value


def integer(field: str, value, low: int, high: int, label: str | None = None) -> int:
    label = label or field.replace("_", " ")
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"The {label} must be a whole number.")
    if not low <= value <= high:
        raise ValidationError(field, f"The {label} must be between {low} and {high} "
                                     f"(got {value}).")
    return value


def get(model, row_id):
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise NotFound(f"That {model.__name__.lower()} no longer exists (it may have been "
                       "deleted).")
    return row


def coerce_fields(model, fields: dict, validators: dict | None = None) -> dict:
    """Check names and types of `fields` for `model`; run per-field validators."""
    validators = validators or {}
    out = {}
    for name, value in fields.items():
        field = model._meta.fields.get(name)
        if field is None or name in ("id",) or isinstance(field, ForeignKeyField):
            raise ValidationError(name, f"'{name}' is not a field that can be edited here.")
        if name in validators:
            value = validators[name](value)
        elif isinstance(field, DateTimeField):
            pass
        elif isinstance(field, DateField):
            value = parse_date(name, value)
        elif isinstance(field, BooleanField):
            value = bool(value)
        elif isinstance(field, IntegerField):
            if value is None and field.null:
                pass
            else:
                value = integer(name, value, -10**9, 10**9)
        elif isinstance(value, str):
            value = value.strip() if name.endswith("name") else value
        out[name] = value
    return out


def row_values(row, names) -> dict:
    return {n: getattr(row, n) for n in names}


def client_row(model, client_id: int):
    """The client's one row of `model` (contract, formulation, closing plan), made if missing."""
    row = model.get_or_none(model.client == client_id)
    if row is None:
        from ..models import Client
        get(Client, client_id)  # a clear message when the client itself is gone
        with transaction():
            row = model.create(client=client_id)
    return row


def apply_fields(row, values: dict) -> dict:
    """Set checked `values` on `row` and save it; returns the previous values (for undo)."""
    old = row_values(row, values)
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    return old


class transaction:
    """One user action in one transaction; low-level errors come out as IptErrors."""

    def __enter__(self):
        from ..models import database
        self._ctx = database.atomic()
        return self._ctx.__enter__()

    def __exit__(self, exc_type, exc, tb):
        from .errors import IptError, translate_storage_error
        try:
            suppressed = self._ctx.__exit__(exc_type, exc, tb)
        except Exception as inner:  # the rollback itself failed (e.g. disk full)
            if exc is not None and not isinstance(exc, IptError):
                raise translate_storage_error(exc) from inner
            raise translate_storage_error(inner) from inner
        if exc is not None and not isinstance(exc, IptError) and isinstance(exc, Exception):
            raise translate_storage_error(exc) from exc
        return suppressed
