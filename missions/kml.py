"""KML in (areas, routes, datums from Google Earth and most mapping tools) and out.

The parser is hardened against hostile files: no entity expansion, no DTD loading, no network,
no huge trees.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from missions.area import Route, SearchArea, Shapes
from missions.errors import MissionError
from missions.geodesy import LatLon
from missions.plan import SearchPlan

KML_NS = "http://www.opengis.net/kml/2.2"


class KmlError(MissionError):
    """A KML file this station cannot read; the message says where and why."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def read_kml(path: str | Path) -> Shapes:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise KmlError(f"cannot read KML file {path}: {exc}") from None
    return read_kml_text(data)


def read_kml_text(data: str | bytes) -> Shapes:
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise KmlError(f"not a valid KML file: {exc.msg} (line {exc.lineno})") from None
    if etree.QName(root).localname != "kml":
        raise KmlError(f"not a KML file: the root element is <{etree.QName(root).localname}>, expected <kml>")
    shapes = Shapes()
    for mark in root.iter("{*}Placemark"):
        name = (mark.findtext("{*}name") or "").strip()
        for poly in mark.iter("{*}Polygon"):
            outer = poly.find("{*}outerBoundaryIs/{*}LinearRing/{*}coordinates")
            if outer is None:
                raise KmlError(f"line {poly.sourceline}: polygon without an outer boundary")
            holes = [_coords(c) for c in poly.iterfind("{*}innerBoundaryIs/{*}LinearRing/{*}coordinates")]
            boundary = _coords(outer)
            try:
                shapes.areas.append(SearchArea(boundary, holes, name=name))
            except MissionError as exc:
                raise KmlError(f"line {poly.sourceline} ({name or 'polygon'}): {exc}") from None
        for line in mark.iter("{*}LineString"):
            coords = line.find("{*}coordinates")
            if coords is None:
                raise KmlError(f"line {line.sourceline}: LineString without coordinates")
            points = _coords(coords)
            try:
                shapes.routes.append(Route(points, name=name))
            except MissionError as exc:
                raise KmlError(f"line {line.sourceline} ({name or 'route'}): {exc}") from None
        for point in mark.iter("{*}Point"):
            coords = point.find("{*}coordinates")
            pts = _coords(coords) if coords is not None else []
            if len(pts) != 1:
                raise KmlError(f"line {point.sourceline}: a Point needs exactly one coordinate")
            shapes.points.append((name, pts[0]))
    return shapes


def _coords(elem) -> list[LatLon]:
    out = []
    for token in (elem.text or "").split():
        parts = token.split(",")
        try:
            if len(parts) not in (2, 3):
                raise ValueError
            lon, lat = float(parts[0]), float(parts[1])
        except ValueError:
            raise KmlError(f"line {elem.sourceline}: coordinate {token!r} is not 'longitude,latitude[,altitude]'") from None
        try:
            out.append(LatLon(lat, lon))
        except MissionError as exc:
            raise KmlError(f"line {elem.sourceline}: {exc}") from None
    return out


def write_kml(plan: SearchPlan) -> str:
    """The plan for Google Earth: the area, the flight track (altitude above ground) and the
    route or datum it was planned from."""
    k = f"{{{KML_NS}}}"
    root = etree.Element(k + "kml", nsmap={None: KML_NS})
    doc = etree.SubElement(root, k + "Document")
    etree.SubElement(doc, k + "name").text = f"{plan.pattern} search"
    for style_id, colour, width in (("track", "ff00a5ff", "3"), ("area", "ff0000ff", "2")):
        style = etree.SubElement(doc, k + "Style", id=style_id)
        ls = etree.SubElement(style, k + "LineStyle")
        etree.SubElement(ls, k + "color").text = colour
        etree.SubElement(ls, k + "width").text = width
        ps = etree.SubElement(style, k + "PolyStyle")
        etree.SubElement(ps, k + "fill").text = "0"
    if plan.area is not None:
        mark = _placemark(doc, plan.area.name or "search area", "#area")
        poly = etree.SubElement(mark, k + "Polygon")
        rings = [("outerBoundaryIs", plan.area.boundary)] + [("innerBoundaryIs", h) for h in plan.area.holes]
        for tag, ring in rings:
            lr = etree.SubElement(etree.SubElement(poly, k + tag), k + "LinearRing")
            etree.SubElement(lr, k + "coordinates").text = _text(ring + ring[:1])
    if plan.route is not None:
        mark = _placemark(doc, plan.route.name or "route", "#area")
        etree.SubElement(etree.SubElement(mark, k + "LineString"), k + "coordinates").text = _text(plan.route.points)
    if plan.datum is not None:
        mark = _placemark(doc, "datum", None)
        etree.SubElement(etree.SubElement(mark, k + "Point"), k + "coordinates").text = _text([plan.datum])
    mark = _placemark(doc, f"{plan.pattern} track, {plan.track_length_m / 1000:.2f} km", "#track")
    line = etree.SubElement(mark, k + "LineString")
    etree.SubElement(line, k + "altitudeMode").text = "relativeToGround"
    etree.SubElement(line, k + "coordinates").text = " ".join(f"{w.lon:.8f},{w.lat:.8f},{w.alt:g}" for w in plan.waypoints)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def _placemark(doc, name: str, style: str | None):
    k = f"{{{KML_NS}}}"
    mark = etree.SubElement(doc, k + "Placemark")
    etree.SubElement(mark, k + "name").text = name
    if style:
        etree.SubElement(mark, k + "styleUrl").text = style
    return mark


def _text(points: list[LatLon]) -> str:
    return " ".join(f"{p.lon:.8f},{p.lat:.8f}" for p in points)
