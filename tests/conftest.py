"""Test set-up: offscreen Qt, and a temporary vault per test (never the user's data)."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("IPT_DESKTOP_PASSPHRASE", None)
# Windows under test must not talk to the real desktop (logind, screen saver): the
# system bus points nowhere and no session bus is configured. Tests that want a bus
# start a private dbus-daemon and hand it over explicitly.
os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = "unix:path=/nonexistent/ipt-desktop-tests"
os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)

import pytest  # noqa: E402

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """Point every per-user folder (data, config, temp) into the test's own tmp dir."""
    home = tmp_path_factory.mktemp("home")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("IPT_DESKTOP_PASSPHRASE", raising=False)
    monkeypatch.delenv("IPT_DESKTOP_NEW_PASSPHRASE", raising=False)
    yield


@pytest.fixture
def vault_path(tmp_path):
    return tmp_path / "practice.iptvault"


@pytest.fixture
def vault(vault_path):
    """A new, empty, unlocked vault bound to the models."""
    from ipt_desktop.services.vault import Vault
    v = Vault.create(vault_path, PASSPHRASE)
    yield v
    v.close()


@pytest.fixture
def client_id(vault):
    from ipt_desktop.services import clients
    return clients.create_client("Ana", "Lima", status="active")
