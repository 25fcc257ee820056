"""The timeline strip and symptom chart: what they draw and which session a click picks."""
import datetime as dt

from PySide6.QtCore import QPoint, Qt

from ipt_desktop.ui.timeline import scale as sc
from ipt_desktop.ui.timeline.chart import SymptomChart
from ipt_desktop.ui.timeline.notes import join_techniques, split_techniques
from ipt_desktop.ui.timeline.strip import TimelineStrip
from ipt_desktop.ui.views.sessions import ending_prompt, over_contract_warning

START = dt.date(2026, 1, 5)


def _row(number, attendance="attended", phq=None, gad=None, risk=False, agreed=12):
    measures = []
    if phq is not None or risk:
        measures.append({"instrument": "PHQ-9", "total": phq, "risk": risk, "band": None,
                         "responses": []})
    if gad is not None:
        measures.append({"instrument": "GAD-7", "total": gad, "risk": False, "band": None,
                         "responses": []})
    return {"id": 100 + number, "number": number, "attendance": attendance,
            "date": START + dt.timedelta(weeks=number - 1), "phase": "middle",
            "measures": measures, "over_contract": number > agreed}


def test_markers_take_the_colour_of_attendance(qtbot):
    strip = TimelineStrip()
    qtbot.addWidget(strip)
    strip.resize(900, 130)
    kinds = ["attended", "late", "missed", "cancelled", "planned"]
    strip.set_data([_row(i + 1, k) for i, k in enumerate(kinds)], 12, today=START)
    assert strip.objectName() == "sessionTimeline"
    assert [(m.number, m.attendance, m.colour) for m in strip.markers()] == [
        (1, "attended", "#2e7d32"), (2, "late", "#ef8f00"), (3, "missed", "#c62828"),
        (4, "cancelled", "#78909c"), (5, "planned", "#ffffff")]
    image = strip.grab().toImage()
    centre = strip.markers()[2].center
    # Sample beside the number drawn in the middle: the missed marker's own red.
    pixel = image.pixelColor(int(centre.x()) - 8, int(centre.y()) + 3)
    assert pixel.red() > 150 and pixel.green() < 90


def test_clicking_a_marker_selects_its_session(qtbot):
    strip = TimelineStrip()
    qtbot.addWidget(strip)
    strip.resize(900, 130)
    strip.set_data([_row(n) for n in range(1, 5)], 12, today=START)
    target = strip.markers()[2]
    with qtbot.waitSignal(strip.session_clicked) as blocker:
        qtbot.mouseClick(strip, Qt.LeftButton, pos=target.center.toPoint())
    assert blocker.args == [103]


def test_risk_is_carried_onto_the_marker(qtbot):
    strip = TimelineStrip()
    qtbot.addWidget(strip)
    strip.set_data([_row(1, phq=12), _row(2, phq=14, risk=True)], 12, today=START)
    assert [m.risk for m in strip.markers()] == [False, True]
    assert "RISK" in strip.markers()[1].tooltip


def test_chart_series_reliable_line_and_risk(qtbot):
    chart = SymptomChart()
    qtbot.addWidget(chart)
    chart.resize(900, 300)
    rows = [_row(1, phq=18, gad=12), _row(2, "missed"), _row(3, phq=None, gad=9, risk=True),
            _row(4, phq=11, gad=7)]
    chart.set_data(rows, 12)
    assert chart.series("PHQ-9") == [(1, 18), (4, 11)]
    assert chart.series("GAD-7") == [(1, 12), (3, 9), (4, 7)]
    assert chart.incomplete("PHQ-9") == [3]
    assert chart.reliable_line("PHQ-9") == 12 and chart.reliable_line("GAD-7") == 8
    assert chart.risk_sessions() == [3]
    higher = [p for p in chart.points() if p.instrument == "PHQ-9" and p.total == 18][0]
    lower = [p for p in chart.points() if p.instrument == "PHQ-9" and p.total == 11][0]
    assert higher.center.y() < lower.center.y()
    with qtbot.waitSignal(chart.session_clicked) as blocker:
        qtbot.mouseClick(chart, Qt.LeftButton, pos=QPoint(int(lower.center.x()),
                                                          int(lower.center.y())))
    assert blocker.args == [104]


def test_strip_and_chart_line_up_session_by_session(qtbot):
    strip, chart = TimelineStrip(), SymptomChart()
    for w in (strip, chart):
        qtbot.addWidget(w)
        w.resize(800, w.minimumHeight())
    rows = [_row(n, phq=10 + n) for n in range(1, 15)]
    strip.set_data(rows, 12, today=START)
    chart.set_data(rows, 12)
    assert [round(m.center.x()) for m in strip.markers()] == \
        [round(p.center.x()) for p in chart.points()]


def test_today_falls_between_the_sessions_around_it():
    rows = [_row(1), _row(2), _row(3)]
    assert sc.today_position(rows, START + dt.timedelta(days=10)) == 2 + 3 / 7
    assert sc.today_position(rows, START + dt.timedelta(weeks=4)) == 5
    assert sc.today_position([], START) is None


def test_ending_prompt_and_over_contract_texts():
    rows = [_row(n, agreed=12) for n in range(1, 9)]
    assert "4 sessions left of 12" in ending_prompt(rows, 12)
    assert ending_prompt(rows[:7], 12) is None
    assert ending_prompt(rows + [_row(9, "planned")], 12).startswith("4 sessions left")
    assert over_contract_warning(rows, 12) is None
    over = [_row(n, agreed=6) for n in range(1, 9)]
    text = over_contract_warning(over, 6)
    assert "contract agreed 6 sessions" in text and "sessions 7, 8 go beyond it" in text


def test_techniques_round_trip_through_plain_text():
    text = join_techniques(["Role play", "Clarification"], "Used the chair exercise")
    assert text == "Clarification\nRole play\nUsed the chair exercise"
    assert split_techniques(text) == (["Clarification", "Role play"],
                                      "Used the chair exercise")
    assert split_techniques("just words") == ([], "just words")
