"""The treatment agreement to sign: the contract in plain words."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from .data import ReportData
from .styles import (
    DocSpec,
    P,
    bullets,
    esc,
    field_table,
    fmt_date,
    frame_width,
    heading,
    signature_block,
)

PROMISES_THERAPIST = [
    "Start and finish on time, and give you my full attention.",
    "Keep what you tell me private. The only exceptions are when someone's safety is at "
    "serious risk or the law requires it; if that ever happens I will talk with you first "
    "whenever I can.",
    "Raise the ending with you a few sessions before it comes, so it is never a surprise.",
]
PROMISES_CLIENT = [
    "Come to the sessions, and let me know early if you cannot.",
    "Fill in a short questionnaire at each session about how you have been.",
    "Try things out between sessions, at a pace that feels possible.",
    "Tell me about any change in your medication.",
]


def _two_columns(left: list, right: list, width: float) -> Table:
    table = Table([[left, right]], colWidths=[width / 2, width / 2], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (0, 0), 6 * mm),
                               ("RIGHTPADDING", (1, 0), (1, 0), 0)]))
    return table


def story(data: ReportData):
    client, contract, practice = data.client, data.contract, data.practice
    width = frame_width(practice)
    therapist = ", ".join(x for x in (practice.name, practice.credentials) if x) or \
        "the therapist"
    spec = DocSpec("Treatment agreement", f"Treatment agreement · {client.full_name}")
    out = [P("Treatment agreement", "title"),
           P("Interpersonal Psychotherapy (IPT)", "subtitle"),
           P(f"This agreement is between <b>{esc(client.full_name)}</b> and "
             f"<b>{esc(therapist)}</b>. It sets out how we will work together.", "lead")]
    start = fmt_date(contract.start_date, "to be arranged")
    rows = [("Number of sessions", f"{contract.sessions_agreed} sessions"),
            ("Length of each session", f"{contract.session_minutes} minutes"),
            ("How often", contract.frequency or "weekly"),
            ("First session", start),
            ("Missed sessions", contract.missed_policy or
             "Please let me know as early as you can if you cannot come."),
            ("Arriving late", contract.lateness_policy or
             "The session still ends at the usual time."),
            ("Client reference", client.code)]
    out += [heading("What we agree"), field_table(rows, width, 50 * mm)]
    if contract.amendments:
        out.append(heading("Changes we have agreed since", "h2"))
        out += bullets([f"{fmt_date(a.date)}: from {a.old_count} to {a.new_count} sessions"
                        + (f" ({a.reason})" if a.reason else "") for a in contract.amendments])
    out += [heading("The number of sessions"),
            P("IPT has a set number of sessions. Working to a time limit helps us stay "
              "focused. The number only changes if we both agree, and any change is written "
              "down with the date and the reason.", "body"),
            _two_columns([heading("What I will do", "h2"), *bullets(PROMISES_THERAPIST)],
                         [heading("What you agree to do", "h2"), *bullets(PROMISES_CLIENT)],
                         width)]
    signatures = [heading("Signed"),
                  signature_block([("client", client.full_name), ("therapist", therapist)],
                                  width)]
    if contract.agreed_on:
        signatures.insert(1, P(f"Agreed on {fmt_date(contract.agreed_on)}.", "small"))
    out.append(KeepTogether(signatures))
    out.append(Spacer(0, 6 * mm))
    out.append(P("Each of us keeps a signed copy.", "small"))
    return spec, out
