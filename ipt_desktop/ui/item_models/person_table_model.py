"""The people of the inventory as a table beside the circle, sorted in the model."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from ... import geometry as g
from ...models.entities import PERSON_ROLES, PROBLEM_AREAS

NAME, ROLE, RING, FEELING, AREA, CONTACT = range(6)
HEADERS = ("Name", "Role", "Circle", "Feels", "Problem area", "Contact")
PERSON_ID_ROLE = Qt.UserRole + 1
AREA_SHORT = {"dispute": "Dispute", "transition": "Role transition", "grief": "Grief",
              "sensitivity": "Sensitivity"}


def _sort_key(column: int):
    """A key per column; ties fall back to ring, then angle, then name."""
    def tie(p):
        return (p["ring"], p["angle"], p["name"].casefold())
    keys = {
        NAME: lambda p: (p["name"].casefold(), p["id"]),
        ROLE: lambda p: (PERSON_ROLES.index(p["role"]) if p["role"] in PERSON_ROLES else 99,
                         tie(p)),
        RING: tie,
        FEELING: lambda p: (p.get("feeling") or "unknown", tie(p)),
        # People without a problem area go last whichever way the sort runs first.
        AREA: lambda p: (PROBLEM_AREAS.index(p["problem_area"])
                         if p.get("problem_area") in PROBLEM_AREAS else 99, tie(p)),
        CONTACT: lambda p: ((p.get("contact_frequency") or "").casefold(), tie(p)),
    }
    return keys[column]


class PersonTableModel(QAbstractTableModel):
    """Rows are person dicts as the inventory service returns them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._sort = (RING, Qt.AscendingOrder)

    # -- content ------------------------------------------------------------------
    def set_people(self, people: list[dict]) -> None:
        self.beginResetModel()
        self._rows = [dict(p) for p in people]
        self._rows.sort(key=_sort_key(self._sort[0]),
                        reverse=self._sort[1] == Qt.DescendingOrder)
        self.endResetModel()

    def upsert_person(self, person: dict) -> None:
        """Add or refresh one row, keeping the chosen sort."""
        row = self.row_of(person["id"])
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(dict(person))
            self.endInsertRows()
        else:
            self._rows[row] = dict(person)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.sort(*self._sort)

    def remove_person(self, pid: int) -> None:
        row = self.row_of(pid)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def row_of(self, pid: int) -> int | None:
        for row, person in enumerate(self._rows):
            if person["id"] == pid:
                return row
        return None

    def person_id(self, row: int) -> int:
        return self._rows[row]["id"]

    def person(self, row: int) -> dict:
        return self._rows[row]

    def people(self) -> list[dict]:
        return list(self._rows)

    # -- Qt model -----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        p = self._rows[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            return self._text(p, col)
        if role == PERSON_ID_ROLE:
            return p["id"]
        if role == Qt.DecorationRole and col == FEELING:
            return QColor(g.FEELING_COLOURS.get(p.get("feeling") or "unknown"))
        if role == Qt.ToolTipRole:
            if col == RING:
                return g.RING_NAMES[p["ring"]]
            if col == AREA and p.get("problem_area"):
                return g.AREA_NAMES[p["problem_area"]]
            return None
        if role == Qt.AccessibleTextRole and col == NAME:
            from ..circle.items import accessible_name
            return accessible_name(p)
        return None

    @staticmethod
    def _text(p: dict, col: int) -> str:
        if col == NAME:
            return p["name"] + (" (deceased)" if p.get("deceased") else "")
        if col == ROLE:
            return (p.get("role") or "other").capitalize()
        if col == RING:
            return g.RING_SHORT[p["ring"]].capitalize()
        if col == FEELING:
            return (p.get("feeling") or "unknown").capitalize()
        if col == AREA:
            return AREA_SHORT.get(p.get("problem_area") or "", "")
        return p.get("contact_frequency") or ""

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """Sort in the model (no proxy), keeping selections on the same people."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = [p["id"] for p in self._rows]  # row -> person id before sorting
        self._rows.sort(key=_sort_key(column), reverse=order == Qt.DescendingOrder)
        new = {p["id"]: row for row, p in enumerate(self._rows)}
        moved_from, moved_to = [], []
        for index in self.persistentIndexList():
            pid = old[index.row()] if 0 <= index.row() < len(old) else None
            if pid in new:
                moved_from.append(index)
                moved_to.append(self.index(new[pid], index.column()))
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()
