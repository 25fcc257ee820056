"""Starting the window: the QApplication, the style, the first unlock."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from . import style
from .settings import APPLICATION, ORGANISATION, last_vault

PASSPHRASE_ENV = "IPT_DESKTOP_PASSPHRASE"


def application() -> QApplication:
    """The running QApplication (tests make one), or a new one."""
    app = QApplication.instance()
    made = app is None
    if made:
        # Fusion named at construction: setting it afterwards hands Python a QStyle
        # object, and PySide takes ~7 ms to build that class at start.
        app = QApplication((sys.argv[:1] or [APPLICATION]) + ["-style", style.STYLE])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    style.apply(app, style_named=made)
    return app


def launch(vault: str | None = None, demo: bool = False):
    """Build and show the main window, unlocked or asking; returns it (tests use this).

    Only the window's shell and the unlock dialog are made here; the database code
    loads after the dialog has painted (see MainWindow.warm_up) or on unlock.
    """
    from ..services.errors import IptError
    from .main_window import MainWindow
    application()
    window = MainWindow()
    window.show()
    path = Path(vault) if vault else None
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if demo:
        try:
            from ..services import demo as demo_service
            path = demo_service.ensure_demo_vault(path)
            passphrase = demo_service.DEMO_PASSPHRASE
        except ImportError:
            window.show_unlock(path, "The demo vault is not part of this version.")
            return window
        except IptError as exc:
            window.show_unlock(path, exc.message)
            return window
    path = path or (Path(last_vault()) if last_vault() else None)
    if passphrase is not None and path is not None:
        from ..services import safety
        try:
            window.set_vault(safety.unlock(path, passphrase, check=False))
            window.check_in_background(passphrase)
            return window
        except IptError as exc:
            window.show_unlock(path, exc.message)
            return window
    window.show_unlock(path)
    return window


def run_gui(vault: str | None = None, demo: bool = False) -> int:
    """The GUI entry point used by cli.main when no subcommand is given."""
    app = application()
    window = launch(vault, demo)
    code = app.exec()
    del window
    return int(code)
