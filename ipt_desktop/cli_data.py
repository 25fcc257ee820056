"""Placeholder until its subcommands land (integration removes this line)."""


def register(sub) -> None:
    pass
