"""groundstation: the field ground station application (engine, sharing, web view, window)."""

__version__ = "0.1.0"
