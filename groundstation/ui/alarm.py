"""The alert tone: a two-tone chime played through SDL2's audio (pygame, already used for gamepads).

QApplication.beep() is silent on most Linux desktops and on many field laptops, so an alert
raised while the pilot looks away would go unheard. The tone is synthesised once (no sound file
to lose); where no audio device opens, the station falls back to the system beep and says why in one
log line (the audio library's own complaints go to the debug log).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

log = logging.getLogger(__name__)

RATE_HZ = 22050
# Two tones a fourth apart, three times: heard over rotor noise, unlike a single soft beep.
TONES_HZ = (988.0, 740.0)
TONE_S = 0.12
GAP_S = 0.03
PULSES = 3
VOLUME = 0.6


def chime() -> np.ndarray:
    """The tone as 16-bit mono samples: each tone faded in and out over 5 ms so it does not click."""
    t = np.arange(int(TONE_S * RATE_HZ)) / RATE_HZ
    fade = np.minimum(1.0, np.minimum(t, TONE_S - t) / 0.005)
    gap = np.zeros(int(GAP_S * RATE_HZ))
    parts = []
    for _ in range(PULSES):
        for f in TONES_HZ:
            parts += [np.sin(2 * np.pi * f * t) * fade, gap]
    return (np.concatenate(parts) * VOLUME * 32767).astype(np.int16)


@contextmanager
def _library_stderr_to_debug_log() -> Iterator[None]:
    """SDL's ALSA backend writes a screenful to the process's stderr (file descriptor 2) when there is no
    sound card, below Python. For the moment of the open, that goes to a file and then to the debug log:
    the pilot's terminal shows the one line that says why, and nothing is lost for whoever debugs it."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as caught:
        os.dup2(caught.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            caught.seek(0)
            for line in caught.read().decode(errors="replace").splitlines():
                log.debug("audio library: %s", line)


class Alarm:
    """Plays the chime; `play()` returns False (and the caller beeps instead) where there is no audio."""

    def __init__(self) -> None:
        self.problem: str | None = None  # why no tone can be played, once known
        self._sound = None

    def play(self) -> bool:
        if self._sound is None and self.problem is None:
            self._open()
        if self._sound is None:
            return False
        self._sound.play()
        return True

    def _open(self) -> None:
        try:
            os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
            with warnings.catch_warnings(), _library_stderr_to_debug_log():
                warnings.simplefilter("ignore")  # pygame 2.6 imports the deprecated pkg_resources, on init too
                import pygame

                pygame.mixer.init(frequency=RATE_HZ, size=-16, channels=1)
                self._sound = pygame.mixer.Sound(buffer=chime().tobytes())
        except Exception as e:  # noqa: BLE001 - no pygame, no SDL audio, no device: all mean "beep instead"
            self.problem = f"no alert tone, the system beep is used instead: {e}"
            log.warning("%s", self.problem)

    def close(self) -> None:
        if self._sound is not None:
            import pygame

            pygame.mixer.quit()
            self._sound = None
