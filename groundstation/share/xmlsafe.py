"""The one way we parse XML from outside: no entities, no DTD, no network (XXE-proof)."""

from __future__ import annotations

from lxml import etree


class UnsafeXMLError(ValueError):
    """XML refused because it declares a DTD or entities, or is not well-formed."""


def hardened_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_blank_text=False)


def parse_xml(data: bytes) -> etree._Element:
    """Parse untrusted XML. Any DOCTYPE (the carrier of entity and XXE attacks) is refused outright."""
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise UnsafeXMLError(f"not well-formed XML: {exc}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeXMLError("XML with a DOCTYPE/entity declarations is refused (possible XXE attack)")
    if root.xpath("//xi:include", namespaces={"xi": "http://www.w3.org/2001/XInclude"}):
        raise UnsafeXMLError("XML with XInclude elements is refused")
    return root


def load_schema(path: str) -> etree.XMLSchema:
    """Compile an XSD from our shared schema folder (local includes only, no network)."""
    return etree.XMLSchema(etree.parse(path, hardened_parser()))
