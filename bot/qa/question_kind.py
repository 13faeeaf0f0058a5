"""What kind of answer a question asks for (``asked``): a date for "when", a count of the thing named after "how
many", a person or an organisation for "who", a reason for "why", a place for "where", a name for "which city".

These are generic properties of English questions, not of any particular document. Whether a passage holds an
answer of the asked kind is judged in ``bot.qa.cues``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.qa import answer_types as types
from bot.qa import cause, noun_phrase
from corpus.text.numbers import ONES, TENS
from corpus.text.words import STOPWORDS, stem

DIGITS = re.compile(r"(?<![\w.-])\d[\d,]*(?:\.\d+)?")
YEAR = re.compile(r"\b(?:1[0-9]\d\d|20\d\d)(?!\d|,\d)")
# Nouns whose instances are proper names: "which city" wants a name, not "a famous city". Matched word for word
# (singular), not by stem: a stem would take "report" for "reporter" and "published" for "publisher". The
# place, person and organisation nouns of bot/qa/wordlists/ are named nouns too.
_NAMED_NOUNS = types.words("named_nouns.txt")
# "What is the X": nouns whose value is a quantity ("the population of ...", "the speed of ...").
_MEASURE_NOUNS = frozenset(stem(w) for w in types.words("measure_nouns.txt"))
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
# "what exact date", "which precise year": a word that narrows the asked time, and may be left out
EXACTLY = r"(?:(?:exact|precise|specific|particular)\s+)?"
WHEN = re.compile(
    rf"^\W*when\b|\bwhat {EXACTLY}(?:date|year|month|day|time)\b|"
    rf"\b(?:in|on|by|since) (?:which|what) {EXACTLY}(?:year|month|date|day)\b|"
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
ELSE = re.compile(r"\b(?:else|other|another|besides|apart from|in addition)\b", re.I)
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
    years = frozenset(YEAR.findall(q))
    numbers = frozenset(n.replace(",", "") for n in DIGITS.findall(q))
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
