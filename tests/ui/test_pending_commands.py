"""Asking the engine from the window (groundstation.ui.pending): said to be under way at once, the answer
arrives later on the GUI thread through the asker's signal, a failure carries the reason the pilot reads,
an engine that is not running refuses at once, and an answer for a closed part is dropped quietly."""

from __future__ import annotations

import concurrent.futures
import gc
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.ui import pending


@dataclass(frozen=True)
class Answer:
    result: object
    error: str


class Asker(QObject):
    """A part of the window, as far as asking the engine goes."""

    answered = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []
        self.answers: list[tuple[Answer, bool]] = []  # with whether it arrived on the GUI thread
        self.answered.connect(self._arrived)

    def ask(self, request) -> bool:
        return pending.send(self, "answered", request,
                            lambda result, error: Answer(result, error),
                            refused=lambda why: self.said.append(f"not sent: {why}"),
                            under_way=lambda: self.said.append("under way"))

    def _arrived(self, answer: Answer) -> None:
        self.said.append("answered")
        self.answers.append((answer, threading.current_thread() is threading.main_thread()))


@pytest.fixture
def engine(tmp_path: Path):
    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as running:
        yield running


def test_answer_arrives_on_the_gui_thread_after_under_way(qtbot, engine):
    asker = Asker()
    assert asker.ask(lambda: engine.mark_here(49.47, 6.37, "person", "by the shed"))
    assert asker.said == ["under way"]
    qtbot.waitUntil(lambda: len(asker.answers) == 1, timeout=5000)
    (answer, on_gui_thread), = asker.answers
    assert answer.error == "" and answer.result.note == "by the shed"
    assert on_gui_thread
    assert asker.said == ["under way", "answered"]


def test_refusal_carries_the_reason(qtbot, engine):
    asker = Asker()
    assert asker.ask(lambda: engine.arm(42))
    qtbot.waitUntil(lambda: len(asker.answers) == 1, timeout=5000)
    (answer, _), = asker.answers
    assert answer.result is None and "no vehicle with system id 42" in answer.error


def test_engine_not_running_refuses_at_once(qtbot, tmp_path):
    stopped = Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False)
    asker = Asker()
    assert not asker.ask(lambda: stopped.arm(1))
    assert asker.said == ["not sent: engine not started"]
    qtbot.wait(50)
    assert not asker.answers  # nothing comes later either


def test_answer_already_there_is_not_overwritten_by_under_way(qtbot):
    asker = Asker()
    done: concurrent.futures.Future = concurrent.futures.Future()
    done.set_exception(TimeoutError())
    assert asker.ask(lambda: done)
    assert asker.said == ["under way", "answered"]  # the answer is the last word
    assert asker.answers[0][0].error == "TimeoutError"  # no message: its kind is the reason


def test_answer_for_a_closed_part_is_dropped(qtbot, caplog):
    caplog.set_level(logging.ERROR)
    deleted_by_qt, collected = Asker(), Asker()
    futures = [concurrent.futures.Future(), concurrent.futures.Future()]
    assert deleted_by_qt.ask(lambda: futures[0]) and collected.ask(lambda: futures[1])
    shiboken6.delete(deleted_by_qt)  # the widget closed: its Qt object is gone, the Python one not yet
    del collected
    gc.collect()
    for future in futures:
        threading.Thread(target=future.set_result, args=("late",)).start()
    concurrent.futures.wait(futures)
    qtbot.wait(50)
    # A callback that raised would be logged by concurrent.futures ("exception calling callback").
    assert not [r for r in caplog.records if "callback" in r.getMessage()]
