"""ipt-desktop export / import: exit codes, one-line errors, private files, audit."""
import json
import os
import stat

import pytest

from conftest import PASSPHRASE
from ipt_desktop.cli import main
from ipt_desktop.models import AuditEvent, Client
from ipt_desktop.services.vault import Vault
from test_exchange import build_practice, normalise, snapshot


@pytest.fixture
def practice(vault_path, monkeypatch):
    """A closed vault holding the realistic practice, with the passphrase in the environment."""
    with Vault.create(vault_path, PASSPHRASE):
        build_practice()
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    return vault_path


def test_export_to_file_then_import_into_a_new_vault(practice, tmp_path, capsys):
    out = tmp_path / "practice.json"
    assert main(["export", str(practice), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Exported 2 clients" in captured.err and "not encrypted" in captured.err
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [c["last_name"] for c in exported["clients"]] == ["Lima", "Costa"]

    target = tmp_path / "other.iptvault"
    with Vault.create(target, PASSPHRASE):
        pass
    assert main(["import", str(target), str(out)]) == 0
    assert capsys.readouterr().out == "Added 2 clients from practice.json.\n"
    assert main(["export", str(target)]) == 0
    again = json.loads(capsys.readouterr().out)
    assert normalise(again) == normalise(exported)

    with Vault.open(target, PASSPHRASE) as vault:
        events = list(AuditEvent.select().where(AuditEvent.kind.in_(["export", "import"]))
                      .order_by(AuditEvent.id).tuples())
    assert [(e[2], e[3]) for e in events] == [("import", "2 clients"),
                                              ("export", "2 clients to standard output")]
    with Vault.open(practice, PASSPHRASE):
        [(kind, detail)] = AuditEvent.select(AuditEvent.kind, AuditEvent.detail).where(
            AuditEvent.kind == "export").tuples()
    assert detail == "2 clients to a file"  # counts only: no names in the audit log


def test_a_bad_file_is_refused_in_one_line_and_nothing_is_added(practice, tmp_path, capsys):
    assert main(["export", str(practice)]) == 0
    doc = json.loads(capsys.readouterr().out)
    doc["clients"][1]["sessions"][0]["measures"][0]["responses"][3] = "x"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with Vault.open(practice, PASSPHRASE):
        before = snapshot()
    assert main(["import", str(practice), str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ('ipt-desktop: bad.json: clients[1].sessions[0].measures[0]'
                            '.responses[3]: expected an integer 0-3 or null, got "x". '
                            'Nothing was imported.\n')
    bad.write_text('{"format": "ipt-desktop", "version": 1\n  "clients": []}', encoding="utf-8")
    assert main(["import", str(practice), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipt-desktop: line 2, column 3: bad.json is not valid JSON")
    assert err.count("\n") == 1 and "Traceback" not in err
    with Vault.open(practice, PASSPHRASE):
        after = snapshot()
    # Only the audit log may differ (the unlock of the check above); no client data.
    after.pop("AuditEvent"), before.pop("AuditEvent")
    assert after == before


def test_user_errors_exit_1_with_one_line(practice, tmp_path, capsys, monkeypatch):
    assert main(["import", str(practice), str(tmp_path / "missing.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ipt-desktop: Cannot read missing.json") and err.count("\n") == 1
    assert main(["export", str(practice), "-o", str(tmp_path / "nope" / "x.json")]) == 1
    assert "does not exist; nothing was written" in capsys.readouterr().err
    assert main(["export", str(practice), "-o", str(tmp_path / "copy.iptvault")]) == 1
    assert "never written over a vault" in capsys.readouterr().err
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", "not the passphrase")
    out = tmp_path / "never.json"
    assert main(["export", str(practice), "-o", str(out)]) == 1
    assert "Wrong passphrase" in capsys.readouterr().err and not out.exists()


def test_one_client_export_and_empty_vault(practice, tmp_path, capsys):
    empty = tmp_path / "empty.iptvault"
    with Vault.create(empty, PASSPHRASE):
        pass
    assert main(["export", str(empty)]) == 0
    assert json.loads(capsys.readouterr().out)["clients"] == []
    with Vault.open(practice, PASSPHRASE):
        from ipt_desktop.services import exchange
        bea = Client.get(Client.last_name == "Costa").id
        one = tmp_path / "bea.json"
        exchange.save(exchange.export_clients([bea]), one)
    assert main(["import", str(empty), str(one)]) == 0
    assert capsys.readouterr().out == "Added 1 client from bea.json.\n"


def test_a_closed_output_pipe_is_one_line_and_no_audit(practice, capsys, monkeypatch):
    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

        def fileno(self):
            raise OSError("no file descriptor here")

    monkeypatch.setattr("sys.stdout", ClosedPipe())
    assert main(["export", str(practice)]) == 1
    assert capsys.readouterr().err == ("ipt-desktop: The output was closed before the export "
                                       "was complete; run the export again, or use -o FILE.\n")
    with Vault.open(practice, PASSPHRASE):
        assert not AuditEvent.select().where(AuditEvent.kind == "export").exists()
