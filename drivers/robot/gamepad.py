"""A gamepad for robot teleop, read through SDL2 (pygame): QtGamepad is not part of Qt 6.

The front end polls it at its teleop rate. The left stick drives (up = forward, left = turn left),
one button latches the e-stop while it is down, another asks for the e-stop's release once per
press. A dead zone keeps a stick that does not centre exactly from creeping the robot forward.
pygame is imported only when a real gamepad is opened, so the station runs without it.
"""

from __future__ import annotations

import math
import os
import warnings
from dataclasses import dataclass
from typing import Protocol, Sequence


class GamepadUnavailable(RuntimeError):
    """Gamepads cannot be read on this machine (pygame or SDL missing); keyboard teleop still works."""


@dataclass(frozen=True)
class GamepadLayout:
    """Which axes and buttons do what; the defaults are SDL2's numbering of an Xbox-style pad."""

    turn_axis: int = 0  # left stick, right positive
    forward_axis: int = 1  # left stick, down positive
    estop_button: int = 1  # B
    release_button: int = 7  # Start
    dead_zone: float = 0.15  # fraction of full deflection ignored around the centre

    def __post_init__(self) -> None:
        if not 0.0 <= self.dead_zone < 1.0:
            raise ValueError(f"dead zone {self.dead_zone!r} must be at least 0 and below 1")
        for name in ("turn_axis", "forward_axis", "estop_button", "release_button"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")


@dataclass(frozen=True)
class GamepadReading:
    """One poll: drive fractions (-1..1, turn positive = left) and the two safety buttons."""

    name: str
    forward: float
    turn: float
    estop: bool  # the e-stop button is down
    release: bool  # the release button went down since the last poll

    @property
    def centred(self) -> bool:
        return self.forward == 0.0 and self.turn == 0.0


class GamepadSource(Protocol):
    def poll(self) -> GamepadReading | None:
        """The pad's state now, or None while no gamepad is plugged in."""


def outside_dead_zone(value: float, dead_zone: float) -> float:
    """An axis value (-1..1) with the dead zone cut out and the rest stretched back to -1..1,
    so that the robot starts from a crawl just past the dead zone instead of jumping."""
    if not math.isfinite(value):
        return 0.0  # a glitching driver must never read as full deflection
    value = max(-1.0, min(1.0, value))  # SDL's -32768 reads a little past -1
    if abs(value) <= dead_zone:
        return 0.0
    return (abs(value) - dead_zone) / (1.0 - dead_zone) * (1.0 if value > 0 else -1.0)


class GamepadMapper:
    """Raw axes and buttons to a reading; remembers the release button to report each press once."""

    def __init__(self, layout: GamepadLayout = GamepadLayout()) -> None:
        self.layout = layout
        self._release_down = False

    def read(self, name: str, axes: Sequence[float], buttons: Sequence[bool]) -> GamepadReading:
        lay = self.layout
        forward = -outside_dead_zone(_get(axes, lay.forward_axis, 0.0), lay.dead_zone)
        turn = -outside_dead_zone(_get(axes, lay.turn_axis, 0.0), lay.dead_zone)
        release_down = bool(_get(buttons, lay.release_button, False))
        pressed = release_down and not self._release_down
        self._release_down = release_down
        estop = bool(_get(buttons, lay.estop_button, False))
        return GamepadReading(name, forward + 0.0, turn + 0.0, estop, pressed)  # + 0.0: centred reads 0, not -0

    def forget(self) -> None:
        """The pad went away: a release held while it comes back is a new press."""
        self._release_down = False


def _get(values: Sequence, index: int, missing):
    return values[index] if index < len(values) else missing  # a pad with fewer axes or buttons


class SdlGamepad:
    """The first gamepad SDL2 sees, plugged in before or after the station started.

    Only SDL's joystick and event subsystems run (the dummy video driver opens no window), and
    joystick events are read while the station's window, not SDL's, has the focus. pygame shuts
    SDL down when the station exits.
    """

    def __init__(self, layout: GamepadLayout = GamepadLayout()) -> None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_JOYSTICK_ALLOW_BACKGROUND_EVENTS", "1")
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        try:
            with warnings.catch_warnings():  # pygame 2.6 imports the deprecated pkg_resources
                warnings.simplefilter("ignore", UserWarning)
                import pygame
        except ImportError:
            raise GamepadUnavailable("gamepads need pygame (pip install pygame)") from None
        try:
            pygame.display.init()  # SDL's event queue, which carries joystick plug-in and removal, needs it
            pygame.joystick.init()
        except pygame.error as exc:
            raise GamepadUnavailable(f"SDL cannot read gamepads here: {exc}") from None
        self._pygame = pygame
        self._joystick = None
        self.mapper = GamepadMapper(layout)

    def poll(self) -> GamepadReading | None:
        pg = self._pygame
        for event in pg.event.get():  # drained every poll, or SDL's queue fills up
            if (event.type == pg.JOYDEVICEREMOVED and self._joystick is not None
                    and event.instance_id == self._joystick.get_instance_id()):
                self._joystick = None
                self.mapper.forget()
        if self._joystick is None:
            if pg.joystick.get_count() == 0:
                return None
            self._joystick = pg.joystick.Joystick(0)
        pad = self._joystick
        axes = [pad.get_axis(i) for i in range(pad.get_numaxes())]
        buttons = [bool(pad.get_button(i)) for i in range(pad.get_numbuttons())]
        return self.mapper.read(pad.get_name(), axes, buttons)
