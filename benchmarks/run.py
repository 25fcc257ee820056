#!/usr/bin/env python
"""IPT Desktop measured against its floors (issue 8).

    python benchmarks/run.py [--quick] [--json FILE]

Builds a generated vault (10,000 clients, 200,000 sessions, 100,000 inventory
persons; --quick: a tenth), measures each figure as the median of at least five
runs, and prints it beside its floor as a ratio. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "benchmark passphrase"
RUNS = 5


def median_ms(fn, runs=RUNS, setup=None) -> float:
    times = []
    for _ in range(runs):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def result(name, value, unit="ms", floor=None, goal="", ok=None) -> dict:
    ratio = round(value / floor, 2) if floor else None
    return {"name": name, "value": round(value, 2), "unit": unit,
            "floor": None if floor is None else round(floor, 2), "ratio": ratio,
            "goal": goal, "ok": ok}


def build_vaults(folder: Path, scale: float):
    """The encrypted vault and a plain SQLite twin with the same schema and rows."""
    from peewee import SqliteDatabase

    from generate import populate
    from ipt_desktop.models import database
    from ipt_desktop.models import migrations
    from ipt_desktop.services.vault import Vault

    counts = dict(clients=int(10000 * scale), sessions=int(200000 * scale),
                  persons=int(100000 * scale))
    enc = folder / "bench.iptvault"
    vault = Vault.create(enc, PASSPHRASE)
    populate(vault.db, **counts)
    vault.close()
    plain = SqliteDatabase(str(folder / "plain.sqlite"),
                           pragmas={"journal_mode": "wal", "cache_size": -64 * 1024})
    plain.connect()
    migrations.migrate(plain)
    database.initialize(plain)
    populate(plain, **counts)
    plain.close()
    return enc, folder / "plain.sqlite", counts


def bench_aggregates(enc: Path, plain_path: Path) -> list[dict]:
    from peewee import SqliteDatabase

    from ipt_desktop.models import database
    from ipt_desktop.services import clients
    from ipt_desktop.services.vault import Vault

    vault = Vault.open(enc, PASSPHRASE)
    clients.client_rows()  # warm the page cache, as the list does at unlock
    encrypted = median_ms(clients.client_rows)
    vault.close()
    plain = SqliteDatabase(str(plain_path), pragmas={"cache_size": -64 * 1024})
    plain.connect()
    database.initialize(plain)
    clients.client_rows()
    floor = median_ms(clients.client_rows)
    plain.close()
    ratio = encrypted / floor
    return [result("per-client aggregates for the list", encrypted, floor=floor,
                   goal="<= 1.3x plain SQLite", ok=ratio <= 1.3)]


def bench_session_edit(enc: Path) -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from ipt_desktop.models import Session
    from ipt_desktop.services.vault import Vault
    from ipt_desktop.ui.document import VaultDocument

    app = QApplication.instance() or QApplication([])  # noqa: F841 - signals need one
    vault = Vault.open(enc, PASSPHRASE)
    doc = VaultDocument(vault)
    session = Session.select().order_by(Session.id.desc()).first()
    seen = []
    doc.session_changed.connect(lambda c, s: seen.append(s))
    counter = iter(range(10**6))
    value = median_ms(lambda: doc.edit_session(session.client_id, session.id,
                                               {"homework": f"note {next(counter)}"},
                                               merge=False), runs=15)
    assert seen, "the edit emitted no signal"
    doc.close()
    return [result("one session edit: command, commit, signal", value, goal="<= 10 ms",
                   ok=value <= 10)]


def bench_subprocess(name: str, code: str, runs=RUNS) -> float:
    """Median wall time (ms) of a fresh interpreter running `code`, which prints its own ms."""
    values = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        if out.returncode != 0:
            raise RuntimeError(f"{name} failed: {out.stderr[-2000:]}")
        values.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(values)


def _normalise(r: dict) -> dict:
    """The feature benchmarks' own dicts in this table's shape."""
    value = r.get("value", r.get("median_ms"))
    goal = r.get("goal", r.get("goal_ms"))
    return result(r["name"], value, unit=r.get("unit", "ms"),
                  goal=f"<= {goal} ms" if isinstance(goal, (int, float)) else goal,
                  ok=r.get("ok"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the data")
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON")
    args = parser.parse_args(argv)
    scale = 0.1 if args.quick else 1.0
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="ipt-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        enc, plain, counts = build_vaults(folder, scale)
        print(f"generated {counts} in {time.perf_counter() - started:.1f} s", flush=True)
        from app_probes import bench_app
        results += bench_app(enc, PASSPHRASE, counts, bench_subprocess, median_ms, result,
                             quick=args.quick)
        results += bench_aggregates(enc, plain)
        results += bench_session_edit(enc)
        for module in ("bench_circle", "bench_reports"):
            try:
                mod = __import__(module)
            except ImportError as exc:
                print(f"skipped {module}: {exc}")
                continue
            results += [_normalise(r) for r in mod.run(quick=args.quick)]
    width = max(len(r["name"]) for r in results)
    for r in results:
        ratio = f"{r['ratio']:.2f}x" if r.get("ratio") else "-"
        floor = f"{r['floor']:.1f}" if r.get("floor") is not None else "-"
        mark = "ok" if r.get("ok") else "MISSED"
        print(f"{r['name']:<{width}}  {r['value']:>9.1f} {r['unit']:<3} floor {floor:>8} "
              f"ratio {ratio:>6}  goal {r.get('goal', '')}  {mark}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
