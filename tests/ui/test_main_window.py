"""The main window driven through its named widgets."""
import pytest
from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
)

from conftest import PASSPHRASE
from ipt_desktop.services import clients
from ipt_desktop.services.vault import Vault
from ipt_desktop.ui.app import launch


@pytest.fixture(autouse=True)
def _settings(tmp_path):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot, vault_path, monkeypatch):
    with Vault.create(vault_path, PASSPHRASE):
        clients.create_client("Ana", "Lima", status="active")
        clients.create_client("Bruno", "Costa", status="active")
        clients.create_client("Carla", "Dias", status="prospective")
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    w = launch(str(vault_path))
    qtbot.addWidget(w)
    yield w
    w.close()


def _in_modal(qtbot, act):
    """Run `act(dialog)` on the next modal dialog (exec() blocks the test otherwise)."""
    done = []

    def poke():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poke)
            return
        act(dialog)
        done.append(dialog)
    QTimer.singleShot(0, poke)
    return done


def _names(w):
    model = w.findChild(QTableView, "clientList").model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _overview_field(w, name):
    return w.tabs.views["overview"].findChild(QLineEdit, name)


def test_unlocks_with_environment_passphrase_and_titles_with_file_name(window, vault_path):
    assert window.objectName() == "mainWindow"
    assert window.document is not None
    assert window.windowTitle() == f"IPT Desktop — {vault_path.name}"
    assert str(vault_path.parent) not in window.windowTitle()
    assert _names(window) == ["Bruno Costa", "Ana Lima"]  # active by default, by last name
    assert set(window.menus) == {"File", "Edit", "Client", "Session", "Tools", "Help"}


def test_search_and_status_filter(qtbot, window):
    search = window.findChild(QLineEdit, "clientSearch")
    qtbot.keyClicks(search, "lim")
    assert _names(window) == ["Ana Lima"]
    search.clear()
    status = window.findChild(QComboBox, "statusFilter")
    status.setCurrentIndex(status.findData("prospective"))
    assert _names(window) == ["Carla Dias"]
    qtbot.keyClicks(search, "zzz")
    assert _names(window) == []
    table = window.findChild(QTableView, "clientList")
    assert table.empty_message.startswith("No clients match")


def test_add_client_through_the_dialog(qtbot, window):
    def fill(dialog):
        dialog.findChild(QLineEdit, "first_name").setText("Dora")
        dialog.findChild(QLineEdit, "last_name").setText("Evans")
        dialog.findChild(QPushButton, "okButton").click()
    done = _in_modal(qtbot, fill)
    window.named_actions["new_client"].trigger()
    assert done
    assert "Dora Evans" in _names(window)
    cid = window.current_client_id()
    assert clients.client_dict(cid)["last_name"] == "Evans"
    assert window.tabs.currentIndex() == 0


def test_new_client_refusal_shown_at_the_field(qtbot, window):
    seen = {}

    def fill(dialog):
        dialog.findChild(QLineEdit, "first_name").setText("Eli")
        dialog.findChild(QLineEdit, "date_of_birth").setText("2020-02-30")
        dialog.findChild(QPushButton, "okButton").click()
        errors = [lab.text() for lab in dialog.findChildren(QLabel) if lab.isVisible()
                  and lab.property("role") == "error"]
        seen["errors"] = errors
        dialog.reject()
    _in_modal(qtbot, fill)
    window.new_client()
    assert any("last name" in e for e in seen["errors"]) or \
        any("not a real date" in e for e in seen["errors"])
    assert "Eli" not in " ".join(_names(window))


def test_edit_client_then_undo_and_redo(qtbot, window):
    cid = clients.client_rows()[0]["id"]
    window.select_client(cid)
    phone = _overview_field(window, "phone")
    qtbot.keyClicks(phone, "01234")
    phone.flush()
    assert clients.client_dict(cid)["phone"] == "01234"
    window.named_actions["undo"].trigger()
    assert clients.client_dict(cid)["phone"] == ""
    assert phone.text() == ""
    window.named_actions["redo"].trigger()
    assert clients.client_dict(cid)["phone"] == "01234"
    assert phone.text() == "01234"


def test_rename_updates_list_and_title(qtbot, window):
    cid = next(r["id"] for r in clients.client_rows() if r["first_name"] == "Ana")
    window.select_client(cid)
    first = _overview_field(window, "first_name")
    first.selectAll()
    qtbot.keyClicks(first, "Anabel")
    first.flush()
    assert "Anabel Lima" in _names(window)
    assert window.tabs.views["overview"].findChild(QLabel, "clientTitle").text() == "Anabel Lima"
    assert window.current_client_id() == cid


def test_idle_lock_commits_typing_and_clears_everything(qtbot, window, vault_path):
    cid = clients.client_rows()[0]["id"]
    window.select_client(cid)
    email = _overview_field(window, "email")
    email._timer.setInterval(10 ** 6)  # only the lock can commit it in this test
    qtbot.keyClicks(email, "ana@example.org")
    assert clients.client_dict(cid)["email"] == ""
    window.idle.set_limit(0.3)
    qtbot.waitUntil(lambda: window.document is None)
    assert window.findChild(QTableView, "clientList").model().rowCount() == 0
    assert window.tabs is None and window.current_client_id() is None
    assert window.unlock_dialog is not None and window.unlock_dialog.isVisible()
    assert window.windowTitle() == "IPT Desktop — locked"
    with Vault.open(vault_path, PASSPHRASE):
        assert clients.client_dict(cid)["email"] == "ana@example.org"
    # Unlocking again through the dialog restores the room.
    dialog = window.unlock_dialog
    qtbot.keyClicks(dialog.findChild(QLineEdit, "passphrase"), PASSPHRASE)
    qtbot.mouseClick(dialog.findChild(QPushButton, "unlockButton"), Qt.LeftButton)
    assert window.document is not None and window.document.undo_stack.count() == 0
    assert len(_names(window)) == 2


def test_lock_action_with_wrong_passphrase_then_right(qtbot, window):
    window.named_actions["lock"].trigger()
    assert window.document is None
    dialog = window.unlock_dialog
    field = dialog.findChild(QLineEdit, "passphrase")
    qtbot.keyClicks(field, "wrong one")
    qtbot.keyClick(field, Qt.Key_Return)
    assert window.document is None and dialog.isVisible() and field.text() == ""
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key_Return)
    assert window.document is not None


def test_archive_restore_and_delete_with_typed_name(qtbot, window):
    cid = next(r["id"] for r in clients.client_rows() if r["first_name"] == "Bruno")
    window.select_client(cid)
    window.named_actions["archive"].trigger()
    assert clients.client_dict(cid)["status"] == "archived"
    assert "Bruno Costa" not in _names(window)
    window.select_client(cid)  # widens the filter to show the archived client
    assert window.current_client_id() == cid
    window.named_actions["restore"].trigger()
    assert clients.client_dict(cid)["status"] == "active"

    def confirm(dialog):
        ok = dialog.findChild(QPushButton, "okButton")
        dialog.findChild(QLineEdit, "typed_name").setText("Bruno")
        assert not ok.isEnabled()
        dialog.findChild(QLineEdit, "typed_name").setText("bruno costa")
        ok.click()
    done = _in_modal(qtbot, confirm)
    window.named_actions["delete"].trigger()
    assert done
    assert all(r["id"] != cid for r in clients.client_rows())
    assert window.current_client_id() is None


def test_geometry_and_splitter_restored_in_a_new_window(qtbot, window, vault_path):
    window.resize(QSize(720, 520))
    window.splitter.setSizes([380, 340])
    sizes = window.splitter.sizes()
    window.close()
    second = launch(str(vault_path))
    qtbot.addWidget(second)
    assert second.size() == QSize(720, 520)
    assert second.splitter.sizes() == sizes
    second.close()
    ini = (QSettings(QSettings.IniFormat, QSettings.UserScope, "IPT Desktop",
                     "IPT Desktop").fileName())
    assert "Lima" not in open(ini, encoding="latin-1").read()


def test_select_tab_by_name(window):
    window.select_tab("Sessions")
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Sessions"
    window.select_tab("closing_plan")
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Closing plan"


def test_ctrl_z_in_a_field_undoes_through_the_document(qtbot, window):
    cid = clients.client_rows()[0]["id"]
    window.select_client(cid)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    phone = _overview_field(window, "phone")
    phone.setFocus()
    qtbot.keyClicks(phone, "555")
    phone.flush()
    qtbot.keyClicks(phone, "9")  # pending typing is committed, then undone with the rest
    qtbot.keyClick(phone, Qt.Key_Z, Qt.ControlModifier)
    assert clients.client_dict(cid)["phone"] == ""
    assert phone.text() == ""
    qtbot.keyClick(phone, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert clients.client_dict(cid)["phone"] == "5559"


def test_lock_closes_an_open_dialog_first(qtbot, window):
    seen = {}

    def lock_now(dialog):
        seen["dialog"] = dialog
        window.lock()
    _in_modal(qtbot, lock_now)
    window.named_actions["new_client"].trigger()  # returns once the lock has closed it
    assert not seen["dialog"].isVisible()
    assert window.document is None and window.unlock_dialog.isVisible()


def test_preferences_commit_at_once_and_set_the_idle_lock(qtbot, window, tmp_path):
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QSpinBox
    from ipt_desktop.services import profile
    from ipt_desktop.ui.dialogs.preferences import PreferencesDialog
    dialog = PreferencesDialog(window.document, window)
    qtbot.addWidget(dialog)
    name = dialog.findChild(QLineEdit, "name")
    qtbot.keyClicks(name, "Dr Rosa Kim")
    name.flush()
    assert profile.profile().name == "Dr Rosa Kim"
    dialog.findChild(QSpinBox, "idle_lock_minutes").setValue(3)
    assert profile.profile().idle_lock_minutes == 3
    assert window.idle.limit == 180
    image = QImage(40, 20, QImage.Format_RGB32)
    image.fill(0x2C6E74)
    logo = tmp_path / "logo.png"
    image.save(str(logo))
    dialog.ask_logo_path = lambda: str(logo)
    dialog.choose_logo()
    assert profile.profile().logo and dialog.findChild(QLabel, "logoPreview").pixmap()
    window.undo()
    assert not profile.profile().logo


def test_keyboard_from_search_into_list_and_record(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    search = window.findChild(QLineEdit, "clientSearch")
    search.setFocus()
    qtbot.keyClicks(search, "cos")
    qtbot.keyClick(search, Qt.Key_Down)
    table = window.findChild(QTableView, "clientList")
    assert table.hasFocus()
    assert clients.client_dict(window.current_client_id())["first_name"] == "Bruno"
    qtbot.keyClick(table, Qt.Key_Return)
    assert window.tabs.isAncestorOf(QApplication.focusWidget())


def test_an_edit_refreshes_that_clients_row_and_no_other(qtbot, window):
    """A session or status edit re-reads one client's row, not the whole practice."""
    model = window.findChild(QTableView, "clientList").model()
    ana = next(r["id"] for r in clients.client_rows() if r["first_name"] == "Ana")
    bruno_row = model.row_dict(model.row_of(
        next(r["id"] for r in clients.client_rows() if r["first_name"] == "Bruno")))

    def session_cell():
        return model.index(model.row_of(ana), 3).data()  # "Session": n of N
    window.document.edit_contract(ana, {"sessions_agreed": 12})
    assert session_cell() == "– of 12"
    window.document.add_session(ana, "2026-01-05", attendance="attended")
    assert session_cell() == "1 of 12"
    window.named_actions["undo"].trigger()
    assert session_cell() == "– of 12"
    # Bruno's row is the very same object: only Ana's was read again.
    assert model.row_dict(model.row_of(bruno_row["id"])) is bruno_row
    window.document.set_status(ana, "concluded")  # out of the "active" filter
    assert "Ana Lima" not in _names(window) and "Bruno Costa" in _names(window)
    assert window.client_list.model.total_count == 3


def test_the_weekly_backup_is_written_once_the_list_is_on_screen(qtbot, vault_path,
                                                                monkeypatch):
    """Unlocking shows the list first; the due backup (a copy of the whole file) follows."""
    from ipt_desktop.services import backup
    with Vault.create(vault_path, PASSPHRASE):
        clients.create_client("Ana", "Lima", status="active")
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    w = launch(str(vault_path))
    qtbot.addWidget(w)
    assert backup.list_backups(vault_path) == []  # not before the window is painted
    qtbot.waitUntil(lambda: len(backup.list_backups(vault_path)) == 1, timeout=5000)
    assert w.statusBar().currentMessage().startswith("Automatic backup written")
    w.close()
