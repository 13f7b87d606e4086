"""Milliseconds per frame of each detector against a plain threshold + connected-components pass
on the same frames, in the same process, on one core.

    python bench/detectors.py [--frames N]

The vision benchmark; not named vision.py because, run as a script, that name would shadow the `vision` package.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import cv2
import numpy as np

from drivers.video.thermal import gray8
from vision.blob_person import BlobPersonDetector
from vision.georeference import Attitude, CameraModel, PoseSample, locate
from vision.hotspot import ContrastHotspotDetector, HotspotBands, RadiometricHotspotDetector
from vision.labeled_set import load_labeled_set
from vision.rgb_person import RgbPersonDetector
from vision.thermal_person import ThermalPersonDetector

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "vision"


def baseline(gray: np.ndarray) -> int:
    """The least any detector must do: one threshold and one labelling of the frame."""
    return cv2.connectedComponentsWithStats((gray >= 200).view(np.uint8), connectivity=8)[0]


def ms_per_frame(fn, frames: list[np.ndarray], repeats: int = 3) -> float:
    fn(frames[0])  # warm-up (network allocation)
    start = time.perf_counter()
    for _ in range(repeats):
        for f in frames:
            fn(f)
    return 1000.0 * (time.perf_counter() - start) / (repeats * len(frames))


def georeference_ms(pixels: int = 200) -> float:
    """One finding's ground fix with its 400-draw uncertainty radius, over pixels across a 45 deg-oblique frame."""
    camera = CameraModel(640, 512, 45.0)
    pose = PoseSample(0.0, 49.47, 6.37, 260.0, Attitude(2.0, -1.0, 37.0))
    gimbal = Attitude(0.0, -45.0, 0.0)
    uv = np.random.default_rng(0).uniform((0, 0), (640, 512), (pixels, 2))
    locate(camera, 320, 256, pose, gimbal, 200.0)  # warm-up
    start = time.perf_counter()
    for u, v in uv:
        locate(camera, u, v, pose, gimbal, 200.0)
    return 1000.0 * (time.perf_counter() - start) / pixels


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=20)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    thermal = [cv2.imread(str(i.file), cv2.IMREAD_GRAYSCALE)
               for i in load_labeled_set(DATA / "hituav-thermal-person").images[:args.frames]]
    flame = load_labeled_set(DATA / "flame3-radiometric-hotspot").images
    # all 8 FLAME 3 frames, the 5 unlabeled Sycan burns too: they hold most of the hot regions
    celsius = [cv2.imread(str(p), cv2.IMREAD_UNCHANGED)
               for p in sorted((DATA / "flame3-radiometric-hotspot" / "radiometric").glob("*.tiff"))]
    rgb = [cv2.imread(str(i.file.parent.parent / "rgb" / i.file.name)) for i in flame]
    # the same burns as white-hot 8-bit video with a camera's AGC (1st-99.9th percentile over 0..255)
    burning = [gray8(*np.percentile(c, [1.0, 99.9])).from_celsius(c) for c in celsius]
    base = ms_per_frame(baseline, thermal)
    rows = [
        ("thermal-person-cnn (640x512)", ms_per_frame(ThermalPersonDetector().detect, thermal)),
        ("thermal-person-blob (640x512)", ms_per_frame(BlobPersonDetector().detect, thermal)),
        ("hotspot-contrast (640x512, no fire)", ms_per_frame(ContrastHotspotDetector().detect, thermal)),
        ("hotspot-contrast (640x512, burns, AGC)", ms_per_frame(ContrastHotspotDetector().detect, burning)),
        ("hotspot-radiometric (640x512 degC)", ms_per_frame(RadiometricHotspotDetector().detect, celsius)),
        ("hotspot-radiometric, one cut (accuracy 0)",
         ms_per_frame(RadiometricHotspotDetector(HotspotBands(accuracy_c=0.0)).detect, celsius)),
        ("rgb-person-fastestdet (640x512, 4 tiles)",
         ms_per_frame(RgbPersonDetector(DATA / "models" / "fastestdet-coco-352x352.onnx").detect, rgb)),
        ("georeference one finding (400 draws)", georeference_ms()),
    ]
    print(f"baseline threshold+components: {base:.2f} ms/frame (one core)")
    for name, ms in rows:
        print(f"{name:42s} {ms:7.1f} ms/frame   {ms / base:7.1f} x baseline")


if __name__ == "__main__":
    main()
