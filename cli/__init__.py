"""The ``citebot`` command line: a thin layer over the same functions the API calls."""

import sys

# httpx's package imports its own command-line client (``httpx._main``: rich and pygments, ~70 modules, a few
# hundredths of a second of every start) whenever those happen to be installed. citebot never runs that client;
# without it httpx defines a stub ``main`` and works as before.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
