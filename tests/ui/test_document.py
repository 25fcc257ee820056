"""The document: every intent commits at once and is undoable."""
from ipt_desktop.services import clients, inventory
from ipt_desktop.ui.document import VaultDocument


def test_edit_undo_redo_and_signals(qtbot, vault):
    doc = VaultDocument(vault)
    with qtbot.waitSignal(doc.clients_changed):
        cid = doc.add_client("Ana", "Lima")
    doc.edit_client(cid, {"phone": "0"})
    doc.edit_client(cid, {"phone": "01"})  # typing merges into one command
    assert doc.undo_stack.count() == 2
    assert clients.client_dict(cid)["phone"] == "01"
    doc.undo_stack.undo()
    assert clients.client_dict(cid)["phone"] == ""
    doc.undo_stack.redo()
    assert clients.client_dict(cid)["phone"] == "01"


def test_move_person_is_one_command(qtbot, vault, client_id):
    doc = VaultDocument(vault)
    pid = doc.add_person(client_id, "Maria", ring=1, angle=10)
    with qtbot.waitSignal(doc.person_changed) as blocker:
        doc.move_person(client_id, pid, 3, 100.4)
    assert blocker.args == [client_id, pid]
    assert (inventory.person_dict(pid)["ring"], inventory.person_dict(pid)["angle"]) == (3, 100)
    doc.undo_stack.undo()
    assert inventory.person_dict(pid)["ring"] == 1
    doc.undo_stack.undo()
    assert inventory.persons(client_id) == []
    doc.undo_stack.redo()
    assert [p["name"] for p in inventory.persons(client_id)] == ["Maria"]


def test_refused_change_is_not_pushed(vault, client_id):
    import pytest
    from ipt_desktop.services.errors import ValidationError
    doc = VaultDocument(vault)
    with pytest.raises(ValidationError):
        doc.edit_client(client_id, {"first_name": ""})
    assert doc.undo_stack.count() == 0


def test_closing_forgets_the_paragraphs_documents_kept(vault, client_id):
    """Printed paragraphs are kept between documents for speed; they hold the client's
    words, so closing (locking) the vault drops them."""
    from ipt_desktop.reports import styles
    from ipt_desktop.services import documents
    doc = VaultDocument(vault)
    documents.make("agreement", client_id)
    assert any("Ana" in key[0] for key in styles._PARSED)
    doc.close()
    assert not any("Ana" in key[0] for key in styles._PARSED)
