"""The citizen's input, independent of how Telegram delivered it."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message

from bot.texts import clean


@dataclass(frozen=True)
class Photo:
    file_id: str
    file_unique_id: str
    size: int | None

    def to_data(self) -> dict[str, object]:
        return {"file_id": self.file_id, "file_unique_id": self.file_unique_id, "size": self.size}

    @classmethod
    def from_data(cls, data: dict[str, object] | None) -> Photo | None:
        if not data:
            return None
        size = data.get("size")
        return cls(str(data["file_id"]), str(data["file_unique_id"]), size if isinstance(size, int) else None)


@dataclass(frozen=True)
class Input:
    text: str | None = None
    message_id: int | None = None
    location: tuple[float, float] | None = None
    photo: Photo | None = None
    button: str | None = None  # a flow answer's value, already checked against the current step

    @classmethod
    def from_message(cls, message: Message) -> Input:
        raw = message.text if message.text is not None else message.caption
        text = clean(raw).strip() if raw else None
        location = (message.location.latitude, message.location.longitude) if message.location else None
        photo = None
        if message.photo:
            largest = message.photo[-1]
            photo = Photo(largest.file_id, largest.file_unique_id, largest.file_size)
        return cls(text=text or None, message_id=message.message_id, location=location, photo=photo)
