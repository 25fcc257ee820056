"""The questionnaire wording files: present, complete, and matching the scoring."""
import pytest

from ipt_desktop.services import measure_items, scoring


@pytest.mark.parametrize("name", ["PHQ-9", "GAD-7"])
def test_wording_matches_scoring(name):
    text = measure_items.load(name)
    inst = scoring.instrument(name)
    assert len(text.items) == inst.items
    assert all(item.strip() for item in text.items)
    assert text.answers == ("Not at all", "Several days", "More than half the days",
                            "Nearly every day")
    assert "Over the last 2 weeks" in text.stem
    assert "Spitzer" in text.source


def test_phq9_risk_item_is_the_self_harm_question():
    text = measure_items.load("PHQ-9")
    assert "better off dead" in text.items[scoring.PHQ9.risk_item - 1]


def test_gad7_first_item_wording():
    assert measure_items.load("GAD-7").items[0] == "Feeling nervous, anxious or on edge"


def test_unknown_instrument_is_refused_with_a_message():
    with pytest.raises(ValueError, match="No item wording ships for 'BDI-II'"):
        measure_items.load("BDI-II")


def test_licence_note_ships_beside_the_wording():
    note = (measure_items.measures_dir() / "SOURCES.md").read_text(encoding="utf-8")
    assert "Pfizer" in note and "No permission is required" in note


def test_file_out_of_step_with_scoring_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "resources" / "measures"
    bad.mkdir(parents=True)
    (bad / "phq9.json").write_text('{"instrument": "PHQ-9", "title": "t", "stem": "s", '
                                   '"answers": ["a", "b", "c", "d"], "items": ["one"]}')
    monkeypatch.setattr(measure_items, "resource", lambda *parts: tmp_path.joinpath("resources", *parts))
    measure_items.load.cache_clear()
    try:
        with pytest.raises(ValueError, match="does not describe PHQ-9 with 9 items"):
            measure_items.load("PHQ-9")
    finally:
        measure_items.load.cache_clear()
