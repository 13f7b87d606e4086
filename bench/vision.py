"""Milliseconds per frame of each detector against a plain threshold + connected-components pass
on the same frames, in the same process, on one core.

    python bench/vision.py [--frames N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# this file is named like the package it measures: keep bench/ off the import path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from vision.blob_person import BlobPersonDetector
from vision.hotspot import ContrastHotspotDetector, RadiometricHotspotDetector
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=20)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    thermal = [cv2.imread(str(i.file), cv2.IMREAD_GRAYSCALE)
               for i in load_labeled_set(DATA / "hituav-thermal-person").images[:args.frames]]
    flame = load_labeled_set(DATA / "flame3-radiometric-hotspot").images
    celsius = [cv2.imread(str(i.radiometric), cv2.IMREAD_UNCHANGED) for i in flame]
    rgb = [cv2.imread(str(i.file.parent.parent / "rgb" / i.file.name)) for i in flame]
    base = ms_per_frame(baseline, thermal)
    rows = [
        ("thermal-person-cnn (640x512)", ms_per_frame(ThermalPersonDetector().detect, thermal)),
        ("thermal-person-blob (640x512)", ms_per_frame(BlobPersonDetector().detect, thermal)),
        ("hotspot-contrast (640x512)", ms_per_frame(ContrastHotspotDetector().detect, thermal)),
        ("hotspot-radiometric (640x512 degC)", ms_per_frame(RadiometricHotspotDetector().detect, celsius)),
        ("rgb-person-fastestdet (640x512, 4 tiles)",
         ms_per_frame(RgbPersonDetector(DATA / "models" / "fastestdet-coco-352x352.onnx").detect, rgb)),
    ]
    print(f"baseline threshold+components: {base:.2f} ms/frame (one core)")
    for name, ms in rows:
        print(f"{name:42s} {ms:7.1f} ms/frame   {ms / base:7.1f} x baseline")


if __name__ == "__main__":
    main()
