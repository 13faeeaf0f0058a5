"""Who did what to whom: the parties on each side of a verb that a claim shares with its evidence.

Coverage counts words, so "the agency reversed the court" meets "the court reversed the agency" in full. Here
both texts are read around each verb they share: its *doer* side (the subject, or the "by" phrase of a passive,
so "Y was acquired by X" keeps X the doer) and its *done-to* side (the object, the subject of a passive, and what
a comparison is made against: "more likely than Y"). When the claim's parties stand on the evidence's other sides,
the evidence does not say the claim, whatever words they share. There is no parser: a side is the run of words
next to the verb, bounded by punctuation, clause openers and prepositions, which is what role swaps need.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.claims.lexicon import AUXILIARIES, IRREGULAR, PREPOSITIONS, words
from bot.claims.text.tokens import Token, synonym_keys, tokens, word_stem
from corpus.text.words import IRREGULAR_VERBS, STOPWORDS

DETERMINERS = words("determiners.txt")
CLAUSE_OPENERS = words("clause_openers.txt")
RELATIVES = words("relatives.txt")
BE_FORMS = words("be_forms.txt")
PERSONAL = words("personal_pronouns.txt")
MODALS = words("modals.txt")
SYMMETRIC = frozenset(word_stem(w) for w in words("symmetric_verbs.txt"))
_COORDINATORS = frozenset({"and", "or", "&"})
_FIRST_PERSON = frozenset({"we", "us"})
_BEFORE_VERB = AUXILIARIES | MODALS | BE_FORMS | frozenset({"to", "not", "never"})
# Prepositions end a noun phrase ("into the army" is no party); "of" stays inside it ("the coat of arms").
_PLACE_TIME = frozenset({"in", "at", "on", "near", "during", "after", "before", "since", "under"})
_PREPOSITIONS = (PREPOSITIONS | _PLACE_TIME) - {"of"}
_AFTER_PREPOSITION = _PREPOSITIONS | {"of"}  # "of attacking the state": a gerund, not the clause's verb
_BREAK = re.compile(r"[,;:!?()\[\]{}—]|\.(?:\s|$)|\s[–-]\s")
_MAX_PHRASE = 6  # words of one side; a longer run has crossed into another phrase
_PARTICIPLE = re.compile(r"(?:ed|en|wn)$")
_PARTICIPLES = frozenset(IRREGULAR_VERBS) | frozenset(IRREGULAR)


@dataclass(frozen=True)
class Side:
    """One side of a verb: the synonym keys of its words, and whether a pronoun stands there instead."""

    keys: frozenset[str]
    pronoun: bool = False


@dataclass(frozen=True)
class Roles:
    """A verb's two sides in one text (``comparison``: its clause compares them, "more likely than")."""

    verb: str
    doer: Side
    done: Side
    comparison: bool
    against: frozenset[str] = frozenset()  # what the comparison is made against ("than Y"), also in ``done``


@dataclass(frozen=True)
class Reversal:
    """The claim's parties on the evidence's other sides of a verb they share."""

    verb: str  # the claim's verb
    words: tuple[str, ...]  # the claim's words found on the other side
    comparison: bool  # the claim compares its parties: reversed, the comparison is the opposite one


class _Text:
    """A text's tokens with the breaks (punctuation) between them."""

    def __init__(self, text: str, first_person: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.toks: tuple[Token, ...] = tokens(text)
        self.first_person = first_person  # who "we" is: the document's own names

    def broken(self, i: int) -> bool:
        """Whether punctuation or a sentence end lies between token ``i - 1`` and token ``i``."""
        return i <= 0 or _BREAK.search(self.text[self.toks[i - 1].end : self.toks[i].start]) is not None

    def possessive(self, i: int) -> bool:
        t = self.toks[i]
        return t.text.endswith(("'s", "’s", "'", "’")) and t.text[:1] != "'"

    def adverb(self, i: int) -> bool:
        t = self.toks[i]
        return t.norm.endswith("ly") and t.text[:1].islower()

    def named(self, i: int) -> bool:
        return self.toks[i].text[:1].isupper()

    def content(self, i: int) -> bool:
        return bool(self.toks[i].stem) and not self.adverb(i) and self.toks[i].norm not in _BEFORE_VERB

    def opens_clause(self, i: int) -> bool:
        return self.broken(i) or self.toks[i].norm in CLAUSE_OPENERS

    def clause(self, i: int) -> tuple[int, int]:
        """The first and last token of the clause holding token ``i``."""
        start = i
        while start > 0 and not self.opens_clause(start):
            start -= 1
        end = i
        while end + 1 < len(self.toks) and not self.opens_clause(end + 1):
            end += 1
        return start, end

    # ----- noun phrases -------------------------------------------------------------------------------------
    def phrase_back(self, j: int) -> list[int]:
        """The noun phrase ending at token ``j`` (walking back to its determiner, through "of" and "and")."""
        out: list[int] = []
        while j >= 0 and len(out) < _MAX_PHRASE:
            t = self.toks[j]
            if out and ((self.named(out[-1]) and self.content(j) and not self.named(j)) or self.verb_like(j)):
                break  # "the ships Norway launched": the name is its own phrase; a verb ends it
            if t.norm in DETERMINERS:
                # "Brennus and the Gauls": a determiner after "and" is inside the coordination
                if not (j > 0 and not self.broken(j) and self.toks[j - 1].norm in _COORDINATORS and out):
                    break
            elif self.content(j):
                out.append(j)
            elif not (out and t.norm in _COORDINATORS | {"of"}):
                break
            if self.broken(j):
                break
            j -= 1
        return out

    def phrase_forward(self, j: int) -> list[int]:
        """The noun phrase starting at token ``j`` (after its determiners, through "of" and "and")."""
        out: list[int] = []
        n = len(self.toks)
        while j < n and self.toks[j].norm in DETERMINERS and not (out and self.broken(j)):
            j += 1
        first = j
        while j < n and len(out) < _MAX_PHRASE:
            t = self.toks[j]
            if j > first and self.broken(j):
                break
            joined = j > first and self.toks[j - 1].norm in _COORDINATORS | {"of"}
            if out and self.verb_like(j):
                break  # "Kong and Huber used …": the phrase ends at its verb
            if self.content(j):
                out.append(j)
            elif not (out and (t.norm in _COORDINATORS | {"of"} or (t.norm in DETERMINERS and joined))):
                break
            j += 1
        return out

    def keys(self, idx: Sequence[int]) -> frozenset[str]:
        """The synonym keys of the words (numbers left to the quantity rules: they are no party)."""
        return frozenset(k for i in idx if not self.toks[i].stem[:1].isdigit() for k in synonym_keys(self.toks[i].stem))

    # ----- verbs --------------------------------------------------------------------------------------------
    def verb_like(self, i: int) -> bool:
        """A shared word read as a verb here: after an auxiliary, "to", a pronoun or a relative; in a past form; or
        right before its object. Never after a determiner, a possessive or a preposition ("the recommendation")."""
        t = self.toks[i]
        if not self.content(i) or not t.text[:1].islower() or word_stem(t.norm) in SYMMETRIC:
            return False
        if i + 1 < len(self.toks) and ":" in self.text[t.end : self.toks[i + 1].start]:
            return False  # "Ship launched: X": a label of a table row, not a clause
        prev = self.toks[i - 1] if i > 0 and not self.broken(i) else None
        governed = prev is not None and prev.norm in _AFTER_PREPOSITION and prev.norm != "to"
        if prev is not None and (prev.norm in DETERMINERS or governed or self.possessive(i - 1)):
            return False
        if prev is not None and prev.norm in _BEFORE_VERB | PERSONAL | RELATIVES:
            return True
        if t.norm.endswith("ed") or t.norm in _PARTICIPLES:
            return True
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) and not self.broken(i + 1) else None
        return nxt is not None and (nxt.norm in DETERMINERS or nxt.norm in PERSONAL or nxt.text[:1].isupper())

    def _subject(self, i: int) -> Side:
        """The doer of an active verb (the phrase before it, past auxiliaries; a relative's antecedent; for
        "to <verb>", the clause's first phrase)."""
        j = i - 1
        infinitive = False
        while j >= 0 and not self.broken(j + 1) and (self.toks[j].norm in _BEFORE_VERB or not self.content(j)):
            if self.toks[j].norm in DETERMINERS | PERSONAL | RELATIVES | _PREPOSITIONS - {"to"}:
                break
            infinitive = infinitive or self.toks[j].norm == "to"
            j -= 1
        if infinitive:
            return self._clause_subject(i)
        if j < 0:
            return Side(frozenset())
        if self.broken(j + 1):
            # "Hungary, apart from her other troubles, has been pillaged": the subject is before the aside.
            k = j
            while k > 0 and not self.broken(k):
                k -= 1
            j = k - 1
            if j < 0:
                return Side(frozenset())
        return self._phrase_at(j)

    def _pronoun(self, t: Token) -> Side:
        if t.norm in _FIRST_PERSON and self.first_person:
            return Side(self.first_person)  # "We used their results" in the document's own voice
        return Side(frozenset(), pronoun=True)

    def _phrase_at(self, j: int) -> Side:
        t = self.toks[j]
        if t.norm in RELATIVES:
            return Side(self.keys(self.phrase_back(j - 1))) if j > 0 else Side(frozenset())
        if t.norm in PERSONAL:
            return self._pronoun(t)
        return Side(self.keys(self.phrase_back(j)))

    def _clause_subject(self, i: int) -> Side:
        start, _ = self.clause(i)
        if self.toks[start].norm in RELATIVES:
            return Side(self.keys(self.phrase_back(start - 1))) if start > 0 else Side(frozenset())
        j = start + (self.toks[start].norm in CLAUSE_OPENERS)
        while j < i and self.toks[j].norm in _PREPOSITIONS:
            j += 1  # "with Black children nearly twice as likely": the phrase after the preposition
        if j < i and self.toks[j].norm in PERSONAL:
            return self._pronoun(self.toks[j])
        return Side(self.keys([k for k in self.phrase_forward(j) if k < i]))

    def _reduced_passive(self, i: int) -> bool:
        """A participle right after its noun and before a preposition: "the rockets launched in 2020 could fly …",
        "the petition filed by the State" (the noun is done to; an active verb would take its object there)."""
        if i == 0 or self.broken(i) or i + 1 >= len(self.toks) or self.broken(i + 1):
            return False
        before, after = self.toks[i - 1], self.toks[i + 1]
        noun = self.content(i - 1) and before.norm not in PERSONAL
        if not (noun and (after.norm in _PREPOSITIONS or after.norm == "by")):
            return False
        # The clause's own verb comes later ("… could fly"); without one, "loans ranged from …" is that verb.
        _, end = self.clause(i)
        return any(self.toks[k].norm in _BEFORE_VERB - {"to"} or self.verb_like(k) for k in range(i + 2, end + 1))

    def _compared(self, i: int) -> tuple[frozenset[str], bool]:
        """What the clause compares against ("than Y", "as likely … as Y") and whether it compares at all."""
        start, end = self.clause(i)
        norms = [t.norm for t in self.toks[start : end + 1]]
        found: set[str] = set()
        compares = False
        for k in range(start, end + 1):
            norm = self.toks[k].norm
            second_as = norm == "as" and "as" in norms[: k - start]
            if norm == "than" or second_as:
                compares = True
                found |= self.keys(self.phrase_forward(k + 1))
        return frozenset(found), compares

    def roles(self, i: int) -> Roles:
        """The sides of the verb at token ``i``."""
        j = i - 1
        passive = False
        while j >= 0 and not self.broken(j + 1) and (self.toks[j].norm in _BEFORE_VERB or self.adverb(j)):
            passive = passive or self.toks[j].norm in BE_FORMS
            j -= 1
        t = self.toks[i]
        participle = _PARTICIPLE.search(t.norm) is not None or t.norm in _PARTICIPLES
        passive = (passive or self._reduced_passive(i)) and participle
        against, compares = self._compared(i)
        if passive:
            k = i + 1
            while k < len(self.toks) and not self.broken(k) and not self.content(k) and self.toks[k].norm != "by":
                k += 1
            by = k < len(self.toks) and self.toks[k].norm == "by" and not self.broken(k)
            doer = Side(self.keys(self.phrase_forward(k + 1))) if by else Side(frozenset())
            done = self._subject(i)
        else:
            doer = self._subject(i)
            after = self.phrase_forward(i + 1)
            pronoun = i + 1 < len(self.toks) and not self.broken(i + 1) and self.toks[i + 1].norm in PERSONAL
            done = Side(self.keys(after), pronoun=pronoun and not after)
        return Roles(t.norm, doer, Side(done.keys | against, done.pronoun), compares, against)


def _reversed(claim: Roles, ev: Roles, ev_clause: frozenset[str]) -> tuple[str, ...] | None:
    """The claim's words that stand on the evidence's other side of the verb, when the sides are swapped."""
    c_both, e_both = claim.doer.keys & claim.done.keys, ev.doer.keys & ev.done.keys
    cd, cp = claim.doer.keys - c_both, claim.done.keys - c_both
    ed, ep = ev.doer.keys - e_both, ev.done.keys - e_both
    doer_moved, done_moved = cd & ep, cp & ed
    if doer_moved and done_moved:
        return tuple(sorted(doer_moved | done_moved))
    if cd & ed:
        return None
    # One party moved, the other is a pronoun, missing, or not in the evidence's clause at all ("the State charged
    # him" for "Triplet charged the State"; "boys are more likely to …" for "girls are more likely than boys to …";
    # "we used their results" for "X used our results").
    # An empty object only counts in a comparison: "the museum reopened" may be the claim's "X reopened the museum".
    if done_moved and cd and (ev.done.pronoun or (claim.comparison and not ep) or (ep and not cd & ev_clause)):
        return tuple(sorted(done_moved))
    if doer_moved and cp and not cp & ep and (ev.doer.pronoun or not ed or not cp & ev_clause):
        return tuple(sorted(doer_moved))
    return None


def _aligned(claim: Roles, ev: Roles) -> bool:
    """The evidence keeps the claim's roles at this verb: a party on the same side, none on the other, and not
    another doer for the same deed."""
    c_both, e_both = claim.doer.keys & claim.done.keys, ev.doer.keys & ev.done.keys
    cd, cp = claim.doer.keys - c_both, claim.done.keys - c_both
    ed, ep = ev.doer.keys - e_both, ev.done.keys - e_both
    other_doer = bool(cd and ed and not cd & ed)
    return bool(cd & ed or (cp & ep and not other_doer)) and not (cd & ep or cp & ed)


def _pairs(c: _Text, e: _Text) -> list[tuple[int, int, Roles, Roles]]:
    """Every verb of the claim read against every use of it (or a synonym) as a verb in the evidence."""
    pairs: list[tuple[int, int, Roles, Roles]] = []
    for i in range(len(c.toks)):
        if not c.verb_like(i):
            continue
        keys = synonym_keys(c.toks[i].stem)
        for j in range(len(e.toks)):
            if e.toks[j].stem and synonym_keys(e.toks[j].stem) & keys and e.verb_like(j):
                pairs.append((i, j, c.roles(i), e.roles(j)))
    return pairs


def roles_kept(claim: str, evidence: str, first_person: frozenset[str] = frozenset()) -> bool:
    """Whether the evidence, read around a verb it shares with the claim, keeps the claim's roles ("Y was pillaged
    by X" keeps "X pillaged Y", though X comes second)."""
    return any(_aligned(cr, er) for _, _, cr, er in _pairs(_Text(claim), _Text(evidence, first_person)))


_RARE_SENTENCES = 2  # a masthead word in at most this many sentences is a name (lower case only in a link)


def first_person_keys(voice: str, common: frozenset[str], weights: Mapping[str, float]) -> frozenset[str]:
    """Who "we" is in a document's own sentences: the words of its masthead (``voice``) that are names, i.e. never
    written in lower case, or all but absent from its sentences ("carbonplan.org" in a link); not the title's
    ordinary words ("modeling", "heat")."""
    top = weights.get("__unknown__", 0.0)
    sentences = math.exp(top) - 1  # weights are log(1 + sentences / uses)
    rare = math.log(1 + sentences / _RARE_SENTENCES) - 1e-9
    out: set[str] = set()
    for w in re.findall(r"[a-z][a-z'-]+", voice):
        st = word_stem(w)
        if w not in STOPWORDS and st and (w not in common or weights.get(st, top) >= rare):
            out |= synonym_keys(st)
    return frozenset(out)


def role_reversal(claim: str, evidence: str, first_person: frozenset[str] = frozenset()) -> Reversal | None:
    """The claim's parties swapped around a verb it shares with the evidence ("Y acquired X" for "X acquired Y",
    "X was acquired by Y" for "X acquired Y"), or its objects traded between two shared verbs ("to destroy B was
    to debauch A" for "to destroy A was to debauch B"); None when some reading of a shared verb keeps the roles."""
    c, e = _Text(claim), _Text(evidence, first_person)
    pairs = _pairs(c, e)
    for (i1, j1, c1, e1), (i2, j2, c2, e2) in itertools.permutations(pairs, 2):
        if i1 == i2 or j1 == j2:
            continue
        traded = (c1.done.keys & e2.done.keys) - e1.done.keys, (c2.done.keys & e1.done.keys) - e2.done.keys
        if all(traded) and not c1.done.keys & e1.done.keys and not c2.done.keys & e2.done.keys:
            return Reversal(c.toks[i1].text, tuple(sorted(traded[0] | traded[1])), False)
    if any(_aligned(cr, er) for _, _, cr, er in pairs):
        return None
    for i, j, cr, er in pairs:
        start, end = e.clause(j)
        moved = _reversed(cr, er, e.keys(range(start, end + 1)))
        if moved:
            # A comparison is turned round only when its two sides trade places ("than Y" becomes the doer).
            turned = cr.comparison and bool(cr.against & er.doer.keys or cr.doer.keys & er.against)
            return Reversal(c.toks[i].text, moved, turned)
    return None


def missing_predicate(claim: str, lacking: frozenset[str] | set[str]) -> str | None:
    """A verb of the claim that the evidence lacks together with every plain word of its object ("to build closer
    ties with X" against "to intimidate X"): the claim's deed is not in the evidence, though its parties are. The
    verb as the claim writes it, else None. A verb whose object the evidence has ("dismissed the appeal" for
    "rejected the appeal") may be a paraphrase and is left alone."""
    c = _Text(claim)
    for i, t in enumerate(c.toks):
        if t.stem not in lacking or not c.verb_like(i):
            continue
        done = {c.toks[k].stem for k in c.phrase_forward(i + 1) if not c.named(k)}
        if done and done <= lacking:
            return t.text
    return None
