"""Worksheets: one per problem area with prompts and room to write, and the circle sheets."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from .circle import CircleDrawing, CircleLegend
from .data import ReportData
from .styles import (
    RULE,
    Callout,
    DocSpec,
    P,
    RuledLines,
    T,
    esc,
    fmt_date,
    frame_width,
    grid_table,
)

# (title, introduction, [(prompt, hint, lines)])
WORKSHEETS = {
    "dispute": ("Working on a disagreement",
                "This sheet is for a disagreement with someone who matters to you. There "
                "are no right answers. Write as much or as little as you like, and bring it "
                "to your next session.",
                [("Who is the disagreement with?", "", 1),
                 ("What is it about?", "Try to put it in one or two sentences.", 3),
                 ("What do you hope for from them? What do you think they hope for from "
                  "you?", "", 4),
                 ("Where are things now?", "Still talking it over / stuck / coming to an "
                  "end. Any of these is fine to write.", 2),
                 ("What have you tried so far, and what happened?", "", 3),
                 ("What would you like to be different?", "", 3),
                 ("One small step you could try before we next meet", "", 2)]),
    "transition": ("Working through a change in your life",
                   "Big changes bring losses and gains, often both at once. This sheet "
                   "helps you look at each. Bring it to your next session.",
                   [("What changed, and when?", "", 2),
                    ("Your life before: what do you miss?", "", 3),
                    ("Your life before: what are you glad to leave behind?", "", 2),
                    ("Your life now: what is hard about it?", "", 3),
                    ("Your life now: what is good, or could become good?", "", 3),
                    ("Who helps you with this change? Who else could?", "", 2),
                    ("One small step you could try before we next meet", "", 2)]),
    "grief": ("Remembering and grieving",
              "Grief has no timetable. This sheet is a gentle place to put thoughts and "
              "memories into words. Take your time, and stop whenever you need to.",
              [("Who, or what, have you lost? When?", "", 2),
               ("What was your relationship like? Think of good times and harder times.",
                "", 4),
               ("What happened around the loss, and in the days after?", "", 3),
               ("What feelings come up when you think about it now?", "", 3),
               ("Who could you talk with about this? What helps you remember?", "", 2),
               ("One small step you could try before we next meet", "", 2)]),
    "sensitivity": ("Building connections with people",
                    "This sheet is about the people in your life and the connections you "
                    "would like to have. Small steps are the way forward here.",
                    [("Who do you feel closest to at the moment?", "", 2),
                     ("Who would you like to be closer to, or see more of?", "", 2),
                     ("Think of a relationship that went well. What helped?", "", 3),
                     ("What tends to happen when you try to get close to someone?", "", 3),
                     ("Where could you meet people, or whom could you get in touch with?",
                      "", 3),
                     ("One small step you could try before we next meet", "", 2)]),
}
KIND_AREA = {"worksheet-disputes": "dispute", "worksheet-transitions": "transition",
             "worksheet-grief": "grief", "worksheet-sensitivity": "sensitivity"}


def _name_line(data: ReportData, width: float):
    """'Name' and 'Date' at the top: the client's first name when known."""
    name = esc(data.client.called) if data.client else ""
    table = Table([[P("NAME", "label"), P(name, "lead"), P("DATE", "label"), ""]],
                  colWidths=[14 * mm, width * 0.55, 13 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.6, RULE),
                               ("LINEBELOW", (3, 0), (3, 0), 0.6, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def worksheet_story(kind: str, data: ReportData):
    area = KIND_AREA[kind]
    title, intro, prompts = WORKSHEETS[area]
    width = frame_width(data.practice)
    spec = DocSpec(title, "IPT worksheet", footer_note="IPT worksheet · yours to keep")
    out = [P(esc(title), "title"), P("A worksheet for your therapy", "subtitle"),
           _name_line(data, width), Spacer(0, 5 * mm), Callout([T(intro, "callout")], width),
           Spacer(0, 3 * mm)]
    for number, (prompt, hint, lines) in enumerate(prompts, 1):
        block = [P(f"{number}.&nbsp;&nbsp;{esc(prompt)}", "h2")]
        if hint:
            block.append(T(hint, "small"))
        block.append(RuledLines(lines + 1, width))
        out.append(KeepTogether(block))
    return spec, out


def circle_blank_story(data: ReportData):
    width = frame_width(data.practice)
    spec = DocSpec("My Interpersonal Circle", "Interpersonal Circle worksheet",
                   footer_note="Interpersonal Circle worksheet · yours to keep")
    out = [P("My Interpersonal Circle", "title"),
           P("A map of the people in your life", "subtitle"), _name_line(data, width),
           Spacer(0, 4 * mm),
           T("You are in the middle. Write the names of people who matter to you on the "
             "rings: the closest people on the inner ring, people who are close but less so "
             "on the middle ring, and people who are important but not close on the outer "
             "ring. Anyone who matters can go on, including people who have died.", "lead"),
           Spacer(0, 2 * mm)]
    size = min(width, 100 * mm)
    drawing = CircleDrawing(None, size, centre="Me")
    drawing.hAlign = "CENTER"
    out.append(drawing)
    out.append(Spacer(0, 4 * mm))
    rows = [["", "", ""] for _ in range(5)]
    table = grid_table(["Name", "Ring", "Good and hard things about this relationship"],
                       rows, [40 * mm, 22 * mm, width - 62 * mm], row_height=7.5 * mm)
    table.setStyle(TableStyle([("LINEAFTER", (0, 1), (1, -1), 0.35, RULE)]))
    out.append(KeepTogether([P("Notes about the people on your circle", "h2"), table]))
    return spec, out


def circle_story(data: ReportData):
    width = frame_width(data.practice)
    client = data.client
    spec = DocSpec("Interpersonal Circle", f"Interpersonal Circle · {client.full_name}")
    circle = data.circle
    caption = circle.caption if circle and circle.caption else fmt_date(data.made_on)
    out = [P("Your Interpersonal Circle", "title"),
           P(f"{esc(client.full_name)} · {esc(caption)}", "subtitle"),
           T("You are in the middle. The people closest to you are on the inner ring, people "
             "who are close but less so on the middle ring, and people who are important but "
             "not close on the outer ring. The colour shows how the relationship feels at "
             "the moment.", "lead")]
    size = min(width, 122 * mm)
    drawing = CircleDrawing(circle, size, centre=client.called, ring_names=False)
    drawing.hAlign = "CENTER"
    out += [drawing, Spacer(0, 3 * mm), CircleLegend(width)]
    people = circle.people if circle else []
    if people:
        from ..geometry import RING_SHORT
        rows = [[p.name + (" (died)" if p.deceased else ""), p.role, RING_SHORT[p.ring],
                 {"conflictual": "conflict", "unknown": "not yet known"}.get(p.feeling,
                                                                             p.feeling)]
                for p in sorted(people, key=lambda p: (p.ring, p.name.casefold()))]
        out += [Spacer(0, 4 * mm),
                grid_table(["Person", "Who they are", "Ring", "How it feels"], rows,
                           [width * 0.38, width * 0.24, width * 0.14, width * 0.24])]
    else:
        out.append(T("No one has been placed on the circle yet.", "body"))
    return spec, out
