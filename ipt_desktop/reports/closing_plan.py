"""The client's own copy of the closing plan: plain words, one or two pages to keep."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from .data import ClosingPlanInfo, ReportData
from .styles import (
    WARM,
    Callout,
    DocSpec,
    Markup,
    P,
    T,
    bullets,
    esc,
    fmt_date,
    frame_width,
    grid_table,
    heading,
)


def _lines(text: str) -> list[str]:
    """Each non-empty line of a field, so a list typed one per line prints as bullets."""
    return [ln.strip(" -•\t") for ln in (text or "").splitlines() if ln.strip(" -•\t")]


def _section(title: str, text: str, intro: str = "") -> list:
    items = _lines(text)
    if not items:
        return []
    block = [heading(title, "h1")]
    if intro:
        block.append(T(intro, "body"))
    block += bullets(items, "lead_bullet") if len(items) > 1 else [T(items[0], "lead")]
    return block


def story(data: ReportData):
    client, practice = data.client, data.practice
    plan = data.closing_plan or ClosingPlanInfo()
    width = frame_width(practice)
    spec = DocSpec("My plan for staying well", f"Staying-well plan · {client.called}",
                   footer_note="My plan for staying well · keep it somewhere easy to find")
    sub = f"Made together by {esc(client.called)}"
    if practice.name:
        sub += f" and {esc(practice.name)}"
    if plan.agreed_on:
        sub += f" · {fmt_date(plan.agreed_on)}"
    out = [P("My plan for staying well", "title"), P(sub, "subtitle"),
           Callout([T("This plan is yours. It gathers what you learned in therapy and what "
                      "to do if things get hard again. Keep it somewhere easy to find.",
                      "callout")], width)]
    if plan.client_account:
        out += [heading("What helped, in my words"), T(plan.client_account, "lead")]
    if plan.goals:
        rows = [[g, s or "—"] for g, s in plan.goals]
        out += [heading("My goals and where they are now"),
                grid_table(["Goal", "Where it is now"], rows, [width * 0.66, width * 0.34])]
    out += _section("What I learned", plan.skills_learned)
    out += _section("What I am still working on", plan.remaining_work)
    signs = _section("My warning signs", plan.warning_signs,
                     "Signs that I may be starting to feel unwell again:")
    if signs and plan.share_signs_with:
        signs.append(T(f"I will tell {plan.share_signs_with} if I notice them.", "body"))
    out += signs
    if plan.anticipated_problems:
        rows = [[p, c] for p, c in plan.anticipated_problems]
        out += [heading("Hard times I can see coming, and my plan for each"),
                grid_table(["What might happen", "What I will do"], rows,
                           [width * 0.4, width * 0.6])]
    if plan.support_people:
        out += [heading("People who support me"),
                *bullets([f"{s.name} ({s.role})" if s.role else s.name
                          for s in plan.support_people], "lead_bullet")]
    help_ = [P("<b>If my symptoms come back</b>", "callout")]
    if plan.return_threshold:
        help_.append(T(f"When: {plan.return_threshold}", "callout"))
    contacts = plan.return_contacts or ", ".join(
        x for x in (practice.name, practice.contact) if x)
    if contacts:
        help_.append(T(f"I will contact: {contacts}", "callout"))
    crisis = plan.crisis_line or ("your local emergency number, or the nearest emergency "
                                  "department")
    help_.append(P(f"<b>In a crisis, or if I feel unsafe:</b> {esc(crisis)}", "callout"))
    out += [Spacer(0, 5 * mm), KeepTogether(Callout(help_, width, fill=WARM))]
    future = [("Follow-up sessions", " ".join(x for x in (plan.maintenance_frequency,
                                                          plan.maintenance_duration) if x)),
              ("Other help", plan.referral), ("Medication", plan.medication_plan)]
    future = [(a, b) for a, b in future if b]
    if future:
        out.append(heading("After our sessions end"))
        out += bullets([Markup(f"<b>{esc(a)}:</b> {esc(b)}") for a, b in future],
                       "lead_bullet")
    if plan.feelings_about_ending:
        out += [heading("About ending"), T(plan.feelings_about_ending, "lead")]
    return spec, out

