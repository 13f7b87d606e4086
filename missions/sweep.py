"""Parallel sweeps over a planar polygon (metres): the engine behind parallel track, creeping line
and area splitting.

Tracks run along a chosen azimuth, `spacing` apart, centred across the area so the outermost
tracks sit S/2 inside its edges (or less, or up to 1% more). Each track reaches as far as the
part of the area within S/2 of it (so corners between tracks are seen) plus a turn margin, so
turns are made outside the area. Concave areas and no-fly holes split tracks; tracks that continue each other form cells
(boustrophedon decomposition), each flown back and forth, and every connection that would cross
a no-fly hole is routed around it along a visibility graph of the hole corners.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import LineString, MultiPolygon, Polygon, affinity, box

from missions.errors import MissionError

Point = tuple[float, float]


@dataclass
class _Track:
    line: int
    x0: float
    x1: float


def long_axis_azimuth(region) -> float:
    """Azimuth (0-180) of the longer side of the smallest rectangle around the region."""
    rect = shapely.minimum_rotated_rectangle(region)
    xy = np.asarray(rect.exterior.coords)[:3]
    sides = [xy[1] - xy[0], xy[2] - xy[1]]
    dx, dy = max(sides, key=lambda v: float(np.hypot(*v)))
    return math.degrees(math.atan2(dx, dy)) % 180.0


def sweep(region: Polygon | MultiPolygon, no_fly, spacing: float, azimuth_deg: float, margin: float,
          start: Point | None = None, clearance: float = 2.0, max_tracks: int = 20000) -> tuple[list[Point], list[bool]]:
    """Waypoints (east, north) and, per leg between them, whether it is a search leg."""
    phi = 90.0 - azimuth_deg  # track direction measured counter-clockwise from east
    rot = rotate_to_tracks(region, azimuth_deg)
    keep_out = rotate_to_tracks(no_fly, azimuth_deg).buffer(clearance) if no_fly is not None and not no_fly.is_empty else None
    minx, miny, maxx, maxy = rot.bounds
    ys = track_positions(miny, maxy, spacing, max_tracks)
    tracks = _tracks(rot, keep_out, ys, spacing, minx - margin - 1, maxx + margin + 1, margin)
    cells = _cells(tracks)
    router = _Router(keep_out, clearance) if keep_out is not None else None

    start_rot = _rotate_points([start], -phi)[0] if start is not None else (minx - margin, miny)
    points: list[Point] = []
    searching: list[bool] = []
    here = start_rot
    pending = list(range(len(cells)))
    while pending:
        best = None
        for ci in pending:
            for path in _cell_paths(cells[ci], ys):
                d = math.dist(here, path[0])
                if best is None or d < best[0]:
                    best = (d, ci, path)
        _, ci, path = best
        pending.remove(ci)
        for i in range(0, len(path), 2):
            a, b = path[i], path[i + 1]
            if points:
                via = router.route(points[-1], a) if router else [points[-1], a]
                for p in via[1:]:
                    points.append(p)
                    searching.append(False)
            else:
                points.append(a)
            points.append(b)
            searching.append(True)
        here = points[-1]
    return _rotate_points(points, phi), searching


def track_positions(miny: float, maxy: float, spacing: float, max_tracks: int = 20000) -> np.ndarray:
    """Across-track positions of the tracks, centred on [miny, maxy] (first S/2 inside, to 1%)."""
    height = maxy - miny
    # 1% of slack: an area a hair taller than n tracks (round-off, meridian convergence) gets n
    # tracks sitting S/200 further in, still well inside the camera's view, not an extra track.
    count = max(1, math.ceil(height / spacing - 0.01))
    if count > max_tracks:
        raise MissionError(f"{count} tracks at {spacing:g} m spacing: the spacing is far too small for this area")
    first = miny + (height - (count - 1) * spacing) / 2
    return first + spacing * np.arange(count)


def rotate_to_tracks(geom, azimuth_deg: float):
    """The geometry turned so that tracks along `azimuth_deg` run along +x."""
    return affinity.rotate(geom, azimuth_deg - 90.0, origin=(0, 0))


def rotate_from_tracks(geom, azimuth_deg: float):
    return affinity.rotate(geom, 90.0 - azimuth_deg, origin=(0, 0))


def track_lengths(rot, ys: np.ndarray, spacing: float) -> np.ndarray:
    """Length of the tracks on each line of an already rotated region (no margins)."""
    minx, _, maxx, _ = rot.bounds
    return np.array([sum(t.x1 - t.x0 for t in line)
                     for line in _tracks(rot, None, ys, spacing, minx - 1, maxx + 1, 0.0)])


def _tracks(rot, keep_out, ys, spacing, xmin, xmax, margin) -> list[list[_Track]]:
    bands = shapely.intersection(box(xmin, ys - spacing / 2, xmax, ys + spacing / 2), rot)
    per_line: list[list[_Track]] = []
    for k, (band, y) in enumerate(zip(bands, ys)):
        spans = sorted((p.bounds[0] - margin, p.bounds[2] + margin)
                       for p in shapely.get_parts(band) if p.area > 1e-6)
        merged: list[list[float]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        found: list[_Track] = []
        for a, b in merged:
            seg = LineString([(a, y), (b, y)])
            if keep_out is not None:
                seg = seg.difference(keep_out)
            for piece in shapely.get_parts(seg):
                x = np.asarray(piece.coords)[:, 0]
                if piece.length > 1e-3:
                    found.append(_Track(k, float(x.min()), float(x.max())))
        per_line.append(sorted(found, key=lambda t: t.x0))
    return per_line


def _cells(per_line: list[list[_Track]]) -> list[list[_Track]]:
    """Chain tracks into cells: a track continues a cell when it is the only track overlapping
    the cell's last track and that track overlaps only it."""
    cells: list[list[_Track]] = []
    open_cells: dict[int, int] = {}  # index in previous line -> cell id
    prev: list[_Track] = []
    for line in per_line:
        new_open: dict[int, int] = {}
        overlaps = [[j for j, p in enumerate(prev) if p.x0 < t.x1 and t.x0 < p.x1] for t in line]
        back = [[i for i, ov in enumerate(overlaps) if j in ov] for j in range(len(prev))]
        for i, t in enumerate(line):
            ov = overlaps[i]
            if len(ov) == 1 and len(back[ov[0]]) == 1:
                cid = open_cells[ov[0]]
                cells[cid].append(t)
            else:
                cid = len(cells)
                cells.append([t])
            new_open[i] = cid
        open_cells, prev = new_open, line
    return cells


def _cell_paths(cell: list[_Track], ys) -> list[list[Point]]:
    """The four ways to fly a cell back and forth, as lists of (start, end) pairs flattened."""
    paths = []
    for order in (cell, cell[::-1]):
        for first_forward in (True, False):
            path: list[Point] = []
            forward = first_forward
            for t in order:
                y = float(ys[t.line])
                a, b = ((t.x0, y), (t.x1, y)) if forward else ((t.x1, y), (t.x0, y))
                path += [a, b]
                forward = not forward
            paths.append(path)
    return paths


def _rotate_points(points: list[Point], deg: float) -> list[Point]:
    if not points:
        return []
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    xy = np.asarray(points, float)
    out = np.stack([xy[:, 0] * c - xy[:, 1] * s, xy[:, 0] * s + xy[:, 1] * c], 1)
    return [(float(x), float(y)) for x, y in out]


class _Router:
    """Shortest way between two points around no-fly polygons (visibility graph, Dijkstra)."""

    def __init__(self, keep_out, clearance: float) -> None:
        # Nodes sit just outside the keep-out zone; edges may not enter its slightly shrunk core.
        self.blocked = keep_out.buffer(-clearance / 4)
        shapely.prepare(self.blocked)
        corners = keep_out.buffer(clearance / 2, join_style="mitre").simplify(clearance / 4)
        self.nodes = [tuple(c) for ring in _rings(corners) for c in np.asarray(ring.coords)[:-1]]
        self._edges: dict[int, list[tuple[int, float]]] | None = None

    def route(self, a: Point, b: Point) -> list[Point]:
        if not self.blocked.intersects(LineString([a, b])):
            return [a, b]
        pts = self.nodes + [a, b]
        n = len(pts)
        edges = self._graph()
        ia, ib = n - 2, n - 1
        extra: dict[int, list[tuple[int, float]]] = {ia: [], ib: []}
        for end in (ia, ib):
            segs = [LineString([pts[end], pts[j]]) for j in range(len(self.nodes))]
            ok = ~shapely.intersects(segs, self.blocked) if segs else []
            for j, good in enumerate(ok):
                if good:
                    d = math.dist(pts[end], pts[j])
                    extra[end].append((j, d))
        dist = {ia: 0.0}
        came: dict[int, int] = {}
        heap = [(0.0, ia)]
        while heap:
            d, u = heapq.heappop(heap)
            if u == ib:
                break
            if d > dist.get(u, math.inf):
                continue
            nbrs = list(edges.get(u, [])) if u < len(self.nodes) else list(extra[u])
            if u < len(self.nodes):
                nbrs += [(ib, w) for j, w in extra[ib] if j == u]
            for v, w in nbrs:
                if d + w < dist.get(v, math.inf):
                    dist[v] = d + w
                    came[v] = u
                    heapq.heappush(heap, (d + w, v))
        if ib not in came:
            return [a, b]  # no way around (start inside a hole's clearance): fly straight, caller sees it
        path = [ib]
        while path[-1] != ia:
            path.append(came[path[-1]])
        return [pts[i] for i in reversed(path)]

    def _graph(self) -> dict[int, list[tuple[int, float]]]:
        if self._edges is None:
            pairs = [(i, j) for i in range(len(self.nodes)) for j in range(i + 1, len(self.nodes))]
            segs = [LineString([self.nodes[i], self.nodes[j]]) for i, j in pairs]
            ok = ~shapely.intersects(segs, self.blocked) if segs else []
            self._edges = {}
            for (i, j), good in zip(pairs, ok):
                if good:
                    w = math.dist(self.nodes[i], self.nodes[j])
                    self._edges.setdefault(i, []).append((j, w))
                    self._edges.setdefault(j, []).append((i, w))
        return self._edges


def _rings(geom):
    for poly in shapely.get_parts(geom):
        yield poly.exterior
        yield from poly.interiors
