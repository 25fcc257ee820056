"""Command line: the GUI launcher and the headless subcommands.

Exit codes: 0 ok, 1 user error (one line on stderr), 2 damaged vault.
Passphrases come from IPT_DESKTOP_PASSPHRASE, --passphrase-file, or the terminal
without echo (the borg/restic convention).
"""
from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
from pathlib import Path

from .services.errors import IptError, PassphraseRefused

PASSPHRASE_ENV = "IPT_DESKTOP_PASSPHRASE"
NEW_PASSPHRASE_ENV = "IPT_DESKTOP_NEW_PASSPHRASE"

# Modules that add subcommands: each has register(subparsers) and sets `func` on its parsers.
COMMAND_MODULES = [
    "ipt_desktop.cli_vault",  # init, check, demo
    "ipt_desktop.cli_data",  # export, import
    "ipt_desktop.cli_documents",  # handout, report
    "ipt_desktop.cli_safety",  # backup, restore, passwd, erase, audit
]


class UsageError(IptError):
    pass


def read_passphrase(args, *, prompt="Passphrase: ", confirm=False, env=PASSPHRASE_ENV) -> str:
    """The passphrase from the environment, a file, or the terminal (asked twice if new)."""
    if env in os.environ:
        return os.environ[env]
    pfile = getattr(args, "passphrase_file", None)
    if pfile and env == PASSPHRASE_ENV:
        try:
            text = Path(pfile).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"Cannot read the passphrase file {pfile}: {exc.strerror}.") \
                from None
        return text.rstrip("\r\n")
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"No passphrase: set {env} or use --passphrase-file when there is "
                         "no terminal to type it.")
    first = getpass.getpass(prompt)
    if confirm:
        second = getpass.getpass("Repeat the passphrase: ")
        if first != second:
            raise PassphraseRefused("The two passphrases differ; nothing was changed. Try "
                                    "again.")
    return first


def open_vault(args, **kwargs):
    from .services.vault import Vault
    return Vault.open(Path(args.vault), read_passphrase(args), **kwargs)


def add_vault_argument(parser, *, positional=True):
    if positional:
        parser.add_argument("vault", metavar="PATH", help="the vault file (.iptvault)")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help=f"read the passphrase from FILE (or set {PASSPHRASE_ENV})")


def _launcher_parser(**kwargs) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ipt-desktop",
        description="Offline, encrypted records for Interpersonal Psychotherapy. "
                    "Without a command, the window opens.", **kwargs)
    parser.add_argument("--vault", metavar="PATH", help="vault to offer at unlock")
    parser.add_argument("--demo", action="store_true",
                        help="open a demo vault of fictional clients (made if missing)")
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _launcher_parser()
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {__import__('ipt_desktop').__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _window_arguments(argv: list[str] | None):
    """The launcher's own options when that is all there is, without building the
    subcommands (importing their modules cost the window's cold start about 40 ms).
    None when anything else is given: the full parser then answers, help and errors
    included."""
    launcher = _launcher_parser(add_help=False, exit_on_error=False)
    try:
        args, rest = launcher.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:
    args = _window_arguments(argv)
    if args is None:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse already printed usage or help
            # A usage error is a user error (1); argparse's own 2 means a damaged vault here.
            return 0 if exc.code in (0, None) else 1
    try:
        if args.command is None:
            from .ui.app import run_gui
            return run_gui(vault=args.vault, demo=args.demo)
        return args.func(args) or 0
    except IptError as exc:
        print(f"ipt-desktop: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("ipt-desktop: interrupted; nothing was changed by the unfinished step.",
              file=sys.stderr)
        return 1
    except OSError as exc:
        from .services.errors import translate_storage_error
        err = translate_storage_error(exc)
        print(f"ipt-desktop: {err.message}", file=sys.stderr)
        return err.exit_code
