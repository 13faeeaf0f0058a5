"""Cosine similarity, one implementation."""

import pytest

from corpus.text.vectors import cosine, cosine_matrix, cosines


def test_cosines_of_a_query_with_each_row() -> None:
    assert cosines([1.0, 0.0], [[2.0, 0.0], [0.0, 3.0], [1.0, 1.0]]) == pytest.approx([1.0, 0.0, 2**-0.5])


def test_cosine_matrix_rows_against_columns() -> None:
    m = cosine_matrix([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
    assert m.shape == (2, 3)
    assert m[0].tolist() == pytest.approx([1.0, 2**-0.5, 0.0])
    assert m[1].tolist() == pytest.approx([0.0, 2**-0.5, 1.0])


def test_cosine_matrix_agrees_with_cosines() -> None:
    rows, cols = [[0.3, 0.4, 0.5]], [[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]]
    assert cosine_matrix(rows, cols)[0].tolist() == pytest.approx(cosines(rows[0], cols))


def test_zero_vectors_give_zero_not_an_error() -> None:
    assert cosine([0.0, 0.0], [1.0, 0.0]) == 0.0
    assert cosines([0.0, 0.0], [[1.0, 0.0]]) == [0.0]


def test_plain_cosine_of_two_vectors() -> None:
    assert cosine([1.0, 2.0], [2.0, 4.0]) == pytest.approx(1.0)
    assert cosine([1.0, 0.0], [-1.0, 0.0]) == pytest.approx(-1.0)
