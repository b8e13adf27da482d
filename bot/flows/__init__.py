"""What the bot does with a citizen's input: the use cases behind the handlers.

Handlers translate a Telegram update into an ``Input`` and call one function
here; these functions read and write through the turn's session and answer
with ``turn.say``. Multi-step dialogues (tip, synpunkt, grannsamverkan,
follow-ups, /forget) are small state machines whose state is the
``Conversation`` row, so a restart resumes where the citizen was.
"""
