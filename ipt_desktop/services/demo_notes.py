"""Session-note templates for the demo vault: phase by phase, problem area by area.

Placeholders are filled from each fictional case: {c} the client, {p} the person at
the centre of the focus, {f} a supportive person, {rel} how {p} is related, {issue},
{old}, {new}, {lost}, {onset}, {sickrole}, {n} the contract length, {they}/{their} the client's pronouns.
"""
from __future__ import annotations

INITIAL = [
    {"summary": "First meeting. {c} described {onset}. We went through the PHQ-9 and GAD-7 "
                "together and named this as depression: a real and treatable illness, not a "
                "weakness. Talked about the sick role: {sickrole}. Explained how IPT links "
                "mood with what is happening in close relationships, and that we meet for a "
                "fixed number of weekly sessions.",
     "techniques": "Assessment; psychoeducation about depression; giving the sick role; "
                   "explaining IPT and its time limit.",
     "emotions": "Tearful at times; visibly relieved that what is happening has a name.",
     "homework": "Read the 'About IPT' handout. Notice which conversations in the week lift "
                 "or lower mood.",
     "risk": "Asked about thoughts of self-harm and suicide: none reported. Knows how to "
             "reach the GP and the out-of-hours line."},
    {"summary": "Started the Interpersonal Inventory and drew the closeness circle together. "
                "{c} placed {f} without hesitating and took a long time over where {p} "
                "belongs. The low mood is bound up with {issue}. Much of the session went on {p}: "
                "what is good, what is hard, what each expects of the other.",
     "techniques": "Interpersonal Inventory; closeness circle; timeline of mood against "
                   "relationship events.",
     "emotions": "Flat at the start, warmer when talking about {f}.",
     "homework": "Think about who is missing from the circle, and where {p} would have "
                 "been a year ago."},
    {"summary": "Shared the interpersonal formulation: the depression is tied to {issue}, "
                "and that is where we will put our effort. {c} agreed with it and added a "
                "detail of {their} own. Agreed the contract: {n} weekly sessions of 50 "
                "minutes, with the ending in view from the start.",
     "techniques": "Interpersonal formulation; agreeing the focus and goals; treatment "
                   "contract.",
     "emotions": "Some hope; worried that {n} sessions will not be enough.",
     "homework": "Write two goals for the therapy in own words and bring them next week."},
]

MIDDLE = {
    "dispute": [
        {"summary": "Went through a row with {p} in detail. It was about {issue}, but it "
                    "quickly turned into who does more. {c} could see that neither of them "
                    "said what they actually wanted.",
         "techniques": "Interpersonal incident; communication analysis.",
         "communication_analysis": "Opened with a criticism ('you never...') rather than a "
                                   "request; {p} defended rather than heard. Both went "
                                   "quiet and the topic was dropped unresolved.",
         "emotions": "Anger first, then sadness underneath it.",
         "homework": "Before the next difficult conversation with {p}, write down the one "
                     "thing you want to ask for.",
         "incident": {"who": "p", "what_happened": "Argument at home on Sunday evening.",
                      "said": "'You never think about how this lands on me.'",
                      "meant": "I am exhausted and need you to share this.",
                      "heard": "{p} heard blame and listed everything they had done.",
                      "feelings": "Hurt, angry, then hopeless.",
                      "outcome": "Went to bed without speaking; cold for two days."}},
        {"summary": "Mapped the dispute: what {c} expects of {p}, what {p} seems to expect "
                    "back, and where they differ. We looked at the stage of the dispute "
                    "and what a fair compromise might look like.",
         "techniques": "Clarifying expectations; exploring options.",
         "ps_problem": "Stuck on {issue}; every attempt to talk ends in a row.",
         "ps_options": "Raise it at a calm time; write a note first; ask {f} for advice; "
                       "agree a weekly time to talk about practical things.",
         "ps_pros_cons": "A set time feels artificial but stops it spilling into every "
                         "evening; a note avoids interruption but may seem cold.",
         "ps_choice": "Suggest a set half hour at the weekend, starting with one request.",
         "emotions": "More hopeful by the end; anxious about {p}'s reaction.",
         "homework": "Propose the weekend half hour to {p}."},
        {"summary": "Role-played the conversation with {p}. First attempt was apologetic "
                    "and vague; the second was clear and kind. {c} noticed how much calmer "
                    "{they} felt when asking rather than accusing.",
         "techniques": "Role play; rehearsal of a specific request.",
         "role_play": "Therapist as {p}. Practised opening with 'I would like...' and "
                      "staying with it when interrupted.",
         "emotions": "Embarrassed at first, then able to laugh about it.",
         "homework": "Have the real conversation and note what {p} says."},
        {"summary": "{c} had the conversation. {p} listened more than expected and agreed "
                    "to part of the request. Reviewed what worked and what to try next "
                    "time.",
         "techniques": "Reviewing homework; communication analysis; reinforcing change.",
         "ps_problem": "Following through on the agreement with {p}.",
         "ps_choice": "Check in briefly on Wednesday evenings.",
         "ps_outcome": "First check-in went well; one slip, repaired the next day.",
         "emotions": "Proud, cautious.",
         "homework": "Keep the Wednesday check-in; notice one thing {p} does well.",
         "incident": {"who": "p", "what_happened": "The planned weekend talk.",
                      "said": "'I would like us to sort this out together.'",
                      "meant": "I want us to be on the same side.",
                      "heard": "{p} said they had not realised how stretched {c} was.",
                      "feelings": "Relief; surprise.",
                      "outcome": "Agreed a first small change; both warmer afterwards."}},
        {"summary": "A setback: the old pattern came back during a tiring week. Looked at "
                    "what set it off and what {c} could do differently, without treating "
                    "it as a failure.",
         "techniques": "Interpersonal incident; linking mood and conflict.",
         "emotions": "Discouraged; some self-blame, gently questioned.",
         "homework": "Repair conversation with {p}; one pleasant thing together."},
    ],
    "transition": [
        {"summary": "Talked about the old role ({old}): what it gave {c} and what it cost. "
                    "A lot of identity was bound up in it. Some real losses, and some "
                    "things {c} does not miss at all.",
         "techniques": "Exploring the old role; grieving its losses.",
         "emotions": "Sad and a little angry about how it ended.",
         "homework": "List three things from the old role worth keeping in some form."},
        {"summary": "Looked at the new role ({new}). {c} sees mostly losses in it so far; we "
                    "looked for gains, and for what skills it calls for.",
         "techniques": "Evaluating the new role; building a balanced view.",
         "ps_problem": "Days feel shapeless and lonely in the new role.",
         "ps_options": "A fixed morning routine; volunteering; a course; contacting {f} "
                       "weekly; joining a group.",
         "ps_pros_cons": "Volunteering gives structure and people but feels like a step "
                         "down; a course is new and therefore frightening.",
         "ps_choice": "Weekly call with {f} and one visit to the community centre.",
         "emotions": "Reluctant; some curiosity at the end.",
         "homework": "Make the call to {f}; find out the community centre's times."},
        {"summary": "Went through an exchange with {p} about {issue}. {c} felt unseen in the "
                    "new role and said so sharply; we looked at other ways to say it.",
         "techniques": "Interpersonal incident; communication analysis.",
         "communication_analysis": "Hinted rather than asked; then withdrew. {p} did not "
                                   "pick up the hint and felt pushed away.",
         "emotions": "Irritation, then loneliness.",
         "homework": "Tell {p} one thing that would help this week.",
         "incident": {"who": "p", "what_happened": "Talk in the kitchen about the week ahead.",
                      "said": "'Fine, do what you like, it doesn't involve me anymore.'",
                      "meant": "I feel left out and useless.",
                      "heard": "{p} heard that {c} did not want to be included.",
                      "feelings": "Hurt, ashamed.",
                      "outcome": "Evening spent apart; raised it again two days later."}},
        {"summary": "{c} reported the visit went better than feared and met two people. "
                    "Mood noticeably lighter. Built on it: what made it possible, and what "
                    "next.",
         "techniques": "Reviewing homework; reinforcing new social contacts.",
         "ps_outcome": "Went twice; agreed to help with the Thursday session.",
         "emotions": "Brighter; some pride.",
         "homework": "Go again on Thursday; tell {f} how it went.",
         "incident": {"who": "f", "what_happened": "Phone call after the visit.",
                      "said": "'I actually enjoyed it, which surprised me.'",
                      "meant": "I might be getting somewhere.",
                      "heard": "{f} was delighted and said so.",
                      "feelings": "Warmth; encouragement.",
                      "outcome": "Arranged to meet for coffee."}},
        {"summary": "Role-played telling {p} what has changed and what {c} needs now. "
                    "Practised accepting help without feeling diminished.",
         "techniques": "Role play; rehearsing the new role.",
         "role_play": "Therapist as {p}; {c} asked directly for practical help and then "
                      "for company.",
         "emotions": "Awkward, then steadier.",
         "homework": "Ask {p} for one specific thing."},
    ],
    "grief": [
        {"summary": "{c} told the story of {lost}'s last weeks and the day of the death in "
                    "detail, some of it for the first time. We went slowly; the room had "
                    "space for it.",
         "techniques": "Reconstructing the relationship and the loss; facilitating "
                       "mourning.",
         "emotions": "Deep sadness; guilt about not being there at the very end.",
         "homework": "Look through photographs if it feels manageable; bring one next time."},
        {"summary": "Talked about {lost} as a whole person, not only the good parts. {c} was "
                    "able to say what was hard between them too, and that the anger is "
                    "allowed.",
         "techniques": "Exploring ambivalence towards the person lost.",
         "emotions": "Laughter at a shared memory; anger; then quiet.",
         "homework": "Write a letter to {lost} (not to send) about what was left unsaid."},
        {"summary": "{c} read part of the letter. Then talked about others: {f} keeps "
                    "offering to visit and {c} keeps putting it off. Looked at what gets in "
                    "the way of accepting support.",
         "techniques": "Processing the letter; re-engaging with others.",
         "ps_problem": "Withdrawn from everyone since the funeral.",
         "ps_options": "Say yes to {f}'s visit; go back to the choir; call {p}; keep "
                       "waiting until it feels easier.",
         "ps_pros_cons": "Waiting feels safer but the isolation keeps the mood low; {f}'s "
                         "visit is easiest to start with.",
         "ps_choice": "Invite {f} for Sunday lunch.",
         "emotions": "Moved; tired.",
         "homework": "Invite {f}."},
        {"summary": "The anniversary of {lost}'s birthday fell this week. Went through how "
                    "the day went and who {c} spent it with.",
         "techniques": "Interpersonal incident; anticipating difficult dates.",
         "emotions": "Sad but not overwhelmed; surprised by that.",
         "homework": "Mark the next difficult date on the calendar with a plan beside it.",
         "incident": {"who": "f", "what_happened": "Visit from {f} on the birthday.",
                      "said": "'I didn't want to be on my own today.'",
                      "meant": "I need you, and I am letting myself say it.",
                      "heard": "{f} said they had been waiting to be asked.",
                      "feelings": "Grief, warmth, some relief.",
                      "outcome": "Spent the afternoon together; planned another visit."}},
        {"summary": "Talked about what a life after the loss might hold, and which "
                    "relationships to build on. {c} talked about {p} with more warmth than "
                    "before.",
         "techniques": "Building new attachments; encouraging activity.",
         "emotions": "Hopeful, with guilt about feeling better.",
         "homework": "One new or renewed activity with other people."},
    ],
    "sensitivity": [
        {"summary": "Went through past relationships in detail to find the pattern: {c} "
                    "makes a good start, then pulls back at the first sign of rejection. "
                    "Linked this with how isolated {c} has become, especially with "
                    "{issue}.",
         "techniques": "Reviewing past relationships; identifying repeating patterns.",
         "emotions": "Embarrassed; also curious.",
         "homework": "Notice moments this week of wanting to pull back from someone."},
        {"summary": "Looked at our own relationship as a sample: {c} had cancelled last "
                    "week expecting me to be annoyed. Talked about what {they} expected and "
                    "what actually happened.",
         "techniques": "Using the therapeutic relationship; checking assumptions.",
         "communication_analysis": "Assumes irritation in others and apologises in advance, "
                                   "which makes conversations feel formal.",
         "emotions": "Anxious, then relieved.",
         "homework": "Check one assumption with {f} by asking directly."},
        {"summary": "Prepared a small social step: replying to {p}'s invitation rather than "
                    "letting it go unanswered.",
         "techniques": "Problem solving; graded social contact.",
         "ps_problem": "{p} invited {c} out and the message has been left unanswered.",
         "ps_options": "Accept; suggest something smaller instead; decline kindly; ignore.",
         "ps_pros_cons": "Ignoring is easiest now and worst later; a smaller plan feels "
                         "manageable.",
         "ps_choice": "Suggest a coffee instead of the party.",
         "emotions": "Nervous; determined.",
         "homework": "Send the reply to {p}."},
        {"summary": "Role-played starting a conversation and keeping it going. {c} tends to "
                    "answer questions and then stop; practised asking one back.",
         "techniques": "Role play; social skills rehearsal.",
         "role_play": "Therapist as {p} at the coffee; practised asking a follow-up "
                      "question and sharing something small about self.",
         "emotions": "Awkward, laughing at the awkwardness.",
         "homework": "Use one follow-up question in a real conversation."},
        {"summary": "{c} met {p} for coffee. Went through it in detail: it went better than "
                    "expected, with one silence that felt long but passed.",
         "techniques": "Interpersonal incident; reinforcing success.",
         "ps_outcome": "Met for an hour; {p} suggested doing it again.",
         "emotions": "Pleased, a little exposed.",
         "homework": "Arrange the next meeting yourself.",
         "incident": {"who": "p", "what_happened": "Coffee with {p}.",
                      "said": "'Sorry, I'm not very good at this.'",
                      "meant": "Please don't judge me.",
                      "heard": "{p} laughed kindly and said 'Neither am I.'",
                      "feelings": "Relief; warmth.",
                      "outcome": "Agreed to meet again in a fortnight."}},
    ],
}

GENERAL = [
    {"summary": "Mid-point review. Went back over the goals and the PHQ-9 chart so far. "
                "{c} could name what has shifted and what has not; we agreed to keep the "
                "focus where it is.",
     "techniques": "Mid-treatment review; revisiting the formulation.",
     "emotions": "Thoughtful; frustrated that progress is uneven.",
     "homework": "Choose one part of the focus to push on in the coming weeks."},
    {"summary": "A hard week: poor sleep and low mood most days. Linked the dip with what "
                "had happened with {p} on Tuesday, which {c} had not connected at first.",
     "techniques": "Linking mood and interpersonal events; reaffirming the sick role.",
     "emotions": "Low; self-critical, and a little lighter once the link was seen.",
     "homework": "Keep a short daily note of mood and who was seen that day."},
    {"summary": "Spent most of the session on {f}, who has been steady throughout. {c} has "
                "been reluctant to lean on {f} for fear of being a burden.",
     "techniques": "Encouraging use of support; exploring expectations.",
     "emotions": "Warm; guilty about needing help.",
     "homework": "Tell {f} a little more than usual about how things really are.",
     "incident": {"who": "f", "what_happened": "Phone call with {f} at the weekend.",
                  "said": "'Oh, you know, same as ever.'",
                  "meant": "I am struggling but I don't want to worry you.",
                  "heard": "{f} heard that {c} did not want to talk.",
                  "feelings": "Lonely afterwards; annoyed with self.",
                  "outcome": "Short call; {c} wished {they} had said more."}},
    {"summary": "Stayed with the feelings that came up when talking about {p}: a mixture "
                "of sadness and resentment that {c} usually pushes away. Gave them room.",
     "techniques": "Encouraging affect; processing emotional reactions.",
     "emotions": "Cried for the first time in a session; calmer afterwards.",
     "homework": "Notice the feeling before pushing it away; name it, even just to self."},
]

CONCLUDING = [
    {"summary": "Raised the ending: {remaining} more sessions after this one. Reviewed the goals one by one "
                "and compared the first PHQ-9 with this week's. {c} noticed the change "
                "before I pointed it out.",
     "techniques": "Anticipating the ending; progress review.",
     "emotions": "Pleased; some worry about coping without the sessions.",
     "homework": "Write down the early signs that things are slipping."},
    {"summary": "Drew the closeness circle again and put it beside the first one. {f} has "
                "moved closer, and the relationship with {p} looks different. Worked on "
                "warning signs and a plan for the problems ahead.",
     "techniques": "Comparing the circles; relapse prevention; closing plan.",
     "emotions": "Moved by the comparison.",
     "homework": "Show the closing plan to {f}."},
    {"summary": "Final session of the contract. Went through the closing plan together; "
                "{c} took a copy home. Talked about feelings about ending: sadness and "
                "confidence together.",
     "techniques": "Ending; acknowledging the relationship; closing plan agreed.",
     "emotions": "Sad to finish, and ready.",
     "homework": "Keep the plan somewhere easy to find."},
]

MAINTENANCE = [
    {"summary": "Monthly maintenance session. Mood has held; one wobble around a difficult "
                "date, handled with the plan. Checked the warning signs together.",
     "techniques": "Maintenance review; relapse prevention.",
     "emotions": "Steady.",
     "homework": "Carry on with the weekly contact with {f}."},
    {"summary": "Maintenance check-in. Talked about {p} and the next transition ahead. "
                "No return of the earlier symptoms.",
     "techniques": "Maintenance review; anticipating problems.",
     "emotions": "Settled; a little tired.",
     "homework": "Review the closing plan before the next session."},
]

ABSENT = {
    "missed": {"summary": "Did not attend and did not call. Sent a brief message the same "
                          "afternoon; {c} replied that {they} had overslept after a bad "
                          "night.",
               "homework": ""},
    "cancelled": {"summary": "Cancelled the day before (unwell). Counted towards the contract "
                             "as agreed; we will pick up where we left off.",
                  "homework": ""},
}

LATE = "Arrived 20 minutes late (traffic); shortened session, ended on time as agreed. "


def fill(template: dict, words: dict) -> dict:
    """A note template with the case's words put in (nested incident included)."""
    out = {}
    for key, value in template.items():
        if isinstance(value, dict):
            out[key] = fill(value, words)
        else:
            out[key] = value.format(**words)
    return out
