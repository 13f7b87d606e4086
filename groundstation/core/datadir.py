"""The one data directory that holds all station state (settings, logs, findings store)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "groundstation"


@dataclass(frozen=True)
class DataDir:
    root: Path

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> "DataDir":
        """Open (creating if needed) the data directory; the platform's user data folder by default."""
        root = Path(path) if path is not None else Path(platformdirs.user_data_dir(APP_NAME))
        root = root.expanduser().resolve()
        if root.exists() and not root.is_dir():
            raise NotADirectoryError(f"data directory {root} exists and is not a directory")
        root.mkdir(parents=True, exist_ok=True)
        for sub in ("logs",):
            (root / sub).mkdir(exist_ok=True)
        return cls(root)

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"
