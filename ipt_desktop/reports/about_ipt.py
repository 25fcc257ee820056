"""The 'About IPT' handout: what the therapy is, in short, warm sentences."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from .data import ReportData
from .styles import Callout, DocSpec, Markup, P, T, bullets, esc, frame_width, grid_table, heading

AREAS = [
    ("Disagreements with someone who matters",
     "You and someone close to you want different things, or what you expect of each "
     "other is not happening."),
    ("A big change in life",
     "A new job or the loss of one, a baby, a move, retirement, an illness, a "
     "separation. Even a change you wanted can be hard."),
    ("Grief and loss",
     "Someone important has died, or you have lost something that mattered a great "
     "deal."),
    ("Finding relationships hard",
     "It is hard to make or keep close connections, or you often feel alone with "
     "things."),
]

PHASES = [
    ("Beginning", "the first 2 or 3 sessions",
     "We talk about how you have been feeling and give it a name. We draw a map of the "
     "important people in your life. Together we choose what to focus on."),
    ("Middle", "most of the sessions",
     "We work on the focus. We look closely at recent conversations and how they felt. "
     "We think of new things to try, and you try them between sessions."),
    ("Ending", "the last 2 or 3 sessions",
     "We look back at what has changed and what helped. We make a plan for staying "
     "well. We talk about how it feels to finish."),
]


def story(data: ReportData):
    """The handout: personalised when a client is given, general otherwise."""
    client, contract, practice = data.client, data.contract, data.practice
    width = frame_width(practice)
    spec = DocSpec("About Interpersonal Psychotherapy", "About IPT",
                   footer_note="About Interpersonal Psychotherapy (IPT) · a guide to keep")
    out = [P("About Interpersonal Psychotherapy", "title")]
    if client:
        out.append(P(f"A short guide for {esc(client.called)}", "subtitle"))
        hello = (f"Hello {esc(client.called)}. This sheet explains the therapy we have agreed "
                 "to do together. Keep it somewhere handy and read it again whenever you "
                 "like.")
    else:
        out.append(P("A short guide for people starting IPT", "subtitle"))
        hello = ("This sheet explains the therapy you are starting. Keep it somewhere handy "
                 "and read it again whenever you like.")
    out.append(Callout([P(hello, "callout")], width))
    out += [heading("What IPT is"),
            P("IPT is a talking therapy. It is short, with a set number of meetings. It "
              "looks at how you feel and at what is happening with the people in your "
              "life.", "lead"),
            P("The two are linked. When we feel low, relationships can become harder. When "
              "relationships are hard, we can feel worse. IPT works on that link. As things "
              "get better with the people around you, your mood often lifts too.", "lead"),
            P("Depression is a real illness, and it is not your fault. While you are unwell "
              "it is fine to do a little less than usual. Your part is to come to the "
              "sessions and to try things out between them.", "lead")]
    out.append(heading("What we may work on"))
    out.append(P("Most difficulties fit one or two of these four areas. Together we choose "
                 "one to focus on, and sometimes a second.", "lead"))
    out += bullets([Markup(f"<b>{esc(t)}.</b> {esc(d)}") for t, d in AREAS], "lead_bullet")
    out.append(heading("A fixed number of sessions"))
    if contract:
        out.append(P(f"We will meet <b>{contract.sessions_agreed} times</b>, for "
                     f"<b>{contract.session_minutes} minutes</b> each time, "
                     f"{esc(contract.frequency or 'weekly')}.", "lead"))
    else:
        out.append(P("IPT usually has between 12 and 16 sessions of about 50 minutes, once "
                     "a week. Your therapist will agree the exact number with you.", "lead"))
    out.append(P("Having a set number keeps us focused on what matters most. We only change "
                 "it if we both agree.", "lead"))
    if contract and contract.missed_policy:
        out.append(P(f"<b>If you cannot come:</b> {esc(contract.missed_policy)}", "lead"))
    else:
        out.append(P("<b>If you cannot come:</b> please let your therapist know as early as "
                     "you can, so the time can be used well.", "lead"))
    out.append(heading("Medication alongside"))
    out.append(P("IPT works on its own or together with medication. If you take medicine "
                 "for your mood, keep taking it as your doctor advised. Tell your therapist "
                 "if anything changes. Please do not stop a medicine suddenly without "
                 "talking to your doctor first.", "lead"))
    rows = [[P(f"<b>{esc(n)}</b><br/><font size=8 color='#5f6b7a'>{esc(w)}</font>", "cell"),
             T(d, "cell")] for n, w, d in PHASES]
    out.append(KeepTogether([heading("How the sessions go"),
                             grid_table(["Part", "What happens"], rows,
                                        [42 * mm, width - 42 * mm])]))
    out += [heading("Between sessions"),
            *bullets(["Notice moments with people that left you feeling better or worse. "
                      "Bring one to the next session.",
                      "At each session you fill in a short questionnaire about how you have "
                      "been. It helps us both see what is changing.",
                      "Be kind to yourself. Small steps count."], "lead_bullet")]
    out.append(Spacer(0, 4 * mm))
    contact = [P("<b>How to reach your therapist</b>", "callout")]
    who = ", ".join(x for x in (practice.name, practice.practice_name) if x)
    if who:
        contact.append(T(who, "callout"))
    if practice.contact:
        contact.append(T(practice.contact, "callout"))
    contact.append(P("If you ever feel unsafe, or think about harming yourself, contact your "
                     "doctor, call your local emergency number, or go to the nearest "
                     "emergency department.", "body"))
    out.append(KeepTogether(Callout(contact, width)))
    return spec, out

