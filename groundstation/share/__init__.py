"""Outbound formats (CoT, CAP, EMSI, GeoJSON, KML) and transports to partner command posts."""
