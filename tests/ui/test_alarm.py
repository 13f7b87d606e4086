"""The alert tone: synthesised, played through SDL's audio, and the system beep where no audio opens."""
from __future__ import annotations

import logging

import numpy as np
import pytest

from drivers.mavlink import events

from groundstation.ui.alarm import RATE_HZ, Alarm, chime
from groundstation.ui.alert_panel import AlertPanel


def test_the_chime_is_loud_two_toned_and_starts_and_ends_without_a_click() -> None:
    samples = chime()
    assert samples.dtype == np.int16 and 0.7 < len(samples) / RATE_HZ < 1.2
    assert 0.5 * 32767 < np.abs(samples).max() <= 0.6 * 32767 + 1
    assert abs(int(samples[0])) < 200 and abs(int(samples[-1])) < 200
    spectrum = np.abs(np.fft.rfft(samples.astype(float)))
    freqs = np.fft.rfftfreq(len(samples), 1 / RATE_HZ)
    strongest = sorted(freqs[np.argsort(spectrum)[-40:]])
    assert any(abs(f - 988) < 15 for f in strongest) and any(abs(f - 740) < 15 for f in strongest)


@pytest.fixture
def audio(monkeypatch):
    """SDL's audio on a chosen driver; the mixer is shut again after the test."""
    def use(driver: str) -> Alarm:
        monkeypatch.setenv("SDL_AUDIODRIVER", driver)
        alarm = Alarm()
        alarms.append(alarm)
        return alarm

    alarms: list[Alarm] = []
    yield use
    for alarm in alarms:
        alarm.close()


def test_the_tone_plays_on_an_audio_device(audio) -> None:
    import pygame

    alarm = audio("dummy")  # SDL's device that plays into nothing, as a sound card does into a speaker
    assert alarm.play() and alarm.problem is None
    assert pygame.mixer.get_busy()


def test_without_audio_the_panel_beeps_instead_and_says_why(qtbot, audio, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    beeped = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeped.append(1)))
    panel = AlertPanel()
    qtbot.addWidget(panel)
    panel.alarm = audio("no-such-driver")
    panel.raised(panel.watch.on_event(events.LinkLost(system_id=1, silent_s=3.0)))
    assert panel.beeps == 1 and beeped == [1]
    assert "no alert tone" in panel.alarm.problem and "no-such-driver" in panel.alarm.problem


def test_no_sound_card_gives_one_clear_line_not_the_audio_librarys_screenful(audio, capfd, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="groundstation.ui.alarm")
    alarm = audio("alsa")  # the driver a field laptop uses; on a machine without a sound card it cannot open
    played = alarm.play()
    err = capfd.readouterr().err
    assert "ALSA lib" not in err and "Couldn't open" not in err  # nothing on the pilot's terminal but the log
    said = [r for r in caplog.records if r.levelno >= logging.INFO]
    if played:  # this machine has a sound card: nothing to say
        assert said == [] and alarm.problem is None
    else:
        assert [r.getMessage() for r in said] == [alarm.problem] and "system beep is used instead" in alarm.problem
        library = [r.getMessage() for r in caplog.records if r.getMessage().startswith("audio library: ")]
        assert library and all(r.levelno == logging.DEBUG for r in caplog.records if r.getMessage() in library)
