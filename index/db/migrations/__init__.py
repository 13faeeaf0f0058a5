"""Alembic's migration environment for the database of ``index.db``: ``env.py`` runs the revisions in ``versions/``."""
