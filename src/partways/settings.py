"""The user's preferences between sessions: theme, language, last export folder.

A small JSON file in the user config folder (platformdirs). Preferences are never worth an
error: a missing, unreadable or hand-broken file reads as no preference, and a failed write
is ignored; the case files, which matter, are handled elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: The keys kept, and the type each must have (anything else in the file is dropped).
KEYS: dict[str, type] = {"theme": str, "lang": str, "export_dir": str}
MAX_BYTES = 64 * 1024


def settings_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("partways", appauthor=False) / "settings.json"


def load_settings() -> dict[str, Any]:
    """The saved preferences; {} when there are none or the file cannot be read as them."""
    path = settings_path()
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return {}
        import json  # here: until a preference is saved, a start loads no json

        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in KEYS and isinstance(v, KEYS[k]) and v}


def save_setting(key: str, value: str) -> None:
    """Remember one preference (the others are kept); silently a no-op if it cannot be written."""
    import json

    from partways.files import write_atomic

    data = load_settings()
    if data.get(key) == value:
        return
    data[key] = value
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, indent=2, sort_keys=True) + "\n", mode=0o600)
    except Exception:  # noqa: BLE001 - a preference is never worth an error
        return


def export_folder() -> Path:
    """Where exports go by default: the last folder used, else the user's documents folder."""
    saved = load_settings().get("export_dir")
    if saved and Path(saved).is_dir():
        return Path(saved)
    from platformdirs import user_documents_path

    return user_documents_path()
