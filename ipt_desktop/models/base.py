"""The database proxy every model binds to, and JSON-valued fields."""
import json

from peewee import DatabaseProxy, Model, TextField

# Bound at unlock (services.vault) to the open SqlCipherDatabase.
database = DatabaseProxy()

# The schema version a vault has after all migrations in models/migrations ran.
SCHEMA_VERSION = 4


class JSONField(TextField):
    """A list or dict stored as JSON text."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def python_value(self, value):
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
