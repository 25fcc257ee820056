"""The Documents tab: preview from memory, save with a log entry, make again."""
import io

import pikepdf
import pypdf
import pytest

from ipt_desktop.services import clients, documents
from ipt_desktop.ui.document import VaultDocument
from ipt_desktop.ui.views.documents import DocumentsView


@pytest.fixture
def view(qtbot, vault, client_id):
    document = VaultDocument(vault)
    widget = DocumentsView(document)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.set_client(client_id)
    return widget


def kinds_listed(view):
    return [view.kinds.item(i).data(0x0100) for i in range(view.kinds.count())]


def test_preview_shows_pages_of_the_chosen_document(view):
    view.select_kind("about-ipt")
    assert view.title.text() == "About IPT (handout)"
    assert view.page_count() > 0
    view.select_kind("end-of-treatment")
    assert view.page_count() > 0


def test_without_a_client_only_general_handouts_are_offered(view):
    view.select_kind("agreement")
    view.set_client(None)
    listed = kinds_listed(view)
    assert "about-ipt" in listed and "circle-blank" in listed
    assert "end-of-treatment" not in listed and "agreement" not in listed
    assert view.page_count() == 0 and not view.save_button.isEnabled()
    view.select_kind("about-ipt")  # the general version, naming no one
    assert view.page_count() > 0 and view.save_button.isEnabled()


def test_save_writes_the_file_and_logs_it(view, client_id, tmp_path, monkeypatch):
    target = tmp_path / "agreement.pdf"
    monkeypatch.setattr(view, "ask_save_path", lambda: str(target))
    view.select_kind("agreement")
    view.save_document()
    text = " ".join(pypdf.PdfReader(str(target)).pages[0].extract_text().split())
    assert "Ana Lima" in text
    assert [r["kind"] for r in documents.documents(client_id)] == ["agreement"]
    assert view.log.topLevelItemCount() == 1
    assert view.log.topLevelItem(0).text(0) == "Treatment agreement"
    assert view.log.topLevelItem(0).text(2) == "saved"


def test_save_with_password_gives_a_locked_pdf(view, client_id, tmp_path, monkeypatch):
    target = tmp_path / "plan.pdf"
    monkeypatch.setattr(view, "ask_save_path", lambda: str(target))
    monkeypatch.setattr(view, "ask_password", lambda: "quiet harbour")
    view.protect.setChecked(True)
    view.select_kind("closing-plan")
    view.save_document()
    assert pypdf.PdfReader(str(target)).is_encrypted
    with pikepdf.open(target, password="quiet harbour") as pdf:
        assert len(pdf.pages) >= 1
    assert view.log.topLevelItem(0).text(2) == "saved, password"


def test_cancelled_password_writes_nothing(view, tmp_path, monkeypatch):
    target = tmp_path / "plan.pdf"
    monkeypatch.setattr(view, "ask_save_path", lambda: str(target))
    monkeypatch.setattr(view, "ask_password", lambda: None)
    view.protect.setChecked(True)
    view.select_kind("closing-plan")
    view.save_document()
    assert not target.exists() and view.log.topLevelItemCount() == 0


def test_make_again_reselects_the_logged_kind(view, client_id):
    view.document.record_document(client_id, "circle", {"printed": True})
    assert view.log.topLevelItemCount() == 1
    view.select_kind("about-ipt")
    view.log.setCurrentItem(view.log.topLevelItem(0))
    view.again.click()
    assert view.kind == "circle" and view.page_count() > 0


def test_preview_follows_a_rename(view, client_id, monkeypatch):
    view.select_kind("agreement")
    captured = {}
    real = view.preview.load
    monkeypatch.setattr(view.preview, "load", lambda data: captured.setdefault("pdf", data)
                        and real(data))
    view.document.edit_client(client_id, {"last_name": "Lima-Sousa"})
    reader = pypdf.PdfReader(io.BytesIO(captured["pdf"]))
    assert "Ana Lima-Sousa" in " ".join(reader.pages[0].extract_text().split())
    assert clients.client_dict(client_id)["last_name"] == "Lima-Sousa"
