"""Detection metrics: VOC all-point average precision, recall, precision, false detections per frame.

A detection that matches no target but lies mostly inside a `dontcare` region is ignored: it
counts neither as a hit nor as a false detection, as in the VOC "difficult" convention.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.records import Box

DONTCARE_COVER = 0.5  # share of a detection's area inside a dontcare box that makes it ignored


@dataclass(frozen=True)
class ScoredFrame:
    """One frame's ground truth and detections (box, confidence)."""

    targets: list[Box]
    detections: list[tuple[Box, float]]
    dontcare: list[Box]


@dataclass(frozen=True)
class Scores:
    ap: float  # VOC all-point AP over all detections given
    recall: float  # at the operating threshold
    precision: float
    false_per_frame: float
    targets: int
    frames: int


def _covered(box: Box, regions: list[Box]) -> bool:
    for r in regions:
        ix = max(0.0, min(box.x + box.w, r.x + r.w) - max(box.x, r.x))
        iy = max(0.0, min(box.y + box.h, r.y + r.h) - max(box.y, r.y))
        if box.area > 0 and ix * iy / box.area >= DONTCARE_COVER:
            return True
    return False


def match_frame(frame: ScoredFrame, iou_threshold: float) -> list[tuple[float, bool]]:
    """(confidence, is_hit) per counted detection, greedy in order of confidence as VOC does."""
    order = sorted(frame.detections, key=lambda d: -d[1])
    taken = [False] * len(frame.targets)
    out: list[tuple[float, bool]] = []
    for box, conf in order:
        best, best_iou = -1, iou_threshold
        for i, t in enumerate(frame.targets):
            iou = box.iou(t)
            if iou >= best_iou:
                best, best_iou = i, iou
        if best >= 0 and not taken[best]:
            taken[best] = True
            out.append((conf, True))
        elif best < 0 and _covered(box, frame.dontcare):
            continue  # inside an ignored region
        else:
            out.append((conf, False))  # no target, or a duplicate of a found one
    return out


def average_precision(hits: list[tuple[float, bool]], n_targets: int) -> float:
    """VOC 2010+ all-point AP: area under the monotone precision envelope."""
    if n_targets == 0:
        raise ValueError("average precision is undefined without targets")
    if not hits:
        return 0.0
    hits = sorted(hits, key=lambda h: -h[0])
    tp = np.cumsum([h[1] for h in hits], dtype=float)
    fp = np.cumsum([not h[1] for h in hits], dtype=float)
    recall = np.concatenate([[0.0], tp / n_targets, [1.0]])
    precision = np.concatenate([[0.0], tp / (tp + fp), [0.0]])
    precision = np.maximum.accumulate(precision[::-1])[::-1]
    steps = np.nonzero(recall[1:] != recall[:-1])[0]
    return float(np.sum((recall[steps + 1] - recall[steps]) * precision[steps + 1]))


def score(frames: list[ScoredFrame], iou_threshold: float, operating_threshold: float) -> Scores:
    """AP over every detection given; recall/precision/false detections at the operating threshold."""
    n_targets = sum(len(f.targets) for f in frames)
    hits = [h for f in frames for h in match_frame(f, iou_threshold)]
    kept = [h for h in hits if h[0] >= operating_threshold]
    tp = sum(1 for h in kept if h[1])
    fp = len(kept) - tp
    return Scores(
        ap=average_precision(hits, n_targets) if n_targets else float("nan"),
        recall=tp / n_targets if n_targets else float("nan"),
        precision=tp / len(kept) if kept else 0.0,
        false_per_frame=fp / len(frames) if frames else 0.0,
        targets=n_targets,
        frames=len(frames),
    )
