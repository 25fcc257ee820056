"""Numbered schema migrations; a vault's `user_version` says how many have run."""
import importlib
import pkgutil

APPLICATION_ID = 0x49505444  # "IPTD": marks the file as an IPT Desktop vault


def _steps():
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name[:1] == "m")
    return [(int(n[1:5]), importlib.import_module(f"{__name__}.{n}")) for n in names]


STEPS = _steps()
LATEST = STEPS[-1][0]


def current_version(db) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def pending(db) -> list[int]:
    version = current_version(db)
    return [number for number, _ in STEPS if number > version]


def migrate(db, target: int = LATEST) -> int:
    """Run every step above the vault's version up to `target`, each in one transaction."""
    version = current_version(db)
    for number, module in STEPS:
        if version < number <= target:
            with db.atomic():
                module.migrate(db)
                db.execute_sql(f"PRAGMA user_version = {number}")
                db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            version = number
    return version
