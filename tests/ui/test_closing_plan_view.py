"""The closing-plan form: typing commits through the document, lists persist, undo restores."""
import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QScrollArea

from ipt_desktop.services import closing, sessions
from ipt_desktop.ui.document import VaultDocument
from ipt_desktop.ui.views.closing_plan import ClosingPlanView


@pytest.fixture
def doc(vault):
    return VaultDocument(vault)


@pytest.fixture
def view(qtbot, doc, client_id):
    widget = ClosingPlanView(doc)
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    widget.set_client(client_id)
    widget.show()
    return widget


def answers(total: int, items: int) -> list[int]:
    out = []
    for _ in range(items):
        out.append(min(3, total))
        total -= out[-1]
    return out


def scored_client(doc, first, last, name="Bea"):
    """A client with two attended sessions scored PHQ-9 `first` then `last`."""
    cid = doc.add_client(name, "Costa", status="active")
    for i, total in enumerate((first, last)):
        sid = doc.add_session(cid, date=dt.date(2026, 2, 2) + dt.timedelta(days=7 * i),
                              attendance="attended")
        doc.record_measure(cid, sid, "PHQ-9", answers(total, 9))
    return cid


def text_of(view, name):
    return view.findChild(QLabel, name).text()


def test_empty_state_without_a_client(qtbot, doc):
    widget = ClosingPlanView(doc)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.findChild(QScrollArea, "closingPlanForm").isVisible() is False
    assert "No client selected" in [w.text() for w in widget.findChildren(QLabel)
                                    if w.isVisible()]


def test_typing_warning_signs_commits_on_flush_and_undo_restores(qtbot, view, doc, client_id):
    edit = view.findChild(QPlainTextEdit, "warning_signs")
    assert view.findChild(QScrollArea, "closingPlanForm").isVisible()
    qtbot.keyClicks(edit, "Waking at 4 am")
    doc.flush_requested.emit()
    assert closing.plan_dict(client_id)["warning_signs"] == "Waking at 4 am"
    qtbot.keyClicks(edit, ", skipping lunch")
    doc.flush_requested.emit()
    assert closing.plan_dict(client_id)["warning_signs"] == "Waking at 4 am, skipping lunch"
    assert doc.undo_stack.count() == 1  # typing in one field is one undo step
    doc.undo_stack.undo()
    assert closing.plan_dict(client_id)["warning_signs"] == ""
    assert edit.toPlainText() == ""
    doc.undo_stack.redo()
    assert edit.toPlainText() == "Waking at 4 am, skipping lunch"


def test_typing_commits_by_itself_after_a_pause(qtbot, view, client_id):
    edit = view.findChild(QLineEdit, "return_threshold")
    qtbot.keyClicks(edit, "PHQ-9 of 10 or more for two weeks")
    qtbot.waitUntil(lambda: closing.plan_dict(client_id)["return_threshold"] ==
                    "PHQ-9 of 10 or more for two weeks")


def test_pending_typing_survives_another_commit_and_a_client_switch(qtbot, view, doc,
                                                                    client_id):
    edit = view.findChild(QPlainTextEdit, "skills_learned")
    qtbot.keyClicks(edit, "Asking for help early")
    qtbot.mouseClick(view.goals.add_button, Qt.MouseButton.LeftButton)  # refreshes the form
    assert edit.toPlainText() == "Asking for help early"
    other = doc.add_client("Carl", "Diaz")
    view.set_client(other)
    assert closing.plan_dict(client_id)["skills_learned"] == "Asking for help early"
    assert edit.toPlainText() == "" and closing.exists(other) is False


def test_goals_rows_persist_and_undo_step_by_step(qtbot, view, doc, client_id):
    qtbot.mouseClick(view.goals.add_button, Qt.MouseButton.LeftButton)
    assert closing.plan_dict(client_id)["goals"] == [{"goal": "", "status": "not yet"}]
    row = view.goals.rows[0]
    qtbot.keyClicks(row.goal, "See friends every week")
    row.status.setFocus()  # focus-out commits the goal text
    qtbot.keyClick(row.status, Qt.Key.Key_Up)  # "not yet" -> "partly achieved"
    assert closing.plan_dict(client_id)["goals"] == [
        {"goal": "See friends every week", "status": "partly achieved"}]
    qtbot.mouseClick(view.goals.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.goals.rows[1].goal, "Back to work")
    doc.flush_requested.emit()
    assert [g["goal"] for g in closing.plan_dict(client_id)["goals"]] == [
        "See friends every week", "Back to work"]
    qtbot.mouseClick(view.goals.rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert closing.plan_dict(client_id)["goals"] == [{"goal": "Back to work",
                                                      "status": "not yet"}]
    doc.undo_stack.undo()  # the removal
    assert [r.goal.text() for r in view.goals.rows] == ["See friends every week",
                                                        "Back to work"]
    doc.undo_stack.undo()  # the typing in the second goal
    doc.undo_stack.undo()  # adding the second goal
    assert len(view.goals.rows) == 1 and view.goals.rows[0].status.currentText() == \
        "partly achieved"
    doc.undo_stack.undo()  # the status
    assert view.goals.rows[0].status.currentText() == "not yet"


def test_anticipated_problem_row_persists(qtbot, view, doc, client_id):
    qtbot.mouseClick(view.problems.add_button, Qt.MouseButton.LeftButton)
    row = view.problems.rows[0]
    qtbot.keyClicks(row.problem, "Anniversary of Dad's death in May")
    qtbot.keyClicks(row.plan, "Plan the day with my sister; call Rui at lunch")
    doc.flush_requested.emit()
    assert closing.plan_dict(client_id)["anticipated_problems"] == [
        {"problem": "Anniversary of Dad's death in May",
         "plan": "Plan the day with my sister; call Rui at lunch"}]
    view.set_client(None)
    view.set_client(client_id)  # shown again from the database
    assert view.problems.rows[0].plan.toPlainText() == \
        "Plan the day with my sister; call Rui at lunch"


def test_support_people_store_ids_and_follow_the_inventory(qtbot, view, doc, client_id):
    rui = doc.add_person(client_id, "Rui", ring=1, role="partner")
    maria = doc.add_person(client_id, "Maria", ring=2, role="parent")
    boxes = {b.property("person_id"): b for b in view.findChildren(QCheckBox)}
    assert set(boxes) == {rui, maria}
    assert "partner" in boxes[rui].text()
    boxes[maria].click()
    boxes[rui].click()
    assert closing.plan_dict(client_id)["support_person_ids"] == [rui, maria]
    doc.undo_stack.undo()
    assert closing.plan_dict(client_id)["support_person_ids"] == [maria]
    assert not boxes[rui].isChecked() and boxes[maria].isChecked()
    doc.edit_person(client_id, maria, {"name": "Maria José"})
    box = next(b for b in view.findChildren(QCheckBox) if b.property("person_id") == maria)
    assert box.text().startswith("Maria José") and box.isChecked()
    doc.remove_person(client_id, maria)  # a chosen person taken off the circle stays visible
    box = next(b for b in view.findChildren(QCheckBox) if b.property("person_id") == maria)
    assert "taken off the circle" in box.text() and box.isChecked()
    box.click()
    assert closing.plan_dict(client_id)["support_person_ids"] == []
    assert [b.property("person_id") for b in view.findChildren(QCheckBox)] == [rui]


def test_mark_as_agreed_and_clear(qtbot, view, doc, client_id):
    view.agreement.date.setDate(QDate(2026, 4, 20))
    qtbot.mouseClick(view.findChild(type(view.agreement.mark), "markAgreed"),
                     Qt.MouseButton.LeftButton)
    assert closing.plan_dict(client_id)["agreed_on"] == dt.date(2026, 4, 20)
    assert "Agreed on 20 April 2026" in text_of(view, "agreedState")
    assert not view.agreement.mark.isVisible() and view.agreement.clear.isVisible()
    qtbot.mouseClick(view.agreement.clear, Qt.MouseButton.LeftButton)
    assert closing.plan_dict(client_id)["agreed_on"] is None
    assert "Not agreed yet" in text_of(view, "agreedState")
    assert view.agreement.mark.isVisible() and view.agreement.date.date() != QDate(2026, 4, 20)
    doc.undo_stack.undo()
    assert "Agreed on 20 April 2026" in text_of(view, "agreedState")


def test_refused_date_is_shown_at_the_field(qtbot, view, doc, client_id):
    view.agreement.date.setDate(QDate(1850, 1, 1))
    qtbot.mouseClick(view.agreement.mark, Qt.MouseButton.LeftButton)
    error = view.agreement.error
    assert error.isVisible() and "before 1900" in error.text()
    assert view.agreement.date.property("invalid") is True
    assert view.agreement.date.date() == QDate(1850, 1, 1)  # the refused date is still there
    assert closing.plan_dict(client_id)["agreed_on"] is None and doc.undo_stack.count() == 0
    view.agreement.date.setDate(QDate(2026, 4, 20))
    qtbot.mouseClick(view.agreement.mark, Qt.MouseButton.LeftButton)
    assert not error.isVisible()


def test_progress_panel_shows_outcome_terms(qtbot, doc):
    better = scored_client(doc, 18, 7)
    worse = scored_client(doc, 9, 16, name="Dan")
    view = ClosingPlanView(doc)
    qtbot.addWidget(view)
    view.set_client(better)
    assert text_of(view, "phq9Outcome") == "reliable recovery"
    assert "18" in text_of(view, "phq9First") and "moderately severe" in \
        text_of(view, "phq9First")
    assert "7" in text_of(view, "phq9Last") and "mild" in text_of(view, "phq9Last")
    assert text_of(view, "phq9Change") == "\u221211"
    assert text_of(view, "gad7Outcome") == "needs two scores"
    assert text_of(view, "attendanceSummary").startswith("2 of 16 contracted sessions attended")
    view.set_client(worse)
    assert text_of(view, "phq9Outcome") == "reliable deterioration"
    # A new score in the Sessions tab updates the panel at once.
    sid = doc.add_session(worse, attendance="attended")
    doc.record_measure(worse, sid, "PHQ-9", answers(8, 9))
    assert text_of(view, "phq9Outcome") == "no reliable change"
    assert "3 of 16" in text_of(view, "attendanceSummary")
    assert sessions.measures(worse, "PHQ-9")[-1]["total"] == 8


def test_ctrl_z_in_a_field_undoes_through_the_document(qtbot, view, doc, client_id):
    from PySide6.QtGui import QAction, QKeySequence
    undo = QAction("Undo", view)  # the main window's Edit > Undo, in miniature
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    undo.triggered.connect(doc.undo_stack.undo)
    view.addAction(undo)
    edit = view.findChild(QPlainTextEdit, "feelings_about_ending")
    edit.setFocus()
    qtbot.keyClicks(edit, "Proud and a bit sad")
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The typing was committed first, then undone as one step from the document's stack.
    assert doc.undo_stack.count() == 1 and doc.undo_stack.index() == 0
    assert closing.plan_dict(client_id)["feelings_about_ending"] == ""
    assert edit.toPlainText() == ""


def test_section_links_scroll_to_their_section(qtbot, view):
    from PySide6.QtWidgets import QToolButton
    links = {b.text(): b for b in view.findChildren(QToolButton, "jumpLink")}
    assert list(links)[:3] == ["Progress", "Skills learned", "Remaining work"]
    bar = view.findChild(QScrollArea, "closingPlanForm").verticalScrollBar()
    qtbot.mouseClick(links["Ending"], Qt.MouseButton.LeftButton)
    assert bar.value() > 0
    qtbot.mouseClick(links["Progress"], Qt.MouseButton.LeftButton)
    assert bar.value() == 0


def test_read_only_vault_shows_the_plan_without_writing(qtbot, vault, vault_path, client_id):
    from conftest import PASSPHRASE

    from ipt_desktop.services.vault import Vault
    vault.close()
    reopened = Vault.open(vault_path, PASSPHRASE, read_only=True)
    try:
        view = ClosingPlanView(VaultDocument(reopened))
        qtbot.addWidget(view)
        view.set_client(client_id)
        view.show()
        assert view.findChild(QPlainTextEdit, "warning_signs").isReadOnly()
        assert not view.goals.add_button.isVisible() and not view.agreement.mark.isVisible()
        assert "Not agreed yet" in text_of(view, "agreedState")
        assert not closing.exists(client_id)
    finally:
        reopened.close()


def test_text_not_stored_stays_and_is_stored_on_the_next_flush(qtbot, view, doc, client_id,
                                                               monkeypatch):
    from ipt_desktop.services.errors import DiskFull
    edit = view.findChild(QLineEdit, "crisis_line")
    real = doc.edit_closing_plan

    def full(cid, fields):
        raise DiskFull("The disk is full; free some space and your typing will be kept.")
    monkeypatch.setattr(doc, "edit_closing_plan", full)
    qtbot.keyClicks(edit, "Crisis team 0800 000 000")
    doc.flush_requested.emit()
    error = view.blocks["crisis_line"].error
    assert error.isVisible() and "disk is full" in error.text()
    assert edit.text() == "Crisis team 0800 000 000" and edit.property("invalid") is True
    assert closing.plan_dict(client_id)["crisis_line"] == ""
    monkeypatch.setattr(doc, "edit_closing_plan", real)
    doc.flush_requested.emit()  # space freed: the same text is stored without retyping
    assert closing.plan_dict(client_id)["crisis_line"] == "Crisis team 0800 000 000"
    assert not error.isVisible()
