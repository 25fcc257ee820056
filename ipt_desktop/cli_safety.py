"""Subcommands that keep a vault safe: backup, restore, passwd, erase, export-client, audit."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .cli import NEW_PASSPHRASE_ENV, UsageError, add_vault_argument, open_vault, \
    read_passphrase

BACKUP_PASSPHRASE_ENV = "IPT_DESKTOP_BACKUP_PASSPHRASE"


def register(sub) -> None:
    p = sub.add_parser("backup", help="write an encrypted, verified copy of the vault")
    add_vault_argument(p)
    p.add_argument("dest", metavar="DEST",
                   help="a file (.iptvault) or a folder to write the backup into")
    p.add_argument("--backup-passphrase-file", metavar="FILE",
                   help="give the backup its own passphrase, read from FILE (or set "
                        f"{BACKUP_PASSPHRASE_ENV})")
    p.add_argument("--keep", type=int, metavar="K",
                   help="when DEST is a folder, keep only the newest K backups there")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace a vault by a backup (the backup is checked "
                                       "first; the old vault is kept beside it)")
    p.add_argument("backup", metavar="BACKUP", help="the backup file to restore")
    add_vault_argument(p)
    p.add_argument("--backup-passphrase-file", metavar="FILE",
                   help="the backup has its own passphrase: read it from FILE (or set "
                        f"{BACKUP_PASSPHRASE_ENV})")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("passwd", help="change the vault's passphrase (the new one asked "
                                      f"twice, or {NEW_PASSPHRASE_ENV})")
    add_vault_argument(p)
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("erase", help="erase one client and every record about them, for good")
    add_vault_argument(p)
    p.add_argument("--client", type=int, required=True, metavar="ID", help="the client's id")
    p.add_argument("--confirm-name", required=True, metavar="NAME",
                   help="the client's first and last name, typed as confirmation")
    p.set_defaults(func=cmd_erase)

    p = sub.add_parser("export-client", help="export one client's records (JSON, and their "
                                             "documents where available) to a folder or zip")
    add_vault_argument(p)
    p.add_argument("--client", type=int, required=True, metavar="ID", help="the client's id")
    p.add_argument("-o", "--output", required=True, metavar="DIR_OR_ZIP",
                   help="a folder, or a file ending in .zip")
    p.set_defaults(func=cmd_export_client)

    p = sub.add_parser("audit", help="list the security events recorded in the vault")
    add_vault_argument(p)
    p.set_defaults(func=cmd_audit)


def _backup_passphrase(args) -> str | None:
    if BACKUP_PASSPHRASE_ENV in os.environ:
        return os.environ[BACKUP_PASSPHRASE_ENV]
    if args.backup_passphrase_file:
        try:
            return Path(args.backup_passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(f"Cannot read the backup passphrase file "
                             f"{args.backup_passphrase_file}: {exc.strerror}.") from None
    return None


def cmd_backup(args) -> int:
    from .services.backup import make_backup
    own = _backup_passphrase(args)
    if args.keep is not None and args.keep < 1:
        raise UsageError("--keep must be at least 1.")
    with open_vault(args) as vault:
        target = make_backup(vault, args.dest, passphrase=own, keep=args.keep)
    print(f"Backed up to {target} (encrypted, checked"
          f"{', with its own passphrase' if own else ''}).")
    return 0


def cmd_restore(args) -> int:
    from .services.safety import restore
    passphrase = read_passphrase(args)
    kept = restore(Path(args.backup), Path(args.vault), passphrase,
                   backup_passphrase=_backup_passphrase(args))
    print(f"Restored {args.vault} from {args.backup} (checked before replacing).")
    if kept:
        print(f"The vault it replaced is kept as {kept}.")
    return 0


def cmd_passwd(args) -> int:
    from .services.safety import change_passphrase
    old = read_passphrase(args, prompt="Current passphrase: ")
    new = read_passphrase(args, prompt="New passphrase: ", confirm=True,
                          env=NEW_PASSPHRASE_ENV)
    change_passphrase(Path(args.vault), old, new)
    print("The passphrase was changed. Backups made earlier keep the passphrase they were "
          "made with.")
    return 0


def cmd_erase(args) -> int:
    from .services.safety import erase_client
    with open_vault(args):
        erase_client(args.client, args.confirm_name)
    print(f"Client {args.client} and every record about them were erased from the vault. "
          "Backups made earlier still hold them.")
    return 0


def cmd_export_client(args) -> int:
    from .services.safety import export_client
    with open_vault(args):
        target = export_client(args.client, Path(args.output))
    print(f"Exported client {args.client} to {target}. This copy is NOT encrypted: keep it "
          "somewhere safe.")
    return 0


def cmd_audit(args) -> int:
    from .services.safety import audit_events
    with open_vault(args):
        events = audit_events()
    if not events:
        print("No security events recorded.")
    for event in events:
        detail = f" - {event['detail']}" if event["detail"] else ""
        print(f"{event['at']:%Y-%m-%d %H:%M:%S}  {event['label']}{detail}")
    sys.stdout.flush()
    return 0
