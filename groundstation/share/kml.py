"""KML 2.2 documents and KMZ archives (with the snapshots inside) for Google Earth users."""

from __future__ import annotations

import html
import io
import zipfile
from collections.abc import Callable, Iterable

from lxml import etree

from groundstation.core.findings import Finding, FindingStatus
from groundstation.share.texts import description, headline

KML_NS = "http://www.opengis.net/kml/2.2"
MEDIA_TYPE = "application/vnd.google-earth.kml+xml"
_STYLE_COLOURS = {  # KML colours are aabbggrr
    FindingStatus.UNCONFIRMED: "ff00ffff", FindingStatus.CONFIRMED: "ff0000ff",
    FindingStatus.DISMISSED: "ff808080", FindingStatus.RESOLVED: "ff00ff00",
}


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{KML_NS}}}{tag}", **attrs)
    if text is not None:
        el.text = text
    return el


def document(findings: Iterable[Finding], lang: str, name: str,
             image_href: Callable[[Finding], str | None] = lambda f: None) -> etree._Element:
    kml = etree.Element(f"{{{KML_NS}}}kml", nsmap={None: KML_NS})
    doc = _sub(kml, "Document")
    _sub(doc, "name", name)
    for status, colour in _STYLE_COLOURS.items():
        style = _sub(_sub(doc, "Style", id=f"finding-{status}"), "IconStyle")
        _sub(style, "color", colour)
    for f in findings:
        pm = _sub(doc, "Placemark", id=f"finding-{f.id}")
        _sub(pm, "name", headline(f, lang))
        text = html.escape(description(f, lang)).replace("\n", "<br/>")
        href = image_href(f)
        if href:
            text += f'<br/><img src="{html.escape(href)}" width="320"/>'
        _sub(pm, "description", text)
        _sub(_sub(pm, "TimeStamp"), "when", f.observed_at.isoformat().replace("+00:00", "Z"))
        _sub(pm, "styleUrl", f"#finding-{f.status}")
        data = _sub(pm, "ExtendedData")
        for key, value in (("id", f.id), ("kind", f.kind), ("status", f.status), ("rev", f.revision),
                           ("h_acc_m", f.h_acc_m), ("confidence", f.confidence), ("source", f.source),
                           ("temp_c", f.temp_c), ("origin_station", f.origin_station)):
            if value is not None:
                _sub(_sub(data, "Data", name=key), "value", str(value))
        point = _sub(pm, "Point")
        _sub(point, "altitudeMode", "clampToGround")  # our heights are HAE; ground is safer to show
        _sub(point, "coordinates", f"{f.lon:.7f},{f.lat:.7f},0")
    return kml


def encode_kml(findings: Iterable[Finding], lang: str = "en", name: str = "Findings") -> bytes:
    return etree.tostring(document(findings, lang, name), xml_declaration=True, encoding="UTF-8")


def encode_kmz(findings: Iterable[Finding], snapshot: Callable[[str], bytes | None],
               lang: str = "en", name: str = "Findings") -> bytes:
    """A KMZ: doc.kml plus images/<sha256>.jpg referenced from each placemark's balloon."""
    findings = list(findings)
    images: dict[str, bytes] = {}
    for f in findings:
        if f.snapshot_sha256 and f.snapshot_sha256 not in images:
            data = snapshot(f.snapshot_sha256)
            if data is not None:
                images[f.snapshot_sha256] = data
    doc = document(findings, lang, name,
                   lambda f: f"images/{f.snapshot_sha256}.jpg" if f.snapshot_sha256 in images else None)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("doc.kml", etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))  # first entry
        for sha, data in images.items():
            z.writestr(f"images/{sha}.jpg", data)
    return buf.getvalue()
