"""Subcommands that make and check vaults: init, check, demo."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .cli import PASSPHRASE_ENV, add_vault_argument, read_passphrase


def register(sub) -> None:
    p = sub.add_parser("init", help="create a new empty vault (passphrase asked twice)")
    add_vault_argument(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", help="run integrity and cipher checks; name any damage")
    add_vault_argument(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("demo", help="create a vault of fictional clients to try the app "
                                    "(passphrase 'demo' unless one is given)")
    add_vault_argument(p)
    p.set_defaults(func=cmd_demo)


def cmd_init(args) -> int:
    from .services.vault import Vault
    passphrase = read_passphrase(args, prompt="New passphrase: ", confirm=True)
    with Vault.create(Path(args.vault), passphrase):
        pass
    print(f"Created an empty vault at {args.vault}.")
    return 0


def cmd_check(args) -> int:
    from .services.errors import VaultDamaged
    from .services.vault import Vault
    try:
        vault = Vault.open(Path(args.vault), read_passphrase(args), read_only=True,
                           check=False)
    except VaultDamaged as exc:
        print(f"ipt-desktop: {exc.message}", file=sys.stderr)
        return 2
    with vault:
        problems = vault.full_check()
        version = vault.schema_version
    if problems:
        print("The vault is damaged:", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  - {problem}", file=sys.stderr)
        print("Restore it from your newest backup ('ipt-desktop restore').", file=sys.stderr)
        return 2
    print(f"The vault is healthy (schema version {version}; integrity and cipher checks "
          "passed).")
    return 0


def cmd_demo(args) -> int:
    from .services.demo import DEMO_PASSPHRASE, create_demo_vault
    path = Path(args.vault)
    if path.exists():
        from .services.errors import StorageError
        raise StorageError(f"A file named {path.name} already exists. Choose another name; "
                           "an existing file is never overwritten.")
    given = PASSPHRASE_ENV in os.environ or args.passphrase_file
    passphrase = read_passphrase(args) if given else DEMO_PASSPHRASE
    create_demo_vault(path, passphrase)
    told = "the passphrase you gave" if given else f"the passphrase '{DEMO_PASSPHRASE}'"
    print(f"Created a demo vault of fictional clients at {args.vault}; open it with {told}.")
    return 0
