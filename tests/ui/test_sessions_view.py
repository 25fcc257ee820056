"""The Sessions tab driven as a therapist would: add, enter answers, type notes, search."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ipt_desktop.services import clients, inventory, sessions
from ipt_desktop.ui.dialogs.note_search import NoteSearchDialog
from ipt_desktop.ui.document import VaultDocument
from ipt_desktop.ui.views.sessions import SessionsView

START = dt.date(2026, 1, 5)


@pytest.fixture
def document(vault):
    return VaultDocument(vault)


@pytest.fixture
def view(qtbot, document, client_id):
    clients.update_contract(client_id, {"start_date": START, "sessions_agreed": 12})
    widget = SessionsView(document)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    widget.set_client(client_id)
    return widget


def click_answers(qtbot, entry, answers):
    for item, value in enumerate(answers, 1):
        qtbot.mouseClick(entry.findChild(type(entry.clear_button), f"item{item}_{value}"),
                         Qt.LeftButton)


def test_new_session_numbers_itself_and_proposes_a_week_later(view, client_id):
    first = view.new_session()
    assert view.editor.header.text() == "Session 1 of 12"
    assert view.editor.date.date().toPython() == START
    view.new_session()
    assert view.editor.header.text() == "Session 2 of 12"
    assert view.editor.date.date().toPython() == START + dt.timedelta(days=7)
    assert [m.number for m in view.timeline.markers()] == [1, 2]
    view.open_session(first)
    assert view.editor.header.text() == "Session 1 of 12"


def test_phq9_clicked_in_shows_total_band_and_updates_the_chart(view, client_id, qtbot):
    sid = view.new_session()
    entry = view.editor.entries["PHQ-9"]
    click_answers(qtbot, entry, [2, 2, 1, 1, 1, 1, 1, 1][:8])
    assert entry.total_label.text() == "No total: 1 item not answered"
    assert entry.band_label.text() == ""
    assert sessions.sessions(client_id)[0]["measures"][0]["total"] is None
    assert view.chart.series("PHQ-9") == []
    assert view.chart.incomplete("PHQ-9") == [1]
    qtbot.mouseClick(entry.findChild(type(entry.clear_button), "item9_0"), Qt.LeftButton)
    assert entry.total_label.text() == "Total 10 of 27"
    assert entry.band_label.text() == "Moderate"
    assert view.chart.series("PHQ-9") == [(1, 10)]
    assert view.editor.measure_tabs.tabText(0) == "PHQ-9 · 10"
    stored = sessions.measures(client_id, "PHQ-9")[0]
    assert (stored["session"], stored["total"], stored["band"]) == (sid, 10, "moderate")
    # A second click on a chosen answer takes it back: no total again.
    qtbot.mouseClick(entry.findChild(type(entry.clear_button), "item1_2"), Qt.LeftButton)
    assert entry.total_label.text() == "No total: 1 item not answered"
    assert sessions.measures(client_id, "PHQ-9")[0]["total"] is None
    # Clicks on one questionnaire merge into one "Enter PHQ-9" step.
    view.document.undo_stack.undo()
    assert entry.total_label.text() == "No answers yet"
    assert sessions.measures(client_id, "PHQ-9") == []
    view.document.undo_stack.redo()
    assert entry.total_label.text() == "No total: 1 item not answered"


def test_item_nine_above_zero_raises_the_flag(view, client_id, qtbot):
    view.new_session()
    assert not view.editor.risk_banner.isVisible()
    click_answers(qtbot, view.editor.entries["PHQ-9"], [0, 0, 0, 0, 0, 0, 0, 0, 2])
    assert view.editor.risk_banner.isVisible()
    assert "More than half the days" in view.editor.risk_banner.text()
    assert [m.risk for m in view.timeline.markers()] == [True]
    assert view.chart.risk_sessions() == [1]


def test_gad7_severe_band(view, qtbot):
    view.new_session()
    entry = view.editor.entries["GAD-7"]
    click_answers(qtbot, entry, [3, 3, 3, 2, 2, 1, 1])
    assert (entry.total_label.text(), entry.band_label.text()) == ("Total 15 of 21", "Severe")
    assert view.chart.series("GAD-7") == [(1, 15)]


def test_attendance_choice_recolours_the_marker(view, client_id):
    sid = view.new_session()
    combo = view.editor.attendance
    combo.activated.emit(combo.findData("missed"))
    assert sessions.sessions(client_id)[0]["attendance"] == "missed"
    assert [(m.session_id, m.colour) for m in view.timeline.markers()] == [(sid, "#c62828")]


def test_over_contract_warning_and_ending_prompt(view, client_id):
    clients.update_contract(client_id, {"sessions_agreed": 3})
    view.document.client_changed.emit(client_id)
    view.new_session()
    assert view.prompt.isVisible() and "raise the ending" in view.prompt.text()
    assert not view.warning.isVisible()
    view.new_session()
    view.new_session()
    view.new_session()
    assert view.warning.isVisible()
    assert "session 4 goes beyond it" in view.warning.text()
    assert view.editor.header.text() == "Session 4 of 3 — past the contract"


def test_notes_commit_on_flush_and_undo(view, client_id, qtbot):
    view.new_session()
    edit = view.editor.notes.fields["homework"]
    qtbot.keyClicks(edit, "Ask Tom about Sunday")
    assert sessions.sessions(client_id)[0]["homework"] == ""  # still waiting for a pause
    view.document.flush_requested.emit()
    assert sessions.sessions(client_id)[0]["homework"] == "Ask Tom about Sunday"
    view.editor.notes.checks["Role play"].setChecked(True)
    view.document.flush_requested.emit()
    assert sessions.sessions(client_id)[0]["techniques"] == "Role play"
    view.document.undo_stack.undo()
    view.document.undo_stack.undo()
    assert sessions.sessions(client_id)[0]["homework"] == ""
    assert edit.toPlainText() == ""


def test_typed_notes_commit_after_a_pause(view, client_id, qtbot):
    view.new_session()
    qtbot.keyClicks(view.editor.notes.fields["summary"], "Grief for her mother")
    qtbot.waitUntil(lambda: sessions.sessions(client_id)[0]["summary"] ==
                    "Grief for her mother")


def test_refused_date_is_explained_at_the_field(view, client_id):
    first = view.new_session()
    view.new_session()
    view.open_session(first)
    view.editor.date.setDate(START + dt.timedelta(days=20))
    view.document.flush_requested.emit()
    error = view.editor.errors["date"]
    assert error.isVisible() and "cannot be after session 2" in error.text()
    assert sessions.sessions(client_id)[0]["date"] == START
    bad_time = view.editor.time
    bad_time.setText("")
    view.editor._typed("start_time", "25:99")
    view.document.flush_requested.emit()
    assert "is not a time" in view.editor.errors["start_time"].text()


def test_plan_remaining_sessions_is_one_undo(view, client_id):
    view.new_session()
    assert view.plan_remaining() == 11
    rows = sessions.sessions(client_id)
    assert [r["attendance"] for r in rows[1:]] == ["planned"] * 11
    assert rows[-1]["date"] == START + dt.timedelta(weeks=11)
    assert [m.colour for m in view.timeline.markers()][1:] == ["#ffffff"] * 11
    view.document.undo_stack.undo()
    assert len(sessions.sessions(client_id)) == 1


def test_incident_linked_to_a_person_and_inventory_changes(view, client_id):
    view.new_session()
    pid = view.document.add_person(client_id, "Tom", 1, role="partner")
    changes = [view.editor.changes.item(i).text() for i in range(view.editor.changes.count())]
    assert len(changes) == 1 and "Added Tom (inner ring)" in changes[0]
    panel = view.editor.incidents
    panel.add_incident()
    panel.person.activated.emit(panel.person.findData(pid))
    panel.fields["said"].setPlainText("You never ask me")
    view.document.flush_requested.emit()
    stored = sessions.incidents(view.current_session())
    assert [(i["person"], i["said"]) for i in stored] == [(pid, "You never ask me")]
    assert panel.list.item(0).text() == "1. With Tom"
    assert inventory.persons(client_id)[0]["name"] == "Tom"


def test_search_hit_activation_emits_the_session(qtbot, document, client_id):
    other = clients.create_client("Bea", "Costa")
    sessions.add_session(client_id, START, summary="Talked about work")
    wanted = sessions.add_session(other, START, homework="Write to her sister")
    dialog = NoteSearchDialog(document)
    qtbot.addWidget(dialog)
    dialog.field.setText("sister")
    assert dialog.search() == 1
    item = dialog.results.topLevelItem(0)
    assert [item.text(c) for c in range(3)] == ["Bea Costa", "Session 1", "2026-01-05"]
    with qtbot.waitSignal(dialog.session_requested) as blocker:
        dialog.results.itemActivated.emit(item, 0)
    assert blocker.args == [other, wanted]
    dialog.field.setText("nothingmatches")
    assert dialog.search() == 0
    assert "No session notes contain" in dialog.status.text()


def test_search_from_the_view_opens_the_hit(view, client_id, qtbot):
    other = clients.create_client("Bea", "Costa")
    wanted = sessions.add_session(other, START, homework="Write to her sister")
    view._search_hit(other, wanted)
    assert view.cid == other and view.current_session() == wanted
