"""QSettings for the window only: geometry, splitter, last vault path (never client data)."""
from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "IPT Desktop"
APPLICATION = "IPT Desktop"


def app_settings() -> QSettings:
    """An INI file in the user's config folder (tests redirect it with QSettings.setPath)."""
    return QSettings(QSettings.IniFormat, QSettings.UserScope, ORGANISATION, APPLICATION)


def last_vault() -> str:
    return str(app_settings().value("vault/last", "") or "")


def remember_vault(path) -> None:
    s = app_settings()
    s.setValue("vault/last", str(path))
    s.sync()
