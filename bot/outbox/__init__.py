"""The outbox: every message to a citizen is a row first, then a Telegram message."""
