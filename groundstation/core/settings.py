"""Station settings: one human-readable JSON file in the data directory.

Unknown keys are kept (a newer station may have written them); a malformed file is refused with
a message naming the file and the problem, never silently replaced.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path


THEMES = ("day", "night")
COORDINATE_FORMATS = ("dd", "dms", "utm", "mgrs")


class SettingsError(ValueError):
    pass


def _default_station_id() -> str:
    # Stable per machine, readable in a partner's log: "gs-<hostname>".
    return "gs-" + "".join(c if c.isalnum() or c == "-" else "-" for c in socket.gethostname().lower())[:40]


def _default_operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "operator"


@dataclass
class Settings:
    station_id: str = field(default_factory=_default_station_id)
    operator: str = field(default_factory=_default_operator)
    language: str = ""  # "", "en", "fr" or "de"; empty follows the system locale
    web_host: str = "127.0.0.1"  # the commander's web view; localhost unless configured
    web_port: int = 0            # 0: no web view
    # The window's field options (the window reads and writes them; the engine ignores them).
    theme: str = "day"           # "day" (high-contrast daylight) or "night" (dark, red-shifted)
    night_brightness: int = 70   # percent, 10..100: how bright the night theme is
    large_controls: bool = False  # touch targets big enough for gloves
    coordinate_format: str = "dd"  # "dd", "dms", "utm" or "mgrs"
    map_source: str = "osm"      # tile source id shown under the map
    map_offline: bool = False    # no map request leaves the station
    mgrs_grid: bool = False      # draw the MGRS/UTMREF grid over the map
    extra: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path) -> "Settings":
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise SettingsError(f"{path}: cannot read settings: {e}") from None
        if not isinstance(data, dict):
            raise SettingsError(f"{path}: settings must be a JSON object")
        known = {f.name: f for f in fields(cls) if f.name != "extra"}
        values, extra = {}, {}
        for key, value in data.items():
            if key not in known:
                extra[key] = value
                continue
            expected = {"int": int, "bool": bool}.get(str(known[key].type), str)
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise SettingsError(f"{path}: {key!r} must be a {expected.__name__}, got {value!r}")
            values[key] = value
        settings = cls(**values, extra=extra)
        if settings.language not in ("", "en", "fr", "de"):
            raise SettingsError(f"{path}: language must be en, fr or de, got {settings.language!r}")
        if settings.theme not in THEMES:
            raise SettingsError(f"{path}: theme must be one of {', '.join(THEMES)}, got {settings.theme!r}")
        if not 10 <= settings.night_brightness <= 100:
            raise SettingsError(f"{path}: night_brightness must be 10..100 (percent), got {settings.night_brightness}")
        if settings.coordinate_format not in COORDINATE_FORMATS:
            raise SettingsError(f"{path}: coordinate_format must be one of {', '.join(COORDINATE_FORMATS)}, "
                                f"got {settings.coordinate_format!r}")
        if not 0 <= settings.web_port <= 65535:
            raise SettingsError(f"{path}: web_port {settings.web_port} out of range")
        return settings

    def save(self, path: Path) -> None:
        data = {k: v for k, v in asdict(self).items() if k != "extra"} | self.extra
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, path)  # never a half-written settings file
