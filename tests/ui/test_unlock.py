"""The unlock dialog: create a vault, unlock, wrong passphrase, demo."""
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from conftest import PASSPHRASE
from ipt_desktop.services.vault import Vault
from ipt_desktop.ui.dialogs.unlock import UnlockDialog, passphrase_strength


@pytest.fixture(autouse=True)
def _settings(tmp_path):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))


def _get(dialog, cls, name):
    widget = dialog.findChild(cls, name)
    assert widget is not None, name
    return widget


@pytest.fixture
def dialog(qtbot, vault_path):
    Vault.create(vault_path, PASSPHRASE).close()
    d = UnlockDialog(vault_path)
    qtbot.addWidget(d)
    d.show()
    yield d
    if d.vault is not None:
        d.vault.close()


def test_shows_the_vault_path(dialog, vault_path):
    assert _get(dialog, QLabel, "vaultPath").text() == str(vault_path)


def test_wrong_passphrase_keeps_dialog_open_says_so_and_clears(qtbot, dialog):
    field = _get(dialog, QLineEdit, "passphrase")
    qtbot.keyClicks(field, "not the passphrase")
    qtbot.mouseClick(_get(dialog, QPushButton, "unlockButton"), Qt.LeftButton)
    error = _get(dialog, QLabel, "unlockError")
    assert dialog.isVisible() and dialog.vault is None
    assert "Wrong passphrase" in error.text() and error.isVisible()
    assert field.text() == ""
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key_Return)
    assert dialog.vault is not None
    assert dialog.result() == UnlockDialog.Accepted


def test_empty_passphrase_is_not_tried(qtbot, dialog):
    qtbot.mouseClick(_get(dialog, QPushButton, "unlockButton"), Qt.LeftButton)
    assert dialog.vault is None
    assert "Type the passphrase" in _get(dialog, QLabel, "unlockError").text()


def test_show_hide_toggle(dialog):
    field = _get(dialog, QLineEdit, "passphrase")
    assert field.echoMode() == QLineEdit.Password
    field.show_toggle.trigger()
    assert field.echoMode() == QLineEdit.Normal
    field.show_toggle.trigger()
    assert field.echoMode() == QLineEdit.Password


def test_create_new_vault_asks_twice_with_strength_hint(qtbot, dialog, tmp_path):
    target = tmp_path / "second"
    dialog.ask_save_path = lambda: str(target)
    qtbot.mouseClick(_get(dialog, QPushButton, "createVaultButton"), Qt.LeftButton)
    assert _get(dialog, QLabel, "newVaultPath").text() == str(target) + ".iptvault"
    first = _get(dialog, QLineEdit, "newPassphrase")
    second = _get(dialog, QLineEdit, "repeatPassphrase")
    hint = _get(dialog, QLabel, "strengthHint")
    qtbot.keyClicks(first, "short")
    assert hint.text().startswith("Too short")
    create = _get(dialog, QPushButton, "createButton")
    qtbot.mouseClick(create, Qt.LeftButton)
    assert "at least 8" in _get(dialog, QLabel, "createError").text()
    first.clear()
    qtbot.keyClicks(first, "river lantern quietly seven")
    assert hint.text() in ("Good.", "Strong.")
    qtbot.keyClicks(second, "river lantern quietly")
    qtbot.mouseClick(create, Qt.LeftButton)
    assert "differ" in _get(dialog, QLabel, "createError").text()
    assert not (tmp_path / "second.iptvault").exists()
    qtbot.keyClicks(second, "river lantern quietly seven")
    qtbot.mouseClick(create, Qt.LeftButton)
    assert dialog.vault is not None and dialog.path == tmp_path / "second.iptvault"
    dialog.vault.close()
    dialog.vault = None
    Vault.open(tmp_path / "second.iptvault", "river lantern quietly seven").close()


def test_first_start_offers_to_create(qtbot):
    d = UnlockDialog(None)
    qtbot.addWidget(d)
    assert d.pages.currentIndex() == 1
    assert _get(d, QLabel, "newVaultPath").text().endswith(".iptvault")


def test_open_another_vault_that_does_not_exist_says_so(qtbot, dialog, tmp_path):
    dialog.ask_open_path = lambda: str(tmp_path / "missing.iptvault")
    qtbot.mouseClick(_get(dialog, QPushButton, "openOtherButton"), Qt.LeftButton)
    qtbot.keyClicks(_get(dialog, QLineEdit, "passphrase"), "anything at all")
    qtbot.mouseClick(_get(dialog, QPushButton, "unlockButton"), Qt.LeftButton)
    assert "no vault" in _get(dialog, QLabel, "unlockError").text().lower()


def test_demo_button_opens_the_demo_vault(qtbot, dialog):
    qtbot.mouseClick(_get(dialog, QPushButton, "demoButton"), Qt.LeftButton)
    assert dialog.vault is not None
    from ipt_desktop.services import clients
    assert len(clients.client_rows()) > 0


def test_strength_grows_with_length():
    scores = [passphrase_strength(p)[0] for p in
              ("", "abc", "abcdefgh", "Abcdefgh12!x", "four unrelated words together")]
    assert scores == sorted(scores) and scores[0] == 0 and scores[-1] >= 3
