"""Word lists for claim checking: name aliases, acronyms, irregular verbs, synonyms, antonyms, comparatives,
negations and framing words. General English and policy-reading knowledge, never tied to one brief or claim."""

from __future__ import annotations

import re

from index.lexical import stem


def word_set(*parts: str) -> frozenset[str]:
    """A word list written as text."""
    return frozenset(" ".join(parts).split())


# Alias -> canonical key. Keys are lower-case, whitespace-normalised surface forms.
ALIASES: dict[str, str] = {
    "us": "usa",
    "u.s": "usa",
    "u.s.": "usa",
    "u.s.a": "usa",
    "u.s.a.": "usa",
    "usa": "usa",
    "united states": "usa",
    "united states of america": "usa",
    "america": "usa",
    "american": "usa",
    "washington": "usa",
    "north korea": "north_korea",
    "north korean": "north_korea",
    "n korea": "north_korea",
    "n. korea": "north_korea",
    "nkorea": "north_korea",
    "dprk": "north_korea",
    "pyongyang": "north_korea",
    "south korea": "south_korea",
    "south korean": "south_korea",
    "s korea": "south_korea",
    "s. korea": "south_korea",
    "rok": "south_korea",
    "seoul": "south_korea",
    "japan": "japan",
    "japanese": "japan",
    "tokyo": "japan",
    "china": "china",
    "chinese": "china",
    "beijing": "china",
    "russia": "russia",
    "russian": "russia",
    "moscow": "russia",
    "kim": "kim",
    "kim jong-un": "kim",
    "kim jong un": "kim",
    "kim jongun": "kim",
    "trump": "trump",
    "donald trump": "trump",
    "biden": "biden",
    "joe biden": "biden",
    "un": "united_nations",
    "united nations": "united_nations",
    "united kingdom": "britain",
    "great britain": "britain",
    "uk": "britain",
    "u.k.": "britain",
    "sri lanka": "sri_lanka",
    "new zealand": "new_zealand",
    "south africa": "south_africa",
}
# Countries (canonical keys): a claim that puts one country where the brief has another is contradicted.
COUNTRIES = word_set(
    "usa north_korea south_korea japan china russia iran iraq syria india pakistan afghanistan ukraine israel",
    "germany france britain uk canada australia vietnam singapore mongolia taiwan philippines indonesia turkey",
    "saudi egypt cuba venezuela libya",
    "afghanistan albania algeria angola argentina armenia austria azerbaijan bahrain bangladesh belarus belgium",
    "bolivia bosnia brazil bulgaria cambodia cameroon chile colombia croatia czechia denmark ecuador estonia",
    "ethiopia finland georgia ghana greece hungary iceland ireland italy jordan kazakhstan kenya kuwait laos",
    "latvia lebanon lithuania malaysia mexico morocco myanmar nepal netherlands nigeria norway oman peru poland",
    "portugal qatar romania rwanda senegal serbia slovakia slovenia somalia spain sudan sweden switzerland",
    "tanzania thailand tunisia uganda uzbekistan yemen zimbabwe laos sri_lanka new_zealand south_africa",
    "united_kingdom uae",
)
# Nationality adjectives: "a Chinese invasion" names China in the place of "a North Korean invasion".
DEMONYMS: dict[str, str] = {
    k.replace("_", " "): v
    for k, v in (
        pair.split(":")
        for pair in word_set(
            "iranian:iran iraqi:iraq syrian:syria indian:india pakistani:pakistan afghan:afghanistan ",
            "ukrainian:ukraine israeli:israel german:germany french:france british:britain canadian:canada ",
            "australian:australia vietnamese:vietnam mongolian:mongolia taiwanese:taiwan filipino:philippines ",
            "indonesian:indonesia turkish:turkey egyptian:egypt cuban:cuba venezuelan:venezuela libyan:libya ",
            "brazilian:brazil argentine:argentina chilean:chile peruvian:peru mexican:mexico polish:poland ",
            "spanish:spain italian:italy swedish:sweden norwegian:norway dutch:netherlands greek:greece ",
            "saudi_arabian:saudi saudi_arabia:saudi thai:thailand malaysian:malaysia nigerian:nigeria kenyan:kenya ",
            "ethiopian:ethiopia belarusian:belarus georgian:georgia",
        )
    )
}
ALIASES.update({k: v for k, v in DEMONYMS.items() if k not in ALIASES})
# Acronyms and their expansions: evidence that spells one out matches a claim that abbreviates it.
ACRONYMS: dict[str, str] = {
    "icbm": "intercontinental ballistic missile",
    "slbm": "submarine-launched ballistic missile",
    "irbm": "intermediate range ballistic missile",
    "srbm": "short range ballistic missile",
    "mlrs": "multiple rocket launcher",
    "hgv": "hypersonic glide vehicle",
    "jcpoa": "joint comprehensive plan of action",
}
# Irregular verb forms the Snowball stemmer leaves apart.
IRREGULAR = {
    "flew": "fly",
    "flown": "fly",
    "flies": "fly",
    "held": "hold",
    "met": "meet",
    "fought": "fight",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "grew": "grow",
    "grown": "grow",
    "began": "begin",
    "begun": "begin",
    "won": "win",
    "led": "lead",
    "sent": "send",
    "built": "build",
    "broke": "break",
    "broken": "break",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "made": "make",
    "sold": "sell",
    "shot": "shoot",
    "struck": "strike",
    "threw": "throw",
    "thrown": "throw",
    "saw": "see",
    "seen": "see",
    "went": "go",
    "gone": "go",
    "came": "come",
    "spoke": "speak",
    "spoken": "speak",
    "wrote": "write",
    "written": "write",
    "sought": "seek",
    "bought": "buy",
    "brought": "bring",
    "kept": "keep",
    "left": "leave",
    "lost": "lose",
    "paid": "pay",
    "ran": "run",
    "said": "say",
    "told": "tell",
    "thought": "think",
    "understood": "understand",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "drove": "drive",
    "driven": "drive",
    "larger": "large",
    "largest": "large",
    "bigger": "big",
    "biggest": "big",
}
# Words that mean the same thing in claims about briefs like these (stems).
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(stem(IRREGULAR.get(w, w)) for w in group.split())
    for group in (
        "conduct carry perform undertake hold stage",
        "achieve attain reach",
        "launch fire test flight-test",
        "unveil reveal show display present introduce showcase",
        "range reach travel fly cover distance",
        "altitude height apogee",
        "speed velocity",
        "large big huge great larger bigger",
        "small little smaller tiny",
        "fail collapse failure breakdown",
        "halt stop cease end suspend terminate termination",
        "restart resume revive reopen restore",
        "demand want ask insist require",
        "lift remove ease drop",
        "destroy dismantle demolish",
        "threat danger menace",
        "hostile aggressive",
        "missile rocket projectile",
        "negotiation talk diplomacy dialogue negotiate",
        "nuclear atomic",
        "explosion blast detonation detonate explode",
        "pledge promise vow commit",
        "state say claim declare announce describe",
        "meet summit hold",
        "defensive defense defence defend",
        "interception intercept",
        "develop build",
        "need require",
        "expect want hope",
        "equal equivalent amount",
        "stay remain",
        "face confront",
        "sanction sanctions",
        "exercise drill",
        "withdrawal withdraw",
        "perceive consider regard view see",
        "view opinion position stance perspective",
        "maximum peak top highest max",
        "aid assistance help relief",
        "restrict restriction obstacle barrier constraint impediment hurdle block obstruct hinder curb",
        "facilitate ease enable",
        "postpone delay defer",
        "promptly immediately quickly swiftly rapidly soon",
        "expand enlarge extend upgrade",
        "attract draw catch",
        "stall halt",
        "intensify escalate increase",
        "harmless benign innocuous",
        "mainly mostly primarily chiefly",
        "emphasise emphasize focus stress prioritise prioritize highlight underline",
        "think believe suppose",
        "worry concern alarm",
        "ignore silent overlook disregard",
        "succeed success successful succeeding work",
    )
)
# Measurement roles: words near a number that say what it measures.
ROLE_CLASSES: tuple[frozenset[str], ...] = tuple(
    frozenset(stem(IRREGULAR.get(w, w)) for w in group.split())
    for group in (
        "range ranges travel travelled fly flew flown distance cover covering",
        "altitude height apogee high",
        "speed velocity fast",
        "yield equal explosion detonate tnt",
        "test tests tested launch launched fire fired",
    )
)


def inflections(word: str) -> frozenset[str]:
    """The stems of a word's usual forms ("boycott", "boycotts", "boycotted" stem differently)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ied", word[:-1] + "ies"}
    return frozenset(stem(f) for f in forms)


ANTONYMS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (inflections(a), inflections(b))
    for a, b in (
        ("succeed", "fail"),
        ("success", "failure"),
        ("accept", "reject"),
        ("agree", "refuse"),
        ("increase", "decrease"),
        ("rise", "fall"),
        ("strengthen", "weaken"),
        ("improve", "worsen"),
        ("allow", "forbid"),
        ("win", "lose"),
        ("support", "oppose"),
        ("resume", "halt"),
        ("offensive", "defensive"),
        ("deepen", "ease"),
        ("worsen", "ease"),
        ("intensify", "ease"),
        ("escalate", "ease"),
        ("expand", "shrink"),
        ("grow", "shrink"),
        ("welcome", "threat"),
        ("welcome", "oppose"),
        ("welcome", "condemn"),
        ("praise", "condemn"),
        ("praise", "criticise"),
        ("support", "condemn"),
        ("approve", "reject"),
        ("friendly", "hostile"),
        ("ally", "threat"),
        ("cooperate", "confront"),
        ("abandon", "pursue"),
        ("fast", "slow"),
        ("high", "low"),
        ("large", "small"),
        ("big", "small"),
        ("long", "short"),
        ("strong", "weak"),
        ("expand", "reduce"),
        ("expand", "cut"),
        ("increase", "reduce"),
        ("increase", "cut"),
        ("raise", "lower"),
        ("open", "close"),
        ("start", "stop"),
        ("begin", "end"),
        ("gain", "lose"),
        ("rise", "decline"),
        ("growth", "decline"),
        ("surplus", "deficit"),
        ("legal", "illegal"),
        ("public", "private"),
        ("import", "export"),
        ("attend", "boycott"),
        ("participate", "boycott"),
        ("join", "boycott"),
        ("join", "leave"),
        ("accept", "decline"),
        ("sign", "reject"),
        ("ratify", "reject"),
        ("win", "defeat"),
        ("victory", "defeat"),
        ("allow", "ban"),
        ("permit", "ban"),
        ("lift", "impose"),
        ("far", "close"),
        ("far", "near"),
        ("ignore", "emphasise"),
        ("ignore", "emphasize"),
        ("ignore", "stress"),
        ("neglect", "emphasise"),
        ("build", "destroy"),
        ("construct", "destroy"),
        ("create", "destroy"),
        ("slowly", "quickly"),
        ("slow", "quick"),
        ("slowly", "rapidly"),
        ("late", "early"),
        ("ally", "threats"),
        ("allies", "threats"),
        ("partner", "threat"),
        ("wealthy", "impoverished"),
        ("rich", "impoverished"),
        ("wealthy", "poor"),
        ("rich", "poor"),
        ("prosperous", "impoverished"),
        ("friendly", "threat"),
        ("peaceful", "hostile"),
        ("speak", "silent"),
        ("criticise", "silent"),
        ("condemn", "silent"),
        ("expand", "halt"),
        ("strengthen", "reduce"),
        ("boost", "reduce"),
        ("high", "close"),
        ("above", "close"),
        ("carefully", "hastily"),
        ("careful", "hasty"),
        ("carefully", "recklessly"),
        ("continue", "halt"),
        ("increase", "halt"),
        ("maintain", "halt"),
        ("minor", "major"),
        ("minor", "serious"),
        ("aggressive", "defensive"),
        ("success", "fail"),
        ("succeed", "failure"),
        ("harmless", "threat"),
        ("harmless", "danger"),
        ("harmless", "dangerous"),
        ("harmless", "harmful"),
        ("benign", "threat"),
        ("safe", "threat"),
        ("safe", "dangerous"),
        ("expand", "destroy"),
        ("upgrade", "destroy"),
        ("preserve", "destroy"),
        ("maintain", "destroy"),
        ("keep", "destroy"),
        ("restrict", "facilitate"),
        ("tighten", "ease"),
        ("tighten", "loosen"),
        ("tighten", "lift"),
        ("tighten", "relax"),
        ("postpone", "promptly"),
        ("delay", "promptly"),
        ("defer", "promptly"),
        ("postpone", "resume"),
        ("slowly", "promptly"),
        ("offensive", "defense"),
        ("hostile", "harmless"),
        ("ignore", "attract"),
    )
)
COMPARATIVES: dict[str, tuple[str, int]] = {
    # word -> (dimension, direction)
    "larger": ("size", 1),
    "bigger": ("size", 1),
    "greater": ("size", 1),
    "smaller": ("size", -1),
    "lesser": ("size", -1),
    "more": ("amount", 1),
    "less": ("amount", -1),
    "fewer": ("amount", -1),
    "longer": ("length", 1),
    "shorter": ("length", -1),
    "higher": ("height", 1),
    "lower": ("height", -1),
    "faster": ("speed", 1),
    "slower": ("speed", -1),
    "heavier": ("weight", 1),
    "lighter": ("weight", -1),
    "stronger": ("strength", 1),
    "weaker": ("strength", -1),
    "more powerful": ("strength", 1),
    "less powerful": ("strength", -1),
    "earlier": ("time", -1),
    "later": ("time", 1),
    "older": ("age", 1),
    "newer": ("age", -1),
    "wider": ("width", 1),
    "narrower": ("width", -1),
    "cheaper": ("cost", -1),
    "costlier": ("cost", 1),
}
# Adjectives whose comparatives are in COMPARATIVES: "less large" is "smaller", "more powerful" is "stronger".
COMPARATIVE_BASES: dict[str, tuple[str, int]] = {
    "large": ("size", 1),
    "big": ("size", 1),
    "great": ("size", 1),
    "small": ("size", -1),
    "long": ("length", 1),
    "short": ("length", -1),
    "high": ("height", 1),
    "low": ("height", -1),
    "fast": ("speed", 1),
    "quick": ("speed", 1),
    "slow": ("speed", -1),
    "heavy": ("weight", 1),
    "light": ("weight", -1),
    "strong": ("strength", 1),
    "powerful": ("strength", 1),
    "weak": ("strength", -1),
    "old": ("age", 1),
    "new": ("age", -1),
    "wide": ("width", 1),
    "narrow": ("width", -1),
    "cheap": ("cost", -1),
    "costly": ("cost", 1),
    "expensive": ("cost", 1),
}
NEGATIONS = word_set(
    "not n't never no none nor neither without cannot failed fail fails failing unable refused refuse lacked lack ",
    "lacks nothing nobody failure",
    # Quantifiers of scarcity deny their noun as "no" does ("little attention", "hardly any tests"); "a few" and
    # "a little" are exceptions handled where negation is read.
    "little few hardly barely scarcely seldom rarely",
)
# "only a small part of", "a tiny fraction of": scarcity written as a noun phrase, read like "little".
SCARCE_PARTS = word_set("part parts portion fraction share minority percentage proportion number amount")
# Words that carry no claim of their own ("the brief says that …", "reportedly").
FRAME = word_set(
    "brief disclaimer according reportedly report reports reported claim claims claimed say says said state ",
    "states stated",
    "note notes noted also still already indeed actually occur occurs occurred happen happens happened",
    "recommend recommends recommended suggest suggests suggested propose proposes proposed urge urges urged",
    "advise advises advised argue argues argued warn warns warned caution cautions cautioned",
    "call calls called named dubbed",
)
# Modal verbs of necessity: "there must be a diplomatic solution" says a solution is needed.
NECESSITY = word_set("must should necessary needed essential required ought")
# Phrases with a one-word equivalent, folded before comparing ("took place" is "held").
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:take|takes|took|taken|taking)\s+place\b", re.I), "occurred"),
    (re.compile(r"\bcarr(?:y|ies|ied|ying)\s+out\b", re.I), "conducted"),
    (re.compile(r"\bcame\s+to\s+a\s+halt\b", re.I), "halted"),
    (re.compile(r"\bbroke\s+down\b", re.I), "collapsed"),
    (re.compile(r"\bstep(?:s|ped|ping)?\s+back\s+from\b", re.I), "abandon"),
    (re.compile(r"\bgive\s+up\b|\bgave\s+up\b", re.I), "abandon"),
    (re.compile(r"\bas\s+(?:soon|quickly|early)\s+as\s+possible\b", re.I), "promptly"),
    (re.compile(r"\bwithout\s+delay\b", re.I), "promptly"),
    # "have not managed to restart" is "have failed to restart"
    (
        re.compile(
            r"\b(?:not|never|n't)\s+(?:managed|manage|manages|succeeded|succeed|been\s+able)\s+(?:to|in)\b", re.I
        ),
        "failed to",
    ),
    (re.compile(r"\bstep(?:s|ped|ping)?\s+up\b", re.I), "intensified"),
    (re.compile(r"\b(?:build(?:s|ing)?|built)\s+up\b", re.I), "expanding"),
    (
        re.compile(r"\bremov(?:e|es|ed|ing)\s+(?:the\s+|any\s+)?(?:obstacles|barriers|restrictions|hurdles)\b", re.I),
        "facilitate",
    ),
    (
        re.compile(
            r"\b(?:tighten|tightens|tightened|tightening|impose|imposes|imposed|imposing|increase|increases|"
            r"increased|increasing)\s+(?:the\s+)?(?:restrictions|barriers|obstacles|limits)\b",
            re.I,
        ),
        "restrict",
    ),
)


def fold_phrases(text: str) -> str:
    """Replace multi-word verbs by a one-word equivalent (offsets change: use on claims before parsing)."""
    for pattern, word in PHRASES:
        text = pattern.sub(word, text)
    return text


# Words that say a capitalised name is a person ("Chancellor Olaf Scholz", "Press Secretary Jen Psaki").
TITLES = word_set(
    "president chancellor minister premier secretary senator governor ambassador general admiral king queen",
    "prince chairman chairwoman leader mr mrs ms dr press prime foreign defence defense deputy vice envoy",
)
# Words that say a capitalised name is not a person.
NOT_PERSON_WORDS = word_set(
    "agency organisation organization institute association council times news centre center ministry",
    "university party peninsula sea ocean summit treaty agreement plan programme program administration army",
    "navy force forces command committee commission bank fund union nations republic kingdom state states",
    "city province island islands river mountain company corporation group foundation review journal post",
    "missile missiles test system systems strait gulf bay north south east west central",
)
# Words that say a capitalised name is an organisation ("World Bank", "United Nations", "Permanent Court").
ORGANISATION_WORDS = word_set(
    "bank nations agency organisation organization council court union fund committee commission institute",
    "association ministry department party company corporation foundation university army navy alliance",
    "united_nations nato iaea imf who wto opec asean institution centre center",
)
# Surnames of leaders and officials who turn up in policy briefs: a name of this kind can stand in another's place.
PERSONS = word_set(
    "trump biden kim obama putin xi moon psaki abe kishida yoon bush clinton pompeo bolton blinken lavrov",
    "medvedev zelensky macron merkel johnson sunak modi khan netanyahu erdogan khamenei rouhani",
)
# Job titles a byline gives ("Zainab Fatima, Intern"): a claim giving the author another title is contradicted.
JOB_TITLES = word_set(
    "intern interns trainee fellow fellows researcher researchers analyst analysts director directors professor",
    "lecturer scholar scholars student students journalist journalists reporter correspondent economist diplomat",
    "consultant adviser advisor officer associate assistant coordinator manager head chief expert specialist",
    "staffer volunteer scientist historian editor-in-chief president chairman chairwoman ambassador secretary",
    "senior junior visiting distinguished principal lead research",
)


def _closed(stems: frozenset[str]) -> frozenset[str]:
    """A side of an antonym pair with its synonyms ("restrict" brings "block", "curb", "obstacle")."""
    out = set(stems)
    for group in SYNONYMS:
        if group & stems:
            out |= group
    return frozenset(out)


# Antonym pairs widened by synonyms; a word on both sides (through two groups) is dropped from both.
OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (a - b, b - a) for a, b in ((_closed(x), _closed(y)) for x, y in ANTONYMS)
)
