"""Where the bundled files (icons, fonts, questionnaire wording) are: one answer for all.

In a checkout or an editable install they sit in `resources/` beside the package; a
built wheel carries the same folder inside the package (pyproject.toml force-includes
it as `ipt_desktop/resources`).
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE.parent / "resources", _PACKAGE / "resources")


def _find() -> Path:
    for folder in _CANDIDATES:
        if (folder / "icons").is_dir():
            return folder
    # Named anyway, so a missing file is reported with the path it was looked for at.
    return _CANDIDATES[0]


RESOURCES = _find()


def resource(*parts: str) -> Path:
    """A bundled file or folder, e.g. resource("fonts", "DejaVuSans.ttf")."""
    return RESOURCES.joinpath(*parts)
