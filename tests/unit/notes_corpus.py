"""A labelled corpus of thank-you notes and other follow-up messages, for the note checker.

Each note is written the way a real candidate would write it; `expected` holds exactly the rule ids
that should fire on it, judged against the playbook (R7 and the "Note checker rules" table). Three
rules are out of scope: `spelling`, `similarity` and `late` (the corpus is checked with no speller,
no sibling notes and no sending time). Notes are grouped by the interview they belong to.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from datetime import date

from followup.domain.model import Kind
from followup.domain.notes.facts import NoteFacts, Recipient

IN_SCOPE = (
    "name_spelling",
    "greeting",
    "closing",
    "tone",
    "length",
    "thanks",
    "skills",
    "interest",
    "next_step",
    "specific",
    "forgotten",
    "helpers",
)


@dataclass(frozen=True)
class CorpusNote:
    text: str
    facts: NoteFacts
    expected: frozenset[str]


NOTES: list[CorpusNote] = []


def add(facts: NoteFacts, text: str, *expected: str) -> None:
    """Adds one note (its text dedented) with the rule ids that should fire on it."""
    unknown = set(expected) - set(IN_SCOPE)
    assert not unknown, unknown
    NOTES.append(CorpusNote(textwrap.dedent(text).strip("\n"), facts, frozenset(expected)))


# --- Acme Ltd, Data Analyst: Anna Kowalski (carries the extras) and David Smith -------------------
ANNA = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="José Núñez",
    recipient=Recipient("Anna Kowalski", "Analytics Lead"),
    company="Acme Ltd",
    position="Data Analyst",
    interview_day=date(2026, 12, 1),
    topic="moving the weekly sales reporting from Excel to Looker",
    next_step="a take-home SQL exercise",
    forgotten=("my Tableau certification",),
    helpers=("Maria Gomez",),
    names=("Anna Kowalski", "David Smith", "Maria Gomez", "José Núñez"),
    others=("David Smith",),
)
ANNA_PLAIN = replace(ANNA, forgotten=(), helpers=())
DAVID = replace(
    ANNA,
    recipient=Recipient("David Smith", "Head of Data"),
    others=("Anna Kowalski",),
    topic="rolling out data governance across the three regional offices",
    carries_extras=False,
)

add(
    ANNA,
    """
    Dear Ms. Kowalski,

    Thank you for taking the time to meet with me on Tuesday to talk about the Data Analyst
    position at Acme. I especially enjoyed hearing how your team is moving the weekly sales
    reporting out of Excel and into Looker, and the trade-offs you described around keeping the
    finance team on board during the switch.

    One thing I forgot to mention when we spoke: I completed my Tableau certification last spring,
    so the move to a BI tool is familiar ground.

    I remain very interested in the role and I look forward to the take-home SQL exercise you
    mentioned. Please also pass on my thanks to Maria Gomez, who made me feel welcome at reception.

    Best regards,
    José Núñez
""",
)
add(
    ANNA,
    """
    Hi Anna,

    Thanks so much for your time yesterday. I left our conversation really energised about the
    Looker migration – the idea of retiring that 40-tab Excel workbook made me laugh, and I've been
    thinking about how the weekly sales numbers could be rebuilt as a single explore.

    I also meant to say that I hold a Tableau certification, which I forgot to bring up when we
    talked about dashboards.

    I'm still very excited about the Data Analyst role and I'm happy to get started on the SQL
    exercise whenever it arrives. And please say thank you to Maria at the front desk for the
    coffee and the directions!

    Warm regards,
    José
""",
)
add(
    ANNA,
    """
    Dear Anna,

    Thank you for meeting with me yesterday about the Data Analyst opening. I enjoyed our
    discussion of the Looker rollout and how you plan to phase out the Excel version of the weekly
    sales report without disrupting the regional managers who depend on it.

    Our conversation confirmed how much I would like to be part of your team. I look forward to
    receiving the take-home SQL exercise and to the next stage of the process.

    Kind regards,
    José Núñez
""",
    "forgotten",
    "helpers",
)
add(
    ANNA,
    """
    Dear Ms. Kowalski,

    Thank you for your time on Tuesday. It was great to learn about the move from Excel to Looker
    for the weekly sales reporting.

    With my five years of SQL experience and my background in retail analytics, I am confident I
    would hit the ground running. I have built reporting pipelines for teams much larger than yours
    and I bring strong expertise in data modelling.

    I forgot to mention that I am Tableau certified. Please thank Maria Gomez for her help on the
    day.

    I remain very interested in the Data Analyst position.

    Sincerely,
    José Núñez
""",
    "skills",
    "next_step",
)
add(
    ANNA,
    """
    Hey Anna!!

    Thx for the chat yesterday, it was awesome to hear about the Looker thing 😀 ur team sounds
    super fun and I'm gonna nail that SQL exercise lol.

    Also forgot to say I've got my Tableau cert. Say hi to Maria for me.

    Cheers,
    José
""",
    "greeting",
    "tone",
    "closing",
    "interest",
)
add(
    ANNA,
    """
    Dear Ms. Kowalsky,

    Thank you for meeting with me on Tuesday to discuss the Data Analyst role. I appreciated your
    candour about the challenges of moving the weekly sales reports from Excel to Looker,
    especially getting sign-off from the finance team.

    I should have mentioned during our conversation that I earned my Tableau certification this
    year. I would also like to thank Marie Gomes, who kindly showed me to the meeting room.

    I am very interested in joining Acme, and I look forward to the SQL exercise.

    Best regards,
    José Núñez
""",
    "name_spelling",
)
add(
    ANNA,
    """
    Dear Ms. Kowalski,

    I wanted to thank you for the time you spent with me on Tuesday afternoon. I know how busy the
    end of the quarter is for an analytics team, and I appreciated that you did not rush any part
    of our conversation, even when it ran past the hour.

    Our discussion about moving the weekly sales reporting from Excel to Looker has stayed with me.
    You described the current workbook, the manual copy-and-paste steps every Monday morning, and
    the way the regional managers have come to rely on particular tabs and colours. I found it
    striking that the hardest part of the project is not the technology but the habits around it,
    and I liked your idea of running the two reports side by side for a month so that nobody loses
    trust in the numbers.

    I also enjoyed meeting the rest of the team over lunch and hearing how they split the work
    between ad-hoc requests and longer projects. It sounds like a place where people help each
    other, which matters a great deal to me.

    I forgot to mention my Tableau certification, which I completed in the spring. Maria Gomez was
    very kind at reception and made the afternoon start smoothly.

    I remain very interested in the Data Analyst position and I look forward to the take-home SQL
    exercise.

    With best regards,
    José Núñez
""",
    "length",
)
add(
    ANNA,
    """
    Thank you again for the interview on Tuesday, Anna. I enjoyed hearing about the plan to move
    the weekly sales reporting from Excel into Looker, and I have been thinking about how the
    regional breakdowns could work as drill-downs.

    I forgot to mention during the interview that I hold a Tableau certification. I would also
    like to thank Maria Gomez for her warm welcome.

    I am very keen to join your team and I look forward to the SQL exercise.

    Best regards,
    José Núñez
""",
    "greeting",
)
add(
    ANNA,
    """
    To whom it may concern,

    Thank you for the opportunity to interview for the Data Analyst position at Acme Ltd. I
    appreciate the time the team spent with me and I remain very interested in the position.

    I look forward to hearing from you about the next steps.

    Sincerely,
    José Núñez
""",
    "greeting",
    "specific",
    "next_step",
    "forgotten",
    "helpers",
)
add(
    ANNA_PLAIN,
    """
    Hi Anna,

    Thank you for a really enjoyable conversation this morning. Hearing how the weekly sales report
    will move from Excel to Looker made the role feel very concrete, and I liked your point that a
    dashboard is only useful if the regional managers actually open it.

    I'm excited about the Data Analyst position and I'll keep an eye on my inbox for the SQL
    exercise.

    Best,
    José
""",
)
add(
    ANNA_PLAIN,
    """
    Good morning Ms. Kowalski,

    My apologies for not writing sooner. Thank you for meeting with me on Tuesday to discuss the
    Data Analyst role. I enjoyed our conversation about the Excel-to-Looker migration and the
    phased rollout to the sales regions.

    I am very interested in the position and look forward to the take-home SQL exercise.

    Kind regards,
    José Núñez
""",
    "tone",
)
add(
    ANNA_PLAIN,
    """
    Dear Anna,

    I enjoyed our conversation on Tuesday about the Data Analyst role, particularly your plans for
    replacing the Excel sales workbook with Looker dashboards. The way you plan to involve the
    regional managers early seemed very sensible to me.

    I am keen to join Acme and I look forward to the SQL exercise.

    Thank you,
    José Núñez
""",
    "thanks",
)

add(
    DAVID,
    """
    Dear Mr. Smith,

    Thank you for your time on Tuesday and for the thoughtful questions about data quality. I found
    our discussion of the data governance rollout across the three regional offices fascinating,
    especially the idea of naming a data owner in each office rather than centralising everything
    in London.

    With the SQL exercise as the next step, I am looking forward to showing you how I approach
    messy source data. I remain very enthusiastic about the Data Analyst role.

    Best regards,
    José Núñez
""",
)
add(
    DAVID,
    """
    Dear Mr. Smyth,

    Many thanks for meeting me on Tuesday. I especially enjoyed hearing about the governance
    programme for the regional offices and how each office will nominate its own data steward.

    I am very interested in the Data Analyst role, and I look forward to completing the SQL
    exercise.

    With thanks,
    José Núñez
""",
    "name_spelling",
)
add(
    DAVID,
    """
    Dear Sir or Madam,

    Thank you for interviewing me for the Data Analyst position. I enjoyed learning about the data
    governance work in the regional offices and how it ties into the Looker project.

    I am still very interested in the role and look forward to the take-home SQL exercise.

    Yours sincerely,
    José Núñez
""",
    "greeting",
)
add(
    DAVID,
    """
    Dear David,

    Thank you for taking the time to talk with me about the Data Analyst role yesterday. I really
    enjoyed our conversation and came away with a clear picture of the team and the way it works
    with the rest of the business.

    I would love to join Acme, and I will look out for the SQL exercise later this week.

    Best wishes,
    José
""",
    "specific",
)
add(
    DAVID,
    """
    Dear Mr. Smith,

    Thank you for our conversation on Tuesday about governance across the three regional offices.
    I believe my ability to deliver clean, well-documented data models would be a real asset as
    you roll out data ownership in each office, and my experience with dbt means I could
    contribute from day one.

    I remain very interested in the Data Analyst role and look forward to the SQL exercise.

    Kind regards,
    José Núñez
""",
    "skills",
)
add(
    DAVID,
    """
    Dear David,

    Thank you for the conversation on Tuesday. I really appreciated you sharing your experience
    leading the governance rollout in the first regional office, and what it taught you about doing
    the other two offices differently. It was also good to hear about the skills your team is
    building in data modelling and documentation.

    I'm excited about the Data Analyst role and look forward to the take-home SQL exercise.

    Best regards,
    José Núñez
""",
)
add(
    DAVID,
    """
    Dear Mr. Smith,

    Thank you for meeting with me about the Data Analyst position. Your description of the data
    governance rollout across the three regional offices was one of the most interesting parts of
    my day, and I have been reading more about data stewardship models since.

    I remain very interested and look forward to the SQL exercise.

    Best regards
""",
    "closing",
)
add(
    DAVID,
    """
    Hi David,

    Thanks for your time on Tuesday and for walking me through the governance rollout across the
    regional offices. I liked the idea of each office having a named data owner.

    Really keen on the Data Analyst job and looking forward to the SQL exercise.

    Thx,
    José
""",
    "closing",
)

# --- Brightwave Health, Nurse Manager: Siobhán Ó Briain (carries the extras) and Niamh Walsh ----
SIOBHAN = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Priya Raman",
    recipient=Recipient("Siobhán Ó Briain", "Director of Patient Care"),
    company="Brightwave Health",
    position="Nurse Manager",
    topic="reducing errors at the night-shift handover",
    next_step="a panel interview with the Director of Nursing",
    forgotten=("my work on the sepsis screening audit",),
    helpers=("Tom Byrne",),
    names=("Siobhán Ó Briain", "Tom Byrne", "Priya Raman", "Niamh Walsh"),
    others=("Niamh Walsh",),
)
NIAMH = replace(
    SIOBHAN,
    recipient=Recipient("Niamh Walsh", "Ward Manager"),
    others=("Siobhán Ó Briain",),
    topic="staff rostering and agency nurse costs",
    carries_extras=False,
)

add(
    SIOBHAN,
    """
    Dear Ms. Ó Briain,

    Thank you for meeting with me on Monday to discuss the Nurse Manager post at Brightwave Health.
    I was struck by your account of the night-shift handover and the work your ward has done to
    reduce handover errors with a structured checklist.

    I did not get the chance to mention my work on the sepsis screening audit at St. Luke's, which
    looked at exactly this kind of handover gap. I would be glad to share the summary if it is
    useful.

    I remain very interested in the role and look forward to the panel interview with the Director
    of Nursing. Please also pass on my thanks to Tom Byrne, who kindly gave me a tour of the unit.

    Yours sincerely,
    Priya Raman
""",
)
add(
    SIOBHAN,
    """
    Dear Siobhan,

    Thank you so much for your time yesterday. I keep coming back to what you said about
    night-shift handovers, and how a five-minute structured handover cut medication errors on your
    ward.

    I forgot to mention my work on the sepsis screening audit, which dealt with a similar handover
    problem. Please also thank Tom Byrne for showing me around.

    I'm very much looking forward to the panel interview with the Director of Nursing, and I
    remain keen on the Nurse Manager position.

    Warm regards,
    Priya
""",
    "name_spelling",
)
add(
    SIOBHAN,
    """
    Dear Ms. O'Brien,

    Thank you for the interview on Monday for the Nurse Manager position. I enjoyed hearing about
    your plans to reduce handover errors on the night shift.

    I am very interested in joining Brightwave Health and look forward to the panel interview.

    Kind regards,
    Priya Raman
""",
    "name_spelling",
    "forgotten",
    "helpers",
)
add(
    SIOBHAN,
    """
    Dear Shiobhan,

    Thank you for taking the time to interview me for the Nurse Manager role. Our conversation
    about night-shift handover errors gave me a great deal to think about, particularly the idea of
    bedside handovers with the patient involved.

    I meant to mention my sepsis screening audit, which is closely related. I would also like to
    thank Tom Byrne for his kindness during my visit.

    I am excited about the possibility of joining your team and look forward to meeting the panel
    and the Director of Nursing.

    Best regards,
    Priya Raman
""",
    "name_spelling",
)
add(
    SIOBHAN,
    """
    Dear Ms. Ó Briain,

    Sorry again for arriving ten minutes late on Monday, the traffic on the ring road was awful.
    Thank you for still giving me the full hour to talk about the Nurse Manager role and the
    night-shift handover project.

    I forgot to say that I led the sepsis screening audit at my current hospital. Many thanks as
    well to Tom Byrne for his help.

    I am still very interested in the post and hope to see you at the panel interview with the
    Director of Nursing.

    Regards,
    Priya Raman
""",
    "tone",
)
add(
    SIOBHAN,
    """
    Dear Siobhán,

    Thank you for a warm and open conversation on Monday. Hearing how your ward cut night-shift
    handover errors by moving the handover to the bedside was inspiring, and it is exactly the sort
    of practical change I would love to help with.

    One thing I left out: I coordinated our hospital's sepsis screening audit last year, and a lot
    of what we found was about handovers too.

    I am very keen on the Nurse Manager post and look forward to the panel interview. Please give
    my thanks to Tom Byrne for the tour.

    Kind regards,
    Priya Raman
""",
)
add(
    SIOBHAN,
    """
    Dear Ms. Ó Briain,

    Thank you for the opportunity to interview for the Nurse Manager position. As a nurse with
    twelve years of acute care experience, I am confident that my leadership skills and clinical
    expertise make me an ideal candidate. I have successfully managed teams of up to thirty nurses
    and I have a proven track record of improving patient outcomes.

    I believe I could make an immediate impact on the night-shift handover work you described.

    I look forward to the panel interview.

    Yours sincerely,
    Priya Raman
""",
    "skills",
    "forgotten",
    "helpers",
)
add(
    NIAMH,
    """
    Dear Neamh,

    Thank you for your time on Monday. I found our discussion of staff rostering really useful,
    particularly your point that agency nurse costs are a symptom of the roster rather than the
    cause.

    I am very interested in the Nurse Manager role and look forward to the next stage.

    Best wishes,
    Priya Raman
""",
    "name_spelling",
    "next_step",
)
add(
    NIAMH,
    """
    Dear Niamh,

    Thank you for showing me around the ward on Monday and for being so open about the rostering
    problems. Your idea of letting senior staff swap shifts through a shared rota, instead of
    calling in agency nurses at the last minute, seemed both simple and brave.

    I would be delighted to join Brightwave Health as Nurse Manager, and I look forward to meeting
    the panel and the Director of Nursing.

    With best wishes,
    Priya Raman
""",
)

# --- Northwind Logistics, Operations Coordinator: 王芳 --------------------------------------------
FANG = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Emily Carter",
    recipient=Recipient("王芳", "Operations Director"),
    company="Northwind Logistics",
    position="Operations Coordinator",
    topic="the warehouse slotting project in Suzhou",
    next_step="reference checks",
    helpers=("Liam Chen",),
    names=("王芳", "Liam Chen", "Emily Carter"),
)

add(
    FANG,
    """
    Dear 王芳,

    Thank you for speaking with me on Thursday about the Operations Coordinator role. I really
    enjoyed hearing about the warehouse slotting project in Suzhou and how moving the
    fastest-selling lines closer to the packing stations cut picking time.

    Thank you also to Liam Chen for arranging the video link and checking in with me beforehand.

    I remain very interested in the position and I am happy to provide references for the
    reference checks whenever you need them.

    Best regards,
    Emily Carter
""",
)
add(
    FANG,
    """
    Dear 王方,

    Thank you for the interview on Thursday. It was fascinating to learn about the slotting project
    in the Suzhou warehouse, and I have been reading about velocity-based slotting since.

    I also want to thank Liam Chen for his help with the video call. I am very interested in the
    Operations Coordinator role, and my referees are ready for the reference checks.

    Kind regards,
    Emily Carter
""",
    "name_spelling",
)
add(
    FANG,
    """
    Dear Ms. Wang,

    Many thanks for your time on Thursday. I enjoyed our conversation about the Suzhou warehouse
    and the slotting changes your team made before peak season.

    Please pass on my thanks to Liam Chan, who set up the call. I'm very keen on the Operations
    Coordinator role and look forward to hearing about the reference checks.

    Best,
    Emily
""",
    "name_spelling",
)
add(
    FANG,
    """
    Hi Fang,

    thanks for the call!! the Suzhou project sounds cool. let me know about next steps.

    Emily
""",
    "tone",
    "length",
    "closing",
    "interest",
    "helpers",
    "next_step",
)
add(
    FANG,
    """
    Dear 王芳,

    I am grateful for the time you took on Thursday to explain how Northwind plans its warehouse
    space. The slotting project in Suzhou, and the way your team used pick-frequency data to
    rearrange the aisles, is a great example of the practical problem-solving I enjoy.

    Liam Chen was a great help in getting the interview organised, so please pass on my thanks.

    I would very much like to join Northwind as an Operations Coordinator. My two referees have
    agreed to speak with you for the reference checks.

    Yours sincerely,
    Emily Carter
""",
)

# --- Kestrel Software, Senior Backend Engineer: Marcus Okafor (extras) and Priyanka Shah --------
MARCUS = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Daniel Kim",
    recipient=Recipient("Marcus Okafor", "Engineering Lead"),
    company="Kestrel Software",
    position="Senior Backend Engineer",
    topic="moving the billing monolith to event-driven services on Kafka",
    next_step="a system design round with the CTO",
    forgotten=("the open-source Kafka connector I maintain",),
    helpers=("Jenny Liu",),
    names=("Marcus Okafor", "Jenny Liu", "Daniel Kim", "Priyanka Shah"),
    others=("Priyanka Shah",),
)
PRIYANKA = replace(
    MARCUS,
    recipient=Recipient("Priyanka Shah", "Staff Engineer"),
    others=("Marcus Okafor",),
    topic="the on-call rotation and blameless incident reviews",
    carries_extras=False,
)

add(
    MARCUS,
    """
    Hi Marcus,

    Thanks for taking the time to talk on Friday. I enjoyed digging into the billing monolith with
    you, especially the question of which events to carve out first when you move it onto Kafka.
    The idea of starting with invoice generation and leaving payments for later made a lot of
    sense to me.

    I forgot to mention that I maintain an open-source Kafka connector for Postgres; the repo is at
    github.com/dkim/pg-kafka if you are curious.

    I'm really excited about the Senior Backend Engineer role and looking forward to the system
    design round with your CTO. And thanks to Jenny Liu for getting everything scheduled so
    smoothly.

    Best,
    Daniel
""",
)
add(
    MARCUS,
    """
    Hi Marcus,

    Thank you for the interview on Friday! I am REALLY excited about the Senior Backend Engineer
    role after hearing about the plan to break up the billing monolith with Kafka and event-driven
    services. The API design questions were great and I enjoyed talking about SQL versus NoSQL for
    the ledger.

    I forgot to mention the open-source Kafka connector that I maintain. Thanks also to Jenny Liu
    for organising the day.

    Looking forward to the system design round with the CTO.

    Best regards,
    Daniel Kim
""",
    "tone",
)
add(
    MARCUS,
    """
    Dear Marcus,

    Thank you for meeting with me on Friday. I'm a proven leader in distributed systems and I bring
    strong expertise in Kafka, so I am confident I could lead the migration of the billing
    monolith to event-driven services from the first week.

    I forgot to mention that I maintain an open-source Kafka connector. Jenny Liu was very helpful
    in arranging the interview.

    I remain very interested in the position and look forward to the system design round with the
    CTO.

    Kind regards,
    Daniel Kim
""",
    "skills",
)
add(
    MARCUS,
    """
    Dear Marcus,

    Thank you for your time on Friday. I enjoyed learning about your team's expertise with Kafka
    and hearing about your experience leading the first phase of the billing migration. Thank you
    for sharing your experience so openly, including the parts that went wrong.

    I forgot to mention the open-source Kafka connector I maintain, which touches on some of the
    same problems. Please thank Jenny Liu for me as well.

    I am very interested in the Senior Backend Engineer role and look forward to the system design
    round.

    Best regards,
    Daniel Kim
""",
)
add(
    MARCUS,
    """
    Hello Marcus,

    I wanted to say thank you for Friday's interview. The discussion about splitting the billing
    monolith into event-driven services was the most interesting technical conversation I have had
    in a while, and I appreciated how candid you were about the risks.

    I also should have mentioned that I maintain an open-source Kafka connector.

    I'm very enthusiastic about joining Kestrel and hope to hear from you soon.

    Regards,
    Daniel Kim
""",
    "next_step",
    "helpers",
)
add(
    MARCUS,
    """
    Dear Marcos,

    Thank you for the conversation on Friday about the Senior Backend Engineer role. Your plan for
    peeling invoice events off the billing monolith and onto Kafka was a great example of
    incremental migration done carefully.

    I should also have mentioned the open-source Kafka connector I maintain; happy to walk you
    through it. Thanks as well to Jenny Liu for coordinating everything.

    I remain very interested in joining Kestrel and look forward to the system design round with
    the CTO.

    Best regards,
    Daniel Kim
""",
    "name_spelling",
)
add(
    MARCUS,
    """
    Yo Marcus,

    Great chatting Friday 🙌 the Kafka stuff was super interesting tbh. See you at the system
    design round lol. Shout out to Jenny for sorting the calendar invite.

    Also I maintain an open-source Kafka connector, forgot to say.

    Later,
    Dan
""",
    "greeting",
    "tone",
    "closing",
    "thanks",
    "length",
    "interest",
)
add(
    PRIYANKA,
    """
    Dear Priyanka,

    Thank you for the time you spent with me on Friday. I appreciated your honest description of
    the on-call rotation and the blameless incident reviews, which sound like a healthy way to
    learn from outages.

    I'm very interested in joining Kestrel as a Senior Backend Engineer and look forward to the
    system design round with the CTO.

    Best regards,
    Daniel Kim
""",
)
add(
    PRIYANKA,
    """
    Dear Ms. Shaw,

    Thank you for talking with me on Friday about life on the backend team. The way you run
    incident reviews, with the timeline written before anyone discusses causes, is something I
    would love to learn from, and the on-call rotation sounds far more humane than most.

    I am very keen on the Senior Backend Engineer role and look forward to the system design round.

    Kind regards,
    Daniel Kim
""",
    "name_spelling",
)
add(
    PRIYANKA,
    """
    Hi Priyanka,

    Thanks again for Friday. I've worked on-call at three companies and I'm confident my incident
    management experience would make me a strong addition to your rotation. I have led dozens of
    post-mortems and I know how to run them well.

    Looking forward to the system design round!

    Best,
    Daniel
""",
    "skills",
)

# --- Harbor Bank, Compliance Analyst: after a rejection -------------------------------------------
RACHEL = NoteFacts(
    kind=Kind.THANK_AFTER_DECISION,
    sender="Tomás Ferreira",
    recipient=Recipient("Rachel Goldberg", "Head of Compliance"),
    company="Harbor Bank",
    position="Compliance Analyst",
    names=("Rachel Goldberg", "Tomás Ferreira", "Kevin O'Neill"),
)

add(
    RACHEL,
    """
    Dear Ms. Goldberg,

    Thank you for letting me know about your decision, and for considering me for the Compliance
    Analyst position. I enjoyed meeting you and Kevin O'Neill, and I learned a lot about how Harbor
    Bank approaches transaction monitoring.

    Although I am disappointed, I would be grateful if you would keep me in mind for future
    openings on the compliance team. I hope our paths cross again.

    Kind regards,
    Tomás Ferreira
""",
)
add(
    RACHEL,
    """
    Dear Rachel,

    Thank you for your email. I was disappointed to hear that the position went to another
    candidate, especially after three rounds of interviews, but I understand these decisions are
    difficult.

    Thank you for considering my application.

    Regards,
    Tomás Ferreira
""",
    "interest",
    "length",
)
add(
    RACHEL,
    """
    Dear Ms. Goldberg,

    I was sorry to hear that I was not selected for the Compliance Analyst role, but thank you for
    taking the time to call me personally and for considering my application so carefully. I
    appreciated your feedback about the case study, and I will take it on board.

    I would very much like to be considered for future openings at Harbor Bank, and I hope we can
    stay in touch.

    With best wishes,
    Tomás Ferreira
""",
)
add(
    RACHEL,
    """
    Dear Ms. Goldberg,

    Thank you for considering me for the Compliance Analyst position. While I am disappointed, I
    still believe my experience in anti-money-laundering investigations and my strong analytical
    skills would have made me a great fit for your team.

    Please keep me in mind for future roles, as I am confident I can add value to Harbor Bank.

    Sincerely,
    Tomás Ferreira
""",
    "skills",
)
add(
    RACHEL,
    """
    Dear Rachel,

    Thanks for letting me know. Please keep me in mind for future openings.

    Best,
    Tomás
""",
    "length",
    "thanks",
)
add(
    RACHEL,
    """
    Dear Rachael,

    Thank you for considering me for the Compliance Analyst role and for the time you and Kevin
    spent with me over the past few weeks. Although I was hoping for a different outcome, I really
    enjoyed getting to know the team.

    I remain very interested in Harbor Bank, and I would welcome the chance to be considered for
    future positions.

    Warm regards,
    Tomás Ferreira
""",
    "name_spelling",
)
add(
    RACHEL,
    """
    Dear Ms. Goldberg,

    Thank you for considering me for the Compliance Analyst position. I apologize if my answers in
    the final round were not what you were looking for; I was quite nervous.

    I would still love to work at Harbor Bank one day, so please keep me in mind for other
    openings.

    Kind regards,
    Tomás Ferreira
""",
    "tone",
)
add(
    RACHEL,
    """
    Dear Ms. Goldberg,

    Thank you for the call on Wednesday and for considering my application for the Compliance
    Analyst role. Please also thank Kevin O'Neil for his time during the second interview; I
    learned a great deal from his questions about sanctions screening.

    I hope you will keep me in mind for future openings at Harbor Bank.

    Best regards,
    Tomas Ferreira
""",
    "name_spelling",
)
add(
    RACHEL,
    """
    Rachel,

    Thank you for your time over the last month. I am disappointed with the outcome, but I
    understand. If a similar role comes up in the compliance team, I would love to hear about it
    and would be happy to apply again.

    Kind regards,
    Tomás Ferreira
""",
)

# --- Lumen Design Studio, UX Researcher: inquiry a week later -------------------------------------
CLAIRE = NoteFacts(
    kind=Kind.INQUIRY,
    sender="Hannah Schmidt",
    recipient=Recipient("Claire Dubois", "Research Lead"),
    company="Lumen Design Studio",
    position="UX Researcher",
    names=("Claire Dubois", "Hannah Schmidt"),
)

add(
    CLAIRE,
    """
    Dear Ms. Dubois,

    I hope you are well. I am writing to follow up on my interview on 3 March for the UX
    Researcher position. I enjoyed our conversation about the accessibility study for the banking
    app and I remain very interested in the role.

    Could you let me know whether there is any news on the timeline for a decision? I would be
    glad to provide anything else you need.

    Kind regards,
    Hannah Schmidt
""",
)
add(
    CLAIRE,
    """
    Hi Claire,

    Just checking in on the status of my application for the UX Researcher role. Any update?

    Thanks,
    Hannah
""",
    "interest",
    "length",
)
add(
    CLAIRE,
    """
    Dear Claire,

    I am following up on my interview for the UX Researcher position. Since we spoke, I have
    completed a diary study for a fintech client, which further demonstrates my ability to run
    research end to end. With my background in cognitive psychology and my experience leading
    usability programmes, I am confident I would be a strong addition to Lumen.

    I remain very interested and would appreciate any update on the timeline.

    Best regards,
    Hannah Schmidt
""",
    "skills",
)
add(
    CLAIRE,
    """
    Hi Claire :)

    Hope ur well! Just wanted to check in re the UX Researcher job - still super keen btw. Any news
    on when u guys will decide??

    Thanks so much,
    Hannah
""",
    "tone",
    "length",
)
add(
    CLAIRE,
    """
    Dear Madame Dubois,

    Following my interview on 3 March, I wanted to reiterate my strong interest in the UX
    Researcher position at Lumen Design Studio. Our discussion of the banking app accessibility
    study stayed with me, and I would be delighted to contribute to that work.

    May I ask whether a decision has been reached, or when one is expected?

    Thank you for your time and consideration.

    Yours sincerely,
    Hannah Schmidt
""",
)
add(
    CLAIRE,
    """
    Dear Claire,

    I'm sorry to bother you again, I know you must be very busy. I wanted to ask whether there is
    any update on the UX Researcher position. I am still very interested in joining Lumen and in
    the accessibility work we discussed.

    Many thanks,
    Hannah Schmidt
""",
    "tone",
)
add(
    CLAIRE,
    """
    Dear Clare,

    I hope your week is going well. I wanted to follow up on the UX Researcher position I
    interviewed for at the beginning of the month. I am still very enthusiastic about the role,
    and especially about the accessibility research for the banking app.

    Would you be able to share an update on the timing of a decision?

    Best regards,
    Hannah Schmidt
""",
    "name_spelling",
)
add(
    CLAIRE,
    """
    Hello,

    I interviewed for the UX Researcher role on 3 March and wanted to follow up. I remain very
    interested in the position and in the accessibility research we discussed, and I would be very
    grateful for any update on the timeline.

    Best regards,
    Hannah Schmidt
""",
    "greeting",
)
add(
    CLAIRE,
    """
    Dear Claire,

    I wanted to follow up on my interview for the UX Researcher position. It has been a little over
    a week, and I understand these things take time. I would appreciate it if you could let me know
    where things stand and whether you need anything further from me.

    Kind regards,
    Hannah Schmidt
""",
    "interest",
)

# --- Pinecrest School, Mathematics Teacher: withdrawing -------------------------------------------
AHMED = NoteFacts(
    kind=Kind.WITHDRAWAL_NOTE,
    sender="Olivia Brown",
    recipient=Recipient("Ahmed Hassan", "Head of Maths"),
    company="Pinecrest School",
    position="Mathematics Teacher",
    names=("Ahmed Hassan", "Olivia Brown"),
)

add(
    AHMED,
    """
    Dear Mr. Hassan,

    Thank you for inviting me to interview for the Mathematics Teacher position at Pinecrest
    School, and for the warm welcome your department gave me. After a great deal of thought, I
    have decided to withdraw my application, as I have accepted a position closer to home.

    I enjoyed meeting your team and hope our paths cross again.

    Yours sincerely,
    Olivia Brown
""",
)
add(
    AHMED,
    """
    Hey Ahmed,

    Just a heads up that I'm gonna withdraw from the maths teacher process, I took another job.
    Thanks for everything though, the school seemed great.

    Cheers,
    Liv
""",
    "greeting",
    "tone",
    "closing",
    "length",
)
add(
    AHMED,
    """
    Hi Ahmed,

    Thank you so much for your time last week and for showing me around the maths department. I
    have decided to withdraw my application for the Mathematics Teacher role; I have been offered a
    post at a school nearer my family and have accepted it.

    It was a genuinely difficult decision, because I liked everything I saw at Pinecrest. I wish
    you and the students all the best for the rest of the year.

    Warm regards,
    Olivia Brown
""",
)
add(
    AHMED,
    """
    Dear Mr. Hasan,

    I am writing to let you know that I would like to withdraw my application for the Mathematics
    Teacher position. I have accepted an offer from another school, and it would not be fair to
    keep you waiting. Thank you for your time and for a very enjoyable interview day.

    Kind regards,
    Olivia Brown
""",
    "name_spelling",
)
add(
    AHMED,
    """
    Dear Mr. Hassan,

    I am so sorry, but I need to withdraw my application for the Mathematics Teacher position. I
    apologise for any inconvenience this causes after all the time you spent organising the
    interview day. I have accepted another offer.

    Thank you again for your kindness.

    Sincerely,
    Olivia Brown
""",
    "tone",
)
add(
    AHMED,
    """
    Dear Mr. Hassan,

    Thank you for considering me for the Mathematics Teacher position. I have recently accepted
    another offer and would therefore like to withdraw my application. I very much enjoyed the
    lesson observation and our conversation about the new GCSE scheme of work.

    Kind regards
""",
    "closing",
)

# --- Orbit Media, Content Strategist: the last note -----------------------------------------------
LAURA = NoteFacts(
    kind=Kind.LAST_NOTE,
    sender="Sam Taylor",
    recipient=Recipient("Laura Bianchi", "Editorial Director"),
    company="Orbit Media",
    position="Content Strategist",
    names=("Laura Bianchi", "Sam Taylor"),
)

add(
    LAURA,
    """
    Dear Laura,

    I hope all is well at Orbit Media. I have not heard back about the Content Strategist position
    since my interview last month, so I will assume the team has moved in a different direction. I
    wanted to thank you for your time and say that I would be glad to hear from you if anything
    changes or a similar role opens up.

    Best wishes,
    Sam Taylor
""",
)
add(
    LAURA,
    """
    Laura,

    I have sent THREE emails and left two voicemails about the Content Strategist job and heard
    NOTHING back. I would appreciate the basic courtesy of a reply.

    Sam
""",
    "tone",
    "closing",
    "length",
)
add(
    LAURA,
    """
    Dear Ms. Bianci,

    I wanted to send a short note to thank you again for meeting me about the Content Strategist
    role. I understand that priorities change, and I have not wanted to fill your inbox. If the
    position opens up again, or another one on the editorial team, I would be very glad to hear
    from you.

    Kind regards,
    Sam Taylor
""",
    "name_spelling",
)
add(
    LAURA,
    """
    Dear Ms. Bianchi,

    This will be my last note about the Content Strategist position, as I know how full your
    schedule must be. I enjoyed our conversation about Orbit's newsletter strategy and would be
    glad to be considered if a similar opening comes up in the future.

    Thank you again for your time.

    Kind regards,
    Sam Taylor
""",
)
add(
    LAURA,
    """
    Hi Laura,

    I'm sorry to keep emailing you about this! I just wanted to check one last time whether the
    Content Strategist role is still open. If not, no worries at all, and thanks again for meeting
    with me at your office last month.

    All the best,
    Sam
""",
    "tone",
)

# --- Riverside Hospital, Staff Pharmacist: thanking the helpful people after the offer -----------
GRACE = NoteFacts(
    kind=Kind.THANK_HELPERS,
    sender="Jamal Wright",
    recipient=Recipient("Grace Mwangi", "Recruiter"),
    company="Riverside Hospital",
    position="Staff Pharmacist",
    names=("Grace Mwangi", "Jamal Wright", "Peter Lindgren"),
)

add(
    GRACE,
    """
    Dear Grace,

    I wanted to thank you for all your help during the hiring process for the Staff Pharmacist
    position. You kept me informed at every stage, answered my many questions about the rota, and
    made the whole process feel human. I was delighted to accept the offer and I am looking forward
    to starting on the 4th.

    With thanks,
    Jamal Wright
""",
)
add(
    GRACE,
    """
    Dear Grace,

    Thank you for your help throughout the recruitment process. I'm sure my clinical experience and
    my skills in medicines reconciliation will make me a valuable member of the pharmacy team, and
    I can't wait to prove it.

    Best regards,
    Jamal Wright
""",
    "skills",
    "length",
)
add(
    GRACE,
    """
    Hi Grace,

    Just wanted to let you know I've signed the contract for the Staff Pharmacist role and sent it
    back to HR this morning. Looking forward to meeting everyone properly on my first day and
    finding my way around the pharmacy at Riverside.

    See you soon,
    Jamal
""",
    "thanks",
    "closing",
)
add(
    GRACE,
    """
    Dear Ms. Mwangy,

    Thank you very much for guiding me through every step of the application for the Staff
    Pharmacist post, from the first phone call to the offer letter. Please also thank Peter
    Lindgren for the tour of the dispensary; it made my decision an easy one.

    I look forward to working with you both.

    Kind regards,
    Jamal Wright
""",
    "name_spelling",
)
add(
    GRACE,
    """
    Dear Grace,

    thank u so much for everything!!! ur the best recruiter ever, seriously. can't believe I
    actually got the pharmacist job 🎉🎉 see you on the 4th!

    Jamal
""",
    "tone",
    "closing",
    "length",
)

# --- Fieldstone Analytics, Marketing Analyst: a note to the whole panel ---------------------------
TEAM = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Aisha Bello",
    recipient=None,
    company="Fieldstone Analytics",
    position="Marketing Analyst",
    topic="the churn dashboard for the subscription business",
    next_step="a final interview with the VP of Marketing",
    names=("Ben Carter", "Lucía Fernández", "Aisha Bello"),
    others=("Ben Carter", "Lucía Fernández"),
)

add(
    TEAM,
    """
    Dear Fieldstone team,

    Thank you all for the time you gave me on Wednesday. Walking through the churn dashboard for
    the subscription business with Ben and Lucía was the highlight of the afternoon, and I have
    been thinking since about how to separate voluntary from involuntary churn in it.

    I am very excited about the Marketing Analyst role and look forward to the final interview with
    your VP of Marketing.

    Best regards,
    Aisha Bello
""",
)
add(
    TEAM,
    """
    Dear hiring team,

    Thank you for a very enjoyable afternoon on Wednesday. I appreciated the chance to see the
    subscription churn dashboard up close and to hear how the team decides which customers to
    target with win-back offers.

    I remain very interested in the Marketing Analyst position and look forward to meeting your VP
    of Marketing in the final round.

    Kind regards,
    Aisha Bello
""",
)
add(
    TEAM,
    """
    To whom it may concern,

    I am writing to thank you for the interview for the Marketing Analyst position on Wednesday. I
    enjoyed discussing the churn dashboard and learning how the subscription business is measured.
    I remain very interested in the role and look forward to the final interview.

    Yours faithfully,
    Aisha Bello
""",
    "greeting",
)
add(
    TEAM,
    """
    Dear Lucia and Ben,

    Thank you both for your time on Wednesday. I really enjoyed our conversation about the churn
    dashboard and the subscription business, particularly Ben's question about cohort definitions,
    which I am still thinking about.

    I am very keen to join Fieldstone as a Marketing Analyst and look forward to the final
    interview with the VP of Marketing.

    Best wishes,
    Aisha Bello
""",
    "name_spelling",
)
add(
    TEAM,
    """
    Hello everyone,

    Thank you for making time for me on Wednesday. Seeing the churn dashboard you built for the
    subscription side of the business made the Marketing Analyst role feel very real, and I would
    love to help take it further.

    I'm looking forward to the final interview with your VP of Marketing.

    Warm regards,
    Aisha
""",
)
add(
    TEAM,
    """
    Dear Hiring Manager,

    Thank you for interviewing me for the Marketing Analyst position at Fieldstone Analytics. I
    appreciated the opportunity to learn more about the company and its culture, and I believe it
    would be a great place to grow my career.

    I remain very interested in the position and hope to hear from you soon.

    Sincerely,
    Aisha Bello
""",
    "specific",
    "next_step",
)

# --- Castellan Labs, Research Scientist: Dr. Elena Núñez ------------------------------------------
ELENA = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Mark Johnson",
    recipient=Recipient("Elena Núñez", "Group Leader"),
    company="Castellan Labs",
    position="Research Scientist",
    topic="scaling the protein assay to 384-well plates",
    next_step="a seminar presentation to the group",
    helpers=("Pavel Novák",),
    names=("Elena Núñez", "Mark Johnson", "Pavel Novák"),
)

add(
    ELENA,
    """
    Dear Dr. Núñez,

    Thank you for hosting me at Castellan Labs on Thursday. Our discussion about scaling the
    protein assay from 96- to 384-well plates was fascinating, particularly the evaporation problem
    at the plate edges and the humidified lids you are testing.

    I would also like to thank Pavel Novák for showing me the automation suite.

    I am very enthusiastic about the Research Scientist position and look forward to presenting a
    seminar to the group.

    Yours sincerely,
    Mark Johnson
""",
)
add(
    ELENA,
    """
    Dear Dr. Nunez,

    Many thanks for the visit on Thursday. I enjoyed hearing about the move to 384-well plates for
    the protein assay, and I have since read the paper you mentioned on edge effects.

    Please thank Pavel Novák for his time in the automation lab. I remain very interested in the
    Research Scientist role and look forward to the seminar with your group.

    Best regards,
    Mark Johnson
""",
    "name_spelling",
)
add(
    ELENA,
    """
    Hello Dr. Núñez,

    Thank you for a stimulating afternoon at Castellan. The assay miniaturisation work, and your
    candid account of what went wrong with the first 384-well runs, was exactly the kind of problem
    I enjoy thinking about.

    Thanks as well to Pavel Novak for the lab tour. I'm excited about the Research Scientist role
    and look forward to giving the seminar presentation.

    Kind regards,
    Mark Johnson
""",
    "name_spelling",
)
add(
    ELENA,
    """
    Dear Dr. Núñez,

    Thank you for the interview on Thursday. I have published fourteen papers on high-throughput
    screening and I have led assay development at two biotech companies, so I am well placed to
    scale your protein assay to 384-well plates. My expertise in liquid handling automation would
    be a great asset to your group.

    Thanks also to Pavel Novák for his help. I look forward to the seminar presentation.

    Best regards,
    Mark Johnson
""",
    "skills",
)
add(
    ELENA,
    """
    Dear Elena,

    Thank you for taking the time to meet me on Thursday. I enjoyed seeing the labs and meeting
    Pavel Novák, who was very welcoming. It was a pleasure to visit Castellan Labs, and I
    appreciated hearing about the history of the group.

    Kind regards,
    Mark Johnson
""",
    "specific",
    "interest",
    "next_step",
)

# --- Cobalt Energy, Project Engineer: José Álvarez ------------------------------------------------
JOSE = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Anna Lindqvist",
    recipient=Recipient("José Álvarez", "Project Director"),
    company="Cobalt Energy",
    position="Project Engineer",
    topic="the offshore wind substation project in the North Sea",
    next_step="a site visit to the Aberdeen office",
    helpers=("Fiona MacLeod",),
    names=("José Álvarez", "Anna Lindqvist", "Fiona MacLeod"),
)

add(
    JOSE,
    """
    Dear José,

    Thank you for your time on Tuesday. I really enjoyed hearing about the offshore substation
    project in the North Sea, and especially how the team handled the delays to the cable-laying
    vessel. And I appreciated your honesty about the long hours during installation season.

    Fiona MacLeod was very helpful in arranging the call, so please pass on my thanks.

    I am very interested in the Project Engineer role and look forward to the site visit in
    Aberdeen.

    Best regards,
    Anna Lindqvist
""",
)
add(
    JOSE,
    """
    Dear Jose,

    Thank you for speaking with me on Tuesday about the Project Engineer position. The offshore
    wind substation work in the North Sea sounds challenging and rewarding, and I enjoyed hearing
    how the jacket foundations were designed.

    Please also thank Fiona MacLeod for her help with the scheduling. I look forward to visiting the
    Aberdeen office and remain very interested in the role.

    Kind regards,
    Anna Lindqvist
""",
    "name_spelling",
)
add(
    JOSE,
    """
    Dear Mr. Alvarez,

    Thank you for the interview on Tuesday. Hearing about the North Sea substation project was a
    highlight, especially the challenge of coordinating contractors offshore.

    Many thanks also to Fiona MacLeod. I am still very keen on the Project Engineer position and
    look forward to the site visit to Aberdeen.

    Yours sincerely,
    Anna Lindqvist
""",
    "name_spelling",
)
add(
    JOSE,
    """
    Dear Mr. Álvarez,

    Thank you for meeting with me on Tuesday. I was fascinated by the offshore wind substation
    project, particularly the logistics of getting a 2,000-tonne topside out to the North Sea in a
    narrow weather window.

    Please pass on my thanks to Fiona McLeod for organising the interview. I am very interested in
    the Project Engineer role and look forward to visiting the Aberdeen office.

    Kind regards,
    Anna Lindqvist
""",
    "name_spelling",
)
add(
    JOSE,
    """
    Dear José,

    Thank you for the conversation on Tuesday about the Project Engineer role. I was impressed by
    the scale of the North Sea substation project. As a chartered engineer with eight years of
    offshore experience, I have the skills and background to deliver projects like this on time,
    and I am confident I would be a valuable addition to your team.

    Thank you as well to Fiona MacLeod. I look forward to the site visit in Aberdeen.

    Best regards,
    Anna Lindqvist
""",
    "skills",
)
add(
    JOSE,
    """
    Dear José,

    Thank you for your time on Tuesday. It was a pleasure to learn about the offshore wind
    substation in the North Sea and the way Cobalt splits design work between Aberdeen and Oslo.

    I remain very interested in the Project Engineer position.

    Kind regards,
    Anna Lindqvist
""",
    "next_step",
    "helpers",
)

# --- Greenleaf Foods, Key Account Manager: Sarah O'Connor -----------------------------------------
SARAH = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Ravi Patel",
    recipient=Recipient("Sarah O'Connor", "Sales Director"),
    company="Greenleaf Foods",
    position="Key Account Manager",
    topic="winning back the two supermarket accounts lost last year",
    next_step="a meeting with Tom Reilly, the commercial director",
    names=("Sarah O'Connor", "Tom Reilly", "Ravi Patel"),
)

add(
    SARAH,
    """
    Dear Sarah,

    Thank you for your time yesterday. I enjoyed our conversation about the two supermarket
    accounts Greenleaf lost last year, and your view that the way back in is through the category
    buyers rather than head office. It is a challenge I would relish.

    I'm very interested in the Key Account Manager role and look forward to meeting Tom Reilly next
    week.

    Kind regards,
    Ravi Patel
""",
)
add(
    SARAH,
    """
    Dear Sara,

    Thanks very much for meeting me on Monday. Your story about how the supermarket accounts were
    lost, and what it would take to win them back, was refreshingly honest.

    I remain very keen on the Key Account Manager position and look forward to meeting Tom Reilly.

    Best regards,
    Ravi Patel
""",
    "name_spelling",
)
add(
    SARAH,
    """
    Dear Ms. O'Conner,

    Thank you for the interview for the Key Account Manager position. I enjoyed learning about
    Greenleaf's plans to win back the supermarket accounts and the new own-label range.

    I am very interested in joining your team and I look forward to my meeting with the commercial
    director.

    Yours sincerely,
    Ravi Patel
""",
    "name_spelling",
)
add(
    SARAH,
    """
    Dear Sarah,

    Thank you for meeting with me on Monday. Regaining the two supermarket accounts is exactly the
    kind of challenge I thrive on. I'm the right person for this job: I have won back lost accounts
    at my last two employers and I know how to build relationships with category buyers.

    I look forward to meeting Tom Reilly.

    Best regards,
    Ravi Patel
""",
    "skills",
)
add(
    SARAH,
    """
    Dear Sarah,

    Thank you for taking the time to interview me yesterday. I enjoyed hearing about the supermarket
    accounts and the plan to approach the category buyers directly. I will send over the sales
    figures we discussed by Friday, and I will wait to hear about the meeting with Tom Reilly.

    Kind regards,
    Ravi Patel
""",
    "interest",
)
add(
    SARAH,
    """
    Dear Sarah,

    Thank you again for Monday's interview. I am even more excited about the Key Account Manager
    role after our discussion of the lost supermarket accounts, and I have a few ideas about the
    promotional calendar that I would love to talk through with Tom Riley when we meet.

    Best wishes,
    Ravi Patel
""",
    "name_spelling",
)

# --- The Grand Hotel, Front Office Manager: Kenji Watanabe ----------------------------------------
KENJI = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Maria Rossi",
    recipient=Recipient("Kenji Watanabe", "General Manager"),
    company="The Grand Hotel",
    position="Front Office Manager",
    topic="the new mobile check-in app and guest complaints about waiting times",
    next_step="a trial shift on the 12th",
    helpers=("Chloé Martin",),
    names=("Kenji Watanabe", "Maria Rossi", "Chloé Martin"),
)

add(
    KENJI,
    """
    Dear Mr. Watanabe,

    Thank you for taking the time to meet with me on Saturday. I enjoyed our conversation about the
    new mobile check-in app, and how you hope it will reduce the complaints about waiting times at
    the front desk on busy Friday evenings.

    Chloé Martin was very kind to show me around the lobby while I waited, so please thank her for
    me. I am very interested in the Front Office Manager position and look forward to the trial
    shift on the 12th.

    Kind regards,
    Maria Rossi
""",
)
add(
    KENJI,
    """
    Dear Mr. Watanabe,

    Thank you for the interview. I look forward to hearing from you.

    Kind regards,
    Maria Rossi
""",
    "length",
    "specific",
    "next_step",
    "helpers",
)
add(
    KENJI,
    """
    Dear Mr. Watanabe,

    Thank you for your time on Saturday and for the tour of the hotel. I enjoyed hearing about the
    check-in app and the feedback you have received from guests about waiting times, and I have
    already tried the app myself.

    Many thanks also to Chloé Martin for her warm welcome. I am excited about the Front Office
    Manager role and hope to hear from you soon.

    Best regards,
    Maria Rossi
""",
    "next_step",
)
add(
    KENJI,
    """
    Dear Mr. Watanbe,

    Thank you very much for meeting me on Saturday. I found our discussion of the mobile check-in
    app very interesting, especially your plan to free up front desk staff to spend more time with
    guests who are waiting.

    Please pass on my thanks to Chloé Martin as well. I am looking forward to the trial shift on the
    12th and remain very interested in the Front Office Manager role.

    Kind regards,
    Maria Rossi
""",
    "name_spelling",
)
add(
    KENJI,
    """
    Dear Kenji,

    Thank you so much for Saturday! It was lovely to meet you and to hear about the check-in app
    and the plans to cut waiting times at the desk. Chloe Martin was a great help too.

    I'm really looking forward to the trial shift on the 12th and I hope I'll be joining the team.

    Warmest regards,
    Maria
""",
    "name_spelling",
)
add(
    KENJI,
    """
    Dear Mr. Watanabe,

    Thank you for the interview on Saturday. I was very happy to hear about the guest check-in app,
    as reducing waiting times is something I care about. I'm a natural problem solver with strong
    people skills, and I'm sure I would excel as your Front Office Manager.

    Many thanks also to Chloé Martin. I look forward to the trial shift.

    Kind regards,
    Maria Rossi
""",
    "skills",
)

# --- Bluebird Architects, Junior Architect: Oluwaseun Adeyemi -------------------------------------
SEUN = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Chen Jie",
    recipient=Recipient("Oluwaseun Adeyemi", "Partner"),
    company="Bluebird Architects",
    position="Junior Architect",
    topic="the community library extension and its timber frame",
    next_step="a portfolio review with the partners",
    forgotten=("my Passivhaus designer course",),
    helpers=("Zoë Clarke",),
    names=("Oluwaseun Adeyemi", "Chen Jie", "Zoë Clarke"),
)

add(
    SEUN,
    """
    Dear Mr. Adeyemi,

    Thank you for showing me around the studio on Wednesday and for talking me through the
    community library extension. The decision to leave the timber frame exposed inside the reading
    room is beautiful, and I liked hearing how the structural engineer was persuaded.

    I forgot to mention that I am halfway through the Passivhaus designer course, which I would
    love to put to use on projects like this one. Thanks also to Zoë Clarke for making me so
    welcome.

    I am very keen to join Bluebird and look forward to the portfolio review with the partners.

    Kind regards,
    Chen Jie
""",
)
add(
    SEUN,
    """
    Dear Mr. Adeyemi,

    It was a pleasure to visit the studio on Wednesday. The community library extension is a
    wonderful project, and the exposed timber frame in the reading room is exactly the kind of
    detail that made me want to study architecture in the first place.

    I forgot to tell you that I am completing the Passivhaus designer course this spring. Zoë
    Clarke was very kind to me while I waited.

    I am very interested in the Junior Architect role and look forward to the portfolio review.

    Kind regards,
    Chen Jie
""",
    "thanks",
)
add(
    SEUN,
    """
    Dear Oluwaseun,

    Thank you for your time on Wednesday. I really enjoyed seeing the drawings for the library
    extension, and your explanation of why you chose cross-laminated timber for the frame.

    Please thank Zoë Clarke for the coffee and the tour of the model shop. I remain very
    interested in the Junior Architect position and I am preparing my portfolio for the review with
    the partners.

    Best regards,
    Chen Jie
""",
    "forgotten",
)
add(
    SEUN,
    """
    Dear Mr Adeyemi,

    Thank you for the interview on Wednesday. I enjoyed our conversation and learning more about
    Bluebird Architects and the way the studio works. It was good to meet Zoë Clarke as well.

    I also wanted to add that I am taking the Passivhaus designer course. I am very interested in
    the Junior Architect role and look forward to the portfolio review with the partners.

    Yours sincerely,
    Chen Jie
""",
    "specific",
)
add(
    SEUN,
    """
    Hiya Seun,

    Thanks for Wednesday, it was really nice to see the library extension drawings and the timber
    frame model. Forgot to mention I'm doing the Passivhaus designer course. Zoë Clarke was lovely.
    Looking forward to the portfolio review with the partners and hopefully joining the team.

    Best,
    Chen Jie
""",
    "greeting",
)
add(
    SEUN,
    """
    Dear Mr. Adeyemi,

    Thank you very much for the interview of Wednesday and for the time you have given to me. The
    library extension project with the timber structure was very interesting for me, especially
    how you keep the frame visible in the reading room.

    I forgot to say in the interview that I follow the Passivhaus designer course now. Also many
    thanks to Ms. Zoë Clarke for her kindness.

    I am very motivated to join Bluebird Architects as Junior Architect and I wait for the
    portfolio review with the partners.

    With kind regards,
    Chen Jie
""",
)
add(
    SEUN,
    """
    Dear Oluwaseun,

    Thank you for a really interesting conversation on Wednesday about the library extension. Your
    point that a timber frame changes the whole construction sequence, not just the look of the
    building, has stuck with me.

    I forgot to mention that I am taking the Passivhaus designer course. Please also thank Zoë
    Clarke for looking after me. I will get my portfolio ready for the review with the partners.

    Kind regards,
    Chen Jie
""",
    "interest",
)
add(
    SEUN,
    """
    Dear Mr. Adeyemi,

    Thank you for meeting with me on Wednesday. Seeing the model of the community library extension,
    with its timber frame left exposed, was the highlight of my visit.

    I should have mentioned that I am taking the Passivhaus designer course. Many thanks as well to
    Zoe Clarke for the tour. I am very interested in the Junior Architect role and look forward to
    the portfolio review with the partners.

    Kind regards,
    Chen Jie
""",
    "name_spelling",
)

HELD_OUT_FROM = len(NOTES)
"""The notes below were written after the checker's first version and measured as a held-out set
before the checker was improved to generalise to them: macro precision 0.85, recall 0.85 on first
sight (two of the misses were labels of mine that miscounted `length`; they are corrected here)."""

# --- Meridian Insurance, Claims Handler: Bartholomew Nwosu ----------------------------------------
BART = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Leah Goldstein",
    recipient=Recipient("Bartholomew Nwosu"),
    company="Meridian Insurance",
    position="Claims Handler",
    topic="the backlog of storm damage claims from October",
    next_step="an assessment day on 14 January",
    forgotten=("my CII Certificate in Insurance",),
    helpers=("Darnell Hughes",),
    names=("Bartholomew Nwosu", "Darnell Hughes", "Leah Goldstein"),
)

add(
    BART,
    """
    Dear Mr. Nwosu,

    Thank you for meeting me on Thursday to talk about the Claims Handler role. It was eye-opening
    to hear how many storm damage claims came in after October's storms and how the team has been
    prioritising the most vulnerable customers while the backlog is cleared.

    I forgot to say during the interview that I've almost finished my CII Certificate in Insurance
    – I sit the last exam in February.

    Darnell Hughes was really kind when I arrived, so please pass on my thanks to him. I'm very
    interested in joining Meridian and look forward to the assessment day on 14 January.

    Kind regards,
    Leah Goldstein
""",
)
add(
    BART,
    """
    Dear Bartholomew,

    Thanks for your time on Thursday. I know the storm claims backlog is a big challenge, and with
    my three years in a busy motor claims team I'm used to working under exactly this kind of
    pressure. I'm organised, calm with upset customers and quick to learn new systems, so I think
    I could help get the backlog down fast.

    I'm keen to hear more about the assessment day.

    Best,
    Leah Goldstein
""",
    "skills",
    "forgotten",
    "helpers",
)
add(
    BART,
    """
    Dear Mr. Nwoso,

    Thank you very much for your time on Thursday. I appreciated hearing how the team is tackling
    the October storm claims, and the way you split the backlog by severity made a lot of sense.

    I meant to mention that I'm close to completing my CII Certificate in Insurance. Please also
    thank Darnell Hughes for his welcome. I remain very interested in the position and look
    forward to the assessment day in January.

    Yours sincerely,
    Leah Goldstein
""",
    "name_spelling",
)
add(
    BART,
    """
    Good afternoon,

    Thank you for interviewing me for the Claims Handler position on Thursday. Hearing about the
    backlog of storm damage claims gave me a real sense of what the first few months would be like.
    I should have mentioned my CII Certificate in Insurance, which I will complete this spring, and
    I'd like to thank Darnell Hughes for looking after me in reception.

    I am very keen on the role and look forward to the assessment day on 14 January.

    Kind regards,
    Leah Goldstein
""",
    "greeting",
)
add(
    BART,
    """
    Hi Bartholomew,

    Thanks a lot for the chat yesterday, really enjoyed it! Storm claims sound intense tbf. Anyway
    I'm def still up for the job, see you at the assessment day. Forgot to mention I'm nearly done
    with the CII cert. Thanks to Darnell for the tea.

    Leah x
""",
    "tone",
    "closing",
)

# --- Vantage Robotics, Firmware Engineer: Ingrid Johansson ----------------------------------------
INGRID = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Arjun Mehta",
    recipient=Recipient("Ingrid Johansson", "CTO"),
    company="Vantage Robotics",
    position="Firmware Engineer",
    topic="motor controller firmware for the warehouse robots",
    next_step="an on-site pairing session",
    names=("Ingrid Johansson", "Tobias Weber", "Arjun Mehta"),
    others=("Tobias Weber",),
)

add(
    INGRID,
    """
    Dear Ingrid,

    Thank you for taking the time to speak with me on Monday. I really enjoyed our discussion of
    the motor controller firmware on the warehouse robots – especially the trade-off between
    control loop frequency and the CPU budget left for the safety monitor.

    I am very interested in the Firmware Engineer position and look forward to the on-site pairing
    session with you and Tobias.

    Best regards,
    Arjun Mehta
""",
)
add(
    INGRID,
    """
    Dear Ms. Johannson,

    Many thanks for the interview on Monday. Your explanation of how the motor controllers on the
    warehouse robots recover from a stall was fascinating, and I have been reading up on
    field-oriented control since.

    I am excited about the Firmware Engineer role and look forward to the pairing session on site.

    Kind regards,
    Arjun Mehta
""",
    "name_spelling",
)
add(
    INGRID,
    """
    Hi Ingrid,

    Thank you for Monday's interview, it was AMAZING to see the robots running in the test
    warehouse and to talk about the motor controller firmware behind them. I'm very keen on the
    Firmware Engineer position and I'm looking forward to the on-site pairing session!

    Best,
    Arjun
""",
    "tone",
)
add(
    INGRID,
    """
    Dear Ms. Johansson,

    Thank you for the opportunity to interview for the Firmware Engineer role at Vantage Robotics.
    I enjoyed learning more about the company, its culture and its ambitious plans for growth over
    the next few years.

    I am very interested in the position and look forward to the on-site pairing session.

    Kind regards,
    Arjun Mehta
""",
    "specific",
)
add(
    INGRID,
    """
    Dear Ingrid,

    Thank you for your time on Monday. I'm sorry I couldn't give you a better answer on interrupt
    latency; I've since looked into how the motor controller firmware handles it and I understand
    the problem much better now.

    I remain very interested in the role and I'm looking forward to the on-site pairing session.

    Kind regards,
    Arjun Mehta
""",
    "tone",
)
add(
    INGRID,
    """
    Dear Ingrid,

    Thank you for talking with me on Monday about the Firmware Engineer role. The motor controller
    work on the warehouse robots is exactly the kind of embedded problem I enjoy, and I liked your
    point about testing firmware against a simulated motor before it ever touches hardware.

    I'm very excited about the opportunity and hope to hear from you soon.

    Kind regards,
    Arjun Mehta
""",
    "next_step",
)

# --- Solstice Theatre, Marketing Coordinator: after a rejection -----------------------------------
FATIMA = NoteFacts(
    kind=Kind.THANK_AFTER_DECISION,
    sender="Connor Walsh",
    recipient=Recipient("Fatima Zahra El Amrani", "Head of Marketing"),
    company="Solstice Theatre",
    position="Marketing Coordinator",
    names=("Fatima Zahra El Amrani", "Connor Walsh"),
)

add(
    FATIMA,
    """
    Dear Ms. El Amrani,

    Thank you for letting me know your decision, and for considering me for the Marketing
    Coordinator role. I really enjoyed our conversations about the autumn season and the new
    members' scheme. If anything similar comes up in the future, I would love to be considered.

    Wishing you and the team a great opening night.

    Kind regards,
    Connor Walsh
""",
)
add(
    FATIMA,
    """
    Dear Ms. Amrani,

    Thank you for taking the time to call me yesterday, and for considering my application so
    carefully. I'm disappointed, of course, but I learned a lot from the process. Please do keep
    me in mind for future openings in the marketing team.

    Best wishes,
    Connor Walsh
""",
)
add(
    FATIMA,
    """
    Dear Fatima,

    Thank you for the call and for your kind feedback on my campaign presentation. It was a
    pleasure to meet you and the team, and I wish Solstice every success with the new season and
    the refurbished studio space.

    Kind regards,
    Connor Walsh
""",
    "interest",
    "length",
)
add(
    FATIMA,
    """
    Dear Fatma,

    Thanks so much for considering me for the Marketing Coordinator role and for letting me know
    personally. I'd be delighted to hear from you if another opening comes up, as I'd still love
    to work with the Solstice team one day.

    All the best,
    Connor Walsh
""",
    "name_spelling",
)
add(
    FATIMA,
    """
    Dear Ms. El Amrani,

    I received your email about the Marketing Coordinator role. Of course I'm disappointed, but I'd
    love to be considered for anything similar in future.

    Best wishes,
    Connor Walsh
""",
    "thanks",
    "length",
)

# --- Helix Biotech, Lab Technician: inquiry -------------------------------------------------------
SOREN = NoteFacts(
    kind=Kind.INQUIRY,
    sender="Beatriz Santos",
    recipient=Recipient("Søren Lindholm", "Lab Manager"),
    company="Helix Biotech",
    position="Lab Technician",
    names=("Søren Lindholm", "Beatriz Santos"),
)

add(
    SOREN,
    """
    Dear Dr. Lindholm,

    I hope you are well. I interviewed for the Lab Technician position on 2 June and wanted to ask
    whether there is any news. I enjoyed seeing the cell culture suite and I am still very keen to
    join the team at Helix.

    Thank you for your time, and I look forward to hearing from you.

    Kind regards,
    Beatriz Santos
""",
)
add(
    SOREN,
    """
    Dear Dr. Soren Lindholm,

    I am writing to follow up on my interview for the Lab Technician role. I remain very interested
    in joining Helix Biotech, and I would be grateful if you could let me know when a decision is
    likely to be made.

    Kind regards,
    Beatriz Santos
""",
    "name_spelling",
)
add(
    SOREN,
    """
    Dear Dr. Lindholm,

    I wanted to follow up on the Lab Technician position. I have received another offer and need to
    give them an answer by Friday, but Helix is my first choice and I would much prefer to join your
    team. Is there any chance of a decision before then?

    Kind regards,
    Beatriz Santos
""",
)
add(
    SOREN,
    """
    Hello Søren,

    Any news on the lab tech job?? Been a couple of weeks now.

    Thx,
    Bea
""",
    "tone",
    "length",
    "closing",
    "interest",
)

# --- Copperfield Council, Planning Officer: withdrawing -------------------------------------------
GWEN = NoteFacts(
    kind=Kind.WITHDRAWAL_NOTE,
    sender="Hamza Qureshi",
    recipient=Recipient("Gwen Pryce-Jones"),
    company="Copperfield Council",
    position="Planning Officer",
    names=("Gwen Pryce-Jones", "Hamza Qureshi"),
)

add(
    GWEN,
    """
    Dear Ms. Pryce-Jones,

    Thank you for interviewing me for the Planning Officer post last week. I am writing to let you
    know that I have accepted a position with another authority, and so I would like to withdraw
    my application. I very much enjoyed meeting the development management team and wish you all
    the best with the new local plan.

    Yours sincerely,
    Hamza Qureshi
""",
)
add(
    GWEN,
    """
    Dear Ms. Pryce Jones,

    Thank you for the interview on Tuesday. After careful thought I have decided to withdraw my
    application for the Planning Officer role, as I have accepted an offer closer to home. I
    enjoyed our conversation and the tour of the planning department.

    Kind regards,
    Hamza Qureshi
""",
    "name_spelling",
)
add(
    GWEN,
    """
    Hi Gwen,

    Hope you're well. I'm gonna have to pull out of the Planning Officer process unfortunately, I've
    taken a job with another council that's closer to home. Really appreciate the time you spent
    with me though and thanks again for the interview.

    Regards,
    Hamza
""",
    "tone",
)

# --- Atlas Consulting, Business Analyst: thanking the recruiter after the offer -------------------
NADIA = NoteFacts(
    kind=Kind.THANK_HELPERS,
    sender="Lukas Meyer",
    recipient=Recipient("Nadia Petrova", "Recruiter"),
    company="Atlas Consulting",
    position="Business Analyst",
    names=("Nadia Petrova", "Lukas Meyer"),
)

add(
    NADIA,
    """
    Dear Nadia,

    Now that everything is signed, I wanted to say thank you for your support over the last few
    weeks. Your preparation call before the case interview was really helpful, and you always
    answered my emails quickly, even on a Sunday. I am looking forward to joining Atlas in March.

    Best regards,
    Lukas Meyer
""",
)
add(
    NADIA,
    """
    Dear Nadia,

    Thank you for all your help with my application. I'm confident that my consulting background
    and analytical skills will allow me to make a strong contribution at Atlas from day one, and I
    can't wait to get started in March.

    Kind regards,
    Lukas Meyer
""",
    "skills",
)
add(
    NADIA,
    """
    Hi Nadia,

    Just a quick note to let you know that I've sent back the signed contract and the background
    check forms. Could you confirm the start date and where I should go on my first morning?

    Kind regards,
    Lukas Meyer
""",
    "thanks",
    "length",
)

# --- Eastwind Trading, Procurement Analyst: 李伟 ---------------------------------------------
WEI = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Olga Ivanova",
    recipient=Recipient("李伟", "Procurement Manager"),
    company="Eastwind Trading",
    position="Procurement Analyst",
    topic="consolidating suppliers for packaging materials",
    next_step="a case study presentation",
    helpers=("Mei Lin",),
    names=("李伟", "Olga Ivanova", "Mei Lin"),
)

add(
    WEI,
    """
    Dear 李伟,

    Thank you for meeting with me on Wednesday. I found our conversation about consolidating the
    packaging suppliers very interesting, especially the risk of depending on a single supplier for
    the printed cartons.

    Please also thank Mei Lin for arranging the interview. I am very interested in the Procurement
    Analyst role and I am already preparing for the case study presentation.

    Kind regards,
    Olga Ivanova
""",
)
add(
    WEI,
    """
    Dear Mr. Li,

    Many thanks for your time on Wednesday and for explaining Eastwind's plan to reduce the number
    of packaging suppliers. I enjoyed the discussion about balancing price against supply risk.

    I would like to thank Mei Lin as well for her help. I look forward to the case study
    presentation and remain very keen on the Procurement Analyst position.

    Best regards,
    Olga Ivanova
""",
)
add(
    WEI,
    """
    Dear 李玮,

    Thank you for the interview on Wednesday. Our discussion of supplier consolidation for
    packaging materials was very useful, and I appreciated your openness about the challenges.

    Thanks also to Mei Lin for her help. I am very interested in the role and look forward to
    presenting the case study.

    Kind regards,
    Olga Ivanova
""",
    "name_spelling",
)
add(
    WEI,
    """
    Dear Mr. Li,

    Thank you for the interview on Wednesday. I enjoyed discussing how Eastwind could consolidate
    its packaging suppliers, and I was impressed by the savings you have already achieved.

    I remain very interested in the Procurement Analyst position.

    Kind regards,
    Olga Ivanova
""",
    "next_step",
    "helpers",
    "length",
)

# --- Crescent Books, Editorial Assistant: the last note -------------------------------------------
MARGARET = NoteFacts(
    kind=Kind.LAST_NOTE,
    sender="Ellie Park",
    recipient=Recipient("Margaret Thornton", "Publisher"),
    company="Crescent Books",
    position="Editorial Assistant",
    names=("Margaret Thornton", "Ellie Park"),
)

add(
    MARGARET,
    """
    Dear Ms. Thornton,

    I wanted to send one final note about the Editorial Assistant position. I understand that you
    may have filled the role or put it on hold, and I won't take up more of your time. Thank you
    again for meeting me in April; I would be delighted to hear from you if anything comes up.

    Kind regards,
    Ellie Park
""",
)
add(
    MARGARET,
    """
    Dear Margret,

    I am writing one last time about the Editorial Assistant role. I have not heard back since our
    interview in April, so I assume the position has been filled. Thank you for your time, and I
    hope we might work together in the future.

    Best wishes,
    Ellie Park
""",
    "name_spelling",
)

SECOND_HELD_OUT_FROM = len(NOTES)
"""A second batch, written after the checker was improved on the first held-out batch: macro
precision 0.92, recall 1.00 on first sight (one miscounted `length` label of mine, corrected here;
and "sorry not to be continuing" relabelled as regret, like "sorry it wasn't to be")."""

# --- Sunrise Dental, Dental Nurse: Dr. Amara Okonkwo-Bell -----------------------------------------
AMARA = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Katie Morgan",
    recipient=Recipient("Amara Okonkwo-Bell", "Principal"),
    company="Sunrise Dental",
    position="Dental Nurse",
    topic="the new digital X-ray system",
    next_step="a working interview on Tuesday",
    helpers=("Lisa Chang",),
    names=("Amara Okonkwo-Bell", "Lisa Chang", "Katie Morgan"),
)

add(
    AMARA,
    """
    Dear Dr. Okonkwo-Bell,

    Thank you for seeing me on Friday. It was really interesting to hear how the practice has
    settled in with the new digital X-ray system, and how much quicker it has made the check-up
    appointments for nervous patients.

    Lisa Chang was lovely on reception, so please thank her for me. I'd really like to join the
    team at Sunrise and I'm looking forward to the working interview on Tuesday.

    Kind regards,
    Katie Morgan
""",
)
add(
    AMARA,
    """
    Dear Dr. Okonkwo,

    Thank you for the interview on Friday. I enjoyed seeing the surgery and hearing about the
    digital X-rays, and Lisa on reception was very welcoming.

    I am very interested in the Dental Nurse position and will see you for the working interview
    on Tuesday.

    Kind regards,
    Katie Morgan
""",
)
add(
    AMARA,
    """
    Hi Dr. Okonkwo-Bell,

    Thanks so much for Friday. Sorry I was a bit flustered at the start, I'd gone to the wrong
    entrance! Loved hearing about the new X-ray system. Please say thanks to Lisa Chang for
    rescuing me. Can't wait for Tuesday's working interview.

    Best wishes,
    Katie
""",
    "tone",
)
add(
    AMARA,
    """
    Dear Dr. Okonkwo-Bell,

    Thank you for taking the time to interview me on Friday. Having worked as a dental nurse for
    six years in two busy NHS practices, I have the experience and the chairside skills to support
    your team from my first day, and I am fully trained on digital radiography.

    Please thank Lisa Chang for her welcome. I look forward to the working interview on Tuesday.

    Kind regards,
    Katie Morgan
""",
    "skills",
)

# --- Redwood Capital, Investment Analyst: Hiroshi Tanaka ------------------------------------------
HIROSHI = NoteFacts(
    kind=Kind.THANK_YOU,
    sender="Ben O'Sullivan",
    recipient=Recipient("Hiroshi Tanaka", "Partner"),
    company="Redwood Capital",
    position="Investment Analyst",
    topic="the renewable infrastructure fund",
    next_step="a modelling test",
    forgotten=("my CFA Level II result",),
    names=("Hiroshi Tanaka", "Ben O'Sullivan"),
)

add(
    HIROSHI,
    """
    Dear Mr. Tanaka,

    Thank you for meeting me yesterday. I enjoyed our discussion of the renewable infrastructure
    fund, in particular how you think about merchant power price risk once the subsidy period on
    the early wind assets ends.

    I also wanted to let you know that I passed CFA Level II in August, which I forgot to mention.

    I am very keen on the Investment Analyst role and look forward to the modelling test.

    Yours sincerely,
    Ben O'Sullivan
""",
)
add(
    HIROSHI,
    """
    Dear Mr. Tanaka,

    Thanks for your time yesterday. The renewable infrastructure fund sounds like a fascinating
    place to start a career in investing, and I'm keen to hear about the modelling test.

    Best regards,
    Ben
""",
    "forgotten",
    "length",
)
add(
    HIROSHI,
    """
    Dear Mr Tanka,

    Thank you for the interview yesterday and for the thoughtful discussion about the renewable
    infrastructure fund and its approach to grid connection risk.

    I should have mentioned that I have passed CFA Level II. I remain very interested in joining
    Redwood and look forward to the modelling test.

    Kind regards,
    Ben O'Sullivan
""",
    "name_spelling",
)
add(
    HIROSHI,
    """
    Dear Hiroshi,

    Thank you for the conversation yesterday about the renewable infrastructure fund. I passed my
    CFA Level II this summer, which I forgot to bring up. I look forward to hearing from you about
    the next steps.

    Kind regards,
    Ben O'Sullivan
""",
    "next_step",
    "length",
)

# --- Pioneer Charity, Fundraising Officer: after a rejection --------------------------------------
JOANNA = NoteFacts(
    kind=Kind.THANK_AFTER_DECISION,
    sender="Samir Haddad",
    recipient=Recipient("Joanna Kowalczyk", "Director of Fundraising"),
    company="Pioneer Charity",
    position="Fundraising Officer",
    names=("Joanna Kowalczyk", "Samir Haddad"),
)

add(
    JOANNA,
    """
    Dear Joanna,

    Thank you for letting me know, and for the time you and the panel gave me. Although I'm sorry
    it wasn't to be this time, I really admire Pioneer's work with young carers, and I would be
    glad to be considered if another fundraising role opens up.

    With best wishes,
    Samir Haddad
""",
)
add(
    JOANNA,
    """
    Dear Ms. Kowalczyk,

    Thank you for your email. I have to say I was surprised by the decision, as I felt the
    interview went very well and my experience in major donor fundraising matched the job
    description closely. I would appreciate some feedback on where I fell short.

    Regards,
    Samir Haddad
""",
    "thanks",
    "skills",
    "interest",
)
add(
    JOANNA,
    """
    Dear Ms. Kowalczik,

    Many thanks for considering my application for the Fundraising Officer position and for
    letting me know so promptly. I would be very happy to be kept in mind for future vacancies at
    Pioneer Charity, whose work I greatly admire.

    Kind regards,
    Samir Haddad
""",
    "name_spelling",
    "length",
)

# --- Quartz Games, QA Tester: inquiry -------------------------------------------------------------
DYLAN = NoteFacts(
    kind=Kind.INQUIRY,
    sender="Mia Chen",
    recipient=Recipient("Dylan Brooks", "QA Lead"),
    company="Quartz Games",
    position="QA Tester",
    names=("Dylan Brooks", "Mia Chen"),
)

add(
    DYLAN,
    """
    Hi Dylan,

    I hope the release went smoothly! I'm writing to follow up on my interview for the QA Tester
    role two weeks ago. I'm still really excited about the chance to work on Starfall's live
    updates, and I'd be grateful for any news on the timeline.

    Best,
    Mia Chen
""",
)
add(
    DYLAN,
    """
    Dear Dylan,

    Following up on my interview for the QA Tester position. Please let me know if a decision has
    been made.

    Regards,
    Mia Chen
""",
    "interest",
    "length",
)
add(
    DYLAN,
    """
    Hey Dylan,

    just checking in about the QA tester job, any news yet? would love to be part of the team :)

    Mia
""",
    "greeting",
    "tone",
    "closing",
    "length",
)

# --- Blue Harbour Hotel: thanking the helpful people ----------------------------------------------
ROSA = NoteFacts(
    kind=Kind.THANK_HELPERS,
    sender="Tyler Evans",
    recipient=Recipient("Rosa Delgado", "HR Assistant"),
    company="Blue Harbour Hotel",
    position="Night Manager",
    names=("Rosa Delgado", "Tyler Evans"),
)

add(
    ROSA,
    """
    Dear Rosa,

    I just wanted to say a big thank you for looking after me during the interview process for the
    Night Manager job. You made sure I knew exactly where to be and when, and your tips about the
    second interview really helped. I am delighted to be joining Blue Harbour next month.

    Best wishes,
    Tyler Evans
""",
)
add(
    ROSA,
    """
    Dear Ms Delgardo,

    Thank you for all of your help with the arrangements for my interviews at the Blue Harbour
    Hotel. You were always friendly and quick to reply, and it made a real difference to a
    stressful few weeks. I look forward to seeing you when I start.

    Kind regards,
    Tyler Evans
""",
    "name_spelling",
)

# --- Northgate Academy, Science Teacher: withdrawing ----------------------------------------------
ELEANOR = NoteFacts(
    kind=Kind.WITHDRAWAL_NOTE,
    sender="Raj Singh",
    recipient=Recipient("Eleanor Whitfield", "Headteacher"),
    company="Northgate Academy",
    position="Science Teacher",
    names=("Eleanor Whitfield", "Raj Singh"),
)

add(
    ELEANOR,
    """
    Dear Mrs. Whitfield,

    I am writing to withdraw my application for the Science Teacher post. My family circumstances
    have changed and I will not be able to relocate this year after all. Thank you for your time
    and for the very warm welcome at Northgate; I am sorry not to be continuing in the process.

    Yours sincerely,
    Raj Singh
""",
)  # regret, not an apology
add(
    ELEANOR,
    """
    Dear Mrs. Whitfield,

    Thank you very much for inviting me back for a second interview for the Science Teacher post.
    Having thought carefully, I have decided to withdraw, as I have accepted a permanent position at
    my current school. I enjoyed visiting Northgate and wish you and your students every success.

    Yours sincerely,
    Raj Singh
""",
)
