"""The gamepad's stick and buttons, on values recorded from an Xbox-style pad through SDL2.

The SDL device path itself (SdlGamepad.poll on a plugged-in pad) needs hardware and is not run here;
the panel's use of a gamepad is tested in tests/ui/test_robot_panel.py with a source fed by the test.
"""

from __future__ import annotations

import math

import pytest

from drivers.robot.gamepad import GamepadLayout, GamepadMapper, outside_dead_zone

# (axes, buttons) as pygame reads them: a pad at rest drifts a little off centre; full up on the
# left stick is -1.0, SDL's -32768 reads -1.00003; B is button 1 and Start button 7.
AT_REST = ([0.031, -0.058, -1.0, 0.012, 0.0, -1.0], [False] * 11)
FULL_UP = ([0.0, -1.000030518509476, -1.0, 0.0, 0.0, -1.0], [False] * 11)
HALF_DOWN_RIGHT = ([0.575, 0.575, -1.0, 0.0, 0.0, -1.0], [False] * 11)
B_DOWN = ([0.0, 0.0, -1.0, 0.0, 0.0, -1.0], [False, True] + [False] * 9)
START_DOWN = ([0.0, 0.0, -1.0, 0.0, 0.0, -1.0], [False] * 7 + [True] + [False] * 3)


def test_a_pad_at_rest_does_not_creep_the_robot():
    reading = GamepadMapper().read("Xbox Controller", *AT_REST)
    assert (reading.forward, reading.turn) == (0.0, 0.0) and reading.centred
    assert not math.copysign(1.0, reading.forward) < 0  # no "-0 %" on the panel
    assert not reading.estop and not reading.release


def test_stick_up_is_full_forward_and_right_turns_right():
    mapper = GamepadMapper()
    assert mapper.read("pad", *FULL_UP).forward == 1.0  # clamped: SDL reads a little past full
    reading = mapper.read("pad", *HALF_DOWN_RIGHT)
    assert reading.forward == pytest.approx(-0.5) and reading.turn == pytest.approx(-0.5)  # back, turning right


def test_the_dead_zone_is_cut_out_and_the_rest_stretched():
    assert outside_dead_zone(0.15, 0.15) == 0.0
    assert outside_dead_zone(-0.149, 0.15) == 0.0
    assert outside_dead_zone(0.2, 0.15) == pytest.approx(0.05 / 0.85)  # a crawl just past the dead zone
    assert outside_dead_zone(-1.0, 0.15) == -1.0
    assert outside_dead_zone(0.5, 0.0) == 0.5


def test_a_glitching_axis_reads_as_centred_never_as_full_speed():
    for bad in (math.nan, math.inf, -math.inf):
        assert outside_dead_zone(bad, 0.15) == 0.0
    reading = GamepadMapper().read("pad", [math.nan, math.nan], [])
    assert reading.centred


def test_e_stop_button_is_read_while_down_and_release_once_per_press():
    mapper = GamepadMapper()
    assert mapper.read("pad", *B_DOWN).estop
    assert mapper.read("pad", *B_DOWN).estop  # held: still down
    assert mapper.read("pad", *START_DOWN).release
    assert not mapper.read("pad", *START_DOWN).release  # held: not asked again
    assert not mapper.read("pad", *AT_REST).release
    assert mapper.read("pad", *START_DOWN).release  # a new press
    mapper.forget()  # unplugged with Start held, plugged back in
    assert mapper.read("pad", *START_DOWN).release


def test_a_pad_with_fewer_axes_and_buttons_reads_what_it_has():
    reading = GamepadMapper().read("tiny pad", [0.0, -0.6], [True])
    assert reading.forward == pytest.approx((0.6 - 0.15) / 0.85) and not reading.estop and not reading.release


def test_a_layout_that_cannot_work_is_refused():
    with pytest.raises(ValueError, match="dead zone"):
        GamepadLayout(dead_zone=1.0)
    with pytest.raises(ValueError, match="estop_button"):
        GamepadLayout(estop_button=-1)
    reading = GamepadMapper(GamepadLayout(estop_button=0, dead_zone=0.0)).read("pad", [0.1, 0.0], [True])
    assert reading.estop and reading.turn == pytest.approx(-0.1)
