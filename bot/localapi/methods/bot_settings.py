"""getMe and the bot's profile: command menus, menu button, name and descriptions."""

from __future__ import annotations

import re
from typing import Any

from ..errors import bad_request
from ..params import Params
from ..state import BotApiState
from ._registry import bot_method

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE = re.compile(r"[a-z]{2}")
_SCOPES_WITHOUT_CHAT = frozenset({"default", "all_private_chats", "all_group_chats", "all_chat_administrators"})
_MENU_BUTTON_TYPES = frozenset({"commands", "web_app", "default"})


@bot_method("getMe")
def get_me(state: BotApiState, params: Params) -> dict[str, Any]:
    return state.bot_user


def scope_key(state: BotApiState, scope: Any) -> str:
    """A readable key for a BotCommandScope: "default", "chat:42", "chat_member:42:7"."""
    if scope is None:
        return "default"
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise bad_request("can't parse BotCommandScope JSON object")
    kind = scope["type"]
    if kind in _SCOPES_WITHOUT_CHAT:
        return kind
    if kind in ("chat", "chat_administrators", "chat_member"):
        chat_ref = scope.get("chat_id")
        chat = state.find_chat(chat_ref) if isinstance(chat_ref, (int, str)) else None
        if chat is None:
            raise bad_request("chat not found")
        if kind != "chat_member":
            return f"{kind}:{chat.id}"
        user_id = scope.get("user_id")
        if not isinstance(user_id, int):
            raise bad_request("user not found")
        return f"chat_member:{chat.id}:{user_id}"
    raise bad_request("unsupported bot command scope type")


def _language(params: Params) -> str:
    language = params.get_str("language_code") or ""
    if language and not _LANGUAGE.fullmatch(language):
        raise bad_request("invalid language code specified")
    return language


@bot_method("setMyCommands")
def set_my_commands(state: BotApiState, params: Params) -> bool:
    commands = params.get_json("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON array")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    cleaned: list[dict[str, str]] = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND.fullmatch(command.removeprefix("/")):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("command description must be 1-256 characters")
        cleaned.append({"command": command.removeprefix("/"), "description": description})
    key = (scope_key(state, params.get_json("scope")), _language(params))
    if cleaned:
        state.commands[key] = cleaned
    else:
        state.commands.pop(key, None)
    state.changed()
    return True


@bot_method("getMyCommands")
def get_my_commands(state: BotApiState, params: Params) -> list[dict[str, str]]:
    """Exactly the list set for this scope and language; Telegram does not fall back here."""
    return state.commands.get((scope_key(state, params.get_json("scope")), _language(params)), [])


@bot_method("deleteMyCommands")
def delete_my_commands(state: BotApiState, params: Params) -> bool:
    state.commands.pop((scope_key(state, params.get_json("scope")), _language(params)), None)
    state.changed()
    return True


@bot_method("setChatMenuButton")
def set_chat_menu_button(state: BotApiState, params: Params) -> bool:
    button = params.get_json("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in _MENU_BUTTON_TYPES:
        raise bad_request("can't parse MenuButton JSON object")
    chat_ref = params.chat_id(required=False)
    if chat_ref is None:
        state.default_menu_button = button if button["type"] != "default" else {"type": "commands"}
        return True
    chat = state.find_chat(chat_ref)
    if chat is None or chat.type != "private":
        raise bad_request("chat not found")
    chat.menu_button = None if button["type"] == "default" else button
    return True


@bot_method("getChatMenuButton")
def get_chat_menu_button(state: BotApiState, params: Params) -> dict[str, Any]:
    chat_ref = params.chat_id(required=False)
    if chat_ref is None:
        return state.default_menu_button
    chat = state.find_chat(chat_ref)
    if chat is None:
        raise bad_request("chat not found")
    return chat.menu_button or state.default_menu_button


def _register_profile_text(kind: str, limit: int) -> None:
    """setMy<Kind>/getMy<Kind> for name, description and short description, per language."""
    field = {"Name": "name", "Description": "description", "ShortDescription": "short_description"}[kind]

    def setter(state: BotApiState, params: Params) -> bool:
        value = params.get_str(field) or ""
        if len(value) > limit:
            raise bad_request(f"{field.replace('_', ' ')} is too long")
        state.profile_texts[(field, _language(params))] = value
        return True

    def getter(state: BotApiState, params: Params) -> dict[str, str]:
        value = state.profile_texts.get((field, _language(params)))
        if value is None and field == "name":
            value = state.bot_user["first_name"]
        return {field: value or ""}

    bot_method(f"setMy{kind}")(setter)
    bot_method(f"getMy{kind}")(getter)


_register_profile_text("Name", 64)
_register_profile_text("Description", 512)
_register_profile_text("ShortDescription", 120)
