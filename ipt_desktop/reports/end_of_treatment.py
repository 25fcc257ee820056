"""The end-of-treatment report for the referrer: clinical, concise, on letterhead."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from .. import geometry as geo
from .chart import SymptomChart
from .circle import CircleDrawing, CircleLegend
from .data import Attendance, ClosingPlanInfo, ContractInfo, ReportData
from .styles import (
    DocSpec,
    P,
    T,
    bullets,
    esc,
    field_table,
    fmt_date,
    frame_width,
    grid_table,
    heading,
    signature_block,
)

FOCUS_NAMES = geo.AREA_NAMES


def _treatment_rows(contract: ContractInfo, att: Attendance) -> list[tuple[str, str]]:
    dates = " to ".join(x for x in (fmt_date(att.first_date), fmt_date(att.last_date)) if x)
    agreed = f"{contract.sessions_agreed} sessions of {contract.session_minutes} minutes, " \
             f"{contract.frequency or 'weekly'}"
    if contract.amendments:
        agreed += f" (originally {contract.original_count})"
    held = f"{att.held} of {att.contracted}"
    if att.late:
        held += f" ({att.late} started late)"
    return [("Treatment dates", dates or "no sessions held"), ("Contract", agreed),
            ("Sessions attended", held), ("Sessions missed", str(att.missed)),
            ("Sessions cancelled", str(att.cancelled))]


def _outcome_sentence(series) -> str:
    pts = series.points
    if len(pts) < 2:
        return f"{series.instrument}: fewer than two complete questionnaires."
    first, last = pts[0], pts[-1]
    text = (f"{series.instrument} went from {first.total} ({series.first_band}) at session "
            f"{first.session_number} to {last.total} ({series.last_band}) at session "
            f"{last.session_number}")
    if series.outcome:
        text += f": {series.outcome}"
    return text + "."


def _outcomes(data: ReportData, width: float) -> list:
    out = [heading("Outcome measures")]
    shown = [s for s in data.measures if s.points]
    if not shown:
        return out + [T("No complete questionnaires were recorded.", "body")]
    rows = []
    for s in shown:
        first, last = s.points[0].total, s.points[-1].total
        rows.append([s.instrument, f"{first} ({s.first_band})", f"{last} ({s.last_band})",
                     f"{last - first:+d}", s.outcome or "—"])
    out.append(grid_table(["Measure", "First", "Last", "Change", "Outcome"], rows,
                          [width * 0.14, width * 0.25, width * 0.25, width * 0.11,
                           width * 0.25]))
    charts = [SymptomChart(s, (width - 6 * mm) / 2 if len(shown) > 1 else width)
              for s in shown if s.instrument in ("PHQ-9", "GAD-7")]
    for i in range(0, len(charts), 2):
        pair = charts[i:i + 2]
        table = Table([pair], colWidths=[(width) / 2] * len(pair) if len(pair) > 1
                      else [width], hAlign="LEFT", spaceBefore=8)
        table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(table)
    out.append(Spacer(0, 2 * mm))
    out += [T(_outcome_sentence(s), "body") for s in shown]
    flags = sum(s.risk_flags for s in shown)
    if flags:
        out.append(P(f"<b>Risk item:</b> thoughts of self-harm were endorsed on {flags} "
                     "questionnaire(s) during treatment; each was reviewed in session.", "body"))
    out.append(P("Reliable improvement: a fall of at least 6 (PHQ-9) or 4 (GAD-7) points. "
                 "Recovery: from at or above the clinical cut-off (PHQ-9 10, GAD-7 8) to "
                 "below it. Reliable recovery: both.", "small"))
    return out


def _circles(data: ReportData, width: float) -> list:
    if not (data.circle and data.circle.people) and not (
            data.circle_start and data.circle_start.people):
        return []
    size = (width - 8 * mm) / 2
    before = {p.id: p.ring for p in data.circle_start.people} if data.circle_start else {}
    marks = {p.id: "added" if p.id not in before else "moved"
             for p in (data.circle.people if data.circle else [])
             if before.get(p.id) != p.ring}
    centre = data.client.called
    cells = [[CircleDrawing(data.circle_start, size, centre=centre, ring_names=False),
              CircleDrawing(data.circle, size, centre=centre, marks=marks, ring_names=False)],
             [P(f"<b>Start</b> · {esc(data.circle_start.caption if data.circle_start else '')}",
                "small"),
              P(f"<b>End</b> · {esc(data.circle.caption if data.circle else '')}", "small")]]
    table = Table(cells, colWidths=[width / 2, width / 2], hAlign="LEFT")
    table.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [KeepTogether([heading("Interpersonal Circle at the start and at the end"),
                          T("Inner ring: most intimate; middle: close; outer: important but "
                            "not close.", "small"), table, CircleLegend(width, compare=True)])]


def _plan_summary(plan: ClosingPlanInfo, width: float) -> list:
    rows = [("Warning signs", plan.warning_signs),
            ("Anticipated problems", "\n".join(f"{p}: {c}" if c else p
                                               for p, c in plan.anticipated_problems)),
            ("Support people", ", ".join(s.name for s in plan.support_people)),
            ("If symptoms return", "; contact ".join(x for x in (plan.return_threshold,
                                                                 plan.return_contacts) if x)),
            ("Crisis contact", plan.crisis_line),
            ("Skills consolidated", plan.skills_learned),
            ("Remaining work", plan.remaining_work)]
    table = field_table(rows, width)
    return [heading("Relapse-prevention plan"), table] if table.__class__ is Table else []


def story(data: ReportData):
    client, practice, contract = data.client, data.practice, data.contract or ContractInfo()
    att = data.attendance or Attendance(contracted=contract.sessions_agreed)
    width = frame_width(practice)
    spec = DocSpec("End-of-treatment report", f"End-of-treatment report · {client.full_name}",
                   confidential=True)
    to = [x for x in (client.referrer_name, client.referrer_details) if x]
    out = [P("End-of-treatment report", "title"),
           P(f"Interpersonal Psychotherapy · {fmt_date(data.made_on)}", "subtitle")]
    if to:
        out.append(P("<b>To:</b> " + esc(", ".join(to)), "body"))
    ident = [("Client", client.full_name), ("Date of birth", fmt_date(client.date_of_birth)),
             ("Reference", client.code), ("GP", ", ".join(x for x in (client.gp_name,
                                                                     client.gp_details) if x)),
             ("Referral date", fmt_date(client.referral_date)),
             ("Reason for referral", client.referral_reason)]
    out += [heading("Client"), field_table(ident, width),
            heading("Treatment"), field_table(_treatment_rows(contract, att), width)]
    if contract.amendments:
        out += bullets([f"Contract renegotiated on {fmt_date(a.date)} from {a.old_count} to "
                        f"{a.new_count} sessions" + (f": {a.reason}" if a.reason else "")
                        for a in contract.amendments])
    if data.foci or data.formulation:
        out.append(heading("Focus and formulation"))
        for f in data.foci:
            label = f"{f.priority.capitalize()} focus: {FOCUS_NAMES.get(f.area, f.area)}"
            if f.person:
                label += f" ({f.person})"
            out.append(T(label, "h2"))
            out.append(field_table(f.details, width))
        form = data.formulation
        if form and (form.focus_summary or form.goals or any(t for _, t in form.sections)):
            out.append(T("Interpersonal formulation", "h2"))
            out.append(field_table([("Formulation", form.focus_summary)] + form.sections +
                                   [("Goals", form.goals),
                                    ("Agreed with client", fmt_date(form.agreed_on))], width))
    out += _outcomes(data, width)
    out += _circles(data, width)
    if data.closing_plan:
        out += _plan_summary(data.closing_plan, width)
    if data.medications:
        rows = [[m.name, m.dose, m.prescriber,
                 fmt_date(m.started_on) + (f" – {fmt_date(m.stopped_on)}" if m.stopped_on
                                           else " – continuing"),
                 "\n".join(m.history)] for m in data.medications]
        out += [heading("Medication during treatment"),
                grid_table(["Medication", "Dose", "Prescriber", "Dates", "Changes"], rows,
                           [width * 0.18, width * 0.14, width * 0.18, width * 0.24,
                            width * 0.26])]
    if data.recommendations:
        out += [heading("Recommendations"), *bullets(data.recommendations.splitlines())]
    who = ", ".join(x for x in (practice.name, practice.credentials) if x) or "Therapist"
    out += [Spacer(0, 4 * mm),
            KeepTogether([P("Yours sincerely,", "body"),
                          signature_block([("therapist", who)], width)])]
    return spec, out
