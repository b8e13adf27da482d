"""The durable inbox: raw Telegram updates are committed before Telegram is told we have them."""
