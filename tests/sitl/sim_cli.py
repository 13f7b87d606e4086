"""`python -m sitl vehicle` started by a test as an operator starts it, and never left running after it."""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def sim_vehicle_cli(*args: str) -> Iterator[subprocess.Popen]:
    """The simulator CLI with `args`, its output readable line by line; killed at the end if still running
    (the test itself stops it the operator's way, with Ctrl-C, when it gets that far)."""
    with subprocess.Popen([sys.executable, "-m", "sitl", "vehicle", *args], stdout=subprocess.PIPE,
                          text=True) as proc:
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()
