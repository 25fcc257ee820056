"""Subcommands that print documents: handout, report."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .cli import UsageError, add_vault_argument, open_vault
from .reports import KINDS

PDF_PASSWORD_ENV = "IPT_DESKTOP_PDF_PASSWORD"
HANDOUTS = [k for k, v in KINDS.items() if v.handout]
REPORTS = [k for k, v in KINDS.items() if not v.handout]


def _common(p, kinds: list[str], vault_required: bool) -> None:
    p.add_argument("kind", metavar="KIND", nargs="?", help=f"one of: {', '.join(kinds)}")
    p.add_argument("--list", action="store_true", help="name the kinds and stop")
    p.add_argument("--vault", metavar="PATH", required=False,
                   help="the vault file (.iptvault)" + ("" if vault_required else
                                                        "; without it, the general version"))
    p.add_argument("--client", metavar="ID", type=int, help="the client's id in the vault")
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--password", action="store_true",
                   help=f"protect the PDF with a password (AES-256), read from "
                        f"{PDF_PASSWORD_ENV} or asked for")
    add_vault_argument(p, positional=False)


def register(sub) -> None:
    p = sub.add_parser("handout", help="print a handout or worksheet as PDF")
    _common(p, HANDOUTS, vault_required=False)
    p.set_defaults(func=cmd_handout, kinds=HANDOUTS)
    p = sub.add_parser("report", help="print the end-of-treatment report as PDF")
    _common(p, REPORTS, vault_required=True)
    p.set_defaults(func=cmd_report, kinds=REPORTS)


def _list(kinds: list[str]) -> int:
    for name in kinds:
        kind = KINDS[name]
        need = "needs --vault and --client" if kind.needs_client else \
            "general, or for a client with --vault and --client"
        print(f"{name:24} {kind.title} ({need})")
    return 0


def _pdf_password(args) -> str | None:
    if not args.password:
        return None
    if os.environ.get(PDF_PASSWORD_ENV):
        return os.environ[PDF_PASSWORD_ENV]
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"No PDF password: set {PDF_PASSWORD_ENV} when there is no terminal "
                         "to type it.")
    import getpass
    first = getpass.getpass("PDF password: ")
    if first != getpass.getpass("Repeat the PDF password: "):
        raise UsageError("The two PDF passwords differ; no file was written.")
    if not first:
        raise UsageError("The PDF password is empty; no file was written.")
    return first


def _make(args) -> int:
    if args.list:
        return _list(args.kinds)
    if not args.kind:
        raise UsageError(f"Name the document: one of {', '.join(args.kinds)} (or --list).")
    if args.kind not in args.kinds:
        other = "report" if args.kind in REPORTS else "handout"
        hint = f" ('{args.kind}' is made with 'ipt-desktop {other}')" if args.kind in KINDS \
            else ""
        raise UsageError(f"Unknown document '{args.kind}'{hint}; choose one of: "
                         f"{', '.join(args.kinds)}.")
    if not args.output:
        raise UsageError("Say where to write the PDF with -o FILE.pdf.")
    kind = KINDS[args.kind]
    if args.client is not None and not args.vault:
        raise UsageError("--client needs --vault PATH (the vault that holds the client).")
    if args.vault and args.client is None:
        raise UsageError("Which client? Add --client ID (the id shown in the client list).")
    if kind.needs_client and args.client is None:
        raise UsageError(f"The {kind.title} is made for a client: add --vault PATH "
                         "--client ID.")
    output = Path(args.output)
    if not output.parent.exists():
        raise UsageError(f"The folder {output.parent} does not exist; no file was written.")
    password = _pdf_password(args)
    from .services import documents
    if args.vault:
        with open_vault(args):
            pdf, _ = documents.make_and_log(args.kind, args.client, password=password,
                                            options={"via": "command line"})
            documents.save_pdf(pdf, output)
    else:
        # Without a vault there is no practice letterhead and nothing to log.
        from .reports import build
        from .reports.data import ReportData
        pdf = build(args.kind, ReportData(), password=password)
        documents.save_pdf(pdf, output)
    print(f"Wrote the {kind.title} to {output}"
          + (" (password protected)." if password else "."))
    return 0


def cmd_handout(args) -> int:
    return _make(args)


def cmd_report(args) -> int:
    return _make(args)
