"""The schema revisions of the database, one module each, applied in order by ``index.db.migrate``."""
