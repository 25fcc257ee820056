"""An installed app finds its bundled files: the wheel carries resources/ inside the package."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ipt_desktop import resource_files
from ipt_desktop.reports import fonts
from ipt_desktop.services import measure_items

ROOT = Path(__file__).resolve().parent.parent


def test_every_bundled_file_the_code_names_is_found():
    for filename in fonts.FONT_FILES.values():
        assert (fonts.FONT_DIR / filename).is_file(), filename
    assert (measure_items.measures_dir() / "phq9.json").is_file()
    assert (resource_files.resource("icons", "lock.svg")).is_file()
    assert (resource_files.resource("icons", "LICENSE")).is_file()


@pytest.mark.slow
def test_the_wheel_holds_every_resource_inside_the_package(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel, = tmp_path.glob("ipt_desktop-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"ipt_desktop/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
                for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert expected and expected <= names, sorted(expected - names)[:5]
    assert "ipt_desktop/resource_files.py" in names
