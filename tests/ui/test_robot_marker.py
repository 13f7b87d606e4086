"""A robot's marker on the map: a robot waiting with its deadman engaged is calm; its deadman stopping a
drive is an alarm (the session decides which: tests/robot/test_session.py)."""

from __future__ import annotations

from dataclasses import replace

from groundstation.core.robots import RobotView
from groundstation.ui.robot_panel import RobotsLayer

WAITING = RobotView(id="zmq:tcp://127.0.0.1:5600", name="sim-robot", kind="robot", link="open", link_error=None,
                    alive=True, link_quality=1.0, lat=49.47, lon=6.37, heading_deg=0.0, speed=0.0, turn_rate=0.0,
                    battery_pct=100, battery_v=25.2, estop_latched=False, estop_confirmed=False,
                    release_pending=False, deadman=True, deadman_alarm=False, input_stale=True,
                    commanded=(0.0, 0.0), limits=None, video_url="",
                    last_event="robot stopped by itself: its motion commands stopped arriving")


def label(view: RobotView) -> tuple[str, bool]:
    layer = RobotsLayer(lambda _id: None)
    layer.show((view,), None)
    return layer.label(view)


def test_a_robot_waiting_to_be_driven_is_calm_and_a_deadman_stopping_a_drive_is_an_alarm():
    assert label(WAITING) == ("sim-robot", False)  # its deadman holds it: nothing to alarm anyone
    assert label(replace(WAITING, deadman_alarm=True)) == ("sim-robot  DEADMAN STOP", True)
    assert label(replace(WAITING, alive=False)) == ("sim-robot  NOT HEARD", True)
    assert label(replace(WAITING, estop_latched=True)) == ("sim-robot  E-STOP", True)
