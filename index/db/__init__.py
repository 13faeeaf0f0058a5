"""The database under the library, sessions and quiz state: SQLite by default, PostgreSQL by URL.

``connect`` makes engines, ``shared`` keeps one per URL and process, ``schema`` holds the tables, ``migrate`` the
Alembic migrations that create them, ``transfer`` the import of the layout before the database. It sits in
``index`` so that ``bot`` (sessions, quiz) can use it too.
"""

from index.db.connect import Database, database_url, sqlite_url
from index.db.shared import open_database, open_url

__all__ = ["Database", "database_url", "open_database", "open_url", "sqlite_url"]
