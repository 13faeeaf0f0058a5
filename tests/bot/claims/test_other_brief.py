"""Claim checking on a brief about another subject (written here): nothing in the checker is tied to the
bundled brief's topic, names or numbers."""

from __future__ import annotations

import pytest

from bot.claims.check import check_claim
from corpus.loader import parse_bytes

pytestmark = pytest.mark.slow

ENERGY_BRIEF = """GERMANY'S ENERGY TRANSITION AFTER 2022

By
Jane Doe
Analyst

Energy Policy Institute

March 3, 2023

Germany closed its last three nuclear power plants in April 2023.¹ The closures removed about 4 gigawatts of \
capacity from the grid. Renewable sources supplied 46 percent of German electricity in 2022.² Wind power was \
the largest renewable source, ahead of solar.

Chancellor Olaf Scholz announced a plan to build new gas-fired plants by 2030.³ The plan foresees 25 gigawatts\
 of new capacity. Critics said the plan is too slow. France, by contrast, expanded its nuclear programme in \
2022.⁴

¹ "Germany Shuts Its Last Nuclear Plants," Reuters, April 15, 2023, \
<https://www.reuters.com/business/energy/germany-shuts-nuclear-2023-04-15/>
² "Renewables Share 2022," Clean Energy Wire, January 4, 2023, \
<https://www.cleanenergywire.org/news/renewables-share-2022>
³ "Scholz Gas Plant Strategy," Handelsblatt, February 2, 2023, <https://www.handelsblatt.com/2023/02/02/gas-\
plants>
⁴ "France Bets on Nuclear," Le Monde, November 10, 2022, <https://www.lemonde.fr/2022/11/10/nuclear>
"""


@pytest.fixture(scope="module")
def energy_engine(tmp_path_factory, embedder):
    from bot.engine import Engine
    from corpus.settings import Settings
    from index.library import BriefRepository
    from index.store import make_store

    settings = Settings(data_dir=tmp_path_factory.mktemp("energy-engine"))
    settings.ensure_dirs()
    engine = Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings))
    engine.ingest(parse_bytes(ENERGY_BRIEF.encode(), "energy.txt"))
    return engine


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("Germany closed its last three nuclear plants in April 2023.", "supported"),
        ("Germany closed its last five nuclear plants in April 2023.", "contradicted"),
        ("Germany closed its last nuclear plants in 2021.", "contradicted"),
        ("Renewables supplied 46% of Germany's electricity in 2022.", "supported"),
        ("Renewables supplied 60 percent of German electricity in 2022.", "contradicted"),
        ("Solar was the largest renewable source in Germany.", "contradicted"),
        ("Wind power was the largest renewable source.", "supported"),
        ("Angela Merkel announced a plan to build new gas-fired plants by 2030.", "contradicted"),
        ("Olaf Scholz announced a plan to build new gas-fired plants by 2030.", "supported"),
        ("The gas plan foresees 25 gigawatts of new capacity.", "supported"),
        ("Critics said the plan is too fast.", "contradicted"),
        ("France reduced its nuclear programme in 2022.", "contradicted"),
        ("Poland built a new coal plant in 2022.", "not_found"),
        ("Germany imports hydrogen from Namibia.", "not_found"),
    ],
)
def test_claims_about_another_brief(energy_engine, claim, verdict):
    result = check_claim(energy_engine, claim)
    assert result.verdict == verdict, result.explanation
    for c in result.citations:
        assert c.verified


WATER_BRIEF = """INDIA-PAKISTAN WATER RELATIONS

By
Ali Khan
Research Fellow

South Asia Centre

June 12, 2023

The Indus Waters Treaty was signed in 1960 by India and Pakistan.¹ The World Bank brokered the agreement. It \
allocates the three eastern rivers to India and the three western rivers to Pakistan.² India notified Pakistan\
 in January 2023 that it wanted to modify the treaty.³

Pakistan depends on the Indus system for about 80 percent of its irrigated agriculture.⁴ The Kishanganga \
project has a capacity of 330 megawatts. Pakistan objected to its design in 2016. The Permanent Court of \
Arbitration held hearings in 2023, while India boycotted them.⁵

¹ "Indus Waters Treaty," World Bank, March 2018, <https://www.worldbank.org/en/region/sar/brief/fact-sheet-\
the-indus-waters-treaty-1960>
² "Explainer: The Indus Waters Treaty," Dawn, January 28, 2023, \
<https://www.dawn.com/news/2023/01/28/explainer>
³ "India Seeks Changes to Indus Treaty," The Hindu, January 27, 2023, \
<https://www.thehindu.com/news/2023/01/27/indus>
⁴ "Pakistan Water Security," Asian Development Bank, May 2022, <https://www.adb.org/2022/05/pakistan-water>
⁵ "Court Holds Indus Hearings," Reuters, January 28, 2023, <https://www.reuters.com/world/2023/01/28/indus-\
court>
"""


@pytest.fixture(scope="module")
def water_engine(tmp_path_factory, embedder):
    from bot.engine import Engine
    from corpus.settings import Settings
    from index.library import BriefRepository
    from index.store import make_store

    settings = Settings(data_dir=tmp_path_factory.mktemp("water-engine"))
    settings.ensure_dirs()
    engine = Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings))
    engine.ingest(parse_bytes(WATER_BRIEF.encode(), "water.txt"))
    return engine


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("The Indus Waters Treaty was signed in 1960.", "supported"),
        ("The Indus Waters Treaty was signed in 1972.", "contradicted"),
        ("The United Nations brokered the Indus Waters Treaty.", "contradicted"),
        ("The World Bank brokered the agreement between India and Pakistan.", "supported"),
        ("The treaty gives the three western rivers to Pakistan.", "supported"),
        ("The treaty gives the four western rivers to Pakistan.", "contradicted"),
        ("India wanted to modify the treaty in January 2023.", "supported"),
        ("Pakistan relies on the Indus system for around 80% of its irrigated agriculture.", "supported"),
        ("Pakistan relies on the Indus system for 50 percent of its irrigated agriculture.", "contradicted"),
        ("The Kishanganga project has a capacity of 330 MW.", "supported"),
        ("The Kishanganga project has a capacity of 1,000 megawatts.", "contradicted"),
        ("Pakistan objected to the Kishanganga design in 2016.", "supported"),
        ("India attended the hearings of the Permanent Court of Arbitration.", "contradicted"),
        ("Bangladesh signed a water treaty with India in 1996.", "not_found"),
        ("China is building a dam on the Brahmaputra.", "not_found"),
        ("The treaty was suspended in 2019.", "not_found"),
    ],
)
def test_claims_about_a_third_brief(water_engine, claim, verdict):
    result = check_claim(water_engine, claim)
    assert result.verdict == verdict, result.explanation
