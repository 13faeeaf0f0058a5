"""Answer types: what kind of answer a question asks for, and whether a passage holds one.

These are generic properties of English questions and answers, not of any particular document: "when" wants a
date, "how many" a count of the thing named after it, "who" a person or an organisation, "why" a reason, "where"
a place. A passage that names what the question is about but holds no answer of the asked type does not answer it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.qa import answer_types as types
from bot.qa import cause, noun_phrase
from corpus.models import Passage
from corpus.text.dates import MONTH_NAMES, MONTH_PATTERN
from corpus.text.numbers import ONES, SCALES, TENS
from corpus.text.words import STOPWORDS, stem

_CAUSAL = re.compile(
    r"\b(?:because|due to|owing to|as a result|since|so that|caus(?:e|es|ed|ing)|reasons?|in order to|thanks to|"
    r"le(?:d|ads?|ading)(?: \w+){0,4} to|so as to|result(?:s|ed)? (?:of|from|in)|stem(?:s|med)? from|"
    r"on account of|for fear|therefore|hence|consequently|given that|is that)\b",
    re.I,
)
_NUMBER_WORDS = "|".join(
    [
        *(w for w, n in ONES.items() if n >= 2),
        *TENS,
        *(f"{w}s?" for w in SCALES),
        "trillions?|milliards?|dozens?|half|halved|double[ds]?|twice|tripled?|quadrupled?|percent|"
        "one-(?:half|third|quarter|fourth|fifth|sixth|eighth|tenth)",
    ]
)
_NUMBER_WORD = re.compile(rf"\b(?:{_NUMBER_WORDS})\b", re.I)
_DIGITS = re.compile(r"(?<![\w.-])\d[\d,]*(?:\.\d+)?")
_DURATION = re.compile(r"\b(?:a|an|one) (?:year|month|week|day|hour|minute|second|decade|century|season)\b", re.I)
_YEAR = re.compile(r"\b(?:1[0-9]\d\d|20\d\d)(?!\d|,\d)")
_ERA = re.compile(r"\b\d{1,4}\s*(?:B\.?\s?C\.?|A\.?\s?D\.?|BCE|CE)(?!\w)")
# Month names count only capitalised: "may" is also a verb, "march" a noun.
# Alone, every month but May (a verb too) counts; with a day after it, May and the abbreviations count too.
_MONTH = re.compile(rf"\b{MONTH_PATTERN}\s+\d{{1,2}}\b|\b{MONTH_NAMES.replace('|May|', '|')}\b")
_MONTHS = MONTH_NAMES
_MONTH_NEAR = re.compile(rf"\b{_MONTHS}\.?\s+$")
_MONTH_AFTER = re.compile(rf"\s+{_MONTHS}\b")
_DECADE = re.compile(r"\b(?:1[0-9]|20)\d0s\b|\b(?:\w+(?:teenth|tieth|th|st|nd|rd)) century\b", re.I)

# Nouns whose instances are proper names: "which city" wants a name, not "a famous city". Matched word for word
# (singular), not by stem: a stem would take "report" for "reporter" and "published" for "publisher". The
# place, person and organisation nouns of bot/qa/wordlists/ are named nouns too.
_NAMED_NOUNS = types.words("named_nouns.txt")
# "What is the X": nouns whose value is a quantity ("the population of ...", "the speed of ...").
_MEASURE_NOUNS = frozenset(stem(w) for w in types.words("measure_nouns.txt"))
# "What is the name for X?": a passage that gives X's term ("this is called 'stack ripping'") names it, in lower
# case or not.
_TERMED = re.compile(
    r"\b(?:(?:is|are|was|were|be|been) (?:called|named|termed|dubbed)|known as|referred to as)\s+\S", re.I
)
# Nouns that are money itself: "how much money" is answered by any sum ("donated $1,000").
_MONEY_ITSELF = types.words("money_itself.txt")
# Verbs whose "how much" asks a sum of money ("how much was she paid"), every inflection listed.
_MONEY_VERBS = types.words("money_verbs.txt")
# Words that end a "how many ..." noun phrase: an auxiliary, a verb-like word or a preposition.
_PLURAL_IRREGULAR = frozenset({"people", "children", "men", "women", "persons", "feet", "teeth", "mice", "geese"})

WHY = re.compile(r"^\W*why\b|\bfor what reason\b|\bwhat (?:caused|led to)\b|\bhow come\b", re.I)
_OPENS_WHY = re.compile(r"\W*why\b", re.I)
_HOW_MANY = re.compile(r"\bhow (?:many|much)\b\s*(.*)", re.I)
_HOW_MEASURE = re.compile(
    r"\bhow (?:far|long|high|fast|big|large|small|powerful|heavy|old|tall|deep|wide|often|quickly|much|accurate|"
    r"precise|common|frequent|prevalent|widespread|likely|expensive|costly|cheap|hot|cold|warm|close|populous)\b|"
    r"\bby how (?:much|many|far|long)\b",
    re.I,
)
WHEN = re.compile(
    r"^\W*when\b|\bwhat (?:(?:exact|precise|specific|particular) )?(?:date|year|month|day|time)\b|"
    r"\b(?:in|on|by|since) (?:which|what) (?:(?:exact|precise|specific|particular) )?(?:year|month|date|day)\b|"
    r"\bhow long ago\b",
    re.I,
)
WHO = re.compile(r"^\W*(?:who|whom|whose)\b|\b(?:by|to|from|with|for) whom\b", re.I)
_WHO_ROLE = re.compile(r"^\W*who (?:is|was|are|were) (?:the|a|an|its|their) (\w+)(?: (\w+))?", re.I)
# "What is X called?" is often answered by a common noun ("a drake"); "the name of X" by a proper name.
_CALLED = re.compile(
    r"\b(?:the|its|their|his|her) names? of\b|\bwhat (?:is|was|are|were) (?:the|its|their) names?\b", re.I
)
WHERE = re.compile(r"^\W*where\b", re.I)  # "in which county" is a "which <named noun>" question
# "Which X ..." / "In which X ...": at the start of the question, so that "the bill which passed" is no question.
_WHICH = re.compile(
    r"^\W*(?:(?:in|on|at|by|for|from|to|of|with|under|after|before|during|according to)\s+)?(?:which|what)\b(.*)",
    re.I,
)
_NP_SKIP = frozenset({"is", "was", "are", "were", "the", "its", "their", "his", "her", "a", "an"})
# Words that end the noun phrase after "what"/"which": a preposition or an auxiliary verb.
_NP_END = types.words("noun_phrase_ends.txt")
_MEASURE_MODIFIERS = frozenset({"maximum", "minimum", "total", "average"})
_WH_FRAME = frozenset(
    {"is", "was", "are", "were", "does", "do", "did", "has", "have", "had", "can", "could", "will", "would", "should"}
)
ADVICE = re.compile(r"\b(?:recommend\w*|suggest\w*|propos\w*|advi[sc]\w*|should|policy options?|way forward)\b", re.I)
_PRESCRIPTIVE = re.compile(r"\b(?:should|must|ought to|need to|needs to)\b", re.I)
_PEOPLE_FIELDS = frozenset({"author", "editor", "organisation"})
ELSE = re.compile(r"\b(?:else|other|another|besides|apart from|in addition)\b", re.I)
_ADDITIVE = re.compile(
    r"^\W*(?:it |they |\w+ )?(?:also|another|in addition|moreover|furthermore|additionally|besides|similarly)\b|"
    r"\balso\b",
    re.I,
)

# Kinds whose presence can be checked in a passage's words, strictly enough to decide an abstention.
STRICT = frozenset({"date", "quantity", "name"})


@dataclass(frozen=True, slots=True)
class Asked:
    """What a question asks for: ``kind`` is "date", "quantity", "name", "reason", "place", "origin" or "" (anything);
    ``head`` the stem of the noun the answer must be about ("how many concerts" -> "concert"), if any; ``slot``
    the kind of name or amount ("person", "place", "organisation", "money"; "" for any); ``phrase`` the words
    of the noun phrase asked about ("which North Shore art school" -> north, shore, art, school). ``who``: the
    question asks who (a front-matter name field answers "who wrote"); ``advice``: it asks for advice (a
    prescriptive sentence answers); ``more``: it asks what else (an additive sentence answers)."""

    kind: str
    head: str | None = None
    question_years: frozenset[str] = frozenset()
    question_numbers: frozenset[str] = frozenset()
    question_words: frozenset[str] = frozenset()
    slot: str = ""
    phrase: frozenset[str] = frozenset()
    who: bool = False
    advice: bool = False
    more: bool = False
    head_kin: frozenset[str] = frozenset()  # stems of the head's few related words ("technique" -> "method")
    verb: str = ""  # stem of the verb the asked noun phrase runs into ("which statute *governs* ...")

    @property
    def question(self) -> types.Question:
        return types.Question(self.question_words, self.phrase)

    @property
    def question_stems(self) -> frozenset[str]:
        return frozenset(stem(w) for w in self.question_words)

    @property
    def strict(self) -> bool:
        return self.kind in STRICT or self.slot == cause.CAUSE  # asked what X died of: a cause must be stated

    def same_details(self, text: str) -> bool:
        """Whether the text has the years (one of them) and the other numbers the question names: asked about
        2020, a passage about 2018 answers another question."""
        if self.question_years and not any(y in text for y in self.question_years):
            return False
        numbers = {n.rstrip(",").replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
        return all(n in numbers for n in self.question_numbers - self.question_years)


def singular(word: str) -> str:
    """A noun's singular, roughly: enough to match "lectures" with "lecture" but not "senators" with "Senate"
    (which a stemmer joins)."""
    w = word.lower().removesuffix("'s").removesuffix("’s")
    w = _IRREGULAR_SINGULAR.get(w, w)
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


_IRREGULAR_SINGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman", "feet": "foot"}


def _first_plural(words: list[str]) -> str | None:
    """The counted noun of "how many <words>": the first plural-looking word before the verb."""
    for w in words[:5]:
        lw = w.lower()
        if lw in _WH_FRAME:
            break
        if lw in _PLURAL_IRREGULAR or (len(lw) > 3 and lw.endswith("s") and not lw.endswith(("ss", "us", "ous"))):
            return singular(lw)
    return None


def _mass_noun(words: list[str]) -> str | None:
    """The noun of "how much <noun>" ("how much revenue"), if the next word is not already the verb."""
    if words and words[0].lower() not in _WH_FRAME and words[0].lower() not in STOPWORDS:
        return singular(words[0])
    return None


def _is_head(word: str, head: str) -> bool:
    """Whether a word of a passage is the asked head noun (singular or plural): "lectures" for "lecture". Asked
    how many people, a count of informants, voters or pupils counts people."""
    noun = singular(word)
    return noun == head or (head == "person" and types.slot_of_noun(noun) == types.PERSON)


def _names_head(head: str, text: str) -> bool:
    """Whether the text uses the head noun: "lectures" for "lecture", "informants" for "people"."""
    return any(_is_head(w, head) for w in re.findall(r"[\w'’-]+", text))


def _noun_phrase(question: str) -> tuple[list[str], str]:
    """The words of the noun phrase a "what"/"which" question asks about, lowercased, possessives dropped:
    "What was the mark's exchange rate against ..." -> ["mark", "exchange", "rate"]; and the stem of the verb the
    phrase runs into, when it was cut before one ("Which statute governs ..." -> "govern"), else ""."""
    m = _WHICH.search(question)
    if not m:
        return [], ""
    raw = re.findall(r"[\w'’-]+", m.group(1))
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in raw]
    while words and words[0] in _NP_SKIP:
        words, raw = words[1:], raw[1:]
    out: list[str] = []
    for w in words[:5]:
        if w in _NP_END or (out and w in STOPWORDS):
            break
        out.append(w)
    if not words[len(out) :] and len(out) > 1:
        return [], ""  # the question ended inside the phrase: "what is the weather today" names no measure
    cut = noun_phrase.verb_cut(out, raw[1:])  # "which statute governs the ...": "governs" is the verb
    verb = stem(out[cut]) if cut < len(out) and not noun_phrase.adverb(out[cut]) else ""
    return [w for w in out[:cut] if w not in STOPWORDS], verb


@lru_cache(maxsize=4096)
def asked(question: str) -> Asked:
    """The answer type a question asks for (see ``Asked``)."""
    q = question.strip()
    years = frozenset(_YEAR.findall(q))
    numbers = frozenset(n.replace(",", "") for n in _DIGITS.findall(q))
    words = frozenset(
        part
        for w in re.findall(r"[\w'’.-]+", q)
        for part in (w.lower().removesuffix("'s").removesuffix("’s").strip(".-"), *w.lower().split("-"))
    )

    phrase, verb = _noun_phrase(q)
    who, advice, more = bool(WHO.search(question)), bool(ADVICE.search(question)), bool(ELSE.search(question))

    def make(kind: str, head: str | None = None, slot: str = "") -> Asked:
        kin = noun_phrase.head_kin(head)
        return Asked(kind, head, years, numbers, words, slot, frozenset(phrase), who, advice, more, kin, verb)

    if WHEN.search(q):
        return make("date")
    if cause.asks_cause_of_death(q):
        return make("reason", slot=cause.CAUSE)  # "What did X die of?": a passage that says only he died is none
    if _OPENS_WHY.match(q):
        # A question that opens with "why" asks for a reason whatever its clauses hold: "Why is defining X by how
        # people think a problem?" asks no measure.
        return make("reason")
    many = _HOW_MANY.search(q)
    if many:
        rest = re.findall(r"[\w'’-]+", many.group(1))
        head = _first_plural(rest) if "many" in many.group(0).lower() else _mass_noun(rest)
        # "how much revenue", "how much was the bail", "how much was he paid": an amount of money is asked
        money = any(types.money_noun(w) or w in _MONEY_VERBS for w in words) and "much" in many.group(0).lower()
        return make("quantity", head, types.MONEY if money else "")
    if _HOW_MEASURE.search(q):
        return make("quantity")
    if WHO.search(q):
        # "Who was the judge ...?" asks for a person; "Who founded ...?" for a person or an organisation.
        role = _WHO_ROLE.search(q)
        nouns = role.group(1, 2) if role else ()
        person = any(n and types.slot_of_noun(singular(n)) == types.PERSON for n in nouns)
        return make("name", slot=types.PERSON if person else types.AGENT)
    called = _CALLED.search(q)
    if called:
        return make("name", slot=_named_slot(q[called.end() :]))
    if WHY.search(q):
        return make("reason")
    if noun_phrase.ORIGIN_QUESTION.search(q):
        return make(noun_phrase.ORIGIN)
    if WHERE.search(q):
        return make("place")
    if phrase:
        if noun_phrase.asks_duration(phrase):
            return make("quantity", slot=noun_phrase.DURATION)
        last = stem(phrase[-1])
        if last in _MEASURE_NOUNS or _MEASURE_MODIFIERS & set(phrase):
            return make("quantity", slot=types.MONEY if any(types.money_noun(w) for w in phrase) else "")
        named = [singular(w) for w in phrase if singular(w) in _NAMED_NOUNS or types.slot_of_noun(singular(w))]
        if named:
            return make("name", named[-1], types.slot_of_noun(named[-1]))
        plural = _first_plural(phrase)
        return make("", plural or singular(phrase[-1]))  # "which statistical technique": a technique
    return make("")


def _named_slot(rest: str) -> str:
    """The slot of "the name of the <noun>" from the words after "name": "of the lawyer" -> person."""
    skip = {"of", "the", "a", "an", "its", "their", *ONES, *TENS}  # "the names of the two concubines"
    after = [w for w in re.findall(r"[a-z]+", rest.lower()) if w not in skip]
    if after[1:2] in (["who"], ["whom"], ["whose"]):
        return types.PERSON  # "the name of the master who taught him"
    return types.slot_of_noun(singular(after[0])) if after else ""


def _has_date(a: Asked, text: str) -> bool:
    if _MONTH.search(text) or _ERA.search(text) or _DECADE.search(text):
        return True
    return any(y not in a.question_years for y in _YEAR.findall(text))


def _amounts(a: Asked, text: str, durations: bool = True) -> Iterator[int]:
    """Where the text gives an amount, lazily: number words, durations ("a year") and figures that are not a year,
    the day of a date, a rank or one of the question's own numbers."""
    yield from (m.start() for m in _NUMBER_WORD.finditer(text))
    if durations:
        yield from (m.start() for m in _DURATION.finditer(text))
    for m in _DIGITS.finditer(text):
        raw = m.group(0).rstrip(",")
        n = raw.replace(",", "")
        if n in a.question_numbers:
            continue
        if (
            _YEAR.fullmatch(raw)
            and not text[m.end() : m.end() + 2].strip().startswith("%")
            and not _counts_next(a, text, m)
        ):
            continue  # a year is a date, not an amount
        if _MONTH_NEAR.search(text[max(0, m.start() - 10) : m.start()]) or _MONTH_AFTER.match(text[m.end() :]):
            continue  # the day of a date ("May 7", "7 May")
        if types.rank_number(text, m.start()):
            continue  # a position ("the top 10"), not an amount
        yield m.start()


# Words before a year that make it one: "in 1990 members voted" dates the vote, "features 1147 sentences" counts.
_YEAR_PREPOSITIONS = frozenset(types.words("year_prepositions.txt"))


def _counts_next(a: Asked, text: str, m: re.Match[str]) -> bool:
    """Whether a four-digit figure counts the asked noun that follows it ("the atlas features 1147 sentences")
    rather than being a year ("in 1990 members voted", "since 2004 users have ...")."""
    nxt = re.match(r"\s+([\w'’-]+)", text[m.end() :])
    if a.head is None or nxt is None or not _is_head(nxt.group(1), a.head):
        return False
    before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 16) : m.start()])
    return not (before and before[-1].lower() in _YEAR_PREPOSITIONS)


# How far (in words) an amount may stand from the noun it counts: "14 concerts", "at least 35,000 people",
# "the number of members is put at 120".
_COUNT_BEFORE, _COUNT_AFTER = 4, 4


def _counts(head: str, text: str, amounts: list[int]) -> bool:
    """Whether one of the amounts counts the head noun, standing a few words before or after it: asked "how many
    members", "most members meet once a year" gives no count of members."""
    starts = set(amounts)
    tokens = list(re.finditer(r"[\w'’-]+", text))
    heads = [i for i, t in enumerate(tokens) if _is_head(t.group(0), head)]
    numbers = [i for i, t in enumerate(tokens) if t.start() in starts]
    return any(h - _COUNT_BEFORE <= n <= h + _COUNT_AFTER for h in heads for n in numbers)


def _has_quantity(a: Asked, text: str) -> bool:
    if a.head is None:
        return next(_amounts(a, text), None) is not None
    amounts = list(_amounts(a, text, durations=False))  # "once a year" counts no members
    return bool(amounts) and _counts(a.head, text, amounts)


def has_answer(a: Asked, text: str, common: frozenset[str] = frozenset(), places: frozenset[str] = frozenset()) -> bool:
    """Whether the text holds an answer of the asked type (always true when no particular type is asked).
    ``common``: the document's lower-case words, to tell a name from a capitalised common noun."""
    if a.kind == "quantity" and a.slot == types.MONEY and a.head is not None and types.money_noun(a.head):
        # "how much money did she give": "donated $1,000" names no money; "how much rent did they pay": "at three
        # shillings a week" names no rent. A sum answers a question about a sum.
        return types.has_money(text)
    if a.kind == "quantity" and a.head is not None and not _names_head(a.head, text):
        return False  # "how many lectures": a number of something else is not the answer
    if a.kind == "date":
        return _has_date(a, text) and not types.other_phase(a.question_stems, _stems(text))
    if a.kind == "quantity" and a.slot == noun_phrase.DURATION:
        return noun_phrase.has_duration(text)
    if a.kind == "quantity":
        return _has_quantity(a, text) and (a.slot != types.MONEY or types.has_money(text))
    if a.kind == "name":
        named = types.fills(a.slot, text, a.question, common, places)
        return named or (not a.slot and bool(_TERMED.search(text)))
    if a.kind == "reason" and a.slot == cause.CAUSE:
        return cause.states_cause(text)
    if a.kind == "reason":
        return bool(_CAUSAL.search(text))
    if a.kind == "place":
        return types.fills(types.PLACE, text, a.question, common, places)
    return True


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", text.lower()))


@dataclass(frozen=True, slots=True)
class CueWeights:
    """How much the form of a passage moves its rank (calibrated on the pooled development documents)."""

    typed: float = 0.12  # a strict answer type present
    untyped: float = 0.12  # a strict answer type absent: names the subject but not the asked fact
    reason: float = 0.25
    place: float = 0.08
    origin: float = 0.12  # "where does the name come from": "derived from"
    head: float = 0.08  # "which tribune": the passage names a tribune, or a word related to the noun ("which
    # technique": "the quantile delta method"; ``bot.qa.related``)
    metadata: float = 0.15
    advice: float = 0.15
    additive: float = 0.15
    other_year: float = 0.2


CUES = CueWeights()


def cue_bonus(a: Asked, p: Passage, w: CueWeights = CUES) -> float:
    """A score bonus (or malus) for a passage whose form matches what the question asks for."""
    text = p.text
    bonus = 0.0
    if p.kind == "metadata":
        # Front matter: "who wrote/edited/published" wants a name field, "when" the date.
        if a.who:
            bonus += w.metadata if p.label in _PEOPLE_FIELDS else -w.metadata
        if a.kind == "date":
            bonus += w.metadata if p.label == "date" else -w.metadata
    elif a.strict:
        bonus += w.typed if has_answer(a, text) else -w.untyped
    elif a.kind == "reason" and _CAUSAL.search(text):
        bonus += w.reason
    elif a.kind == "place" and has_answer(a, text):
        bonus += w.place
    elif a.kind == noun_phrase.ORIGIN and noun_phrase.tells_origin(text):
        bonus += w.origin
    if a.kind == "" and a.head is not None and _names_head(a.head, text):
        bonus += w.head
    elif a.kind == "" and a.head_kin and a.head_kin & _stems(text):
        bonus += w.head  # "which technique": the passage names a method
    if a.advice and _PRESCRIPTIVE.search(text):
        bonus += w.advice
    if a.more and _ADDITIVE.search(text):
        bonus += w.additive
    if a.question_years and p.kind == "sentence":
        years = set(_YEAR.findall(text))
        if years and not years & a.question_years:
            bonus -= w.other_year  # the passage is about another year than the one asked
    return bonus
