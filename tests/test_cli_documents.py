"""handout and report from the command line: files written, logged, exit codes, messages."""
import io

import pikepdf
import pypdf
import pytest

from conftest import PASSPHRASE
from ipt_desktop.cli import main
from ipt_desktop.models import DocumentLog
from ipt_desktop.reports import KINDS
from ipt_desktop.services import clients, inventory
from ipt_desktop.services.vault import Vault


def run(capfd, *argv):
    code = main([str(a) for a in argv])
    out, err = capfd.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


def text_of(path) -> str:
    reader = pypdf.PdfReader(str(path))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.fixture
def filled(vault_path, monkeypatch):
    """A closed vault holding two clients; returns (path, first id, second id)."""
    monkeypatch.setenv("IPT_DESKTOP_PASSPHRASE", PASSPHRASE)
    with Vault.create(vault_path, PASSPHRASE):
        a = clients.create_client("Zoë", "Brontë-Okafor", status="active")
        inventory.add_person(a, "Tomás Okafor", 1, 90, role="partner")
        b = clients.create_client("Łukasz", "Żółć", status="active")
        inventory.add_person(b, "Wiesława Nowak", 1, 90, role="partner")
    return vault_path, a, b


def test_list_names_every_kind(capfd):
    code, out, err = run(capfd, "handout", "--list")
    assert code == 0 and err == ""
    handouts = [k for k, v in KINDS.items() if v.handout]
    assert [line.split()[0] for line in out.splitlines()] == handouts
    code, out, _ = run(capfd, "report", "--list")
    assert code == 0 and out.split()[0] == "end-of-treatment"


def test_generic_handout_needs_no_vault(tmp_path, capfd):
    target = tmp_path / "about.pdf"
    code, out, err = run(capfd, "handout", "about-ipt", "-o", target)
    assert (code, err) == (0, "")
    assert "About IPT" in out
    assert "people starting IPT" in text_of(target)


def test_client_handout_without_vault_is_one_clear_line(tmp_path, capfd):
    code, out, err = run(capfd, "handout", "circle", "-o", tmp_path / "c.pdf")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "--vault PATH --client ID" in err
    assert not (tmp_path / "c.pdf").exists()


def test_circle_for_a_client_prints_theirs_only_and_is_logged(filled, tmp_path, capfd):
    path, a, b = filled
    target = tmp_path / "circle.pdf"
    code, out, err = run(capfd, "handout", "circle", "--vault", path, "--client", b, "-o",
                         target)
    assert (code, err) == (0, "")
    text = text_of(target)
    assert "Łukasz Żółć" in text and "Wiesława Nowak" in text
    assert "Zoë" not in text and "Tomás" not in text
    with Vault.open(path, PASSPHRASE):
        rows = list(DocumentLog.select().dicts())
    assert [(r["client"], r["kind"]) for r in rows] == [(b, "circle")]
    assert rows[0]["options"] == {"via": "command line"}


def test_report_for_a_missing_client_exits_1_with_one_line(filled, tmp_path, capfd):
    path, _, _ = filled
    code, out, err = run(capfd, "report", "end-of-treatment", "--vault", path, "--client",
                         999, "-o", tmp_path / "r.pdf")
    assert code == 1 and out == ""
    assert err == "ipt-desktop: There is no client with id 999 in this vault.\n"
    assert not (tmp_path / "r.pdf").exists()


def test_report_kind_under_handout_points_to_report(filled, tmp_path, capfd):
    path, a, _ = filled
    code, _, err = run(capfd, "handout", "end-of-treatment", "--vault", path, "--client", a,
                       "-o", tmp_path / "r.pdf")
    assert code == 1 and "ipt-desktop report" in err and err.count("\n") == 1


def test_vault_without_client_is_refused(filled, tmp_path, capfd):
    path, _, _ = filled
    code, _, err = run(capfd, "report", "end-of-treatment", "--vault", path, "-o",
                       tmp_path / "r.pdf")
    assert code == 1 and "--client ID" in err


def test_missing_output_folder_is_refused(tmp_path, capfd):
    code, _, err = run(capfd, "handout", "about-ipt", "-o", tmp_path / "nope" / "a.pdf")
    assert code == 1 and "does not exist" in err


def test_password_protects_the_report(filled, tmp_path, capfd, monkeypatch):
    path, a, _ = filled
    monkeypatch.setenv("IPT_DESKTOP_PDF_PASSWORD", "kettle on 4")
    target = tmp_path / "report.pdf"
    code, out, err = run(capfd, "report", "end-of-treatment", "--vault", path, "--client", a,
                         "-o", target, "--password")
    assert (code, err) == (0, "") and "password protected" in out
    assert pypdf.PdfReader(str(target)).is_encrypted
    with pikepdf.open(target, password="kettle on 4") as doc:
        buf = io.BytesIO()
        doc.save(buf)
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(buf).pages).split())
    assert "Zoë Brontë-Okafor" in text
    with Vault.open(path, PASSPHRASE):
        options = DocumentLog.get().options
    assert options == {"via": "command line", "password_protected": True}


def test_password_without_terminal_or_env_is_refused(filled, tmp_path, capfd, monkeypatch):
    path, a, _ = filled
    monkeypatch.delenv("IPT_DESKTOP_PDF_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capfd, "handout", "agreement", "--vault", path, "--client", a, "-o",
                       tmp_path / "a.pdf", "--password")
    assert code == 1 and "IPT_DESKTOP_PDF_PASSWORD" in err
    assert not (tmp_path / "a.pdf").exists()
