"""Every key of the console in one table: bindings, the help dialog and the command palette use it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from moderation.triage.i18n import Strings
from moderation.triage.saved_views import SAVED_VIEWS


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma-separated
    action: str
    text: str  # i18n key of the description
    group: str  # general / navigation / views / actions / queue / watch
    show: bool = False  # in the footer
    display: str = ""  # how help shows the key

    @property
    def id(self) -> str:
        return self.action.replace("('", "_").rstrip("')")  # view('new') -> view_new


PANEL_KEYS: tuple[Key, ...] = (
    Key("l", "toggle_language", "key.lang", "general", False, "l"),
    Key("w", "show_watch", "key.watch", "general", False, "w"),
    Key("t", "show_stats", "key.stats", "general", False, "t"),
    Key("escape", "back", "key.back", "general", False, "Esc"),
    Key("f5,ctrl+r", "reload", "key.reload", "general", False, "F5"),
    Key("E", "export", "key.export", "general", False, "E"),
    Key("slash", "search", "key.search", "queue", True, "/"),
    Key("f", "filter", "key.filter", "queue", True, "f"),
    Key("c", "claim", "key.claim", "actions", True, "c"),
    Key("a", "assign", "key.assign", "actions", False, "a"),
    Key("s", "status", "key.status", "actions", True, "s"),
    Key("p", "priority", "key.priority", "actions", False, "p"),
    Key("e", "reclassify", "key.reclassify", "actions", False, "e"),
    Key("r", "reply", "key.reply", "actions", True, "r"),
    Key("n", "note", "key.note", "actions", True, "n"),
    Key("m", "merge", "key.merge", "actions", False, "m"),
    Key("d", "redact", "key.redact", "actions", False, "d"),
    Key("b", "block", "key.block", "actions", False, "b"),
    Key("v", "attachments", "key.attachments", "actions", False, "v"),
    Key("O", "original", "key.original", "actions", False, "O"),
    Key("I", "identity", "key.identity", "actions", False, "I"),
    Key("x", "invitations", "key.invitations", "watch", True, "x"),
    Key("question_mark", "help", "key.help", "general", True, "?"),
    *(Key(view.key, f"view('{view.id}')", f"view.{view.id}", "views", False, view.key) for view in SAVED_VIEWS),
)
NAVIGATION_HELP: tuple[tuple[str, str], ...] = (
    ("↑ ↓ / k j", "key.up"), ("PgUp PgDn", "key.page"), ("Home End", "key.ends"), ("Enter", "key.open"),
    ("Ctrl+P", "key.palette"), ("Ctrl+Q", "key.quit"),
)
SUBMISSION_ACTIONS = frozenset(k.action for k in PANEL_KEYS if k.group == "actions")


def describe(key: Key, strings: Strings) -> str:
    if key.group == "views":
        return strings("key.view", view=strings(key.text))
    return strings(key.text)


def bindings() -> list[Binding]:
    """The panel's BINDINGS, described in Swedish (``translate`` switches them)."""
    swedish = Strings("sv")
    return [Binding(k.keys, k.action, describe(k, swedish), show=k.show, key_display=k.display or None, id=k.id)
            for k in PANEL_KEYS]


def translate(node: DOMNode, strings: Strings, texts: dict[str, str]) -> None:
    """Re-describe ``node``'s bindings (by binding id) in the officer's language.

    Textual has no public way to change a binding's description at run
    time; each node owns a copy of its bindings map, so we rebuild that copy.
    """
    by_key: dict[str, list[Binding]] = {}
    for key, key_bindings in node._bindings.key_to_bindings.items():  # noqa: SLF001 - see docstring
        by_key[key] = [replace(b, description=texts.get(b.id or "", b.description)) for b in key_bindings]
    node._bindings = BindingsMap.from_keys(by_key)  # noqa: SLF001
    node.refresh_bindings()


def panel_texts(strings: Strings) -> dict[str, str]:
    return {k.id: describe(k, strings) for k in PANEL_KEYS}
