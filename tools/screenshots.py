#!/usr/bin/env python
"""Regenerate the README screenshots from the real window on the demo vault.

    xvfb-run -s "-screen 0 1600x1000x24" python tools/screenshots.py [OUT_DIR]

Uses a throw-away demo vault in a temporary folder, never the user's data.
"""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="ipt-shots-")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = os.path.join(home, var.lower())
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from ipt_desktop.services import clients
    from ipt_desktop.ui.app import application, launch
    app = application()
    window = launch(demo=True)
    window.resize(1500, 920)
    from ipt_desktop.services import inventory
    rows = clients.client_rows()
    # The screenshots show an improving client in the middle of treatment with a full circle.
    active = [r for r in rows if r["status"] == "active" and r["phq9_previous"] is not None
              and r["phq9_last"] < r["phq9_previous"]]
    chosen = max(active, key=lambda r: (len(inventory.persons(r["id"])), r["current_number"]))
    QTest.qWait(300)

    def shoot(name, tab, client_id):
        window.select_client(client_id)
        window.select_tab(tab)
        QTest.qWait(500)
        window.grab().save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")

    shoot("main-window", "overview", chosen["id"])
    shoot("circle", "inventory", chosen["id"])
    shoot("timeline", "sessions", chosen["id"])
    shoot("closing-plan", "closing_plan",
          next(r["id"] for r in rows if r["status"] in ("concluded", "maintenance")))
    window.select_tab("documents")
    kinds = window.tabs.view("documents").kinds
    kinds.setCurrentRow(kinds.count() - 1)  # the end-of-treatment report
    shoot("documents", "documents", chosen["id"])
    QTimer.singleShot(0, app.quit)
    window.document.close() if window.document else None
    return 0


if __name__ == "__main__":
    sys.exit(main())
