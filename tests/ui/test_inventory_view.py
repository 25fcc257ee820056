"""The Inventory tab: click-to-add, drag and undo, table and diagram in step, history."""
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from ipt_desktop import geometry as g
from ipt_desktop.services import inventory, sessions
from ipt_desktop.ui.dialogs.person import PersonDialog
from ipt_desktop.ui.document import VaultDocument
from ipt_desktop.ui.views.inventory import InventoryView


@pytest.fixture
def tab(qtbot, vault, client_id):
    doc = VaultDocument(vault)
    view = InventoryView(doc)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.set_client(client_id)
    view.show()
    qtbot.waitExposed(view)
    view.circle.zoom_to_fit()
    return view


def fill_dialog(monkeypatch, **fields):
    """Make PersonDialog.exec type `fields` and press Add, as a therapist would."""
    def exec_(dialog):
        for name, value in fields.items():
            widget = dialog.widgets[name]
            if hasattr(widget, "setPlainText"):
                widget.setPlainText(value)
            elif hasattr(widget, "setChecked"):
                widget.setChecked(value)
            elif hasattr(widget, "findData"):
                widget.setCurrentIndex(widget.findData(value))
            else:
                widget.setText(value)
        dialog.accept()
        return dialog.result()
    monkeypatch.setattr(PersonDialog, "exec", exec_)


def on_screen(tab, ring, angle):
    x, y = g.point(ring, angle, tab.scene.outer)
    return tab.circle.mapFromScene(QPointF(x, y))


def test_click_on_a_ring_adds_a_person_there(tab, client_id, monkeypatch):
    fill_dialog(monkeypatch, name="Rui Costa", role="sibling", feeling="mixed",
                good_things="Calls every Sunday")
    QTest.mouseClick(tab.circle.viewport(), Qt.LeftButton, Qt.NoModifier,
                     on_screen(tab, 3, 135))
    [person] = inventory.persons(client_id)
    assert (person["name"], person["ring"], person["role"]) == ("Rui Costa", 3, "sibling")
    assert abs(person["angle"] - 135) <= 1
    assert person["good_things"] == "Calls every Sunday"
    assert person["id"] in tab.scene.items_by_id
    assert tab.model.rowCount() == 1 and tab.selected_person() == person["id"]


def test_a_refused_add_keeps_the_dialog_open_with_the_reason(tab, client_id, monkeypatch):
    seen = {}

    def exec_(dialog):
        dialog.widgets["name"].setText("   ")
        dialog.accept()
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.result() != PersonDialog.Accepted
        return dialog.result()
    monkeypatch.setattr(PersonDialog, "exec", exec_)
    tab.add_button.click()
    assert seen["open"] and "name" in seen["error"].lower()
    assert inventory.persons(client_id) == []


def test_drag_to_another_ring_is_saved_and_undo_restores_it(tab, client_id, qtbot):
    pid = tab.document.add_person(client_id, "Maria", 1, 90, role="parent")
    viewport = tab.circle.viewport()
    start, end = on_screen(tab, 1, 90), on_screen(tab, 2, 80)
    QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, start)
    for step in range(1, 5):
        QTest.mouseMove(viewport, start + (end - start) * step / 4)
    QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, end)
    stored = inventory.person_dict(pid)
    assert stored["ring"] == 2 and abs(stored["angle"] - 80) <= 2
    assert tab.model.person(tab.model.row_of(pid))["ring"] == 2
    tab.document.undo_stack.undo()
    assert inventory.person_dict(pid)["ring"] == 1
    item = tab.scene.items_by_id[pid]
    assert item.person["ring"] == 1
    assert item.pos().toTuple() == pytest.approx(g.point(1, 90, tab.scene.outer), abs=0.5)


def test_keyboard_moves_and_delete_removes_undoably(tab, client_id):
    pid = tab.document.add_person(client_id, "Joe", 2, 0)
    tab.circle.setFocus()
    QTest.keyClick(tab.circle, Qt.Key_Tab)
    assert tab.scene.focusItem() is tab.scene.items_by_id[pid]
    QTest.keyClick(tab.circle.viewport(), Qt.Key_Up)
    assert inventory.person_dict(pid)["ring"] == 1
    QTest.keyClick(tab.circle.viewport(), Qt.Key_Delete)
    assert inventory.persons(client_id) == [] and tab.model.rowCount() == 0
    tab.document.undo_stack.undo()
    assert [p["ring"] for p in inventory.persons(client_id)] == [1]
    assert pid in tab.scene.items_by_id


def test_table_and_diagram_stay_in_step(tab, client_id):
    a = tab.document.add_person(client_id, "Ana", 1, 10, role="friend")
    b = tab.document.add_person(client_id, "Bea", 3, 200, role="colleague")
    tab.table.selectRow(tab.model.row_of(b))
    assert tab.scene.selected_person() == b
    tab.scene.select_person(a)
    assert tab.table.selectionModel().selectedRows()[0].data(Qt.DisplayRole) == "Ana"
    tab.document.edit_person(client_id, a, {"name": "Ana Maria", "feeling": "conflictual"})
    assert tab.scene.items_by_id[a].person["name"] == "Ana Maria"
    assert tab.model.person(tab.model.row_of(a))["feeling"] == "conflictual"
    assert tab.scene.selected_person() == a  # the edit kept the selection on Ana
    tab.table.sortByColumn(1, Qt.DescendingOrder)  # by role: colleague after friend
    assert tab.model.person(0)["name"] == "Bea"
    assert tab.table.selectionModel().selectedRows()[0].data(Qt.DisplayRole) == "Ana Maria"


def test_history_shows_the_circle_recorded_at_each_session(tab, client_id):
    s1 = sessions.add_session(client_id, "2026-01-05", attendance="attended")
    maria = tab.document.add_person(client_id, "Maria", 1, 90)
    sessions.add_session(client_id, "2026-01-12", attendance="attended")
    tab.document.sessions_changed.emit(client_id)
    tab.document.move_person(client_id, maria, 3, 90)
    tab.document.add_person(client_id, "Rui", 2, 0)
    assert s1
    tab.show_history(1)
    assert {p.person["name"]: p.person["ring"] for p in tab.scene.items_by_id.values()} == \
        {"Maria": 1}
    assert not tab.scene.editable and tab.banner.isVisible()
    assert [tab.history_combo.itemText(i) for i in range(tab.history_combo.count())] == \
        ["Now", "After session 1", "After session 2"]
    tab.show_history(None)
    assert {p.person["name"]: p.person["ring"] for p in tab.scene.items_by_id.values()} == \
        {"Maria": 3, "Rui": 2}
    tab.compare_button.setChecked(True)
    first = tab.first_view.circle_scene().items_by_id
    now = tab.now_view.circle_scene().items_by_id
    assert set(first) == {maria} and first[maria].mark[0] == "moved"
    assert now[maria].mark == ("moved", "was inner")
    assert [i.mark[0] for pid, i in now.items() if pid != maria] == ["added"]


def test_export_from_the_tab(tab, client_id, tmp_path):
    tab.document.add_person(client_id, "Maria", 1, 90)
    path = tab.export_image(tmp_path / "circle.svg")
    assert "Maria" in path.read_text()
