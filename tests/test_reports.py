"""Printed documents: what each PDF says, for whom, and that it is a sound, lockable file."""
from __future__ import annotations

import io
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdf
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.bench_reports import populate  # noqa: E402

from conftest import PASSPHRASE  # noqa: E402
from ipt_desktop.reports import KINDS  # noqa: E402
from ipt_desktop.services import closing, documents, inventory, profile, scoring  # noqa: E402
from ipt_desktop.services import clients, sessions  # noqa: E402
from ipt_desktop.services.errors import ValidationError  # noqa: E402

OTHER_NAMES = ["Łukasz", "Żółć", "Wiesława"]
FIRST_NAMES = ["Zoë", "Brontë-Okafor", "Tomás"]


def text_of(pdf: bytes, password: str | None = None) -> str:
    """The text of every page, whitespace collapsed (table cells wrap lines anywhere)."""
    if password is not None:  # qpdf (via pikepdf) decrypts AES-256 without extra packages
        with pikepdf.open(io.BytesIO(pdf), password=password) as doc:
            out = io.BytesIO()
            doc.save(out)
            pdf = out.getvalue()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(scope="module")
def practice(tmp_path_factory):
    """A vault with two clients; the PDFs of every kind for the first, made once."""
    from ipt_desktop.services.vault import Vault
    path = tmp_path_factory.mktemp("reports") / "practice.iptvault"
    vault = Vault.create(path, PASSPHRASE)
    zoe = populate(20)
    other = clients.create_client("Łukasz", "Żółć", status="active",
                                  referral_reason="Low mood & <worry> after retiring")
    wies = inventory.add_person(other, "Wiesława Brzęczyszczykiewicz", 1, 90,
                                role="partner", feeling="supportive")
    inventory.add_person(other, "Ann & <Bo>", 3, 200, role="friend")
    closing.update_plan(other, {"support_person_ids": [wies],
                                "warning_signs": "Staying in bed past noon"})
    pdfs = {kind: documents.make(kind, zoe) for kind in KINDS}
    yield {"vault": vault, "zoe": zoe, "other": other, "pdfs": pdfs}
    vault.close()


def _expected(kind: str, zoe: int) -> list[str]:
    """Facts from the record that the document must print (read back from the services)."""
    contract = clients.contract_for(zoe)
    person_names = [p["name"] for p in inventory.persons(zoe)]
    plan = closing.plan_dict(zoe)
    if kind == "about-ipt":
        return ["Zoë", f"{contract.sessions_agreed} times", f"{contract.session_minutes} "
                "minutes", contract.missed_policy.split(";")[0], "Harbour Lane Therapy",
                "0117 496 0000"]
    if kind.startswith("worksheet-") or kind == "circle-blank":
        return ["Zoë"]
    if kind == "circle":
        return ["Zoë Brontë-Okafor", *person_names]
    if kind == "agreement":
        return ["Zoë Brontë-Okafor", f"{contract.sessions_agreed} sessions",
                "Dr Maren Hollis", "Signature of client", "Signature of therapist"]
    if kind == "closing-plan":
        names = {p["id"]: p["name"] for p in inventory.persons(zoe)}
        return [*plan["warning_signs"].splitlines(), plan["crisis_line"],
                *[names[i] for i in plan["support_person_ids"]],
                plan["anticipated_problems"][0]["problem"]]
    if kind == "end-of-treatment":
        phq = [m["total"] for m in sessions.measures(zoe, "PHQ-9")]
        held = sum(1 for s in sessions.sessions(zoe) if s["attendance"] in ("attended", "late"))
        outcome = scoring.series_outcome("PHQ-9", phq)
        return ["Zoë Brontë-Okafor", "12 April 1988", clients.client_dict(zoe)["code"],
                f"{held} of {contract.sessions_agreed}", outcome.summary(),
                f"{phq[0]} ({scoring.band(scoring.PHQ9, phq[0])})", "Sertraline",
                "Dr Aisha Rahman", "originally 16", "Confidential", "Page 1 of",
                "Tomás Okafor"]
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", list(KINDS))
def test_document_holds_its_clients_facts_and_no_other_clients(practice, kind):
    text = text_of(practice["pdfs"][kind])
    for fact in _expected(kind, practice["zoe"]):
        fact = " ".join(fact.split())
        assert fact in text, f"{kind}: {fact!r} missing"
    for name in OTHER_NAMES:
        assert name not in text, f"{kind}: another client's {name!r} printed"


@pytest.mark.parametrize("kind", list(KINDS))
def test_document_is_a_sound_pdf(practice, kind, tmp_path):
    pdf = practice["pdfs"][kind]
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert doc.check_pdf_syntax() == []
        assert len(doc.pages) >= 1
    if shutil.which("qpdf"):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_is_numbered_of_the_total(practice):
    reader = pypdf.PdfReader(io.BytesIO(practice["pdfs"]["end-of-treatment"]))
    total = len(reader.pages)
    assert total >= 2
    for i, page in enumerate(reader.pages, 1):
        assert f"Page {i} of {total}" in " ".join(page.extract_text().split())


def test_other_client_documents_print_their_own_accented_names(practice):
    circle = text_of(documents.make("circle", practice["other"]))
    assert "Łukasz Żółć" in circle and "Wiesława Brzęczyszczykiewicz" in circle
    assert "Ann & <Bo>" in circle  # markup characters print as typed
    plan = text_of(documents.make("closing-plan", practice["other"]))
    assert "Wiesława Brzęczyszczykiewicz" in plan and "Staying in bed past noon" in plan
    report = text_of(documents.make("end-of-treatment", practice["other"]))
    assert "Low mood & <worry> after retiring" in report
    for text in (circle, plan, report):
        for name in FIRST_NAMES:
            assert name not in text


def test_generic_handout_names_no_client(practice):
    text = text_of(documents.make("about-ipt", None))
    assert "12 and 16" in text and "people starting IPT" in text
    for name in FIRST_NAMES + OTHER_NAMES:
        assert name not in text


def test_client_documents_refuse_to_be_made_without_a_client(practice):
    with pytest.raises(ValidationError, match="made for a client"):
        documents.make("end-of-treatment", None)
    with pytest.raises(ValidationError, match="no document called"):
        documents.make("horoscope", practice["zoe"])


def test_password_gives_an_aes256_pdf_that_opens_only_with_it(practice):
    pdf = documents.make("closing-plan", practice["zoe"], password="blue heron 7")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.is_encrypted
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(pdf), password="wrong")
    assert "Priya Shah" in text_of(pdf, password="blue heron 7")
    assert b"Priya" not in pdf


def test_empty_password_is_refused(practice):
    with pytest.raises(ValidationError, match="password is empty"):
        documents.make("about-ipt", practice["zoe"], password="")


def test_page_size_follows_the_practitioner_profile(practice):
    a4 = pypdf.PdfReader(io.BytesIO(practice["pdfs"]["about-ipt"])).pages[0].mediabox
    assert round(float(a4.width)) == 595
    profile.update_profile({"page_size": "Letter"})
    try:
        letter = pypdf.PdfReader(io.BytesIO(documents.make("about-ipt", practice["zoe"])))
        assert round(float(letter.pages[0].mediabox.width)) == 612
    finally:
        profile.update_profile({"page_size": "A4"})


def test_log_records_kind_and_options_never_content_or_password(practice):
    zoe = practice["zoe"]
    pdf, log_id = documents.make_and_log("agreement", zoe, password="secret words",
                                         options={"saved": True, "password": "secret words"})
    assert pdf.startswith(b"%PDF")
    rows = documents.documents(zoe)
    row = next(r for r in rows if r["id"] == log_id)
    assert row["kind"] == "agreement" and row["title"] == "Treatment agreement"
    assert row["options"] == {"saved": True, "password_protected": True}
    assert "secret" not in repr(rows) and "Brontë" not in repr(row["options"])
    assert all(r["client"] == zoe for r in rows)
    assert documents.documents(practice["other"]) == []


def test_save_pdf_is_private_and_leaves_no_partial_file(tmp_path, practice):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    documents.save_pdf(practice["pdfs"]["closing-plan"], target)
    assert target.read_bytes() == practice["pdfs"]["closing-plan"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]
    with pytest.raises(ValidationError, match="does not exist"):
        documents.save_pdf(b"%PDF", tmp_path / "missing" / "x.pdf")


def test_reports_package_has_no_orm_or_qt_imports():
    root = Path(__file__).resolve().parents[1] / "ipt_desktop" / "reports"
    for path in root.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "PySide6" not in source, path.name
        assert "..models" not in source and "peewee" not in source, path.name


def test_italic_markup_embeds_the_oblique_face_when_asked_for():
    from ipt_desktop.reports.data import Practice
    from ipt_desktop.reports.pages import build_pdf
    from ipt_desktop.reports.styles import DocSpec, P
    pdf = build_pdf([P("Plain, then <i>slanted words</i>.")], DocSpec("Italics"), Practice())
    fonts = {str(f["/BaseFont"]).split("+")[-1]
             for f in pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
             .values()}
    assert "DejaVuSans-Oblique" in fonts and "DejaVuSans" in fonts
    assert "slanted words" in text_of(pdf)


def test_long_web_address_still_splits_at_its_slashes_when_a_style_asks():
    # ReportLab's address pattern is compiled on first use rather than at import.
    from reportlab.lib.styles import ParagraphStyle
    from ipt_desktop.reports.styles import T, styles
    address = "https://leaflets.example.org/mood/self-help/low-mood-after-a-move.html"
    para = T(address, "cell")
    para.style = ParagraphStyle("uri", styles()["cell"], uriWasteReduce=0.3)
    para.wrap(40 * 2.83, 1000)
    lines = ["".join(words) for _, words in para.blPara.lines]
    assert len(lines) > 1 and "".join(lines) == address
    assert all(line.endswith("/") for line in lines[:-1]), lines


def test_a_fresh_process_parses_only_the_faces_a_report_uses():
    code = ("import re, sys; sys.path.insert(0, %r); original = re.compile\n"
            "from ipt_desktop.reports import build\n"
            "from ipt_desktop.reports.data import Practice, ReportData\n"
            "pdf = build('about-ipt', ReportData(practice=Practice(name='Dr A')))\n"
            "from reportlab.pdfbase import pdfmetrics\n"
            "print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if 'IPT' in n),"
            " re.compile is original, pdf[:5])\n") % str(Path(__file__).resolve().parents[1])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split("] ")[0] + "]" == "['IPTSans', 'IPTSans-Bold', 'IPTSerif-Bold']"
    assert out.strip().endswith("True b'%PDF-'")


def test_a_paragraph_wrapped_twice_breaks_lines_once_and_again_after_a_failed_split():
    from reportlab.platypus.paragraph import Paragraph
    from ipt_desktop.reports.styles import T
    para = T("Talking things through at a calm time worked better than arguing late. " * 4)
    breaks = []
    original = Paragraph.breakLines

    def counted(self, widths):
        breaks.append(widths)
        return original(self, widths)
    Paragraph.breakLines = counted
    try:
        first = para.wrap(200, 500)
        assert para.wrap(200, 500) == first and len(breaks) == 1
        assert para.split(200, 5) == []  # no room even for two lines: ReportLab drops them
        assert para.wrap(200, 500) == first and len(breaks) == 2
        assert para.wrap(300, 500)[1] < first[1] and len(breaks) == 3
    finally:
        Paragraph.breakLines = original


def test_names_beyond_the_core_fonts_switch_to_the_full_faces():
    # Core cuts first (quick); a Hebrew or Armenian name needs the full DejaVu faces.
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from reportlab.pdfbase import pdfmetrics\n"
            "from ipt_desktop.reports import build\n"
            "from ipt_desktop.reports.data import ClientInfo, Practice, ReportData\n"
            "def glyphs(text):\n"
            "    face = pdfmetrics.getFont('IPTSans').face\n"
            "    return all(ord(c) in face.charToGlyph for c in text)\n"
            "def make(first):\n"
            "    client = ClientInfo(1, first, 'Levi')\n"
            "    return build('about-ipt', ReportData(practice=Practice(), client=client))\n"
            "make('Zoë'); print(glyphs('Zoë'), glyphs('שרה'), glyphs('Անի'))\n"
            "pdf = make('Անի'); print(glyphs('שרה'), glyphs('Անի'))\n"
            "make('Zoë'); print(glyphs('שרה'))\n"
            "import io, pypdf\n"
            "print('Անի' in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text())\n"
            ) % str(Path(__file__).resolve().parents[1])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[:4] == ["True False False", "True True", "True", "True"]


def test_every_fixed_text_of_the_documents_is_in_the_core_fonts():
    import ast
    from ipt_desktop.reports.fonts import CORE_RANGES, in_core
    root = Path(__file__).resolve().parents[1] / "ipt_desktop"
    sources = [*(root / "reports").glob("*.py"), root / "geometry.py",
               root / "services" / "report_data.py", root / "services" / "scoring.py"]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert in_core(node.value), (path.name, node.value)
    assert not in_core("שרה") and in_core("Łukasz Żółć · Ελένη · Дмитрий · Nguyễn")
    assert CORE_RANGES[0][0] == 0


def test_remembered_parses_and_font_subsets_print_the_same(practice):
    """Parsed paragraphs and embedded font subsets are kept between documents: what
    is printed must not change, whatever was made before."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFile
    from ipt_desktop.reports.styles import P, SERIF_BOLD
    first = documents.make("about-ipt", None)
    assert text_of(documents.make("about-ipt", None)) == text_of(first)
    # The same words in two styles keep each style's face.
    assert P("Same words", "title").frags[0].fontName == SERIF_BOLD
    assert P("Same words", "body").frags[0].fontName != SERIF_BOLD
    # A subset is what ReportLab would make for those glyphs, and another glyph list
    # gets its own.
    face = pdfmetrics.getFont("IPTSans").face
    one, other = [0] + list(range(65, 91)), [0] + list(range(97, 123))
    assert face.makeSubset(one) is face.makeSubset(one)
    assert face.makeSubset(other) == TTFontFile.makeSubset(face, other)
    assert face.makeSubset(one) == TTFontFile.makeSubset(face, one)
