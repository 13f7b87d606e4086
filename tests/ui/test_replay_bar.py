"""Log replay from the window: a .tlog opened as a link shows the replay bar; pause holds the vehicle
where it is, dragging the position goes back in the log, the speed changes how fast it plays."""
from __future__ import annotations

import socket
import time
from pathlib import Path

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.ui.main_window import MainWindow
from groundstation.ui.replay_bar import clock
from waiting import wait_until

NORTH_END = 49.4729  # the last recorded latitude is 49.47297


def record_a_climb(data: Path) -> Path:
    """A vehicle flying north, a position each 0.05 s (3 s of log), recorded by a real station."""
    with Engine(DataDir.open(data), links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        enc = mavlink.MAVLink(None, srcSystem=4, srcComponent=1)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for i in range(61):
                for msg in (mavlink.MAVLink_heartbeat_message(2, 12, 1, 0x03040000, 4, 3),
                            mavlink.MAVLink_global_position_int_message(i * 500, 494700000 + 500 * i, 63700000,
                                                                        230000, 30000, 0, 0, 0, 0)):
                    sock.sendto(msg.pack(enc), ("127.0.0.1", port))
                time.sleep(0.05)
        wait_until(lambda: engine.snapshot().vehicles.get(4), 2, "the recorder to see the vehicle")
        return engine.tlog.path


def test_pause_seek_and_speed_from_the_window(qtbot, tmp_path):
    log = record_a_climb(tmp_path / "recorder")
    with Engine(DataDir.open(tmp_path / "viewer"), links=[f"tlog:{log}:0.5"], record_tlog=False) as engine:
        win = MainWindow(engine)
        qtbot.addWidget(win)
        win.show()
        bar = win.replay
        qtbot.waitUntil(lambda: bar.isVisible() and bar.link is not None, timeout=5000)
        assert bar.name.text() == f"Replay {log.name}" and bar.play.text() == "Pause"
        duration = bar.link.replay.duration_s
        assert 0.5 < duration < 10 and bar.time.text().endswith(f"of {clock(duration)}")
        assert bar.speed.currentData() == 0.5

        # faster: the vehicle reaches the north end of the log
        bar.speed.setCurrentIndex(bar.speed.findData(20.0))
        bar.speed.activated.emit(bar.speed.currentIndex())
        qtbot.waitUntil(lambda: engine.snapshot().vehicles.get(4) is not None
                        and engine.snapshot().vehicles[4].state.lat > NORTH_END, timeout=10_000)
        qtbot.waitUntil(lambda: bar.play.text() == "Play", timeout=5000)  # the log has ended

        # slower, and play again: an ended log starts over
        bar.speed.setCurrentIndex(bar.speed.findData(0.25))
        bar.speed.activated.emit(bar.speed.currentIndex())
        bar.toggle()
        qtbot.waitUntil(lambda: engine.snapshot().vehicles[4].state.lat < 49.4705, timeout=5000)
        qtbot.waitUntil(lambda: bar.play.text() == "Pause", timeout=3000)

        # paused: the vehicle stays where it is
        bar.play.click()
        qtbot.waitUntil(lambda: bar.play.text() == "Play", timeout=3000)
        held = engine.snapshot().vehicles[4].state.lat
        qtbot.wait(600)
        assert engine.snapshot().vehicles[4].state.lat == held

        # drag to the middle of the log and let go, then play from there
        bar.position.setSliderDown(True)
        bar.position.setValue(bar.position.maximum() // 2)
        bar.position.setSliderDown(False)
        qtbot.waitUntil(lambda: abs(bar.link.replay.position_s - duration / 2) < 0.2, timeout=3000)
        bar.play.click()
        qtbot.waitUntil(lambda: 49.4713 < engine.snapshot().vehicles[4].state.lat < 49.4720, timeout=5000)
        assert bar.problem.text() == ""


def test_no_replay_no_bar(qtbot, tmp_path):
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        win = MainWindow(engine)
        qtbot.addWidget(win)
        win.show()
        qtbot.wait(300)
        assert not win.replay.isVisible()
