"""The people table: columns, in-model sorting, and rows kept when sorting."""
from PySide6.QtCore import QItemSelectionModel, Qt

from ipt_desktop.ui.item_models.person_table_model import (
    AREA,
    NAME,
    PERSON_ID_ROLE,
    RING,
    ROLE,
    PersonTableModel,
)


def people():
    base = {"feeling": "unknown", "deceased": False, "contact_frequency": "",
            "problem_area": ""}
    return [
        {**base, "id": 1, "name": "zoe", "role": "friend", "ring": 3, "angle": 10},
        {**base, "id": 2, "name": "Ana", "role": "partner", "ring": 1, "angle": 90,
         "problem_area": "dispute", "feeling": "mixed"},
        {**base, "id": 3, "name": "Mum", "role": "parent", "ring": 2, "angle": 5,
         "problem_area": "grief", "deceased": True},
    ]


def names(model):
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def test_columns_show_what_a_therapist_reads(qtbot):
    model = PersonTableModel()
    model.set_people(people())
    assert names(model) == ["Ana", "Mum (deceased)", "zoe"]  # by ring first
    row = model.row_of(2)
    assert model.index(row, RING).data() == "Inner"
    assert model.index(row, ROLE).data() == "Partner"
    assert model.index(row, AREA).data() == "Dispute"
    assert model.index(row, NAME).data(PERSON_ID_ROLE) == 2
    assert model.index(row, NAME).data(Qt.AccessibleTextRole) == \
        "Ana, partner, inner circle, interpersonal dispute"


def test_sorting_by_each_column(qtbot):
    model = PersonTableModel()
    model.set_people(people())
    model.sort(NAME, Qt.AscendingOrder)
    assert names(model) == ["Ana", "Mum (deceased)", "zoe"]  # case does not matter
    model.sort(ROLE, Qt.AscendingOrder)  # partner, parent, ..., friend as in the domain list
    assert names(model) == ["Ana", "Mum (deceased)", "zoe"]
    model.sort(ROLE, Qt.DescendingOrder)
    assert names(model)[0] == "zoe"
    model.sort(AREA, Qt.AscendingOrder)
    assert names(model) == ["Ana", "Mum (deceased)", "zoe"]  # no problem area goes last
    model.sort(RING, Qt.DescendingOrder)
    assert names(model) == ["zoe", "Mum (deceased)", "Ana"]


def test_selection_follows_the_person_through_sort_and_update(qtbot):
    from PySide6.QtWidgets import QTableView
    model = PersonTableModel()
    model.set_people(people())
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.selectionModel().select(model.index(model.row_of(1), 0),
                                  QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    model.sort(RING, Qt.DescendingOrder)
    assert table.selectionModel().selectedRows()[0].data(PERSON_ID_ROLE) == 1
    model.upsert_person({**people()[0], "ring": 1, "angle": 0})  # zoe moves inward
    assert names(model)[-1] == "zoe"
    assert table.selectionModel().selectedRows()[0].data(PERSON_ID_ROLE) == 1
    model.upsert_person({**people()[0], "id": 9, "name": "New"})
    model.remove_person(3)
    assert sorted(model.row_of(p) is not None for p in (1, 2, 9)) == [True] * 3
    assert model.row_of(3) is None
