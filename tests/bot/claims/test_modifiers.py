"""Another kind of the same thing (``bot.claims.modifiers``): the claim's word before a shared noun against the
evidence's different word there, on several topics."""

from __future__ import annotations

import pytest

from bot.claims.modifiers import other_modifier


@pytest.mark.parametrize(
    ("claim", "lacking", "evidence", "found"),
    [
        (
            "The agency said the rocket carried a communications satellite.",
            ["communic"],
            "The agency said it carried a reconnaissance satellite.",
            ("communications", "reconnaissance"),
        ),
        (
            "The clinic offers nutrition advice.",
            ["nutrit"],
            "The clinic offers retirement advice.",
            ("nutrition", "retirement"),
        ),
        (
            "The court heard an employment dispute.",
            ["employ"],
            "The court heard an insurance dispute in May.",
            ("employment", "insurance"),
        ),
    ],
)
def test_another_modifier_of_the_same_noun(claim, lacking, evidence, found):
    assert other_modifier(claim, lacking, evidence) == found


@pytest.mark.parametrize(
    ("claim", "lacking", "evidence"),
    [
        # the claim's modifier is there: nothing is missing
        ("The clinic offers nutrition advice.", [], "The clinic offers nutrition advice and support."),
        # the evidence has the noun with no modifier: it does not name another kind
        ("The court heard an employment dispute.", ["employ"], "The court heard the dispute in May."),
        # evaluative words are paraphrased, not kinds: "urgent need" is "desperate need"
        ("The town is in urgent need of funds.", ["urgent"], "The town is in desperate need of funds."),
        # a verb and its adverb: "move laterally" against "traverses laterally"
        ("The drones move laterally.", ["move"], "The drones traverse laterally."),
        # the evidence's word before the noun is the claim's own (a possessive or another of its words)
        (
            "The magistrate judge's recommendation was adopted.",
            ["judg"],
            "The magistrate's recommendation was adopted.",
        ),
        # a name before the noun is left to the name rules
        ("The team won the regional cup.", ["region"], "The team won the Kent cup."),
    ],
)
def test_no_other_modifier(claim, lacking, evidence):
    assert other_modifier(claim, lacking, evidence) is None


def test_an_act_before_its_object_is_no_modifier():
    """ "restoring relations" against "re-establishing relations": two verbs for one act, not two kinds."""
    claim = "The talks stressed restoring relations."
    assert other_modifier(claim, ["restor"], "The talks stressed re-establishing relations.") is None
