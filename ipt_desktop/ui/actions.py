"""Actions and menus, made by one small factory with the platform's standard shortcuts."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from .icons import icon


def make_action(parent, text: str, slot=None, shortcut=None, icon_name: str | None = None,
                tip: str = "", name: str = "") -> QAction:
    """A QAction; `shortcut` is a StandardKey, a string, or a list of either.

    A StandardKey with no binding on this platform (Preferences on Linux) falls back
    to the string given after it in the list.
    """
    action = QAction(text, parent)
    if icon_name:
        action.setIcon(icon(icon_name))
    keys: list[QKeySequence] = []
    for key in (shortcut if isinstance(shortcut, list) else [shortcut] if shortcut else []):
        if isinstance(key, QKeySequence.StandardKey):
            keys += QKeySequence.keyBindings(key)
        elif not keys:
            keys.append(QKeySequence(key))
        elif isinstance(key, str) and QKeySequence(key) not in keys:
            keys.append(QKeySequence(key))
    if keys:
        action.setShortcuts(keys)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({keys[0].toString(QKeySequence.NativeText)})" if keys else tip)
    if name:
        action.setObjectName(name)
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    return action


# The toolbar's actions: made with the window. The rest live in menus, which cannot be
# opened while the unlock dialog is up, so they are made a moment after it paints.
TOOLBAR_ACTIONS = ("new_client", "undo", "redo", "lock", "preferences")
MENU_TITLES = ("File", "Edit", "Client", "Session", "Tools", "Help")


def _specs(w) -> dict[str, tuple]:
    """make_action's arguments after the parent, per action name."""
    S = QKeySequence.StandardKey
    return {
        "lock": ("&Lock", w.lock, "Ctrl+L", "lock",
                 "Close the vault and ask for the passphrase", "actionLock"),
        "quit": ("&Quit", w.close, [S.Quit, "Ctrl+Q"], "exit", "Quit IPT Desktop",
                 "actionQuit"),
        "undo": ("&Undo", w.undo, S.Undo, "undo", "Undo the last change", "actionUndo"),
        "redo": ("&Redo", w.redo, [S.Redo, "Ctrl+Shift+Z"], "redo",
                 "Redo the change undone", "actionRedo"),
        "find": ("&Find client", w.focus_search, [S.Find, "Ctrl+F"], "search",
                 "Search the client list", "actionFind"),
        "new_client": ("&New client...", w.new_client, [S.New, "Ctrl+N"], "user-plus",
                       "Add a client", "actionNewClient"),
        "archive": ("&Archive client", w.archive_client, None, "archive",
                    "Hide the client from the active list (nothing is deleted)",
                    "actionArchive"),
        "restore": ("R&estore client", w.restore_client, None, "restore",
                    "Bring an archived client back", "actionRestore"),
        "delete": ("&Delete client...", w.delete_client, None, "trash",
                   "Delete the client and their whole record for good", "actionDelete"),
        "renegotiate": ("&Renegotiate contract...", w.renegotiate, None, "edit",
                        "Record an agreed change of the number of sessions",
                        "actionRenegotiate"),
        "preferences": ("&Preferences...", w.preferences, [S.Preferences, "Ctrl+,"],
                        "settings", "Your profile, printing and locking", "actionPreferences"),
        "shortcuts": ("&Keyboard shortcuts", lambda: show_shortcuts(w), None, "help",
                      "List the keyboard shortcuts", "actionShortcuts"),
        "about": ("&About IPT Desktop", lambda: show_about(w), None, None, "", "actionAbout"),
    }


def build_actions(w, names=None, into: dict | None = None) -> dict[str, QAction]:
    """The window's actions keyed by a short name: `names` only, or all not yet `into`."""
    a = into if into is not None else {}
    for name, spec in _specs(w).items():
        if name not in a and (names is None or name in names):
            a[name] = make_action(w, *spec)
    if names is not None:
        return a
    a["preferences"].setMenuRole(QAction.PreferencesRole)
    a["quit"].setMenuRole(QAction.QuitRole)
    a["about"].setMenuRole(QAction.AboutRole)
    from .record_tabs import TABS  # the record's code is not needed to paint the dialog
    for i, (key, title, *_rest) in enumerate(TABS, 1):
        a[f"tab_{key}"] = make_action(w, title, lambda k=key: w.select_tab(k), f"Ctrl+{i}",
                                      None, f"Show the {title} tab", f"actionTab_{key}")
    return a


def menu_titles(w) -> dict:
    """The menu bar's menus, empty until build_menus fills them."""
    bar = w.menuBar()
    return {name: bar.addMenu(f"&{name}") for name in MENU_TITLES}


def build_menus(w, a: dict[str, QAction], menus: dict | None = None) -> dict:
    """Every action in its menu (the menus made here unless given)."""
    from .record_tabs import TABS
    menus = menus if menus is not None else menu_titles(w)
    menus["File"].addActions([a["lock"]])
    menus["File"].addSeparator()
    menus["File"].addAction(a["quit"])
    menus["Edit"].addActions([a["undo"], a["redo"]])
    menus["Edit"].addSeparator()
    menus["Edit"].addAction(a["find"])
    menus["Client"].addActions([a["new_client"], a["renegotiate"]])
    menus["Client"].addSeparator()
    menus["Client"].addActions([a["archive"], a["restore"], a["delete"]])
    menus["Client"].addSeparator()
    go = menus["Client"].addMenu("&Go to")
    go.addActions([a[f"tab_{key}"] for key, *_rest in TABS])
    menus["Session"].addAction(a["tab_sessions"])
    menus["Tools"].addAction(a["preferences"])
    menus["Help"].addActions([a["shortcuts"], a["about"]])
    return menus


def show_shortcuts(w) -> None:
    """Every action that has a key, in a message box (Help > Keyboard shortcuts)."""
    from PySide6.QtWidgets import QMessageBox
    rows = [(a.text().replace("&", ""), a.shortcut().toString())
            for a in w.named_actions.values() if not a.shortcut().isEmpty()]
    table = "".join(f"<tr><td>{t}</td><td style='padding-left:18px'><b>{k}</b></td></tr>"
                    for t, k in rows)
    QMessageBox.information(w, "Keyboard shortcuts", f"<table>{table}</table>")


def show_about(w) -> None:
    """The version and the promise that records stay on this computer (Help > About)."""
    from PySide6.QtWidgets import QMessageBox

    from .. import __version__
    from .settings import APPLICATION as name
    QMessageBox.about(w, f"About {name}",
                      f"<h3>{name} {__version__}</h3><p>Offline, encrypted records "
                      "for Interpersonal Psychotherapy.</p><p>Your records never leave "
                      "this computer.</p>")
