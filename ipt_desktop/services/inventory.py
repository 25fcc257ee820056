"""The Interpersonal Inventory: people on the circle, and their history.

Every change appends a PersonEvent holding the person's state after it, tagged with
the number of the latest session held; replaying events up to session k rebuilds
the circle as it was then.
"""
from __future__ import annotations

from ..models import Client, Person, PersonEvent, Session
from ..models.entities import EXPECTATIONS_MET, FEELINGS, PERSON_ROLES, PROBLEM_AREAS
from .common import (
    apply_fields,
    choice,
    coerce_fields,
    get,
    integer,
    now,
    require_text,
    row_values,
    transaction,
)

PERSON_FIELDS = [f for f in Person._meta.sorted_field_names
                 if f not in ("id", "client", "deleted")]
RINGS = {1: "inner", 2: "middle", 3: "outer"}


def _validators():
    return {
        "name": lambda v: require_text("name", v),
        "role": lambda v: choice("role", v, PERSON_ROLES),
        "ring": lambda v: integer("ring", v, 1, 3, "ring (1 inner, 2 middle, 3 outer)"),
        "angle": lambda v: integer("angle", round(v) if isinstance(v, float) else v,
                                   -100000, 100000) % 360,
        "feeling": lambda v: choice("feeling", v, FEELINGS),
        "expectations_met": lambda v: choice("expectations_met", v, EXPECTATIONS_MET,
                                             "expectations met", allow_empty=True),
        "conflicts_resolved": lambda v: choice("conflicts_resolved", v, ("yes", "partly", "no"),
                                               "conflicts resolved", allow_empty=True),
        "problem_area": lambda v: choice("problem_area", v, PROBLEM_AREAS, "problem area",
                                         allow_empty=True),
    }


def current_session_number(client_id: int) -> int:
    """The number of the latest session that has taken place (0 before the first)."""
    value = (Session.select(Session.number).where(
        (Session.client == client_id) & ~Session.deleted & (Session.attendance != "planned"))
        .order_by(Session.number.desc()).scalar())
    return value or 0


def _record(person: Person, kind: str, session_number: int | None = None) -> None:
    state = row_values(person, PERSON_FIELDS)
    PersonEvent.create(client=person.client_id, person=person, kind=kind, at=now(),
                       session_number=current_session_number(person.client_id)
                       if session_number is None else session_number,
                       state=state)


def add_person(client_id: int, name: str, ring=2, angle=None, *, session_number=None,
               **fields) -> int:
    """Put someone on the circle; with no angle, the widest free gap on the ring is used."""
    values = coerce_fields(Person, {"name": name, "ring": ring, **fields}, _validators())
    with transaction():
        get(Client, client_id)
        if angle is None:
            angle = free_angle(client_id, values["ring"])
        values["angle"] = _validators()["angle"](angle)
        person = Person.create(client=client_id, **values)
        _record(person, "added", session_number)
    return person.id


def free_angle(client_id: int, ring: int) -> int:
    """The middle of the widest gap between the people already on `ring`."""
    taken = sorted(a for (a,) in Person.select(Person.angle).where(
        (Person.client == client_id) & ~Person.deleted & (Person.ring == ring)).tuples())
    if not taken:
        return 90
    gaps = [((taken[(i + 1) % len(taken)] - a) % 360 or 360, a) for i, a in enumerate(taken)]
    width, start = max(gaps)
    return int(start + width / 2) % 360


def update_person(person_id: int, fields: dict, *, session_number=None) -> dict:
    """Change fields; returns the previous values (for undo)."""
    values = coerce_fields(Person, fields, _validators())
    with transaction():
        person = get(Person, person_id)
        if row_values(person, values) == values:
            return dict(values)  # nothing changes: no save, no history entry
        old = apply_fields(person, values)
        kind = "moved" if set(values) <= {"ring", "angle"} else "changed"
        _record(person, kind, session_number)
    return old


def move_person(person_id: int, ring, angle) -> dict:
    return update_person(person_id, {"ring": ring, "angle": angle})


def set_person_removed(person_id: int, removed: bool, *, session_number=None) -> None:
    with transaction():
        person = get(Person, person_id)
        if person.deleted == removed:
            return
        person.deleted = removed
        person.save()
        _record(person, "removed" if removed else "restored", session_number)


def persons(client_id: int) -> list[dict]:
    return list(Person.select().where((Person.client == client_id) & ~Person.deleted)
                .order_by(Person.ring, Person.angle, Person.id).dicts())


def person_dict(person_id: int) -> dict:
    return Person.select().where(Person.id == person_id).dicts().get()


def inventory_at(client_id: int, session_number: int) -> list[dict]:
    """The people on the circle as recorded by the end of session `session_number`."""
    latest: dict[int, PersonEvent] = {}
    query = (PersonEvent.select().where((PersonEvent.client == client_id) &
                                        (PersonEvent.session_number <= session_number))
             .order_by(PersonEvent.id))
    for event in query:
        latest[event.person_id] = event
    result = []
    for person_id, event in latest.items():
        if event.kind == "removed":
            continue
        result.append({"id": person_id, **event.state})
    result.sort(key=lambda p: (p["ring"], p["angle"], p["id"]))
    return result


def changes_in_session(client_id: int, session_number: int) -> list[dict]:
    """The inventory events recorded while `session_number` was the latest session."""
    return [{"person_id": e.person_id, "kind": e.kind, "at": e.at, "name": e.state["name"],
             "ring": e.state["ring"]}
            for e in PersonEvent.select().where((PersonEvent.client == client_id) &
                                                (PersonEvent.session_number == session_number))
            .order_by(PersonEvent.id)]


def compare(before: list[dict], after: list[dict]) -> dict[int, str]:
    """Person id -> 'added', 'removed', 'moved' (ring changed) or 'same'."""
    old = {p["id"]: p for p in before}
    new = {p["id"]: p for p in after}
    marks = {}
    for pid in old.keys() | new.keys():
        if pid not in old:
            marks[pid] = "added"
        elif pid not in new:
            marks[pid] = "removed"
        elif old[pid]["ring"] != new[pid]["ring"]:
            marks[pid] = "moved"
        else:
            marks[pid] = "same"
    return marks
