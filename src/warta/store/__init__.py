"""Store stage: SQLAlchemy Core schema, migrations and the Store class."""
from .store import Store, resolve_url

__all__ = ["Store", "resolve_url"]
