"""Rules on the claim's wording: what the evidence leaves out (a comparison, a member, a kind, a deed, a rare
word, most of the words) leaves the claim unsaid; the one rule that supports it."""

from __future__ import annotations

from bot.claims.facts import Facts, stem_set
from bot.claims.judgement import Judgement
from bot.claims.lexicon import fold_phrases
from bot.claims.lists import unlisted_member
from bot.claims.modifiers import other_modifier
from bot.claims.numbers.agreement import units_comparable
from bot.claims.roles import missing_predicate
from bot.claims.text.tokens import synonym_keys, tokens


def comparison_not_stated(f: Facts) -> Judgement | None:
    """The claim compares two things and the evidence does not compare them (nor gives the two figures the claim
    compares them by)."""
    if f.claim.comparisons and f.comparison[0] is None and not figures_compare(f):
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def figures_compare(f: Facts) -> bool:
    """ "needs far less memory than a thread, about 3k compared with 50k" against "Compared to the 50k of memory per
    thread, a coroutine takes barely 3k": the claim gives both sides' figures in the order of its comparison (the
    smaller first for "less"), and the evidence has both: the figures state the comparison."""
    figures = [q for q in f.quantities if not q.claim.is_date and q.claim.unit != "ordinal"]
    if len(figures) != 2 or any(q.status != "match" for q in figures) or len(f.claim.comparisons) != 1:
        return False
    first, second = sorted((q.claim for q in figures), key=lambda q: q.start)
    if not units_comparable(first, second) or first.low == second.low:
        return False
    return (first.low < second.low) == (f.claim.comparisons[0].direction < 0)


def unnamed_member(f: Facts) -> Judgement | None:
    """ "such as mean, median and variance" names some members of a kind: not the claim's missing one."""
    if unlisted_member(f.claim.text, [w for w in f.claim.content if w not in f.matched], f.evidence.text):
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def another_kind(f: Facts) -> Judgement | None:
    """ "a communications satellite" against "a reconnaissance satellite": the shared noun, another kind."""
    if other_modifier(f.claim.text, [w for w in f.claim.content if w not in f.matched], f.evidence.text):
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def another_deed(f: Facts) -> Judgement | None:
    """ "Its goal is to build closer ties with X" against "its goal is to intimidate X": the parties are there,
    the claim's verb and its object are not."""
    # The deed must be in the quoted sentence itself, not only in one it leans on ("… continue to build weapons.").
    focal = stem_set(tokens(fold_phrases(f.evidence.text)))
    if missing_predicate(f.claim.text, {w for w in f.claim.content if not synonym_keys(w) & focal}):
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def rare_word_missing(f: Facts) -> Judgement | None:
    """A word the brief uses only rarely, missing here, means the claim is about another passage's fact ("a
    train-based rocket in 2019" against "short-range rockets in 2019")."""
    if f.rare_missing:
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def too_few_words(f: Facts) -> Judgement | None:
    """The claim's own words, not only its numbers, must be there: "Berg met Ruiz in 2021" is not "in 2021, Berg
    described his policy". A matched measurement ("250,000 tons of TNT") is the claim's own fact, whatever words
    frame it."""
    if f.claim.content and f.words_coverage < f.t.words_coverage and not f.measured:
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def same_fact(f: Facts) -> Judgement | None:
    """Support: the quoted sentence carries the claim (a matched measurement, "about 6,200 km/h", does by itself)
    and the evidence covers it, closely or with a similar meaning."""
    t = f.t
    carried = f.focal_coverage >= t.focal_coverage or f.measured
    covered = f.coverage >= t.support_coverage or (
        f.coverage >= t.support_coverage_with_similarity and f.similarity >= t.support_similarity
    )
    if carried and covered:
        return f.result("supported", "match", f.base + t.quantity_support_bonus * bool(f.claim.quantities))
    return None
