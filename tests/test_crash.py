"""Tests that try to break the vault: kill -9 mid-write, mid-import, mid-rekey; disk full."""
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PASSPHRASE

from ipt_desktop.models import Client, Session
from ipt_desktop.services import clients, exchange, safety, sessions
from ipt_desktop.services.errors import DiskFull, WrongPassphrase
from ipt_desktop.services.vault import Vault

ROOT = Path(__file__).resolve().parents[1]
SESSIONS_PER_CLIENT = 5

WRITER = """
import sys
from ipt_desktop.services.vault import Vault
from ipt_desktop.services import clients, sessions
from ipt_desktop.services.common import transaction
vault = Vault.open(sys.argv[1], sys.argv[2])
print("ready", flush=True)
i = 0
while True:
    with transaction():  # one acknowledged commit = a client with all their sessions
        cid = clients.create_client("W%d" % i, "Writer")
        for k in range(SESSIONS):
            sessions.add_session(cid, "2026-01-%02d" % (k + 1), summary="note " * 80)
    print(cid, flush=True)
    i += 1
""".replace("SESSIONS", str(SESSIONS_PER_CLIENT))

IMPORTER = """
import json, sys
from ipt_desktop.services.vault import Vault
from ipt_desktop.services import exchange
vault = Vault.open(sys.argv[1], sys.argv[2])
data = json.loads(open(sys.argv[3], encoding="utf-8").read())
print("ready", flush=True)
while True:
    print(len(exchange.import_data(data)), flush=True)
"""

REKEYER = """
import sys
from ipt_desktop.services import safety
words = [sys.argv[2], sys.argv[3]]
print("ready", flush=True)
while True:
    safety.change_passphrase(sys.argv[1], words[0], words[1])
    words.reverse()
    print(words[0], flush=True)
"""


def run_and_kill(script, args, rng, longest):
    """Start `script`, kill -9 it at a random moment after it is ready; its printed lines."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    first = proc.stdout.readline()
    if first.strip() != "ready":
        proc.kill()
        raise AssertionError(f"helper did not start: {proc.stderr.read()[-2000:]}")
    time.sleep(rng.uniform(0.0, longest))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    return [line for line in out.splitlines() if line.strip()]


@pytest.mark.slow
def test_kill_during_writes_loses_no_acknowledged_commit(vault_path):
    Vault.create(vault_path, PASSPHRASE).close()
    rng = random.Random(7)
    acknowledged = set()
    for _ in range(20):
        acknowledged |= {int(x) for x in run_and_kill(WRITER, [vault_path, PASSPHRASE],
                                                      rng, 0.4)}
        with Vault.open(vault_path, PASSPHRASE) as vault:  # check=True: quick_check
            assert vault.quick_check() is None
            present = {c.id for c in Client.select()}
            assert acknowledged <= present
            counts = {cid: Session.select().where(Session.client == cid).count()
                      for cid in present}
            assert set(counts.values()) <= {SESSIONS_PER_CLIENT}  # never half a commit
    assert len(acknowledged) > 20  # the writer got real work done between kills


@pytest.mark.slow
def test_kill_during_import_is_all_or_nothing(vault, tmp_path):
    for name in ("Ana", "Bruno"):
        cid = clients.create_client(name, "Source")
        for day in range(1, 4):
            sessions.add_session(cid, f"2026-01-0{day}", summary="imported " * 50)
    doc = tmp_path / "two.json"
    doc.write_text(exchange.to_json(exchange.export_vault()), encoding="utf-8")
    path = vault.path
    vault.close()
    rng = random.Random(11)
    imports_acknowledged = 0
    for _ in range(10):
        imports_acknowledged += len(run_and_kill(IMPORTER, [path, PASSPHRASE, doc], rng, 0.5))
        with Vault.open(path, PASSPHRASE) as reopened:
            assert reopened.quick_check() is None
            copies = Client.select().count() - 2
            assert copies % 2 == 0  # both clients of a document, or neither
            assert copies >= 2 * imports_acknowledged
            assert copies <= 2 * (imports_acknowledged + 10)
            for client in Client.select():
                assert client.sessions.count() == 3
            imports_acknowledged = copies // 2
    assert imports_acknowledged > 0


@pytest.mark.slow
def test_kill_during_passphrase_change_leaves_exactly_one_working(vault, client_id):
    path = vault.path
    vault.close()
    words = {"A": PASSPHRASE, "B": "the second passphrase"}
    rng = random.Random(5)
    current, seen = "A", set()
    for _ in range(10):
        other = "B" if current == "A" else "A"
        run_and_kill(REKEYER, [path, words[current], words[other]], rng, 1.5)
        opens = []
        for name, word in words.items():
            try:
                safety.check_vault_file(path, word, what="vault")
                opens.append(name)
            except WrongPassphrase:
                pass
        assert len(opens) == 1, opens
        current = opens[0]
        seen.add(current)
        with Vault.open(path, words[current]) as reopened:
            assert [c.first_name for c in Client.select()] == ["Ana"]
            assert reopened.full_check() == []
    assert seen == {"A", "B"}  # changes really completed between the kills


def test_disk_full_during_a_write_names_the_cause_and_loses_nothing(vault, client_id):
    sid = sessions.add_session(client_id, "2026-01-05", summary="saved before the disk filled")
    pages = vault.db.execute_sql("PRAGMA page_count").fetchone()[0]
    # SQLite's own limit gives the very error a full disk gives ("database or disk is full").
    vault.db.execute_sql(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull) as info:
        clients.create_client("Bruno", "Costa", notes="a long note " * 20000)
    assert "disk is full" in info.value.message and "Nothing already saved was lost" in \
        info.value.message
    with pytest.raises(DiskFull):
        sessions.update_session(sid, {"summary": "x" * 300000})
    path = vault.path
    vault.close()
    with Vault.open(path, PASSPHRASE) as reopened:
        assert reopened.quick_check() is None
        assert [c.first_name for c in Client.select()] == ["Ana"]
        assert sessions.session_dict(sid)["summary"] == "saved before the disk filled"
        clients.create_client("Bruno", "Costa")  # with space again, work goes on
