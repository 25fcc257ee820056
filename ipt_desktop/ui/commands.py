"""Undo commands: each one calls a service and tells the document what changed."""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

_merge_ids: dict[tuple, int] = {}


def merge_id(key: tuple) -> int:
    """A stable small int per merge key (QUndoCommand.id must be an int)."""
    return _merge_ids.setdefault(key, len(_merge_ids) + 1)


class ServiceCommand(QUndoCommand):
    """A change already applied by `redo_fn`; undo calls `undo_fn`, redo calls `redo_fn` again.

    The first redo is skipped because the document runs the service before pushing,
    so a refused change raises to the caller and never enters the stack.
    """

    def __init__(self, text: str, redo_fn: Callable, undo_fn: Callable,
                 notify: Callable[[], None], merge_key: tuple | None = None):
        super().__init__(text)
        self.redo_fn, self.undo_fn, self.notify = redo_fn, undo_fn, notify
        self.merge_key = merge_key
        self._applied = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        return merge_id(self.merge_key) if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ServiceCommand) or other.merge_key != self.merge_key:
            return False
        # Keep our undo (the value before the first keystroke) and take the newest redo.
        self.redo_fn = other.redo_fn
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.redo_fn()
        self.notify()

    def undo(self) -> None:
        self.undo_fn()
        self.notify()
