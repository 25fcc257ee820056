"""Making documents: build in memory, log what was made (never its content), save safely."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from ..models import Client, DocumentLog
from ..reports import KINDS
from .common import now, transaction
from .errors import ValidationError, translate_storage_error

PDF_PASSWORD_ENV = "IPT_DESKTOP_PDF_PASSWORD"


def make(kind: str, client_id: int | None = None, *, password: str | None = None,
         today: dt.date | None = None) -> bytes:
    """The PDF bytes of `kind` for the client (generic without one); nothing is written."""
    from ..reports import build
    from .report_data import report_data
    if password is not None and not password:
        raise ValidationError("password", "The PDF password is empty; type one, or save "
                                          "without a password.")
    data = report_data(kind, client_id, today)
    try:
        return build(kind, data, password=password or None)
    except ValueError as exc:
        raise ValidationError("kind", str(exc)) from None


def log_document(client_id: int | None, kind: str, options: dict | None = None) -> int:
    """Record that a document was made: kind, date and options (never the content)."""
    if kind not in KINDS:
        raise ValidationError("kind", f"There is no document called '{kind}'.")
    options = {k: v for k, v in (options or {}).items() if k != "password"}
    with transaction():
        if client_id is not None and not Client.select().where(Client.id == client_id).exists():
            raise ValidationError("client", f"There is no client with id {client_id}.")
        row = DocumentLog.create(client=client_id, kind=kind, created_at=now(), options=options)
    return row.id


def documents(client_id: int | None) -> list[dict]:
    """The documents made for a client (or generic ones for None), newest first."""
    where = DocumentLog.client.is_null() if client_id is None else \
        DocumentLog.client == client_id
    rows = list(DocumentLog.select().where(where)
                .order_by(DocumentLog.created_at.desc(), DocumentLog.id.desc()).dicts())
    for row in rows:
        kind = KINDS.get(row["kind"])
        row["title"] = kind.title if kind else row["kind"]
    return rows


def remove_log(log_id: int) -> None:
    """Take a log entry back (for undo of the entry, not of the printed paper)."""
    with transaction():
        DocumentLog.delete().where(DocumentLog.id == log_id).execute()


def save_pdf(pdf: bytes, path) -> Path:
    """Write `pdf` to `path` atomically (temp file, fsync, rename), readable by the user only."""
    path = Path(path)
    if path.is_dir():
        raise ValidationError("path", f"{path.name} is a folder; choose a file name.")
    if not path.parent.exists():
        raise ValidationError("path", f"The folder {path.parent} does not exist.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pdf)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise translate_storage_error(exc) from exc
    return path


def make_and_log(kind: str, client_id: int | None = None, *, password: str | None = None,
                 options: dict | None = None) -> tuple[bytes, int]:
    """Build a document and log it; returns the bytes and the log id."""
    pdf = make(kind, client_id, password=password)
    opts = dict(options or {})
    if password:
        opts["password_protected"] = True
    return pdf, log_document(client_id, kind, opts)
