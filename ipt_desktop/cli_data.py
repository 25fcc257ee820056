"""Subcommands that move clients out of and into a vault: export, import."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from .cli import add_vault_argument, open_vault
from .services.errors import ImportFormatError, IptError


def register(sub) -> None:
    p = sub.add_parser("export", help="write every client as JSON (standard output, or -o FILE)",
                       description="Write every client of the vault as one JSON document "
                                   "(see docs/export-format.md). The file is NOT encrypted: "
                                   "keep it as safe as the vault.")
    add_vault_argument(p)
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE (readable by you only) instead of standard output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="add the clients of an export file to a vault",
                       description="Add every client of an export file, with new ids. The "
                                   "whole file is checked first: if any part is wrong, "
                                   "nothing is added.")
    add_vault_argument(p)
    p.add_argument("file", metavar="FILE", help="a file written by 'ipt-desktop export'")
    p.set_defaults(func=cmd_import)


def _clients(n: int) -> str:
    return f"{n} client" if n == 1 else f"{n} clients"


def cmd_export(args) -> int:
    from .services import exchange
    with open_vault(args) as vault:
        data = exchange.export_vault()
        count = len(data["clients"])
        if args.output:
            exchange.save(data, Path(args.output))
            vault.audit("export", f"{_clients(count)} to a file")
        else:
            _write_stdout(exchange.to_json(data))
            vault.audit("export", f"{_clients(count)} to standard output")
    if args.output:
        print(f"Exported {_clients(count)} to {args.output}. The file is not encrypted: "
              "keep it as safe as the vault.", file=sys.stderr)
    return 0


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `head`) stopped early. Point stdout at devnull so Python's own
        # flush at exit does not print a traceback, and say so in one line.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        raise IptError("The output was closed before the export was complete; run the "
                       "export again, or use -o FILE.") from None


def cmd_import(args) -> int:
    from .services import exchange
    name = Path(args.file).name
    try:
        # The file is read and checked before the vault is opened: a bad file asks nothing.
        data = exchange.read_file(args.file)
        exchange.check_document(data)
    except ImportFormatError as exc:
        text = exc.message if name in exc.message else f"{name}: {exc.message}"
        raise IptError(f"{text.rstrip('.')}. Nothing was imported.") from None
    with open_vault(args) as vault:
        added = exchange.import_data(data)
        vault.audit("import", _clients(len(added)))
    print(f"Added {_clients(len(added))} from {name}.")
    return 0
