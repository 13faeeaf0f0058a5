"""A reference entry (a note that only cites a work: author, date, title, address) holds names, dates and figures
of the cited work, not answers: asked who succeeded someone the document only says stepped down, the entry's
author and title ("... Steps Down as Director") do not answer, and the document abstains. The body's own answers
still stand. Two small documents of two topics (a library, a rowing club)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.bot.qa.factories import markdown_engine

LIBRARY = """# The Northgate Library

In March 2014 the Northgate Library promoted Helen Marsh to the post of director.[^1] Her appointment led to
protests from staff, and she stepped down eleven days later.[^2] The library holds 40,000 volumes.

[^1]: Carter, James (24 March 2014). "Northgate Library names Helen Marsh director". Northgate Post. <https://ex.org/p1>
[^2]: Lowe, Anna (3 April 2014). "Helen Marsh Steps Down as Northgate Library Director". Library Journal. <https://ex.org/p2>
"""

ROWING = """# The Eastbank Rowing Club

The Eastbank Rowing Club was founded in 1887 by four brewery workers.[^1] Its first captain, Walter Penn,
resigned in 1890 after a dispute over the boathouse.[^2] The club's eight won the county regatta in 1895.

[^1]: Hughes, Mary (2 May 1987). "Eastbank Rowing Club at 100". Eastbank Gazette. <https://ex.org/g1>
[^2]: Reed, Thomas (1 June 1990). "Walter Penn Resigns as Eastbank Captain". Rowing News. <https://ex.org/r1>
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Iterator[Any]:
    yield from markdown_engine(
        tmp_path_factory.mktemp("reference-briefs"),
        embedder,
        {"northgate-library.md": LIBRARY, "eastbank-rowing.md": ROWING},
    )


@pytest.mark.parametrize(
    ("question", "brief"),
    [
        ("Who succeeded Helen Marsh as director of the Northgate Library?", "northgate-library"),
        ("Who replaced Walter Penn as captain of the Eastbank Rowing Club?", "eastbank-rowing"),
    ],
)
def test_a_reference_entrys_names_do_not_answer_who_came_next(engine, question, brief):
    answer = engine.ask(question, brief_id=brief)
    assert answer.abstained, [c.quote for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "brief", "expected"),
    [
        ("Who was promoted to director of the Northgate Library in 2014?", "northgate-library", "Helen Marsh"),
        ("Who was the first captain of the Eastbank Rowing Club?", "eastbank-rowing", "Walter Penn"),
    ],
)
def test_the_bodys_own_names_still_answer(engine, question, brief, expected):
    answer = engine.ask(question, brief_id=brief)
    assert not answer.abstained, question
    assert expected in answer.citations[0].quote
