"""PySide6 views: thin adapters over the engine's snapshots and commands."""
