"""PHQ-9 / GAD-7 scoring, bands, risk and outcome terms at their exact thresholds."""
import pytest

from ipt_desktop.services import scoring
from ipt_desktop.services.scoring import GAD7, PHQ9


def answers(total, items, last=0):
    """Responses adding up to `total`, filling items from the first, with `last` as the final item."""
    out = []
    rest = total - last
    for _ in range(items - 1):
        step = min(3, rest)
        out.append(step)
        rest -= step
    assert rest == 0, "total too high for the items"
    return out + [last]


@pytest.mark.parametrize("score, band", [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"),
    (20, "severe"), (27, "severe")])
def test_phq9_band_boundaries(score, band):
    responses = answers(score, 9, last=max(0, score - 24))
    total = scoring.total(PHQ9, responses)
    assert total == score
    assert scoring.band(PHQ9, total) == band


@pytest.mark.parametrize("score, band", [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "severe"), (21, "severe")])
def test_gad7_band_boundaries(score, band):
    total = scoring.total(GAD7, answers(score, 7, last=min(3, max(0, score - 18))))
    assert total == score
    assert scoring.band(GAD7, total) == band


def test_totals_beyond_the_maximum_are_refused():
    with pytest.raises(ValueError, match="0-21"):
        scoring.band(GAD7, 22)
    with pytest.raises(ValueError, match="0-27"):
        scoring.band(PHQ9, 28)


def test_an_unanswered_item_gives_no_total_and_no_band():
    responses = [3, 3, 3, 3, None, 3, 3, 3, 0]
    assert scoring.total(PHQ9, responses) is None
    assert scoring.band(PHQ9, scoring.total(PHQ9, responses)) is None
    assert scoring.total(GAD7, [None] * 7) is None


def test_wrong_answers_are_refused_with_the_item_named():
    with pytest.raises(ValueError, match="item 3: answers are 0, 1, 2 or 3"):
        scoring.total(GAD7, [0, 1, 4, 0, 0, 0, 0])
    with pytest.raises(ValueError, match="has 9 items; 8 answers"):
        scoring.total(PHQ9, [0] * 8)
    with pytest.raises(ValueError, match="item 1"):
        scoring.total(PHQ9, [True] + [0] * 8)


@pytest.mark.parametrize("item9, flagged", [(0, False), (1, True), (2, True), (3, True),
                                            (None, False)])
def test_phq9_item_9_flags_risk_whatever_the_total(item9, flagged):
    responses = [0, 0, 0, 0, 0, 0, 0, 0, item9]
    assert scoring.risk(PHQ9, responses) is flagged


def test_risk_is_item_9_only_and_gad7_has_none():
    assert scoring.risk(PHQ9, [3, 3, 3, 3, 3, 3, 3, 3, 0]) is False
    assert scoring.risk(GAD7, [3] * 7) is False


@pytest.mark.parametrize("first, last, improved, worse", [
    (16, 10, True, False), (16, 11, False, False), (10, 16, False, True),
    (10, 15, False, False)])
def test_phq9_reliable_change_needs_six(first, last, improved, worse):
    result = scoring.outcome("PHQ-9", first, last)
    assert (result.reliable_improvement, result.reliable_deterioration) == (improved, worse)


@pytest.mark.parametrize("first, last, improved, worse", [
    (12, 8, True, False), (12, 9, False, False), (8, 12, False, True), (8, 11, False, False)])
def test_gad7_reliable_change_needs_four(first, last, improved, worse):
    result = scoring.outcome("GAD-7", first, last)
    assert (result.reliable_improvement, result.reliable_deterioration) == (improved, worse)


@pytest.mark.parametrize("name, first, last, recovery, reliable, summary", [
    ("PHQ-9", 10, 9, True, False, "recovery"),  # a case at 10, below it at 9; fall of 1
    ("PHQ-9", 15, 9, True, True, "reliable recovery"),
    ("PHQ-9", 15, 10, False, False, "no reliable change"),  # still a case at 10
    ("PHQ-9", 9, 3, False, False, "reliable improvement"),  # never a case
    ("GAD-7", 8, 7, True, False, "recovery"),
    ("GAD-7", 11, 7, True, True, "reliable recovery"),
    ("GAD-7", 11, 8, False, False, "no reliable change"),
    ("GAD-7", 7, 3, False, False, "reliable improvement"),
    ("GAD-7", 4, 9, False, False, "reliable deterioration"),
])
def test_recovery_and_reliable_recovery_at_caseness(name, first, last, recovery, reliable,
                                                    summary):
    result = scoring.outcome(name, first, last)
    assert result.recovery is recovery
    assert result.reliable_recovery is reliable
    assert result.summary() == summary


def test_caseness_thresholds():
    assert scoring.outcome("PHQ-9", 10, 10).case_at_start
    assert not scoring.outcome("PHQ-9", 9, 9).case_at_start
    assert scoring.outcome("GAD-7", 8, 8).case_at_start
    assert not scoring.outcome("GAD-7", 7, 7).case_at_start
    assert scoring.joint_caseness(9, 8) is True
    assert scoring.joint_caseness(9, 7) is False
    assert scoring.joint_caseness(10, None) is True
    assert scoring.joint_caseness(None, None) is None


def test_series_outcome_uses_first_and_last_complete_totals():
    result = scoring.series_outcome("PHQ-9", [None, 18, 14, None, 12, None])
    assert (result.first, result.last, result.change) == (18, 12, -6)
    assert result.reliable_improvement
    assert scoring.series_outcome("PHQ-9", [None, 18, None]) is None


def test_epds_has_no_outcome_terms():
    with pytest.raises(ValueError, match="no reliable-change"):
        scoring.outcome("EPDS", 14, 5)
