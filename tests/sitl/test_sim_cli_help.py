"""`python -m sitl robot|px4 --help` as a newcomer reads it: what the world is, and every option with its default."""
from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from sitl.__main__ import SUBCOMMANDS


@pytest.mark.parametrize("world", ["robot", "px4"])
def test_every_option_has_help_with_its_default(world):
    parser = argparse.ArgumentParser()
    importlib.import_module(SUBCOMMANDS[world][0]).add_arguments(parser)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"{world} {action.option_strings}: no help"
        if action.default not in (None, False):
            assert "default" in action.help, f"{world} {action.option_strings}: help omits the default"


@pytest.mark.parametrize("world, says", [
    ("robot", ["A simulated ground robot that a station drives", "start latitude (default 49.6116",
               "the name the robot announces (default sim-robot)"]),
    ("px4", ["Start real PX4 SITL (SIH physics, headless)", "how many vehicles, system ids 1..N (default 1)",
             "seconds to wait for every instance's first heartbeat (default 60)"]),
])
def test_help_opens_with_a_description(world, says):
    result = subprocess.run([sys.executable, "-m", "sitl", world, "--help"], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for phrase in says:
        assert phrase in text
