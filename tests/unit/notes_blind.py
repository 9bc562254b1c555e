"""A blind test set for the note checker: realistic notes and the rule ids that should fire.

Written without reading the checker or its own corpus, from the playbook's R7 and its "Note
checker rules" table only. Each entry is (text, facts, expected rule ids), restricted to
name_spelling, greeting, closing, tone, length, thanks, skills, interest, next_step, specific,
forgotten and helpers (spelling, similarity and late are left out: no speller, no siblings, no
clock). Labels only name rules that apply to the note's kind. Length counts the body's words,
greeting and sign-off lines excluded: below 40 or above 200 fires.

On first sight the checker scored macro precision 1.00 and recall 0.98 here (one `skills`
miss, note #31). Keep this set blind: do not tune the checker to it; write new notes instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from followup.domain.model import Kind
from followup.domain.notes.facts import NoteFacts, Recipient

RULES = frozenset(
    {
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
    }
)


def _facts(
    kind: Kind,
    sender: str,
    to: str | None,
    company: str,
    position: str,
    names: tuple[str, ...],
    **more: Any,
) -> NoteFacts:
    return NoteFacts(
        kind=kind,
        sender=sender,
        recipient=Recipient(to) if to else None,
        company=company,
        position=position,
        names=names,
        **more,
    )


TY = Kind.THANK_YOU
TAD = Kind.THANK_AFTER_DECISION
INQ = Kind.INQUIRY
WD = Kind.WITHDRAWAL_NOTE
LAST = Kind.LAST_NOTE
HELP = Kind.THANK_HELPERS

_ = frozenset

BLIND: list[tuple[str, NoteFacts, frozenset[str]]] = [
    # 1. Clean, formal, accents spelled right, topic and next step both there.
    (
        """\
Dear Mr. Núñez,

Thank you for taking the time to meet with me on Tuesday about the Logistics Analyst position \
at Transportes Ibérica. I especially enjoyed our conversation about the rollout of the new \
inventory system across the Madrid warehouses, and how your team kept the sites running during \
the switch.

I remain very interested in the Logistics Analyst role, and I am already preparing for the next \
step, the case-study presentation to the operations directors.

Please let me know if you need anything further from me in the meantime.

Kind regards,
Tomás Ferreira""",
        _facts(
            TY,
            "Tomás Ferreira",
            "José Núñez",
            "Transportes Ibérica",
            "Logistics Analyst",
            ("José Núñez", "Carmen Ruiz"),
            topic="the rollout of the new inventory system across the Madrid warehouses",
            next_step="a case-study presentation to the operations directors",
        ),
        _(),
    ),
    # 2. Warm; the diaeresis of Zoë dropped.
    (
        """\
Hello Zoe,

Thank you so much for your time on Thursday and for a really enjoyable conversation about the \
Junior Producer role at Northwind Games. I loved hearing how the team runs playtests with local \
schools, and the story about the kids who found the level-skip bug in five minutes made me laugh \
all the way home.

I'm more excited than ever about the Junior Producer position and would love to be part of the \
team.

Thanks again, and I hope the rest of your week goes well.

Warm regards,
Amelia Brooks""",
        _facts(
            TY,
            "Amelia Brooks",
            "Zoë Hartley",
            "Northwind Games",
            "Junior Producer",
            ("Zoë Hartley", "Marcus Bell"),
            topic="how the team runs playtests with local schools",
        ),
        _({"name_spelling"}),
    ),
    # 3. "Smyth" for Smith; "skills assessment" is the next step, not a pitch.
    (
        """\
Dear Mr. Smyth,

Thank you for taking the time to speak with me yesterday about the Billing Specialist position \
at Harbor Health. Our discussion of the backlog of denied insurance claims gave me a clear \
picture of where the team needs support, and I appreciated your candour about the pressure it \
has put on everyone.

I remain very interested in the Billing Specialist role. I understand the next step is a skills \
assessment next Wednesday, and I will be ready for it.

Best regards,
Kevin O'Neill""",
        _facts(
            TY,
            "Kevin O'Neill",
            "Daniel Smith",
            "Harbor Health",
            "Billing Specialist",
            ("Daniel Smith", "Laura Chen"),
            topic="the backlog of denied insurance claims",
            next_step="a skills assessment next Wednesday",
        ),
        _({"name_spelling"}),
    ),
    # 4. Fada dropped from Siobhán; the helper is named with her accent right.
    (
        """\
Dear Siobhan,

Thank you for meeting with me on Monday to discuss the Grid Analyst position at Glas Energy. I \
especially enjoyed our conversation about offshore wind forecasting and the problem of \
short-notice curtailment orders, which I had only read about before.

I would also like to thank Bríd Keane for looking after me at reception and finding me a quiet \
room before the interview.

The conversation confirmed my strong interest in the Grid Analyst role, and I would welcome the \
chance to continue.

Kind regards,
Ciarán Walsh""",
        _facts(
            TY,
            "Ciarán Walsh",
            "Siobhán Ó Briain",
            "Glas Energy",
            "Grid Analyst",
            ("Siobhán Ó Briain", "Bríd Keane"),
            topic="offshore wind forecasting",
            helpers=("Bríd Keane",),
        ),
        _({"name_spelling"}),
    ),
    # 5. Ł written as L; the second interviewer's name (in the next step) is right.
    (
        """\
Dear Lukasz,

Thank you for your time today and for the interview for the Backend Developer position at \
Vistula Software. I really enjoyed talking through the plan for splitting the payments monolith \
into services, especially the question of where to draw the first boundary.

I am very interested in the Backend Developer role, and I look forward to the next step, the \
technical interview with Agnieszka Wiśniewska.

Best regards,
Jonas Lindqvist""",
        _facts(
            TY,
            "Jonas Lindqvist",
            "Łukasz Nowak",
            "Vistula Software",
            "Backend Developer",
            ("Łukasz Nowak", "Agnieszka Wiśniewska"),
            topic="splitting the payments monolith into services",
            next_step="a technical interview with Agnieszka Wiśniewska",
        ),
        _({"name_spelling"}),
    ),
    # 6. Transposed letters in a hyphenated surname; the interviewer's experience and a recorded
    #    forgotten point are not a pitch.
    (
        """\
Dear Dr. Okonkow-Adeyemi,

Thank you for taking the time to interview me for the Compliance Officer position at Paystride. \
Our discussion of the new central bank rules on agent banking was a highlight of the day, and I \
appreciated hearing about your experience building the compliance function from scratch in 2019.

One thing I forgot to mention: I speak fluent Yoruba, which may help when working with agents \
outside Lagos.

My interest in the Compliance Officer position is stronger than ever, and I would welcome the \
next stage.

Yours sincerely,
Aisha Bello""",
        _facts(
            TY,
            "Aisha Bello",
            "Ngozi Okonkwo-Adeyemi",
            "Paystride",
            "Compliance Officer",
            ("Ngozi Okonkwo-Adeyemi",),
            topic="the new central bank rules on agent banking",
            forgotten=("I speak fluent Yoruba",),
        ),
        _({"name_spelling"}),
    ),
    # 7. Warm; the accent of María dropped.
    (
        """\
Hello Ana Maria,

Thank you so much for your time yesterday and for telling me about the Program Coordinator role \
at Fundación Horizonte. I keep thinking about what you shared on the youth mentoring programme in \
Valencia, and how many of the mentors were once mentees themselves.

My interest in the Program Coordinator position has only grown since we met, and I would love to \
be part of the programme as it reaches more young people.

I hope you have a lovely rest of the week.

Warm wishes,
Lucía Romero""",
        _facts(
            TY,
            "Lucía Romero",
            "Ana María de la Cruz",
            "Fundación Horizonte",
            "Program Coordinator",
            ("Ana María de la Cruz",),
            topic="the youth mentoring programme in Valencia",
        ),
        _({"name_spelling"}),
    ),
    # 8. A homophone picked by the input method: 王方 for 王芳.
    (
        """\
Dear 王方,

Thank you for taking the time to meet with me on Friday about the Hardware Test Engineer \
position at Lumen Robotics. I especially enjoyed our discussion of the thermal testing of the new \
gripper motors, and seeing the test rig you built in the lab made the work feel very concrete.

I remain very interested in the Hardware Test Engineer role and would be glad to continue the \
conversation.

Best regards,
Daniel Park""",
        _facts(
            TY,
            "Daniel Park",
            "王芳",
            "Lumen Robotics",
            "Hardware Test Engineer",
            ("王芳", "李明"),
            topic="the thermal testing of the new gripper motors",
        ),
        _({"name_spelling"}),
    ),
    # 9. Clean: CJK names spelled exactly, the other interviewer mentioned.
    (
        """\
Dear 李明,

Thank you for your time on Friday and for the interview for the Hardware Test Engineer position \
at Lumen Robotics. Our conversation about the firmware update process for the field units gave me \
a much clearer picture of the work, and I enjoyed meeting 王芳 in the lab afterwards.

The conversation confirmed my strong interest in the Hardware Test Engineer role. I understand \
the next step is an on-site practical test, and I look forward to it.

Kind regards,
Wei Zhang""",
        _facts(
            TY,
            "Wei Zhang",
            "李明",
            "Lumen Robotics",
            "Hardware Test Engineer",
            ("王芳", "李明"),
            topic="the firmware update process for the field units",
            next_step="an on-site practical test",
            others=("王芳",),
        ),
        _(),
    ),
    # 10. "Hey"; a single exclamation mark is fine.
    (
        """\
Hey Marcus,

Thank you for taking the time to chat with me yesterday about the Social Media Coordinator role \
at Brightline Media. It was great to meet you! I really enjoyed our conversation about the \
relaunch of the brand's TikTok channel and the decision to hand the account over to the store \
staff for a month.

I'm very interested in the Social Media Coordinator position and would love to keep the \
conversation going.

Best wishes,
Jasmine Cole""",
        _facts(
            TY,
            "Jasmine Cole",
            "Marcus Bell",
            "Brightline Media",
            "Social Media Coordinator",
            ("Marcus Bell",),
            topic="the relaunch of the brand's TikTok channel",
        ),
        _({"greeting"}),
    ),
    # 11. "To whom it may concern" and a generic body: the recorded topic never comes up.
    (
        """\
To whom it may concern,

Thank you for the opportunity to interview for the Claims Adjuster position at Keystone \
Insurance on Tuesday. I appreciated the time you and your colleague took to walk me through the \
role and answer my questions about the department.

I remain very interested in the Claims Adjuster position and would welcome the opportunity to \
move forward in the process.

Sincerely,
Mark Jensen""",
        _facts(
            TY,
            "Mark Jensen",
            "Priya Raghunathan",
            "Keystone Insurance",
            "Claims Adjuster",
            ("Priya Raghunathan", "Owen Hughes"),
            topic="the flood claims surge after the spring storms",
        ),
        _({"greeting", "specific"}),
    ),
    # 12. No greeting at all.
    (
        """\
Thank you for meeting with me this afternoon about the IT Support Technician position at Cedar \
Valley Schools. I enjoyed hearing about the plan for replacing the Chromebooks in the middle \
school over the summer break, and how the teachers were involved in choosing the new models.

I am very interested in the IT Support Technician role and would be glad to help the district \
through the changeover.

Kind regards,
Sam Whitaker""",
        _facts(
            TY,
            "Sam Whitaker",
            "Helen Park",
            "Cedar Valley Schools",
            "IT Support Technician",
            ("Helen Park",),
            topic="replacing the Chromebooks in the middle school",
        ),
        _({"greeting"}),
    ),
    # 13. A greeting with no name.
    (
        """\
Hello,

Thank you for your time today and for the interview for the Architectural Technologist position \
at Meridian Architects. I especially enjoyed hearing about the timber school project in Leeds and \
the challenges of getting the fire strategy approved.

I remain very interested in the Architectural Technologist role and hope to hear from you soon.

Kind regards,
Olivia Grant""",
        _facts(
            TY,
            "Olivia Grant",
            "Rebecca Stone",
            "Meridian Architects",
            "Architectural Technologist",
            ("Rebecca Stone", "Alan Frost"),
            topic="the timber school project in Leeds",
        ),
        _({"greeting"}),
    ),
    # 14. "Cheers", and the forgotten forklift licence never mentioned.
    (
        """\
Hello Tom,

Thanks so much for your time on Wednesday and for the tour of the brewery. I really enjoyed \
hearing about the new canning line and the teething problems you had with the seamer in the \
first month.

I'm very keen on the Production Supervisor role at Harbourside Brewing and would love to be part \
of the team as it grows.

Cheers,
Liam O'Connor""",
        _facts(
            TY,
            "Liam O'Connor",
            "Tom Reilly",
            "Harbourside Brewing",
            "Production Supervisor",
            ("Tom Reilly",),
            topic="the new canning line",
            forgotten=("I hold a forklift licence",),
        ),
        _({"closing", "forgotten"}),
    ),
    # 15. The sign-off has no name under it.
    (
        """\
Dear Ms. Al-Sayed,

Thank you for taking the time to interview me for the Regulatory Affairs Associate position at \
Crescent Pharma. Our discussion of the EMA submission for the new inhaler was fascinating, \
particularly the way your team handled the questions on the device data.

I remain very interested in the Regulatory Affairs Associate role, and I look forward to the \
second interview with the regulatory director.

Best regards,""",
        _facts(
            TY,
            "Hannah Becker",
            "Fatima Al-Sayed",
            "Crescent Pharma",
            "Regulatory Affairs Associate",
            ("Fatima Al-Sayed", "George Mills"),
            topic="the EMA submission for the new inhaler",
            next_step="a second interview with the regulatory director",
        ),
        _({"closing"}),
    ),
    # 16. No closing and no name at all.
    (
        """\
Dear Karen,

Thank you for meeting with me yesterday to discuss the E-commerce Manager position at Alpine \
Outdoor. I enjoyed our conversation about moving the online shop to Shopify before the winter \
season, and the trade-offs you described around the custom product configurator.

I am very interested in the E-commerce Manager role and hope to hear from you soon.""",
        _facts(
            TY,
            "Noah Schmidt",
            "Karen Liu",
            "Alpine Outdoor",
            "E-commerce Manager",
            ("Karen Liu",),
            topic="moving the online shop to Shopify",
        ),
        _({"closing"}),
    ),
    # 17. "Sorry for rambling".
    (
        """\
Dear Ms. Thompson,

Thank you for your time yesterday and for the interview for the Community Outreach Librarian \
position at Riverbend Library. I especially enjoyed hearing about the mobile library van for the \
rural villages and the reading club that grew out of it.

Sorry for rambling when you asked about my favourite book; I was a little nervous. I remain very \
interested in the Community Outreach Librarian role and would be delighted to continue the \
conversation.

Kind regards,
Ella Novak""",
        _facts(
            TY,
            "Ella Novak",
            "Grace Thompson",
            "Riverbend Library",
            "Community Outreach Librarian",
            ("Grace Thompson",),
            topic="the mobile library van for the rural villages",
        ),
        _({"tone"}),
    ),
    # 18. Double exclamation marks and an emoji; the trial shift never mentioned.
    (
        """\
Hello Jake,

Thank you for your time this morning and for the interview for the Assistant Store Manager \
position at Sunnyside Coffee!! I loved hearing about the new mobile ordering system and how the \
baristas helped shape the layout of the pickup shelf 🙂

I'm really interested in the Assistant Store Manager role and would love to join the team.

Best wishes,
Brianna Scott""",
        _facts(
            TY,
            "Brianna Scott",
            "Jake Morales",
            "Sunnyside Coffee",
            "Assistant Store Manager",
            ("Jake Morales", "Nina Patel"),
            topic="the new mobile ordering system",
            next_step="a paid trial shift at the Elm Street store",
        ),
        _({"tone", "next_step"}),
    ),
    # 19. Text-speak, and nothing about the regression suite they discussed.
    (
        """\
Hello Ryan,

Thx for ur time today and for the interview for the QA Tester position at Pixelforge. Tbh the \
office tour was the best part, the arcade room is awesome.

I'm very interested in the QA Tester role and would love to join the team and help with testing \
the next release.

Best regards,
Tyler Brooks""",
        _facts(
            TY,
            "Tyler Brooks",
            "Ryan Cho",
            "Pixelforge",
            "QA Tester",
            ("Ryan Cho",),
            topic="the automated regression suite for the console builds",
        ),
        _({"tone", "specific"}),
    ),
    # 20. Shouting; acronyms (ATM) are not shouting.
    (
        """\
Dear Ms. Fitzgerald,

Thank you for taking the time to meet with me on Monday about the Member Services \
Representative position at Summit Credit Union. I enjoyed hearing about the new branch opening \
in Boulder and the plan to put a video ATM in the lobby.

I am SO EXCITED about this opportunity and REALLY hope to join your team.

Best regards,
Diego Alvarez""",
        _facts(
            TY,
            "Diego Alvarez",
            "Lauren Fitzgerald",
            "Summit Credit Union",
            "Member Services Representative",
            ("Lauren Fitzgerald",),
            topic="the new branch opening in Boulder",
        ),
        _({"tone"}),
    ),
    # 21. Apologising for being late; the helpful coordinator never named.
    (
        """\
Dear Mr. Grant,

Thank you for taking the time to meet with me yesterday about the Health Information Analyst \
position at Lakeshore Hospital. I apologise again for arriving ten minutes late; the parking \
garage was full. Our conversation about the move to a new EHR system gave me a much clearer \
picture of the department's priorities for the year.

I remain very interested in the Health Information Analyst role and would welcome the chance to \
move forward.

Yours sincerely,
Rachel Kim""",
        _facts(
            TY,
            "Rachel Kim",
            "Michael Grant",
            "Lakeshore Hospital",
            "Health Information Analyst",
            ("Michael Grant", "Patricia Owens"),
            topic="the move to a new EHR system",
            helpers=("Patricia Owens",),
        ),
        _({"tone", "helpers"}),
    ),
    # 22. Near miss: sympathy ("sorry to hear") is not an apology; one "!" is fine.
    (
        """\
Dear Dr. Brennan,

Thank you for taking the time to interview me for the Practice Manager position at Northside \
Clinic. I enjoyed our conversation about the clinic expansion and the new physiotherapy rooms, \
and I was sorry to hear that the building work has been delayed until spring. It sounds like the \
team has handled the disruption remarkably well!

The conversation confirmed my strong interest in the Practice Manager role. I look forward to the \
next step, the meeting with the partners on 9 December.

Kind regards,
Sinéad Murphy""",
        _facts(
            TY,
            "Sinéad Murphy",
            "Aoife Brennan",
            "Northside Clinic",
            "Practice Manager",
            ("Aoife Brennan",),
            topic="the clinic expansion and the new physiotherapy rooms",
            next_step="a meeting with the partners on 9 December",
        ),
        _(),
    ),
    # 23. Too short, otherwise complete.
    (
        """\
Dear Mr. Carter,

Thank you for your time today. I enjoyed discussing the fleet telematics rollout and remain very \
interested in the Operations Manager role.

Best regards,
Ravi Menon""",
        _facts(
            TY,
            "Ravi Menon",
            "Ben Carter",
            "Metro Freight",
            "Operations Manager",
            ("Ben Carter",),
            topic="the fleet telematics rollout",
        ),
        _({"length"}),
    ),
    # 24. Too short, no thanks, and the next step left out.
    (
        """\
Dear Grace,

It was lovely meeting you this morning. I enjoyed hearing about the patient-portal redesign, and \
I'm very keen on the UX Designer role.

Best wishes,
Chloe Martin""",
        _facts(
            TY,
            "Chloe Martin",
            "Grace Lee",
            "Bluebird Health",
            "UX Designer",
            ("Grace Lee",),
            topic="the patient-portal redesign",
            next_step="a call with HR about references",
        ),
        _({"length", "thanks", "next_step"}),
    ),
    # 25. Too long, otherwise complete.
    (
        """\
Dear Ms. Petrova,

Thank you for taking the time to meet with me on Thursday to discuss the Community Energy \
Officer position at Greenfield Energy Cooperative. I left our conversation with a great deal to \
think about, and I wanted to put some of those thoughts in writing while they were still fresh.

I especially enjoyed our discussion of the rooftop solar scheme for social housing. The way you \
described the first pilot, with tenants choosing the installers themselves and the savings split \
between the housing association and the households, was a model I had not come across before. I \
was also struck by your point that the hardest part was never the panels but the trust: \
persuading residents that a cooperative would still be there in twenty years to maintain them.

Your description of the coming year was equally helpful. Hearing that the cooperative plans to \
extend the scheme to three more estates, and that the board wants residents to sit on the \
steering group, gave me a clear sense of how the role would fit into the wider plan. I also \
appreciated your honesty about the funding uncertainty and the long evenings spent at community \
meetings.

I remain very interested in the Community Energy Officer role and in the cooperative's mission. \
I understand that the next step is a presentation to the cooperative's board, and I look forward \
to preparing for it.

Please pass my thanks to Victor Huang as well for his thoughtful questions about local outreach.

With best regards,
Samuel Osei""",
        _facts(
            TY,
            "Samuel Osei",
            "Elena Petrova",
            "Greenfield Energy Cooperative",
            "Community Energy Officer",
            ("Elena Petrova", "Victor Huang"),
            topic="the rooftop solar scheme for social housing",
            next_step="a presentation to the cooperative's board",
            others=("Victor Huang",),
        ),
        _({"length"}),
    ),
    # 26. Too long, and it ends by apologising for it.
    (
        """\
Dear Ms. Moreau,

Thank you so much for taking the time to meet with me on Saturday about the Events Coordinator \
position at Fairway Hotels. I know weekends are your busiest days, so I was grateful that you \
fitted the interview in between two wedding rehearsals.

I have been thinking a lot about our conversation on the wedding season and the new garden \
marquee. The way you described the first summer with the marquee, when the rain came in sideways \
during a reception for a hundred guests and the team moved the whole dinner into the ballroom in \
forty minutes, really stayed with me. It said a lot about how the team works together under \
pressure, and about how much thought goes into the small details that guests never see.

I also enjoyed hearing about the plans for the winter months, when the hotel hopes to attract \
more corporate retreats and smaller conferences to fill the quieter weeks. The idea of pairing \
the conference packages with local food producers and guided walks along the coast sounded like \
a lovely way to make the hotel stand out from the larger chains in the city.

I remain very interested in the Events Coordinator role and would be delighted to be part of the \
team for the coming season. Thank you again for the tour of the gardens and the ballroom.

Sorry for the long email!

Kind regards,
Adam Kowalski""",
        _facts(
            TY,
            "Adam Kowalski",
            "Isabel Moreau",
            "Fairway Hotels",
            "Events Coordinator",
            ("Isabel Moreau",),
            topic="the wedding season and the new garden marquee",
        ),
        _({"length", "tone"}),
    ),
    # 27. Near miss: short but above 40 words; no topic recorded.
    (
        """\
Dear Mr. Tanaka,

Thank you for your time on Tuesday and for the interview for the Technical Writer position at \
Kaizen Tools. I especially enjoyed our talk about how your team plans its documentation releases. \
I remain very interested in the Technical Writer role and hope to hear from you.

Kind regards,
Emma Walsh""",
        _facts(
            TY,
            "Emma Walsh",
            "Hiroshi Tanaka",
            "Kaizen Tools",
            "Technical Writer",
            ("Hiroshi Tanaka",),
        ),
        _(),
    ),
    # 28. Near miss: long but under 200 words.
    (
        """\
Dear Ms. Kowalczyk,

Thank you for taking the time to meet with me on Wednesday to discuss the Procurement \
Specialist position at Baltic Shipping Group. I enjoyed the conversation and came away with a \
much clearer picture of the role.

I especially valued our discussion of the tender for the new tugboat fleet. Your explanation of \
how the evaluation criteria were rewritten to give more weight to fuel efficiency and crew \
safety, rather than price alone, was fascinating, and it showed how closely procurement works \
with the operations and technical teams.

I also appreciated your honesty about the challenges ahead, from the long lead times at the \
shipyards to the new reporting requirements on emissions that come into force next year.

The interview confirmed my strong interest in the Procurement Specialist role. I understand the \
next steps are a reference check and a final call with Piotr Zieliński, and I will make sure my \
referees are ready to hear from you.

Please let me know if any further documents would be helpful in the meantime.

Kind regards,
Julia Schneider""",
        _facts(
            TY,
            "Julia Schneider",
            "Marta Kowalczyk",
            "Baltic Shipping Group",
            "Procurement Specialist",
            ("Marta Kowalczyk", "Piotr Zieliński"),
            topic="the tender for the new tugboat fleet",
            next_step="a reference check and a final call with Piotr Zieliński",
        ),
        _(),
    ),
    # 29. Never thanks the interviewer.
    (
        """\
Dear Mr. Haddad,

It was a pleasure meeting you on Monday to discuss the Risk Analyst position at Cedar Bank. I \
enjoyed our conversation about the stress-testing models for the mortgage book, especially the \
question of how to treat the variable-rate loans issued before 2020.

The interview confirmed my strong interest in the Risk Analyst role, and I would welcome the \
opportunity to continue in the process.

Best regards,
Leila Nasser""",
        _facts(
            TY,
            "Leila Nasser",
            "Omar Haddad",
            "Cedar Bank",
            "Risk Analyst",
            ("Omar Haddad",),
            topic="the stress-testing models for the mortgage book",
        ),
        _({"thanks"}),
    ),
    # 30. An open pitch of experience and skills.
    (
        """\
Dear Ms. Whitmore,

Thank you for taking the time to interview me for the Supply Chain Analyst position at Northstar \
Distribution. I enjoyed our conversation about the forecasting errors during the holiday peak and \
the plan to rebuild the demand model.

With my eight years of experience in supply chain analytics and my advanced Excel and SQL \
skills, I am confident I could hit the ground running and fix those forecasting problems quickly.

I remain very interested in the Supply Chain Analyst role and hope to hear from you soon.

Best regards,
Brian Foster""",
        _facts(
            TY,
            "Brian Foster",
            "Karen Whitmore",
            "Northstar Distribution",
            "Supply Chain Analyst",
            ("Karen Whitmore",),
            topic="the forecasting errors during the holiday peak",
        ),
        _({"skills"}),
    ),
    # 31. A quiet pitch: "having led a very similar migration".
    (
        """\
Dear Sven,

Thank you for your time yesterday and for the interview for the Cloud Engineer position at Fjord \
Bank. Our discussion of migrating the core banking batch jobs to Kubernetes was the highlight of \
the day for me. Having led a very similar migration at my current employer, I think I could help \
the team avoid some of the pitfalls we ran into.

I am very interested in the Cloud Engineer role, and I look forward to the system design \
interview with Ingrid Dahl.

Kind regards,
Meera Iyer""",
        _facts(
            TY,
            "Meera Iyer",
            "Sven Larsen",
            "Fjord Bank",
            "Cloud Engineer",
            ("Sven Larsen", "Ingrid Dahl"),
            topic="migrating the core banking batch jobs to Kubernetes",
            next_step="a system design interview with Ingrid Dahl",
        ),
        _({"skills"}),
    ),
    # 32. Near miss: the recorded forgotten point is a credential; the interviewer's experience.
    (
        """\
Dear Ms. Evans,

Thank you for taking the time to meet with me about the Investment Analyst position at Whitehall \
Capital. I found our conversation about the shift towards private credit in the fund very \
valuable, and I enjoyed hearing about your experience setting up the credit desk in 2018.

I also meant to mention that I completed the CFA Level II exam in August.

I remain very interested in the Investment Analyst role and will be ready for the modelling test \
next week.

Kind regards,
Arjun Mehta""",
        _facts(
            TY,
            "Arjun Mehta",
            "Charlotte Evans",
            "Whitehall Capital",
            "Investment Analyst",
            ("Charlotte Evans",),
            topic="the shift towards private credit in the fund",
            next_step="a modelling test next week",
            forgotten=("I completed the CFA Level II exam in August",),
        ),
        _(),
    ),
    # 33. Polite but generic: no interest, nothing from the topic.
    (
        """\
Dear Mr. Dubois,

Thank you for taking the time to meet with me on Wednesday about the Marketing Assistant \
position at Maison Verte. It was a pleasure to learn more about the company and the team, and I \
appreciated how clearly you described the day-to-day responsibilities of the role.

Please let me know if you need any further information from me.

Kind regards,
Camille Laurent""",
        _facts(
            TY,
            "Camille Laurent",
            "Paul Dubois",
            "Maison Verte",
            "Marketing Assistant",
            ("Paul Dubois",),
            topic="the spring campaign for the organic skincare line",
        ),
        _({"interest", "specific"}),
    ),
    # 34. No interest, and the final interview with the CEO left out.
    (
        """\
Dear Sarah,

Thank you for taking the time to speak with me on Thursday about the Data Scientist position at \
Beacon Analytics. I especially enjoyed our discussion of the churn prediction model for the \
telecom client and the question of how to explain its scores to account managers.

Please let me know if there is anything else you need from me.

Best regards,
Ethan Cohen""",
        _facts(
            TY,
            "Ethan Cohen",
            "Sarah Goldberg",
            "Beacon Analytics",
            "Data Scientist",
            ("Sarah Goldberg", "David Levi"),
            topic="the churn prediction model for the telecom client",
            next_step="a final interview with the CEO",
        ),
        _({"interest", "next_step"}),
    ),
    # 35. The site visit (next step) is not mentioned.
    (
        """\
Dear Mr. Wright,

Thank you for meeting with me on Friday to discuss the Site Engineer position at Oakridge \
Construction. I enjoyed our conversation about the drainage redesign at the Millbrook site and \
the lessons your team learned from last winter's flooding.

I remain very interested in the Site Engineer role and would be glad to continue the \
conversation.

Kind regards,
Megan Hall""",
        _facts(
            TY,
            "Megan Hall",
            "Thomas Wright",
            "Oakridge Construction",
            "Site Engineer",
            ("Thomas Wright",),
            topic="the drainage redesign at the Millbrook site",
            next_step="a site visit with the project manager",
        ),
        _({"next_step"}),
    ),
    # 36. Specific, but about the building, not the recorded topic (onboarding); the position's
    #     own word "volunteer" does not count as the topic.
    (
        """\
Dear Ms. Baptiste,

Thank you for taking the time to interview me for the Volunteer Coordinator position at Hope \
Harbor. I was impressed by the new headquarters building and really enjoyed the tour of the food \
bank warehouse afterwards.

I remain very interested in the Volunteer Coordinator role and would welcome the opportunity to \
contribute to the work of Hope Harbor.

Best regards,
Kofi Asante""",
        _facts(
            TY,
            "Kofi Asante",
            "Linda Baptiste",
            "Hope Harbor",
            "Volunteer Coordinator",
            ("Linda Baptiste",),
            topic="the redesign of the volunteer onboarding process",
        ),
        _({"specific"}),
    ),
    # 37. The forgotten point (Salesforce) is left out.
    (
        """\
Dear Natalie,

Thank you for your time on Tuesday and for the interview for the Sales Operations Manager \
position at Pinnacle Software. I especially enjoyed our conversation about cleaning up the CRM \
pipeline data before the new quarter, and how the sales team has reacted to the stricter stage \
definitions.

I remain very interested in the Sales Operations Manager role and hope to hear from you soon.

Kind regards,
Jordan Ellis""",
        _facts(
            TY,
            "Jordan Ellis",
            "Natalie Cruz",
            "Pinnacle Software",
            "Sales Operations Manager",
            ("Natalie Cruz",),
            topic="cleaning up the CRM pipeline data",
            forgotten=("my experience with Salesforce administration",),
        ),
        _({"forgotten"}),
    ),
    # 38. Forgotten start date and the helper both left out.
    (
        """\
Dear Mr. Sørensen,

Thank you for taking the time to meet with me about the Interior Designer position at Nordlys \
Design. Our conversation about the hotel lobby refurbishment in Aarhus was a real highlight, \
particularly your approach to reusing the original oak panelling.

I remain very interested in the Interior Designer role and would be glad to continue the \
conversation.

With best regards,
Claire Bennett""",
        _facts(
            TY,
            "Claire Bennett",
            "Henrik Sørensen",
            "Nordlys Design",
            "Interior Designer",
            ("Henrik Sørensen", "Dana Whitfield"),
            topic="the hotel lobby refurbishment in Aarhus",
            forgotten=("I am available to start in January",),
            helpers=("Dana Whitfield",),
        ),
        _({"forgotten", "helpers"}),
    ),
    # 39. The helper thanked but not named ("the receptionist").
    (
        """\
Dear Dr. Kumar,

Thank you for taking the time to interview me for the Lab Manager position at Sierra Biotech. I \
enjoyed our conversation about the move to the new lab building in the spring and how you plan to \
keep the cell lines safe during the transfer.

Please also pass my thanks to the receptionist who kindly helped me find the right building when \
I got lost on campus.

I remain very interested in the Lab Manager role and look forward to meeting the head of \
research.

Best regards,
Min-jun Lee""",
        _facts(
            TY,
            "Min-jun Lee",
            "Rajesh Kumar",
            "Sierra Biotech",
            "Lab Manager",
            ("Rajesh Kumar", "Marisol Vega"),
            topic="the move to the new lab building in the spring",
            next_step="a meeting with the head of research",
            helpers=("Marisol Vega",),
        ),
        _({"helpers"}),
    ),
    # 40. Clean: the helper named by first name, accent right.
    (
        """\
Dear Ms. Ivanova,

Thank you for your time on Monday and for the interview for the Environmental Specialist \
position at Andes Mining. I especially enjoyed our discussion of the water monitoring programme \
at the Atacama site and the work with the local communities on sampling.

Please also thank Joaquín at reception for his help in arranging my visitor pass.

I remain very interested in the Environmental Specialist role and hope to continue the \
conversation.

Kind regards,
Peter Novak""",
        _facts(
            TY,
            "Peter Novak",
            "Olga Ivanova",
            "Andes Mining",
            "Environmental Specialist",
            ("Olga Ivanova", "Joaquín Herrera"),
            topic="the water monitoring programme at the Atacama site",
            helpers=("Joaquín Herrera",),
        ),
        _(),
    ),
    # 41. Near miss for name spelling: "data" is not Dana, "been" is not Ben.
    (
        """\
Dear Dana,

Thank you for taking the time to meet with me on Wednesday about the Data Engineer position at \
Civic Data Lab. I have been thinking about our conversation on the open data portal for the city \
council ever since, especially the question of how to publish the bus data in near real time.

I would be grateful if you could also pass my thanks to Ben Okafor for his questions about data \
quality.

I remain very interested in the Data Engineer role, and I will look out for the take-home \
exercise.

Best regards,
Lucy Tran""",
        _facts(
            TY,
            "Lucy Tran",
            "Dana Hale",
            "Civic Data Lab",
            "Data Engineer",
            ("Dana Hale", "Ben Okafor"),
            topic="the open data portal for the city council",
            next_step="a take-home exercise",
            others=("Ben Okafor",),
        ),
        _(),
    ),
    # 42. Thanks after a rejection, warm, clean; the recorded topic does not apply to this kind.
    (
        """\
Hello Siobhán,

Thank you so much for letting me know, and for considering me for the Data Protection Officer \
role at Clarity Health. I really enjoyed getting to know you and the team over the two \
interviews, and I learned a lot from our conversations.

If anything else opens up in the future, I would love to be kept in mind. I remain really \
interested in the work you do at Clarity Health.

Wishing you and the team all the best.

Warm regards,
Niamh Kelly""",
        _facts(
            TAD,
            "Niamh Kelly",
            "Siobhán Ó Briain",
            "Clarity Health",
            "Data Protection Officer",
            ("Siobhán Ó Briain",),
            topic="the backlog of subject access requests",
        ),
        _(),
    ),
    # 43. After a rejection, keeps the door open but never thanks them.
    (
        """\
Dear Mr. Hayes,

I was disappointed to learn that I was not selected for the Paralegal position at Summit \
Partners, but I understand the decision and I enjoyed meeting you and the team during the \
process.

Should a similar opening arise in the future, I would welcome the chance to be considered, and I \
would be glad to stay in touch.

I wish you and the team continued success.

Best regards,
Grace Liu""",
        _facts(
            TAD,
            "Grace Liu",
            "Robert Hayes",
            "Summit Partners",
            "Paralegal",
            ("Robert Hayes",),
        ),
        _({"thanks"}),
    ),
    # 44. After a rejection, thanks but no interest in future openings.
    (
        """\
Dear Fiona,

Thank you for your time and consideration throughout the Conservation Officer process at \
Highland Trust, and for letting me know the outcome so quickly. I enjoyed meeting the team at the \
Glen Affric office and learned a great deal about the peatland restoration work.

I wish you and your colleagues every success with the project this year.

Kind regards,
Jamie Ross""",
        _facts(
            TAD,
            "Jamie Ross",
            "Fiona MacLeod",
            "Highland Trust",
            "Conservation Officer",
            ("Fiona MacLeod",),
        ),
        _({"interest"}),
    ),
    # 45. After a rejection, a pitch of skills and a track record.
    (
        """\
Dear Ms. O'Brien,

Thank you for considering me for the Grants Manager position at Open Doors Foundation, and for \
your time during the interviews. I enjoyed meeting the team and learning about the foundation's \
work with refugee families.

I am confident that my grant-writing skills and my track record of securing over two million \
pounds in funding would make me an asset in a future role, so please keep me in mind for future \
openings.

With best wishes,
Tunde Bakare""",
        _facts(
            TAD,
            "Tunde Bakare",
            "Margaret O'Brien",
            "Open Doors Foundation",
            "Grants Manager",
            ("Margaret O'Brien",),
        ),
        _({"skills"}),
    ),
    # 46. After a rejection, apologising for one's own presentation.
    (
        """\
Dear Ms. Sato,

Thank you for your time and for considering me for the Brand Manager position at Sakura Foods. \
I'm sorry my presentation was not stronger, and I appreciate you taking the time to share your \
feedback on it.

I would be grateful if you kept me in mind for future openings, as I remain very interested in \
Sakura Foods and its products.

Kind regards,
Carlos Mendes""",
        _facts(
            TAD,
            "Carlos Mendes",
            "Yuki Sato",
            "Sakura Foods",
            "Brand Manager",
            ("Yuki Sato",),
        ),
        _({"tone"}),
    ),
    # 47. Inquiry, clean; a long Spanish name spelled exactly.
    (
        """\
Dear Ms. de la Cruz,

I hope you are well. I am writing to follow up on my interview for the Project Engineer position \
at Solaris Energía on Tuesday 17 November. I remain very interested in the role and in the solar \
farm projects we discussed.

Could you let me know where things stand and when a decision is expected? I would be glad to \
provide anything else you need from me.

Thank you for your time, and I look forward to hearing from you.

Kind regards,
Gabriel Santos""",
        _facts(
            INQ,
            "Gabriel Santos",
            "Ana María de la Cruz",
            "Solaris Energía",
            "Project Engineer",
            ("Ana María de la Cruz",),
        ),
        _(),
    ),
    # 48. Inquiry that sells a new certification.
    (
        """\
Dear Andrew,

I hope you are well. I would like to follow up on my interview for the DevOps Engineer position \
at Vertex Cloud two weeks ago. My interest in the role is as strong as ever.

Since we spoke, I have earned my AWS Solutions Architect certification, which further \
strengthens my cloud skills and would let me add value to your platform team from day one.

Could you let me know where the process stands at the moment?

Best regards,
Nadia Rahman""",
        _facts(
            INQ,
            "Nadia Rahman",
            "Andrew Collins",
            "Vertex Cloud",
            "DevOps Engineer",
            ("Andrew Collins",),
        ),
        _({"skills"}),
    ),
    # 49. Inquiry that asks for news but never says they are still interested.
    (
        """\
Dear Ms. Miller,

I am writing to follow up on my interview for the Fleet Coordinator position at Redwood \
Logistics on 3 November. Could you let me know where things stand and when a decision is \
expected?

Please let me know if there is anything more I can provide in the meantime.

Thank you for your time.

Kind regards,
Kenji Watanabe""",
        _facts(
            INQ,
            "Kenji Watanabe",
            "Susan Miller",
            "Redwood Logistics",
            "Fleet Coordinator",
            ("Susan Miller",),
        ),
        _({"interest"}),
    ),
    # 50. Inquiry, clean without a thank-you (thanks does not apply); the next step is not
    #     this kind's business either.
    (
        """\
Dear Beatriz,

I hope all is well. I wanted to follow up on the Actuarial Analyst position at Atlântico \
Seguros, for which I interviewed in early November. My interest in the position is as strong as \
ever, and I enjoyed meeting the pricing team.

Would you be able to share an update on the process and its timing? Please let me know if any \
further documents would be helpful.

Best regards,
Lucas Ferreira""",
        _facts(
            INQ,
            "Lucas Ferreira",
            "Beatriz Oliveira",
            "Atlântico Seguros",
            "Actuarial Analyst",
            ("Beatriz Oliveira",),
            next_step="a decision by the end of November",
        ),
        _(),
    ),
    # 51. Inquiry greeting nobody by name.
    (
        """\
Hi there,

I hope you're doing well. I'm following up on my interview for the Leasing Consultant position \
at Harbor Point Realty last Tuesday. I'm still very interested in the role and would love to hear \
how the process is going.

Any update on the timing would be really helpful.

Many thanks,
Oscar Lindgren""",
        _facts(
            INQ,
            "Oscar Lindgren",
            "Michelle Tan",
            "Harbor Point Realty",
            "Leasing Consultant",
            ("Michelle Tan",),
        ),
        _({"greeting"}),
    ),
    # 52. Withdrawal, clean; Turkish letters in the sender's name.
    (
        """\
Dear Mr. Qureshi,

Thank you for your time and for considering me for the Associate Consultant position at Meridian \
Consulting. After careful thought, I have decided to withdraw my application, as I have accepted \
an offer closer to my family in Izmir.

I have a great deal of respect for your team and hope our paths cross again.

I wish you every success in filling the position.

Sincerely,
Elif Yılmaz""",
        _facts(
            WD,
            "Elif Yılmaz",
            "Hassan Qureshi",
            "Meridian Consulting",
            "Associate Consultant",
            ("Hassan Qureshi",),
        ),
        _(),
    ),
    # 53. Withdrawal that apologises for the inconvenience.
    (
        """\
Dear Ms. Neumann,

Thank you for your time and for inviting me to the second round for the Quality Engineer \
position at Rheinwerk Automotive. I am writing to let you know that I would like to withdraw from \
consideration, as I have accepted another offer.

I apologise for any inconvenience this may cause and for the short notice before Thursday's \
interview.

I wish you and the team all the best with the search.

Kind regards,
Felix Wagner""",
        _facts(
            WD,
            "Felix Wagner",
            "Claudia Neumann",
            "Rheinwerk Automotive",
            "Quality Engineer",
            ("Claudia Neumann",),
        ),
        _({"tone"}),
    ),
    # 54. Withdrawal signed "Cheers"; mentioning one's skills is not checked in this kind.
    (
        """\
Hello Jess,

Thanks so much for your time and for considering me for the Motion Designer role at Brightwave \
Studio. After a lot of thought, I have decided to withdraw my application, as I've accepted a \
position that makes more use of my 3D animation skills.

I really enjoyed getting to know the studio, and I'd love to stay in touch.

Cheers,
Ollie Turner""",
        _facts(
            WD,
            "Ollie Turner",
            "Jess Morgan",
            "Brightwave Studio",
            "Motion Designer",
            ("Jess Morgan",),
        ),
        _({"closing"}),
    ),
    # 55. Last note, warm, clean (thanks and interest are not checked in this kind).
    (
        """\
Hello Priyanka,

I hope you are well. I wanted to check in one last time about the Patient Care Coordinator role \
at Lotus Health, as I have not heard back since my interview in October.

I will not keep writing, but I am always glad to hear from you if anything changes, and I wish \
you and the team a good end to the year.

All the best,
Daniel Okoro""",
        _facts(
            LAST,
            "Daniel Okoro",
            "Priyanka Sharma",
            "Lotus Health",
            "Patient Care Coordinator",
            ("Priyanka Sharma",),
        ),
        _(),
    ),
    # 56. Last note: "Gonzales" for González.
    (
        """\
Dear Mr. Gonzales,

I am writing one last time about the Revenue Manager position at Costa Verde Hotels, for which I \
interviewed in September. If the role is still open, I remain interested and would be glad to \
hear where things stand.

This will be my last note on the subject, and I would be happy to hear from you if anything \
changes. Thank you again for your time throughout the process.

Kind regards,
Sara Lindholm""",
        _facts(
            LAST,
            "Sara Lindholm",
            "Alejandro González",
            "Costa Verde Hotels",
            "Revenue Manager",
            ("Alejandro González",),
        ),
        _({"name_spelling"}),
    ),
    # 57. Last note far too short.
    (
        """\
Dear Ms. Lee,

Just checking one last time whether the Buyer position at Apex Retail is still open. I remain \
interested.

Kind regards,
Mohammed Farouk""",
        _facts(
            LAST,
            "Mohammed Farouk",
            "Jennifer Lee",
            "Apex Retail",
            "Buyer",
            ("Jennifer Lee",),
        ),
        _({"length"}),
    ),
    # 58. Thanking the recruiter after an offer, clean; hyphenated surname spelled exactly.
    (
        """\
Dear Ms. Okonkwo-Adeyemi,

Thank you for your time and help throughout the process for the Product Analyst position at Kora \
Payments. You kept me informed at every stage, and your advice before the final panel made a real \
difference.

I am delighted to be joining the team in January, and I hope to thank you in person before long.

Please pass on my best wishes to the rest of the recruitment team as well.

Kind regards,
Chinedu Eze""",
        _facts(
            HELP,
            "Chinedu Eze",
            "Ngozi Okonkwo-Adeyemi",
            "Kora Payments",
            "Product Analyst",
            ("Ngozi Okonkwo-Adeyemi", "Tobi Adewale"),
            helpers=("Ngozi Okonkwo-Adeyemi",),
        ),
        _(),
    ),
    # 59. Thanking a helper, then selling ten years of experience.
    (
        """\
Dear Emily,

Thank you so much for your time and help during the process for the Operations Lead role at \
Crestview Bank. You made every step easy, from scheduling the interviews to answering my \
questions about the start date.

I'm confident my ten years of process improvement experience will let me make an immediate \
impact on the operations team, and I can't wait to get started.

Warm regards,
Raj Patel""",
        _facts(
            HELP,
            "Raj Patel",
            "Emily Harper",
            "Crestview Bank",
            "Operations Lead",
            ("Emily Harper",),
        ),
        _({"skills"}),
    ),
    # 60. Thanking a helper, warm, clean; Polish letters right, one "!".
    (
        """\
Hello Łukasz,

Thank you so much for your time and kindness during the process for the Frontend Developer role \
at Kodland. Everything ran so smoothly thanks to you, from the visitor badge to the coffee before \
the panel!

I really appreciated how well you looked after everyone, and I hope we get to meet again soon \
when I start in February.

Warm wishes,
Zofia Kamińska""",
        _facts(
            HELP,
            "Zofia Kamińska",
            "Łukasz Wójcik",
            "Kodland",
            "Frontend Developer",
            ("Łukasz Wójcik",),
            helpers=("Łukasz Wójcik",),
        ),
        _(),
    ),
]


def macro_scores(check: Callable[[str, NoteFacts], Iterable[Any]]) -> tuple[float, float]:
    """Macro precision and recall of `check` (findings with a `rule`) over the blind notes."""
    hits, fired, labelled = Counter[str](), Counter[str](), Counter[str]()
    for text, facts, expected in BLIND:
        found = {f.rule for f in check(text, facts)} & RULES
        hits.update(found & expected)
        fired.update(found)
        labelled.update(expected)
    precision = [hits[r] / fired[r] for r in RULES if fired[r]]
    recall = [hits[r] / labelled[r] for r in RULES if labelled[r]]
    return sum(precision) / len(precision), sum(recall) / len(recall)
