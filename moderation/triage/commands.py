"""The command palette (Ctrl+P): every key of the triage panel, searchable by its description."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from moderation.triage import keys


class TriageCommands(Provider):
    """Offers the panel's actions that apply right now (same rules as the keys)."""

    def _panel(self):  # noqa: ANN202 - TriagePanel | None
        from moderation.triage.panel import TriagePanel

        panels = self.app.query(TriagePanel)
        return panels.first() if panels else None

    def _commands(self) -> list[tuple[str, str, str]]:
        panel = self._panel()
        if panel is None:
            return []
        found = []
        for key in keys.PANEL_KEYS:
            name, _, args = key.action.partition("(")
            parameters = (args.rstrip(")").strip("'"),) if args else ()
            if panel.check_action(name, parameters) is False:
                continue
            found.append((keys.describe(key, panel.strings), key.action, key.display or key.keys))
        return found

    async def discover(self) -> Hits:
        panel = self._panel()
        for description, action, key in self._commands():
            yield DiscoveryHit(description, partial(panel.run_action, action), help=key)

    async def search(self, query: str) -> Hits:
        panel = self._panel()
        matcher = self.matcher(query)
        for description, action, key in self._commands():
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, matcher.highlight(description), partial(panel.run_action, action),
                          text=description, help=key)
