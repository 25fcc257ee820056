"""The window's figures: cold start, unlock, the client list and memory (issue 8).

Each cold figure runs in a fresh interpreter with private per-user folders, so it
neither reads nor writes the user's settings or data.
"""
from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Quits once `target()` has been painted; prints elapsed ms since interpreter start is
# not knowable from inside, so the parent times the whole process instead.
PAINTED = """
from PySide6.QtCore import QEvent, QObject, QTimer
class Painted(QObject):
    def __init__(self, widget, done):
        super().__init__(); self.done = done; widget.installEventFilter(self)
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            QTimer.singleShot(0, self.done)
        return False
"""

BARE_WINDOW = PAINTED + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1200, 800)
p = Painted(w, app.quit); w.show(); app.exec()
{tail}
"""

# Through the real entry point (what `ipt-desktop --vault PATH` runs), with launch()
# wrapped only to watch the dialog's first paint.
UNLOCK_DIALOG = PAINTED + """
import sys
from ipt_desktop import cli
from ipt_desktop.ui import app as gui
_launch = gui.launch
def launch(*args, **kwargs):
    global p
    w = _launch(*args, **kwargs); p = Painted(w.unlock_dialog, gui.application().quit)
    return w
gui.launch = launch
sys.exit(cli.main(["--vault", sys.argv[1]]))
"""

OPEN_WINDOW = PAINTED + """
import sys
from ipt_desktop.ui.app import application, launch
app = application()
w = launch(sys.argv[1])
p = Painted(w.client_list.table.viewport(), app.quit); app.exec()
{tail}
"""

# VmHWM, the peak resident size of this process's own memory (kB). Not getrusage's
# ru_maxrss: Linux carries that over fork and exec, so a child started by a large
# benchmark process reported the parent's peak, the floor and the app alike.
# Elsewhere ru_maxrss is the best there is (bytes on macOS).
MAXRSS = """
import sys
if sys.platform.startswith("linux"):
    print(next(int(line.split()[1]) for line in open("/proc/self/status")
               if line.startswith("VmHWM:")))
else:
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(peak // 1024 if sys.platform == "darwin" else peak)
"""


def _env(home: str, passphrase: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "IPT_DESKTOP_PASSPHRASE"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=home,
               XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
               XDG_CACHE_HOME=f"{home}/cache")
    if passphrase:
        env["IPT_DESKTOP_PASSPHRASE"] = passphrase
    return env


def _run(code: str, args=(), passphrase=None) -> tuple[float, str]:
    """Wall time (ms) of a fresh interpreter running `code`, and what it printed."""
    with tempfile.TemporaryDirectory(prefix="ipt-probe-") as home:
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, *map(str, args)],
                             capture_output=True, text=True, cwd=ROOT,
                             env=_env(home, passphrase), timeout=300)
        elapsed = (time.perf_counter() - start) * 1000
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return elapsed, out.stdout.strip()


def _median_run(code, args=(), passphrase=None, runs=5) -> float:
    return statistics.median(_run(code, args, passphrase)[0] for _ in range(runs))


def cold_start(vault: Path, result) -> list[dict]:
    floor = _median_run(BARE_WINDOW.format(tail=""))
    value = _median_run(UNLOCK_DIALOG, [vault])
    return [result("cold start to the unlock dialog painted", value, floor=floor,
                   goal="<= 1.5x a bare QMainWindow", ok=value <= 1.5 * floor)]


def unlock_to_list(vault: Path, passphrase: str, median_ms, result) -> list[dict]:
    """In one process: the dialog's unlock until the client list has painted, five times."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from ipt_desktop.services.vault import Vault
    from ipt_desktop.ui.app import application, launch

    def key_alone():
        with Vault.open(vault, passphrase, migrate=False, check=False) as v:
            v.db.execute_sql("SELECT count(*) FROM client").fetchone()
    floor = median_ms(key_alone)

    app = application()
    window = launch(str(vault))
    painted = []

    class Watch(QObject):
        def eventFilter(self, _obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint:
                painted.append(time.perf_counter())
            return False
    watch = Watch()
    window.client_list.table.viewport().installEventFilter(watch)
    times = []
    for _ in range(5):
        dialog = window.unlock_dialog
        dialog.passphrase.setText(passphrase)
        painted.clear()
        start = time.perf_counter()
        dialog.unlock()
        while not painted:
            app.processEvents()
        times.append((painted[0] - start) * 1000)
        window.lock(ask=True)
        QApplication.processEvents()
    window.close()
    value = statistics.median(times)
    return [result("unlock to the client list painted", value, floor=floor,
                   goal="<= key derivation + 200 ms", ok=value <= floor + 200)]


def client_list(rows: list[dict], label: str, median_ms, result, goals) -> list[dict]:
    """One filter keystroke and one sort in the list's model, on plain dict rows.

    The model keeps each column's order once sorted, so a sort is timed twice: the
    first by a column since the rows were loaded (set_rows untimed, before each run)
    and a header click on a column already sorted by."""
    from ipt_desktop.ui.app import application
    from ipt_desktop.ui.item_models.client_table_model import NAME, PHQ9, ClientTableModel
    application()
    model = ClientTableModel()
    model.set_rows(rows)
    model.set_status_filter("all")
    words = iter(["a", "an", "ana", "an", "a", ""] * 10)
    keystroke = median_ms(lambda: model.set_search(next(words)), runs=11)
    first = median_ms(lambda: model.sort(PHQ9), runs=5, setup=lambda: model.set_rows(rows))
    columns = iter([PHQ9, NAME] * 10)
    again = median_ms(lambda: model.sort(next(columns)), runs=11)
    key_goal, sort_goal = goals
    return [result(f"client list, one filter keystroke ({label})", keystroke,
                   goal=f"<= {key_goal} ms", ok=keystroke <= key_goal),
            result(f"client list, first sort by a column ({label})", first,
                   goal=f"<= {sort_goal} ms", ok=first <= sort_goal),
            result(f"client list, sort by a column sorted before ({label})", again,
                   goal=f"<= {sort_goal} ms", ok=again <= sort_goal)]


def scaled_rows(rows: list[dict], count: int) -> list[dict]:
    """`count` list rows made by repeating real ones with new ids and shuffled names."""
    rng = random.Random(3)
    out = []
    for i in range(count):
        row = dict(rows[i % len(rows)])
        row["id"] = i + 1
        row["last_name"] = f"{row['last_name']} {rng.randrange(10**6)}"
        row["name"] = f"{row['first_name']} {row['last_name']}"
        out.append(row)
    return out


def peak_memory(vault: Path, passphrase: str, result) -> list[dict]:
    floor = float(_run(BARE_WINDOW.format(tail=MAXRSS))[1].splitlines()[-1])
    value = float(_run(OPEN_WINDOW.format(tail=MAXRSS), [vault],
                       passphrase)[1].splitlines()[-1])
    return [result("peak memory with the vault open", value / 1024, unit="MB",
                   floor=floor / 1024, goal="<= 2x the bare window",
                   ok=value <= 2 * floor)]


def bench_app(vault: Path, passphrase: str, counts: dict, _subprocess, median_ms, result,
              quick: bool = False) -> list[dict]:
    from ipt_desktop.models import Practitioner
    from ipt_desktop.services import clients
    from ipt_desktop.services.vault import Vault

    with Vault.open(vault, passphrase):
        # Scheduled backups run at unlock once every N days; keep them out of the figure.
        Practitioner.update(backup_every_days=0).execute()
        rows = clients.client_rows()
    out = cold_start(vault, result)
    out += unlock_to_list(vault, passphrase, median_ms, result)
    out += client_list(rows, f"{len(rows):,} clients", median_ms, result, (16, 50))
    big = 10_000 if quick else 100_000
    out += client_list(scaled_rows(rows, big), f"{big:,} clients", median_ms, result,
                       (120, 120))
    out += peak_memory(vault, passphrase, result)
    return out
