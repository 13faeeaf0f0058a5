"""The BM25 index's own layout: compressed rows per part and columns per tier, in plain numpy (no scipy, which a
starting server would otherwise import before it is ready). Scores against bm25s: tests/index/test_lexical_parts.py.
"""

from __future__ import annotations

import numpy as np

from index.bm25 import BM25, Part, Vocabulary
from tests.fresh_process import run_json


def test_a_part_holds_each_documents_term_counts_as_compressed_rows():
    vocabulary = Vocabulary()
    part = Part.build([["river", "dam", "river"], [], ["dam"]], vocabulary)
    river, dam = vocabulary.get("river"), vocabulary.get("dam")
    assert part.indptr.tolist() == [0, 2, 2, 3]
    row0 = dict(zip(part.indices[0:2].tolist(), part.data[0:2].tolist(), strict=True))
    assert row0 == {river: 2.0, dam: 1.0}
    assert part.indices[2:3].tolist() == [dam]
    assert part.lengths.tolist() == [3, 0, 1]
    assert part.doc_freq == {"river": 1, "dam": 2}


def test_scores_follow_the_formula_for_a_term_in_two_parts():
    vocabulary = Vocabulary()
    first = Part.build([["river", "dam", "river"], ["flood"]], vocabulary)
    second = Part.build([["dam"], ["river", "canal"]], vocabulary)
    index = BM25([first, second])
    lengths = np.array([3, 1, 1, 2])
    norm = 1.5 * (1 - 0.75 + 0.75 * lengths / lengths.mean())
    idf = np.log(1 + (4 - 2 + 0.5) / (2 + 0.5))  # "river" is in two of the four documents
    tf = np.array([2.0, 0.0, 0.0, 1.0])
    assert np.allclose(index.scores(["river"]), idf * tf / (tf + norm))


def test_an_empty_part_and_an_empty_index_score_nothing():
    vocabulary = Vocabulary()
    assert BM25([Part.build([], vocabulary)]).scores(["river"]).tolist() == []
    assert BM25([]).scores(["river"]).tolist() == []


def test_building_and_scoring_an_index_imports_no_scipy():
    script = (
        "import json, sys\n"
        "from index.bm25 import BM25, Part, Vocabulary\n"
        "v = Vocabulary()\n"
        "index = BM25([Part.build([['river', 'dam']], v)])\n"
        "index = BM25([*index.parts, Part.build([['dam']], v)], index)\n"
        "index.scores(['dam'])\n"
        "print(json.dumps([m for m in sys.modules if m.split('.')[0] == 'scipy']))\n"
    )
    assert run_json(script) == []
