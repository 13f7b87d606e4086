"""Radiometric decoding, fixed palettes with a legend, and the temperature probe."""
import math

import cv2
import numpy as np
import pytest

from drivers.video.palettes import PALETTES, colourize, legend, temperature_at
from drivers.video.thermal import CELSIUS, CENTIKELVIN, KELVIN_64, TemperatureSpan, ThermalEncoding, gray8


def test_raw16_scales_decode_to_celsius():
    assert KELVIN_64.to_celsius(np.array([[int(310.15 * 64)]], np.uint16))[0, 0] == pytest.approx(37.0, abs=0.02)
    assert CENTIKELVIN.to_celsius(np.array([[27315, 30815]], np.uint16)).tolist()[0] == pytest.approx([0.0, 35.0], abs=0.01)


def test_gray8_uses_the_declared_span_only():
    enc = gray8(-10.0, 40.0)
    assert enc.to_celsius(np.array([[0, 255, 51]], np.uint8)).tolist()[0] == pytest.approx([-10.0, 40.0, 0.0], abs=0.01)
    assert not enc.radiometric and KELVIN_64.radiometric


def test_flame3_radiometric_frame_survives_the_16_bit_channel_encoding(data):
    tiff = next((data / "flame3-radiometric-hotspot" / "radiometric").glob("*.tif*"))
    celsius = cv2.imread(str(tiff), cv2.IMREAD_UNCHANGED)
    assert celsius.dtype == np.float32
    back = KELVIN_64.to_celsius(KELVIN_64.from_celsius(celsius))
    assert np.abs(back - celsius).max() <= 1 / 128 + 1e-3  # half a count
    y, x = np.unravel_index(np.argmax(celsius), celsius.shape)
    assert temperature_at(back, int(x), int(y)) > 100.0  # the burn is there, in deg C
    assert CELSIUS.to_celsius(celsius) is celsius  # already deg C: no copy


@pytest.mark.parametrize("enc, frame, words", [
    (KELVIN_64, np.zeros((4, 4), np.uint8), "16-bit"),
    (KELVIN_64, np.zeros((4, 4, 3), np.uint16), "one channel"),
    (CELSIUS, np.zeros((4, 4), np.uint16), "float"),
    (gray8(0, 50), np.zeros((4, 4), np.float32), "8-bit"),
])
def test_wrong_pixel_format_is_refused_clearly(enc, frame, words):
    with pytest.raises(ValueError, match=f"wrong pixel format.*{words}"):
        enc.to_celsius(frame)


def test_encodings_and_spans_refuse_nonsense():
    with pytest.raises(ValueError, match="span"):
        ThermalEncoding("gray8")
    with pytest.raises(ValueError, match="low < high"):
        TemperatureSpan(40, 10)
    with pytest.raises(ValueError, match="unknown thermal encoding"):
        ThermalEncoding("y8")


def test_palette_is_fixed_not_auto_ranged_per_frame():
    span = TemperatureSpan(0.0, 100.0)
    cool_scene = np.full((8, 8), 20.0, np.float32)
    hot_scene = cool_scene.copy()
    hot_scene[0, 0] = 400.0  # a fire in one frame must not repaint everyone else
    for name in PALETTES:
        a, b = colourize(cool_scene, span, name), colourize(hot_scene, span, name)
        assert (a[4, 4] == b[4, 4]).all(), name
        assert (b[0, 0] == PALETTES[name][255]).all(), name  # saturates at the top colour


def test_white_hot_and_black_hot_are_opposites_and_ironbow_brightens():
    ramp = np.linspace(0, 100, 11, dtype=np.float32).reshape(1, -1)
    span = TemperatureSpan(0, 100)
    white = colourize(ramp, span, "white-hot")[0, :, 0].astype(int)
    black = colourize(ramp, span, "black-hot")[0, :, 0].astype(int)
    assert (np.diff(white) > 0).all() and (white + black == 255).all()
    iron = cv2.cvtColor(colourize(ramp, span, "ironbow"), cv2.COLOR_BGR2GRAY)[0].astype(int)
    assert iron[-1] > iron[5] > iron[0]


def test_dead_pixels_are_marked_not_coloured_as_a_temperature():
    frame = np.array([[20.0, math.nan]], np.float32)
    img = colourize(frame, TemperatureSpan(0, 50), "ironbow")
    assert tuple(img[0, 1]) == (255, 0, 255)
    assert temperature_at(frame, 1, 0) is None and temperature_at(frame, 0, 0) == pytest.approx(20.0)
    with pytest.raises(ValueError, match="outside"):
        temperature_at(frame, 2, 0)


def test_legend_shows_the_span_hot_at_the_top():
    img = legend(TemperatureSpan(-10, 90), "white-hot", height_px=200)
    assert img.shape[0] == 200
    assert img[0, 5].mean() > 250 and img[-1, 5].mean() < 5
    labels = img[:, 25:]
    assert (labels > 200).any()  # tick labels are drawn
    with pytest.raises(ValueError, match="unknown palette"):
        legend(TemperatureSpan(0, 1), "sepia")
