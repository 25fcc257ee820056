"""The closing plan made in the concluding sessions."""
from __future__ import annotations

from ..models import ClosingPlan, Person
from .common import (
    apply_fields,
    client_row,
    coerce_fields,
    parse_date,
    row_values,
    transaction,
)
from .errors import ValidationError

PLAN_FIELDS = [f for f in ClosingPlan._meta.sorted_field_names if f not in ("id", "client")]


def _check_list(field, value, keys):
    if not isinstance(value, list) or not all(
            isinstance(item, dict) and set(item) <= set(keys) and
            all(isinstance(v, str) for v in item.values()) for item in value):
        raise ValidationError(field, f"The {field.replace('_', ' ')} must be a list of entries "
                                     f"with {', '.join(keys)}.")
    return [{k: item.get(k, "") for k in keys} for item in value]


def _validators(client_id):
    def support(value):
        if not isinstance(value, list) or not all(isinstance(v, int) for v in value):
            raise ValidationError("support_person_ids", "Support people must be chosen from "
                                                        "the inventory.")
        known = {pid for (pid,) in Person.select(Person.id).where(
            (Person.client == client_id) & (Person.id.in_(value))).tuples()}
        if set(value) - known:
            raise ValidationError("support_person_ids", "A support person is not in this "
                                                        "client's inventory.")
        return list(dict.fromkeys(value))
    return {
        "goals": lambda v: _check_list("goals", v, ("goal", "status")),
        "anticipated_problems": lambda v: _check_list("anticipated_problems", v,
                                                      ("problem", "plan")),
        "support_person_ids": support,
        "agreed_on": lambda v: parse_date("agreed_on", v, label="date agreed"),
    }


def plan_for(client_id: int) -> ClosingPlan:
    return client_row(ClosingPlan, client_id)


def exists(client_id: int) -> bool:
    return ClosingPlan.select().where(ClosingPlan.client == client_id).exists()


def update_plan(client_id: int, fields: dict) -> dict:
    values = coerce_fields(ClosingPlan, fields, _validators(client_id))
    with transaction():
        return apply_fields(plan_for(client_id), values)


def plan_dict(client_id: int) -> dict:
    return row_values(plan_for(client_id), PLAN_FIELDS)
