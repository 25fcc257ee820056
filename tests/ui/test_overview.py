"""The Overview tab: fields commit through the document, refusals at the field, undo."""
import pytest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
)
from PySide6.QtCore import QTimer

from ipt_desktop.services import clients, inventory
from ipt_desktop.ui.document import VaultDocument
from ipt_desktop.ui.views.overview import OverviewView


@pytest.fixture
def doc(vault):
    return VaultDocument(vault)


@pytest.fixture
def view(qtbot, doc, client_id):
    v = OverviewView(doc)
    qtbot.addWidget(v)
    v.resize(1000, 900)
    v.show()
    v.set_client(client_id)
    return v


def _field_error(view, name):
    editor = view.findChild(QLineEdit, name) or view.findChild(QPlainTextEdit, name)
    label = editor.parent().error
    return label.text() if label.isVisible() else ""


def _in_modal(act):
    def poke():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poke)
            return
        act(dialog)
    QTimer.singleShot(0, poke)


def test_header_shows_name_code_and_contract(view, client_id):
    assert view.findChild(QLabel, "clientTitle").text() == "Ana Lima"
    subtitle = view.findChild(QLabel, "clientSubtitle").text()
    assert "C-0001" in subtitle and "16 sessions agreed, none held yet" in subtitle
    assert view.findChild(QLabel, "sessionsAgreed").text() == "16 sessions"
    assert not view.findChild(QLabel, "contractWarning").isVisible()


def test_typing_commits_after_a_pause_and_on_focus_out(qtbot, view, client_id):
    email = view.findChild(QLineEdit, "email")
    qtbot.keyClicks(email, "ana@example.org")
    qtbot.waitUntil(lambda: clients.client_dict(client_id)["email"] == "ana@example.org")
    address = view.findChild(QPlainTextEdit, "address")
    address.setFocus()
    qtbot.keyClicks(address, "1 Quay Street")
    view.findChild(QLineEdit, "phone").setFocus()
    address.flush()  # focus-out under offscreen is not guaranteed; flush is what it calls
    assert clients.client_dict(client_id)["address"] == "1 Quay Street"


def test_invalid_date_marked_at_the_field_and_nothing_lost(qtbot, view, client_id):
    dob = view.findChild(QLineEdit, "date_of_birth")
    qtbot.keyClicks(dob, "1990-13-01")
    dob.flush()
    assert "not a real date" in _field_error(view, "date_of_birth")
    assert dob.text() == "1990-13-01"  # what was typed stays to be corrected
    assert dob.property("invalid") is True
    assert clients.client_dict(client_id)["date_of_birth"] is None
    dob.clear()
    qtbot.keyClicks(dob, "1990-12-01")
    dob.flush()
    assert _field_error(view, "date_of_birth") == ""
    assert str(clients.client_dict(client_id)["date_of_birth"]) == "1990-12-01"


def test_empty_last_name_refused_with_reason(qtbot, view, client_id):
    last = view.findChild(QLineEdit, "last_name")
    last.clear()
    last.flush()
    assert "cannot be empty" in _field_error(view, "last_name")
    assert clients.client_dict(client_id)["last_name"] == "Lima"


def test_undo_and_redo_bring_the_page_back_in_step(qtbot, view, doc, client_id):
    pronouns = view.findChild(QLineEdit, "pronouns")
    qtbot.keyClicks(pronouns, "she/her")
    pronouns.flush()
    minutes = view.findChild(QSpinBox, "session_minutes")
    minutes.setValue(45)
    assert clients.contract_for(client_id).session_minutes == 45
    doc.undo_stack.undo()
    assert minutes.value() == 50
    doc.undo_stack.undo()
    assert pronouns.text() == ""
    doc.undo_stack.redo()
    assert pronouns.text() == "she/her"


def test_renegotiate_records_amendment_and_warns_over_twenty(qtbot, view, doc, client_id):
    def fill(dialog):
        dialog.findChild(QSpinBox, "new_count").setValue(24)
        assert dialog.findChild(QLabel, "contractWarning").isVisible()
        dialog.findChild(QPlainTextEdit, "reason").setPlainText("Bereavement mid-treatment")
        dialog.findChild(QPushButton, "okButton").click()
    _in_modal(fill)
    view.findChild(QPushButton, "renegotiateButton").click()
    assert clients.contract_for(client_id).sessions_agreed == 24
    assert view.findChild(QLabel, "sessionsAgreed").text() == "24 sessions"
    warning = view.findChild(QLabel, "contractWarning")
    assert warning.isVisible() and "more than the usual" in warning.text()
    history = view.findChild(QLabel, "amendmentHistory").text()
    assert "16 → <b>24</b>" in history and "Bereavement" in history
    doc.undo_stack.undo()
    assert view.findChild(QLabel, "sessionsAgreed").text() == "16 sessions"


def test_renegotiate_without_reason_is_refused_in_the_dialog(qtbot, view, client_id):
    seen = {}

    def fill(dialog):
        dialog.findChild(QSpinBox, "new_count").setValue(18)
        dialog.findChild(QPushButton, "okButton").click()
        seen["error"] = dialog.findChild(QPlainTextEdit, "reason").parent().error.text()
        dialog.reject()
    _in_modal(fill)
    view.renegotiate()
    assert "cannot be empty" in seen["error"]
    assert clients.contract_for(client_id).sessions_agreed == 16


def test_medication_history_is_visible(qtbot, view, doc, client_id):
    mid = doc.add_medication(client_id, "Sertraline", dose="50 mg", started_on="2026-01-05")
    doc.change_dose(client_id, mid, "100 mg", "2026-02-01")
    tree = view.findChild(QTreeWidget, "medicationList")
    top = tree.topLevelItem(0)
    assert top.text(0) == "Sertraline" and top.text(1) == "100 mg"
    assert [top.child(i).text(0) for i in range(top.childCount())] == ["Started", "Dose changed"]
    tree.setCurrentItem(top)
    assert view.findChild(QPushButton, "stopMedication").isEnabled()
    doc.stop_medication(client_id, mid, "2026-03-01")
    top = tree.topLevelItem(0)
    assert "stopped" in top.text(0) and top.childCount() == 3
    doc.undo_stack.undo()
    assert tree.topLevelItem(0).text(0) == "Sertraline"


def test_dispute_focus_with_person_from_inventory(qtbot, view, doc, client_id):
    pid = inventory.add_person(client_id, "Marco", 1, role="partner")
    fid = doc.add_focus(client_id, "dispute", "primary")
    panel = view.findChild(object, "focus_primary")
    person = panel.findChild(QComboBox, "person")
    assert [person.itemText(i) for i in range(person.count())] == ["(nobody chosen)", "Marco"]
    person.setCurrentIndex(1)
    person.activated.emit(1)
    assert clients.foci(client_id)[0]["person"] == pid
    stage = panel.findChild(QComboBox, "dispute_stage")
    stage.setCurrentIndex(stage.findData("impasse"))
    stage.activated.emit(stage.currentIndex())
    issue = panel.findChild(QPlainTextEdit, "dispute_issue")
    qtbot.keyClicks(issue, "Who looks after his mother")
    issue.flush()
    focus = clients.foci(client_id)[0]
    assert (focus["dispute_stage"], focus["dispute_issue"]) == ("impasse",
                                                                 "Who looks after his mother")
    assert fid == focus["id"]


def test_transition_focus_shows_roles_and_refuses_bad_date(qtbot, view, doc, client_id):
    doc.add_focus(client_id, "transition", "primary")
    panel = view.findChild(object, "focus_primary")
    assert panel.findChild(QLineEdit, "old_role") is not None
    assert panel.findChild(QPlainTextEdit, "new_role_gains") is not None
    date = panel.findChild(QLineEdit, "event_date")
    qtbot.keyClicks(date, "soon")
    date.flush()
    assert "not a real date" in date.parent().error.text()


def test_formulation_typed_text_is_stored(qtbot, view, client_id):
    goals = view.findChild(QPlainTextEdit, "goals")
    qtbot.keyClicks(goals, "Talk with Marco without shouting")
    goals.flush()
    assert clients.formulation_for(client_id).goals == "Talk with Marco without shouting"


def test_flush_requested_commits_pending_typing(qtbot, view, doc, client_id):
    notes = view.findChild(QPlainTextEdit, "notes")
    notes._timer.setInterval(10 ** 6)
    qtbot.keyClicks(notes, "Prefers mornings")
    assert clients.client_dict(client_id)["notes"] == ""
    doc.flush_requested.emit()
    assert clients.client_dict(client_id)["notes"] == "Prefers mornings"


def test_no_client_shows_the_empty_page(view):
    view.set_client(None)
    assert view.stack.currentIndex() == 0
    assert view.findChild(QLabel, "overviewEmpty").isVisible()


def test_risk_banner_after_item_nine_above_zero(qtbot, view, doc, client_id):
    from ipt_desktop.services import sessions
    sid = sessions.add_session(client_id, "2026-01-05", attendance="attended")
    banner = view.findChild(QLabel, "riskBanner")
    doc.record_measure(client_id, sid, "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 0])
    assert not banner.isVisible()
    assert "last PHQ-9 8 (mild)" in view.findChild(QLabel, "clientSubtitle").text()
    doc.record_measure(client_id, sid, "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 2])
    assert banner.isVisible() and "self-harm" in banner.text()
    doc.undo_stack.undo()
    assert not banner.isVisible()
