"""One way for a part of the window to ask the engine for something without waiting for the answer.

The engine answers with a `concurrent.futures.Future` that completes on the engine thread. `send`
makes the request, says it is under way, and when the answer comes turns it into the part's own
outcome record and emits that through one of the part's Qt signals, which queues it to the GUI
thread where the part lives. The part is held by a weak reference only: a request still in flight
neither keeps a closed part alive nor touches it once Qt has deleted it.

    return pending.send(self, "transferFinished", lambda: self.engine.download_mission(sid),
                        lambda result, error: TransferOutcome("download", sid, result, error),
                        refused=lambda why: self._say(f"not sent: {why}", ok=False),
                        under_way=lambda: self._say("downloading…", ok=True))
"""

from __future__ import annotations

import concurrent.futures
import weakref
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject

Outcome = Callable[[object, str], object]
"""(the engine's result or None, the reason it failed or "") -> the record the signal carries."""


def reason(error: Exception) -> str:
    """Why a request failed, as the pilot reads it: the error's text, else its kind (e.g. TimeoutError)."""
    return str(error) or type(error).__name__


def send(owner: QObject, signal: str, request: Callable[[], concurrent.futures.Future], outcome: Outcome, *,
         refused: Callable[[str], None], under_way: Callable[[], None] = lambda: None,
         why: Callable[[Exception], str] = reason) -> bool:
    """Make `request` to the engine for `owner`; its outcome arrives later through `owner.<signal>`.

    When the engine is not running the request is refused at once: `refused` gets the engine's reason
    and nothing is emitted. Otherwise `under_way` is called and True returned. `outcome` and `why` run
    on the engine thread, so they must only build the record, never touch widgets.
    """
    try:
        future = request()
    except RuntimeError as e:  # the engine is not running
        refused(str(e))
        return False
    # Said before the callback is added: an answer that is already there is handed over at once, on this
    # thread, and its message must not be overwritten by "under way".
    under_way()
    future.add_done_callback(partial(_hand_over, weakref.ref(owner), signal, outcome, why))
    return True


def _hand_over(owner_ref: weakref.ref[QObject], signal: str, outcome: Outcome, why: Callable[[Exception], str],
               future: concurrent.futures.Future) -> None:
    """Runs where the future completes (the engine thread): the outcome crosses to the owner's thread."""
    try:
        result, error = future.result(), ""
    except Exception as e:  # noqa: BLE001 - a refusal, a timeout, engine shutdown: all told to the pilot
        result, error = None, why(e)
    owner = owner_ref()
    if owner is None:
        return
    try:
        getattr(owner, signal).emit(outcome(result, error))
    except RuntimeError:
        pass  # the part was closed (its Qt object deleted) while the request was in flight
