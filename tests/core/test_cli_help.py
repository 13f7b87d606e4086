"""`groundstation --help` tells a newcomer what the bare command does, since COMMAND is optional."""
from __future__ import annotations

from groundstation.cli import build_parser
from groundstation.core.engine import DEFAULT_LINK


def test_help_says_what_runs_without_a_command():
    text = " ".join(build_parser().format_help().split())
    assert "Without a COMMAND: the station itself, in a window where there is a display" in text
    assert f"listening on {DEFAULT_LINK} unless --link is given" in text
