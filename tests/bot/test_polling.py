"""Answer first, then poll again (``bot.inbox.fetcher``).

When a citizen is in a conversation, the next getUpdates goes only after the
replies to the last batch are on their way. A poll sent before them waits at
the server when they arrive, takes the first answer alone and leaves every
other answer a whole round trip for the poll after it.
"""

from __future__ import annotations

import dataclasses

from bot.localapi.state import StoredMessage
from tests.bot.conftest import Harness


async def test_each_reply_reaches_telegram_before_the_next_poll(harness: Harness) -> None:
    h = harness
    await h.stop()
    # Generous bounds, so that only the order is tested, not the speed of a loaded machine.
    h.options = dataclasses.replace(h.options, answer_hold=10.0, poll_linger=0.05)
    await h.start()
    anna = h.phone()
    poll_waiting_when_answered: list[bool] = []

    def on_message(event: str, message: StoredMessage) -> None:
        if event == "sent" and message.chat_id == anna.user.id:
            poll_waiting_when_answered.append(h.api.long_poll_waiting)

    unsubscribe = h.api.on_bot_message(on_message)
    try:
        for text in ("/start", "Cyklar stjäls vid stationen", "Någon klottrar på skolan varje natt"):
            await anna.send(text)
    finally:
        unsubscribe()
    assert poll_waiting_when_answered == [False, False, False]
