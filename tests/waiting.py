"""Waiting in a test for what a real peer, thread or event loop brings about: polled, with a deadline,
and a failure that says what never happened."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
POLL_S = 0.02


def wait_until(predicate: Callable[[], T], timeout: float = 5.0, what: str = "the condition") -> T:
    """The predicate's first truthy value, asked every POLL_S until `timeout` seconds of wall time pass."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(POLL_S)
    return value


async def until(predicate: Callable[[], T], timeout: float = 5.0, what: str = "the condition") -> T:
    """`wait_until` for a test running on an event loop: the loop goes on between the questions."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        await asyncio.sleep(POLL_S)
    return value


def wait_snapshot(engine, predicate: Callable[[object], object], timeout: float = 5.0, what: str = "the change"):
    """The engine's first fleet snapshot for which `predicate` holds; a KeyError (the vehicle not heard yet)
    counts as not yet."""
    def ready():
        snapshot = engine.snapshot()
        try:
            return snapshot if predicate(snapshot) else None
        except KeyError:
            return None
    return wait_until(ready, timeout, what)
