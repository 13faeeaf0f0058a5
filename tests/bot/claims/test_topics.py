"""Claim rules on briefs of other topics (finance, science, history, written here) and on two real documents of
the real-dev set: every rule is tested both ways, a claim it supports and one it must not support.

Nothing here is in the shared eval files; names and acronyms come from each brief's own text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.claims.check import check_claim
from corpus.loader import load_brief, parse_bytes

pytestmark = pytest.mark.slow

REAL_DEV = Path(__file__).resolve().parents[4] / "shared" / "eval" / "real-dev"

FINANCE = """LENDING TO SMALL FIRMS IN 2023

By
Mary Lund
Economist

Nordic Policy Forum

June 1, 2023

The Central Savings Authority (CSA) was founded in 1998.¹ Each year, the CSA lends more than $6 billion to small \
firms. Chief Executive Anna Berg said that she expects lending to grow by 4% in 2024.² Interest rates on CSA loans \
ranged from 2 to 5 percent in 2022.

Prices ought to be about twelve times their 1990 level if wages are to keep pace, but in fact they have risen to \
only three times that level.³ The authority offers loans such as mortgages, car loans and student loans.⁴

¹ "CSA History," Nordic Policy Forum, January 3, 2020, <https://example.org/csa-history>
² "Lending Outlook," Financial Daily, March 2, 2023, <https://example.org/lending-outlook>
³ "Prices and Wages," Economic Review, April 4, 2022, <https://example.org/prices-wages>
⁴ "Loan Products," CSA, May 5, 2023, <https://example.org/loan-products>
"""

SCIENCE = """AN OPEN TOOLKIT FOR RAINFALL DATA

By
Omar Haddad
Research Fellow

Open Science Lab

September 9, 2022

The Rainfall Data Toolkit (RDT) requires Python 3.6 or later.¹ Version 2.1 of the toolkit was released in March \
2021. The toolkit provides statistical functions such as mean, median and variance.² The RDT archive provides daily \
totals for 120 countries.

Across its stations, average rainfall rose by 20 mm between 1950 and 2020.³ Lead developer Dr Lena Fischer said \
that she plans a new release in 2023.

¹ "RDT Installation Guide," Open Science Lab, February 1, 2022, <https://example.org/rdt-install>
² "RDT Functions," Open Science Lab, February 2, 2022, <https://example.org/rdt-functions>
³ "Rainfall Trends," Climate Letters, July 7, 2021, <https://example.org/rainfall-trends>
"""

HISTORY = """THE PEACE OF 1668

By
Ines Costa
Historian

Iberian History Society

May 5, 2021

The Treaty of Lisbon was signed on 13 February 1668.¹ It ended a war that had lasted 28 years. King Afonso VI \
ruled Portugal from 1656 to 1683, although his brother Pedro held real power after 1668.² The treaty was a \
bilateral agreement between Spain and Portugal.

England mediated the negotiations, which were held in Lisbon.³

¹ "The Treaty of 1668," Iberian Review, March 1, 2018, <https://example.org/treaty-1668>
² "Afonso VI," History Today, June 6, 2019, <https://example.org/afonso-vi>
³ "English Mediation," Diplomatic History, August 8, 2017, <https://example.org/mediation>
"""


@pytest.fixture(scope="module")
def topics_engine(tmp_path_factory, embedder):
    from bot.engine import Engine
    from corpus.settings import Settings
    from index.library import BriefRepository
    from index.store import make_store

    settings = Settings(data_dir=tmp_path_factory.mktemp("topics-engine"))
    settings.ensure_dirs()
    engine = Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings))
    ids = {}
    for name, text in (("finance", FINANCE), ("science", SCIENCE), ("history", HISTORY)):
        report = engine.ingest(parse_bytes(text.encode(), f"{name}.txt"))
        ids[name] = report.brief_id
    for name, pattern in (
        ("keynes", "keynes-*/*.docx"),
        ("heat", "carbonplan-*/carbonplan-*.md"),
        ("court", "tenth-circuit-*/*.pdf"),
    ):
        found = sorted(REAL_DEV.glob(pattern))
        if found:
            ids[name] = engine.ingest(load_brief(found[0])).brief_id
    return engine, ids


CASES = [
    # money and magnitudes: "each year … more than $6 billion"
    ("finance", "The CSA lends $6 billion a year to small firms.", "supported"),
    ("finance", "The CSA lends $6 million a year to small firms.", "contradicted"),
    # the document's own acronym stands for its long form
    ("finance", "The Central Savings Authority was founded in 1998.", "supported"),
    ("finance", "The CSA was founded in 2008.", "contradicted"),
    # a person named by a title in the text
    ("finance", "Anna Berg expects lending to grow by 4% in 2024.", "supported"),
    ("finance", "Anna Berg expects lending to grow by 9% in 2024.", "contradicted"),
    # a range in the evidence
    ("finance", "Interest rates on CSA loans reached 4 percent in 2022.", "supported"),
    ("finance", "Interest rates on CSA loans reached 8 percent in 2022.", "contradicted"),
    # a figure the evidence only supposes ("ought to be") is not the figure it states
    ("finance", "Prices have risen to three times their 1990 level.", "supported"),
    ("finance", "Prices have risen to twelve times their 1990 level.", "contradicted"),
    # an example list names some members only
    ("finance", "The authority offers loans such as mortgages.", "supported"),
    ("finance", "The authority offers business loans such as overdrafts.", "not_found"),
    # versions are not close numbers
    ("science", "The Rainfall Data Toolkit requires Python 3.6 or later.", "supported"),
    ("science", "The Rainfall Data Toolkit requires Python 3.5 or later.", "contradicted"),
    ("science", "Version 2.1 of the RDT was released in 2021.", "supported"),
    ("science", "Version 2.4 of the RDT was released in 2021.", "contradicted"),
    # coverage of an example list
    ("science", "The toolkit provides a median function.", "supported"),
    ("science", "The toolkit provides a mode function.", "not_found"),
    # exclusive classes of data
    ("science", "The RDT archive provides daily totals.", "supported"),
    ("science", "The RDT archive provides hourly totals.", "contradicted"),
    ("science", "Average rainfall rose by 20 mm between 1950 and 2020.", "supported"),
    ("science", "Average rainfall rose by 20 mm between 1900 and 2020.", "contradicted"),
    # history: dates, durations, a person's reign as a range
    ("history", "The Treaty of Lisbon was signed in February 1668.", "supported"),
    ("history", "The Treaty of Lisbon was signed in February 1686.", "contradicted"),
    ("history", "The war ended by the treaty had lasted 28 years.", "supported"),
    ("history", "The war ended by the treaty had lasted 30 years.", "contradicted"),
    ("history", "The treaty was a bilateral agreement between Spain and Portugal.", "supported"),
    ("history", "The treaty was a multilateral agreement between Spain and Portugal.", "contradicted"),
    ("history", "France mediated the negotiations of the treaty.", "contradicted"),
    ("history", "The treaty was signed by the Pope.", "not_found"),
    # real documents (Keynes, ch. VI; CarbonPlan's extreme-heat explainer)
    ("keynes", "In Italy the note circulation is five or six times its prewar level.", "supported"),
    ("keynes", "In Italy the note circulation is ten times its prewar level.", "contradicted"),
    ("heat", "The UHE-Daily dataset is based on CHIRTS-Daily, a gridded product of about 5 km.", "supported"),
    ("heat", "We used 100 quantiles in developing each bias-correction model.", "supported"),
    ("heat", "We used 50 quantiles in developing each bias-correction model.", "contradicted"),
    ("heat", "The Occupational Safety and Health Administration publishes heat data every hour.", "not_found"),
    # a court's opinion (Triplet v. Franklin, 10th Cir. 2010): what a note says, and a ruling in the court's "we"
    ("court", "Oklahoma adopted its Youthful Offender Act in 1998.", "supported"),
    ("court", "Oklahoma adopted its Youthful Offender Act in 2005.", "contradicted"),
    ("court", "The Department of Juvenile Justice is a branch of the Office of Juvenile Affairs.", "supported"),
    ("court", "The Tenth Circuit affirmed the denial of the petition.", "supported"),
    ("court", "The Tenth Circuit vacated the district court's denial of the petition.", "contradicted"),
]


@pytest.mark.parametrize(("brief", "claim", "verdict"), CASES, ids=[f"{b}: {c[:60]}" for b, c, _ in CASES])
def test_claim_on_another_topic(topics_engine, brief, claim, verdict):
    engine, ids = topics_engine
    if brief not in ids:
        pytest.skip(f"the real-dev document for {brief} is not here")
    r = check_claim(engine, claim, brief_id=ids[brief])
    assert r.verdict == verdict, r.explanation
    for c in r.citations:
        assert c.verified


def test_a_verdict_drawn_from_a_note_says_it_is_in_the_note(topics_engine):
    engine, ids = topics_engine
    if "court" not in ids:
        pytest.skip("the real-dev court opinion is not here")
    r = check_claim(engine, "Oklahoma adopted its Youthful Offender Act in 2005.", brief_id=ids["court"])
    assert r.verdict == "contradicted"
    assert r.explanation.startswith("In note 2, the brief")
    (c,) = r.citations
    assert c.kind == "footnote" and c.footnotes == (2,) and c.verified
