"""Opening Chroma skips the ``overrides`` package's definition-time checks (``light_override_checks``), but keeps
the mark ``EnforceOverrides`` looks for, and puts the real decorator back afterwards."""

from __future__ import annotations

import time
from collections.abc import Callable

import overrides
import pytest

from index import chroma_startup
from index.chroma_startup import light_override_checks


def until(check: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture(autouse=True)
def no_store_opening_elsewhere() -> None:
    """A store a thread of an earlier test is still opening holds the light decorator for a moment; these tests
    compare against the real one, so they start once no block is open."""
    assert until(lambda: chroma_startup._lightened == 0), "a light_override_checks block stayed open"


def test_the_real_decorators_are_back_after_the_block():
    real = overrides.override, overrides.overrides
    with light_override_checks():
        assert overrides.override is not real[0]
    assert (overrides.override, overrides.overrides) == real


def test_the_real_decorators_are_back_after_an_error_in_the_block():
    real = overrides.override
    with pytest.raises(RuntimeError), light_override_checks():
        raise RuntimeError("the store could not be opened")
    assert overrides.override is real


def test_a_marked_override_still_satisfies_enforce_overrides():
    class Base(overrides.EnforceOverrides):
        def size(self) -> int:
            return 0

    with light_override_checks():

        class Plain(Base):
            @overrides.override
            def size(self) -> int:
                return 1

        class WithOptions(Base):
            @overrides.overrides(check_signature=False)
            def size(self) -> int:
                return 2

    assert (Plain().size(), WithOptions().size()) == (1, 2)
    assert Plain.size.__override__ is True  # type: ignore[attr-defined]


def test_a_method_without_the_mark_is_still_refused_by_enforce_overrides():
    class Base(overrides.EnforceOverrides):
        def size(self) -> int:
            return 0

    with light_override_checks(), pytest.raises(TypeError, match="does not have @override"):

        class Unmarked(Base):
            def size(self) -> int:
                return 1


def test_overlapping_blocks_in_two_threads_leave_the_real_decorator():
    real = overrides.override
    first, second = light_override_checks(), light_override_checks()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first to finish must not put back what the second saw
    assert overrides.override is not real
    second.__exit__(None, None, None)
    assert until(lambda: overrides.override is real)  # at once, unless another test's thread is opening a store
