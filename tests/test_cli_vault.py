"""init, check and demo from the command line: exit codes and one-line messages."""
import shutil

import pytest

from conftest import PASSPHRASE
from ipt_desktop.cli import main
from ipt_desktop.models import SCHEMA_VERSION, Client
from ipt_desktop.services.vault import Vault

PAGE = 4096


@pytest.fixture
def with_passphrase(monkeypatch):
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)


def run(capfd, *argv):
    code = main(list(argv))
    out, err = capfd.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


def test_init_then_check(with_passphrase, vault_path, capfd):
    code, out, err = run(capfd, "init", str(vault_path))
    assert (code, err) == (0, "")
    assert out.startswith("Created an empty vault at")
    code, out, err = run(capfd, "check", str(vault_path))
    assert (code, err) == (0, "")
    assert f"The vault is healthy (schema version {SCHEMA_VERSION}" in out


def test_init_refuses_an_existing_file(with_passphrase, vault_path, capfd):
    vault_path.write_text("my thesis")
    code, out, err = run(capfd, "init", str(vault_path))
    assert code == 1
    assert err == (f"ipt-desktop: A file named {vault_path.name} already exists. Choose "
                   "another name; an existing vault is never overwritten.\n")
    assert vault_path.read_text() == "my thesis"


def test_no_passphrase_and_no_terminal_is_a_user_error(vault_path, capfd):
    code, out, err = run(capfd, "init", str(vault_path))
    assert code == 1
    assert err.startswith("ipt-desktop: No passphrase: set IPT_DESKTOP_PASSPHRASE")
    assert err.count("\n") == 1 and not vault_path.exists()


def test_empty_passphrase_is_refused(monkeypatch, vault_path, capfd):
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", "")
    code, out, err = run(capfd, "init", str(vault_path))
    assert code == 1 and "passphrase is empty" in err and err.count("\n") == 1
    assert not vault_path.exists()


def test_check_with_a_wrong_passphrase_exits_1(monkeypatch, vault_path, capfd):
    Vault.create(vault_path, PASSPHRASE).close()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", "wrong horse")
    code, out, err = run(capfd, "check", str(vault_path))
    assert code == 1
    assert err == ("ipt-desktop: Wrong passphrase, or this file is not an IPT Desktop vault. "
                   "Check the passphrase (and Caps Lock) and try again.\n")


def test_check_names_the_damaged_page_and_exits_2(with_passphrase, vault_path, tmp_path,
                                                   capfd):
    from ipt_desktop.services import clients
    with Vault.create(vault_path, PASSPHRASE):
        for i in range(4):
            clients.create_client(f"Name{i}", "Surname", notes="n" * 4000)
    broken = tmp_path / "broken.iptvault"
    shutil.copyfile(vault_path, broken)
    page = broken.stat().st_size // PAGE - 2
    with open(broken, "r+b") as fh:
        fh.seek(page * PAGE + 200)
        fh.write(b"\x00" * 32)
    code, out, err = run(capfd, "check", str(broken))
    assert code == 2
    assert err.startswith("The vault is damaged:\n")
    assert f"page {page + 1}" in err  # SQLCipher counts pages from 1
    assert "Restore it from your newest backup" in err
    code, out, err = run(capfd, "check", str(vault_path))
    assert code == 0


def test_check_of_a_missing_file(with_passphrase, tmp_path, capfd):
    code, out, err = run(capfd, "check", str(tmp_path / "nowhere.iptvault"))
    assert code == 1 and err.startswith("ipt-desktop: There is no vault at nowhere.iptvault")


def test_demo_uses_the_demo_passphrase_and_says_so(tmp_path, capfd):
    path = tmp_path / "demo.iptvault"
    code, out, err = run(capfd, "demo", str(path))
    assert (code, err) == (0, "")
    assert "passphrase 'demo'" in out
    with Vault.open(path, "demo"):
        assert Client.select().count() >= 10
    code, out, err = run(capfd, "demo", str(path))
    assert code == 1
    assert err == (f"ipt-desktop: A file named {path.name} already exists. Choose another "
                   "name; an existing file is never overwritten.\n")


def test_demo_with_a_given_passphrase(with_passphrase, tmp_path, capfd):
    path = tmp_path / "mine.iptvault"
    code, out, err = run(capfd, "demo", str(path))
    assert code == 0 and "the passphrase you gave" in out and "'demo'" not in out
    with Vault.open(path, PASSPHRASE):
        assert Client.select().where(Client.last_name == "Muñoz").exists()


def test_help_still_lists_every_command(capfd):
    assert main(["--help"]) == 0
    out = capfd.readouterr().out
    for command in ("init", "demo", "check", "export", "import", "backup", "passwd"):
        assert command in out


def test_a_launcher_option_missing_its_value_is_a_usage_error(capfd):
    assert main(["--vault"]) == 1  # a user error, not argparse's 2 (a damaged vault here)
    assert "--vault" in capfd.readouterr().err


def test_opening_the_window_does_not_build_the_subcommands():
    import subprocess
    import sys
    code = ("import sys; from ipt_desktop import cli; "
            "a = cli._window_arguments(['--vault', 'x.iptvault', '--demo']); "
            "print(a.vault, a.demo, a.command, 'ipt_desktop.cli_vault' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["x.iptvault", "True", "None", "False"]
