#!/usr/bin/env python3
"""Set up and run IPT Desktop from a checkout, with any Python 3 as the launcher.

    python3 dev.py app [ARGS...]   start the app (the demo vault unless --vault is given)
    python3 dev.py test [ARGS...]  run the test suite (pytest ARGS)

It finds a Python >= 3.12 (PATH, the py launcher, pyenv, common install folders),
makes .venv with it, installs the project with its test extra when pyproject.toml
changed, then runs the command inside that environment.
"""
import glob
import hashlib
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(ROOT, ".venv")
MINIMUM = (3, 12)
WINDOWS = os.name == "nt"


def venv_python():
    return os.path.join(VENV, "Scripts" if WINDOWS else "bin",
                        "python.exe" if WINDOWS else "python")


def version_of(cmd):
    try:
        out = subprocess.run(cmd + ["-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    try:
        return tuple(int(x) for x in out.stdout.split()[:2])
    except ValueError:
        return None


def candidates():
    if sys.version_info[:2] >= MINIMUM:
        yield [sys.executable]
    for minor in (14, 13, 12):
        exe = shutil.which(f"python3.{minor}")
        if exe:
            yield [exe]
    if WINDOWS and shutil.which("py"):
        for minor in (14, 13, 12):
            yield ["py", f"-3.{minor}"]
    home = os.path.expanduser("~")
    roots = [os.environ.get("PYENV_ROOT", os.path.join(home, ".pyenv"))]
    patterns = [os.path.join(r, "versions", "3.1[2-9]*", "bin", "python3") for r in roots]
    patterns += ["/usr/local/bin/python3.1[2-9]", "/opt/homebrew/bin/python3.1[2-9]",
                 "/Library/Frameworks/Python.framework/Versions/3.1[2-9]/bin/python3",
                 os.path.join(home, "AppData", "Local", "Programs", "Python",
                              "Python31[2-9]", "python.exe")]
    for pattern in patterns:
        for exe in sorted(glob.glob(pattern), reverse=True):
            yield [exe]
    for name in ("python3", "python"):
        exe = shutil.which(name)
        if exe:
            yield [exe]


def find_python():
    for cmd in candidates():
        version = version_of(cmd)
        if version and version >= MINIMUM:
            return cmd
    sys.exit("IPT Desktop needs Python 3.12 or newer, and none was found. Install it "
             "(python.org, your package manager or pyenv) and run this again.")


def ensure_venv():
    stamp = os.path.join(VENV, ".installed")
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as fh:
        wanted = hashlib.sha256(fh.read()).hexdigest()
    if os.path.exists(venv_python()) and (version_of([venv_python()]) or (0,)) >= MINIMUM:
        if os.path.exists(stamp) and open(stamp).read() == wanted:
            return
    else:
        shutil.rmtree(VENV, ignore_errors=True)
        python = find_python()
        print(f"Creating .venv with {' '.join(python)}", flush=True)
        subprocess.check_call(python + ["-m", "venv", VENV])
    pip = [venv_python(), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.check_call(pip + ["install", "--upgrade", "pip"])
    subprocess.check_call(pip + ["install", "-e", ROOT + "[test]"])
    with open(stamp, "w") as fh:
        fh.write(wanted)


def main(argv):
    if not argv or argv[0] not in ("app", "test"):
        print(__doc__)
        return 2
    ensure_venv()
    command, rest = argv[0], argv[1:]
    if command == "app":
        if not any(a == "--vault" or a.startswith("--vault=") for a in rest) \
                and "--demo" not in rest and not (rest and not rest[0].startswith("-")):
            rest = ["--demo"] + rest
        cmd = [venv_python(), "-m", "ipt_desktop"] + rest
    else:
        cmd = [venv_python(), "-m", "pytest"] + rest
    return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
