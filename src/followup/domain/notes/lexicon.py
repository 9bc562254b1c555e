"""The checker's words and patterns: stop words, slang, closings, pitches, interest, thanks."""

from __future__ import annotations

import re


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*")
NAME = re.compile(r"(?<![\w@/.'’-])[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
URL = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|\b[\w-]+(?:\.[a-z]{2,})+/\S*")
SENTENCE = re.compile(r"(?:[^.!?;:\n]|\n(?!\s*\n))+[.!?;:]*")
FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "’": "'"})
TITLES = _set("mr mrs ms miss mx dr prof sir madam madame monsieur herr frau")
HONORIFIC = frozenset("先女小老经总博教")
STOP = _set("""a about above across after again against all also although am an and any are as at
    be because been before being best between both but by can could dear do during each every few
    first following for from good great has had have he hello her hey hi him his hope how however i
    if in into is it its itself just kind last like look looking made make many me mine more morning
    most much my next nice no nor not now of off on once one only or our out over own please really
    regards same she should since so some still such than thank thanks that the their them then
    there these they this those though through to too under until up upon us very via warm was we
    well were what when where which while who whom why will with would yes you your yours two three
    four five six seven eight nine ten moving""")
COMMON = STOP | _set("""team monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december director manager
    head lead senior junior jan feb mar apr jun jul aug sep sept oct nov dec""")
"""Words never taken for a misspelled name, even when capitalised."""
GENERIC = _set("""interview role position job company opportunity meeting call week day next step
    stage process work business group office time""")
ACRONYMS = _set("""SQL HTML CSS NASA CEO CTO CFO COO CIO CMO VP API APIS AWS GCP ETL KPI KPIS UX UI
    HR IT MBA PHD USA UK EU NYC JSON YAML REST HTTP HTTPS SAAS CRM ERP SAP NGO NHS FDA GDPR HIPAA
    IPO ROI OKR OKRS SLA SLAS QA CI CD LLM NLP AI ML GPU CPU IBM HSBC UCLA MIT NYU UCD RSVP ASAP PDF
    CAD BIM LEED OSHA CPA ACCA CFA PMP TDD BDD SDK IOS PHP GCSE ICU SCRUM SEO SMS""")
WORKPLACE = _set("""app apps inbox rollout rollouts analytics repo repos fintech voicemail
    voicemails onboarding workflow workflows hackathon linkedin maths hoc startup startups""")
SUFFIXES = "ations ation ating ated ates ate ings ing ions ion ies es ed s".split()  # noqa: SIM905
BRITISH = [(re.compile(a), b) for a, b in (
    (r"is(?=e|ing|ed|ation|a)", "iz"), (r"ys(?=e|ing|ed)", "yz"), (r"our", "or"),
    (r"tre\b", "ter"), (r"ll(?=ed|ing|er)", "l"), (r"mme(?=s?\b)", "m"), (r"ogue\b", "og"),
)]  # fmt: skip

SALUTE = _re(r"""\s*(?:dear|hello|hi|hey|hiya|heya|yo|howdy|sup|greetings
    |good\s+(?:morning|afternoon|evening)|to\s+whom)\b""")
BAD_SALUTE = _re(r"""\s*(?:hey|hiya|heya|yo|howdy|sup|hi\s+there|hi\s+guys
    |to\s+whom\s+it\s+may\s+concern|dear\s+(?:sirs?|madam)(?:\s+or\s+madam)?)\b""")
TEAM = _re(r"\b(?:team|committee|panel|all|everyone|colleagues|hiring\s+manager|recruit\w*)\b")
CLOSE_LINE = _re(r"""(?P<phrase>
      (?:with\s+)?(?:(?:best|kind|kindest|warm|warmest)\s+(?:regards|wishes)|best|regards
      |(?:yours\s+)?(?:sincerely|faithfully|truly|respectfully)(?:\s+yours)?|thank\s+you|thanks
      |many\s+thanks|(?:gratitude|appreciation|thanks)|gratefully|warmly|cordially|all\s+the\s+best
      |all\s+(?:best|good)(?:\s+wishes)?|(?:have|enjoy)\s+a\s+(?:\w+\s+){0,2}?(?:day|week|weekend
      |evening|afternoon|holiday|break|summer|christmas)(?:\s+ahead)?|wishing\s+you\s+(?:\w+\s+){0,4}?\w+)
      (?:\s+(?:again|so\s+much|very\s+much))?
    | (?P<bad>cheers|later|laters|xoxo|xo|xx|thx|thnx|tx|ta|love|lots\s+of\s+love|hugs|ttyl|peace
      |ciao|bye(?:\s+for\s+now)?|cya|take\s+care|talk\s+soon|see\s+(?:you|ya)(?:\s+\w+)?
      |catch\s+you\s+later))
    \s*[,.!—-]*\s*(?P<name>(?-i:[^\W\d_a-z])[^\n,.!?]{0,40})?""")
CLOSE_SENTENCE = _re(r"""(?:(?:thank(?:s|\s+you)|many\s+thanks)\b(?:\s+\w+){0,12}
    |(?:i\s+)?hope\s+(?:you|the\s+rest|your)\b(?:\s+\w+){1,10}|wishing\s+you(?:\s+\w+){1,10}
    |(?:have|enjoy)\s+a(?:\s+\w+){1,6})\s*[.!,]?""")
"""A sentence of thanks or good wishes alone on the line before the name: a closing too."""
SLANG = _re(r"""(?<![\w'’.-])(?:u|ur|thx|thnx|tnx|thanx|gonna|wanna|gotta|lol|lmao|rofl|btw|omg
    |imo|imho|tbh|tbf|idk|ngl|brb|ttyl|plz|pls|cuz|coz|kinda|sorta|lemme|gimme|dunno|ya|yeah|yep
    |yup|nope|dude|bro|awesome-?sauce|ha(?:ha)+|he(?:he)+|b4|gr8|2moro|l8r|def(?=\s+\w)|rn|ikr|smh
    |lowkey|yday|tmrw|tmr|2day|cya|xoxo)(?![\w'’-]|\.\w)""")
EMOJI = _re(
    r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]+ | (?<![\w:])[:;=]-?[)(DP](?!\w) | <3"
)
BANG = re.compile(r"[!?]*![!?]*!+|\?{2,}")
CAPS = re.compile(r"\b[A-Z]{4,}\b")
SORRY = _re(r"""\b(?:apologi[sz](?:e[sd]?|ing)|(?:my\s+)?apologies|forgive\s+me
    |sorry(?!\s+(?:to\s+(?:hear|learn|see|read)|not\s+to|(?:that\s+)?(?:it|this)\s+(?:was|did|is))))
    \b""")
THANKS = _re(r"""\b(?:thank(?:s|\s+you|\s+u|ing\s+you)|many\s+thanks|thx|thanx)\b
    (?!\s+(?:also\s+|as\s+well\s+)?to\b)
    |\b(?:grateful|gratitude)\b|\bappreciat\w*\s+(?:your|the|you|having|meeting|speaking|being)\b""")
FOR_NEWS = _re(r"""(?:\s+\w+){0,2}\s+for\s+(?:your\s+|the\s+)?(?:e-?mail|message|update|news|reply
    |letting\s+me\s+know|getting\s+back)""")
FOR_TIME = _re(r"""\b(?:time|consideration|considering|meeting|speaking|talking|interview\w*|help
    |support|chat|call|conversation|opportunity|chance|hosting|tour)\b""")
SKILL = r"""(?:skills?|skill\s*set|experience|expertise|background|abilit(?:y|ies)|strengths?
    |track\s+record|qualifications?|talents?|capabilit(?:y|ies)|proficiency|competenc(?:e|ies)
    |know-how|credentials|accomplishments|achievements)"""
FILL = r"(?:(?!your\b|their\b|his\b|her\b|you\b|\w+ed\b)[\w+\#-]+\s+){0,5}?"
PITCH = [_re(p) for p in (
    rf"""\bmy\s+{FILL}{SKILL}\b(?!\s+(?:today|yesterday|with\s+(?:you|your)|at\s+(?:the|your)
        |during|interviewing|meeting|visiting|of\s+(?:the|our|your)\b))""",
    rf"\bI(?:\s+(?:can|would|will))?(?:\s+(?:bring|have|offer|possess)|['’]ve(?:\s+got)?)\s+{FILL}{SKILL}",
    r"""\bI(?:\s+am|'m|’m)\s+(?:(?:a|an|the|very|highly|truly|really|also|certainly)\s+){0,3}
        (?:proven|strong|natural|skilled|seasoned|experienced|accomplished|talented|results[-\s]driven
        |detail[-\s]oriented|hard[-\s]working|self[-\s]starter|versatile|ideal|perfect|uniquely|expert
        |right\s+(?:person|candidate|fit)|well[-\s](?:suited|qualified|placed|positioned|equipped)
        |organi[sz]ed|reliable|dependable|adaptable|proactive|quick\s+to\s+learn|a\s+fast\s+learner
        |used\s+to\s+working|calm\s+under)\b""",
    rf"\bwith\s+my\s+(?:[\w-]+\s+){{0,3}}(?:years?|{SKILL})\b",
    r"""\b(?:confident|sure|certain|convinced|believe|know|think)\b(?:\s+that)?\s+I\s*
        (?:would|could|can|will|'d|’d|'ll|’ll)\s+(?:\w+\s+)?
        (?:be\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:asset|addition|fit|candidate|hire|contributor|member)
        |bring|contribute|add\s+(?:\w+\s+)?value|excel|deliver|hit\s+the\s+ground|lead|succeed
        |thrive|solve|fix|do\s+(?:it|that|the\s+same)|take\s+on|improve|grow|double|drive|turn
        |be\s+productive|get\s+up\s+to\s+speed|ramp\s+up|handle
        |help\s+(?:\w+\s+){0,3}(?:fast|quickly)|make\s+an?\s+(?:\w+\s+)?(?:impact|difference))""",
    r"\bmake\s+me\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:asset|addition|fit|candidate|hire|choice|member)",
    r"""\bI(?:\s+have|'ve|’ve)?\s+(?:successfully\s+|also\s+|personally\s+)?(?:led|managed|delivered
        |built|launched|grew|grown|increased|drove|driven|spearheaded|shipped|published|won|saved
        |architected|mentored|scaled|headed|designed|created|developed|doubled|tripled|halved|cut
        |reduced|boosted|raised|uncovered|closed|beat|sold|transformed|turned\s+around)\s+(?!to\b|(?:the|a|our|your)\s+(?:interview|conversation
        |call))""",
    r"\bI\s+(?:really\s+)?(?:excel|shine|thrive)\s+(?:at|in|on|when)\b",
    rf"\bas\s+(?:a|an)\s+[\w\s-]{{0,40}}?\bwith\s+(?:[\w-]+\s+){{0,5}}?{SKILL}",
    r"\bI\s+know\s+how\s+to\b",
    r"\bI\s+know\s+(?:exactly\s+)?what\s+(?:it\s+takes|you(?:r\s+\w+)?\s+needs?)\b",
    r"""\bhaving\s+(?:\w+\s+)?(?:led|built|shipped|designed|run|managed|delivered|launched|grown
        |created|developed|produced|trained|sold|closed|saved|spent\s+\w+\s+years?)\b[^.;!?]*,\s*I\b""",
    r"""\b(?:years?|decades?)\s+(?:of|in|at|as|on|running|working|leading|building)\b[^.;!?]*
        \b(?:taught|given|prepared|equipped|trained|mean|means|made)\s+me\b""",
    r"""\b(?:my|with)\s+(?:\w+\s+){0,2}?(?:\d+|two|three|four|five|six|seven|eight|nine|ten
        |eleven|twelve|fifteen|twenty)\s+years?\b(?!\s+ago)""",
    r"\bI(?:\s+(?:would|could|can)|['’]d)?\s+bring\b(?!\s+(?:it|them|this|that|along|back|up|the\s+\w+s\b))",
    r"""\bI(?:\s+am|['’]m)\s+(?:a\s+|an\s+)?(?:(?:quick|fast|rapid)\s+learner
        |(?:\w+\s+){0,6}?(?:great|good|excellent|brilliant|skilled)\s+at\b)""",
    r"""\bI\b[^.;!?]*?\b(?:hit\s+the\s+ground\s+running|slot\s+(?:straight|right)\s+in|from\s+day\s+one
        |(?:in|from)\s+my\s+(?:very\s+)?first\s+(?:day|week|month))\b""",
    r"""\b(?:(?:no\s*one|nobody)\s+(?:is\s+)?(?:better|more)\s+(?:placed|suited|qualified)
        |I(?:\s+am|['’]m)\s+(?:\w+\s+){0,4}?(?:the\s+)?(?:strongest|best|ideal|perfect|obvious)\s+
        (?:candidate|person|fit|choice|match))\b""",
)]  # fmt: skip
WANT = _re(r"""\b(?:interested|interest|excited|excitement|enthusiastic|enthusiasm|keen|eager
    |thrilled|delighted|motivated|passionate|(?:would|'d|’d)\s+(?:\w+\s+){0,2}?(?:love|like|prefer)
    \s+to|welcome\s+the\s+(?:chance|opportunity)|honou?red|privilege)\b""")
WANT_WHAT = _re(r"""\b(?:role|position|job|post|opportunit\w*|team|join\w*|part\s+of|contribut\w*
    |help(?:ing)?\s+(?:build|grow|shape|run|develop|launch)|involved
    |work\w*|compan\w*|future|possibility|prospect|offer|apply|hear(?:ing)?\s+(?:back|from|more)
    |next|stage|step|round|test|exercise|task|presentation|decision
    |interview|assessment)\b""")
INTEREST = _re(r"""\blook(?:ing)?\s+forward\s+to\b|\bcan(?:'|’)?t\s+wait\b
    |\bkeep\s+me\s+in\s+mind\b
    |\bhope\s+to\s+(?:hear|join|work|be|see|continue|meet)\b|\bbe\s+considered\b|\bpaths\s+cross\b
    |\b(?:future|other|similar)\s+(?:openings?|opportunit\w+|roles?|positions?|vacanc\w+)\b
    |\b(?:stay|keep)\s+in\s+touch\b|\bfirst\s+choice\b
    |\bkeep\s+(?:me|my\s+(?:details|cv|name|application))\s+(?:in\s+mind|on\s+file)\b
    |\b(?:role|job|position|post|team|company|place|one|work|what)\s+I\s+(?:\w+\s+)?(?:want
      |would\s+like|['’]d\s+like|hope|(?:have|['’]ve)\s+been\s+(?:looking|hoping|wanting))\b
    |\bI\s+(?:\w+\s+)?(?:want|hope|would\s+like|['’]d\s+like)\s+to\s+(?:join|work|be\s+part|build|grow
      |contribute)\b|\bcount\s+me\s+in\b|\bjump\s+at\s+the\s+chance\b
    |\b(?:remain|still)\s+(?:\w+\s+){0,2}?(?:interested|keen|enthusiastic|excited|eager|up\s+for)""")
NAME_VARIANTS = [frozenset(group.split()) for group in (
    "sean shaun shawn", "jon john", "steven stephen", "geoff jeff", "ann anne", "sara sarah",
    "aileen eileen", "mohammed muhammad mohamed mohammad", "catherine katherine kathryn",
    "philip phillip", "jonathan jonathon", "rebecca rebekah", "claire clare", "zoe zoey",
    "niamh neve", "siobhan shivaun", "aoife eefa",
)]
"""Spellings of one name that sound alike; a slip no edit distance catches."""
SOUNDS = [(re.compile(a), b) for a, b in (
    (r"^[aeiouy]+", "a"), (r"^g(?=[eiy])", "j"), (r"ph", "f"), (r"ck", "k"), (r"c(?=[eiy])", "s"),
    (r"[cq]", "k"), (r"(?<=[^aeiou])h|h$", ""), (r"y", "i"), (r"(.)\1+", r"\1"),
)]  # fmt: skip
"""A name's rough spoken form: Geoff and Jeff, Aileen and Eileen, Rebecca and Rebekah meet."""
NEGATED = _re(r"\b(?:no\s+longer|not|n't|n’t)\s+(?:\w+\s+){0,2}$")
