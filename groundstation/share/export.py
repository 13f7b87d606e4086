"""`groundstation export`: write the current findings in one partner format to a file or stdout.

cot: a TAK stream file (one event per line); cap and emsi: one EDXL-DE 1.0 distribution holding
one message per finding; geojson: a FeatureCollection; kml: a KML document (KMZ with images when
the output file ends in .kmz).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import BinaryIO

from groundstation.core.datadir import DataDir
from groundstation.core.settings import Settings
from groundstation.core.findings import FindingStore, open_store, utcnow
from groundstation.share import cap, cot, emsi, geojson, kml
from groundstation.share.context import EncodeContext

FORMATS = ("cot", "cap", "emsi", "geojson", "kml")


def export_findings(store: FindingStore, fmt: str, out: BinaryIO, *, language: str = "en",
                    country: str = "GB", kmz: bool = False) -> int:
    """Write every finding's current revision; returns how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    findings = store.all()
    now = utcnow()

    def ctx(f: object) -> EncodeContext:
        sha = getattr(f, "snapshot_sha256")
        return EncodeContext(store.station_id, language, country, None,
                             store.snapshot(sha) if sha else None, None, now)

    if fmt == "cot":
        for f in findings:
            out.write(cot.encode_finding(f, ctx(f)) + b"\n")
    elif fmt in ("cap", "emsi"):
        element = cap.alert_element if fmt == "cap" else emsi.emsi_element
        base = EncodeContext(store.station_id, language, country, now=now)
        out.write(cap.edxl_distribution([(f, element(f, ctx(f))) for f in findings], base,
                                        f"{store.station_id}-export-{now:%Y%m%dT%H%M%S}", "Report", now))
    elif fmt == "geojson":
        collection = geojson.feature_collection(geojson.feature(f, ctx(f)) for f in findings)
        out.write(json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8"))
    elif kmz:
        out.write(kml.encode_kmz(findings, store.snapshot, language, f"Findings {store.station_id}"))
    else:
        out.write(kml.encode_kml(findings, language, f"Findings {store.station_id}"))
    return len(findings)


def add_export_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser("export", help="write the current findings in a partner format")
    p.add_argument("--format", required=True, choices=FORMATS, help="output format")
    p.add_argument("--out", type=Path, help="output file (default: standard output)")
    # SUPPRESS: `groundstation --data-dir X export ...` must keep the X given before the command
    p.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                   help="station data directory (default: the user data folder)")
    p.add_argument("--station", default=None,
                   help="station id used in message ids (default: the station's own, from its settings)")
    p.add_argument("--language", default="en", choices=("en", "fr", "de"), help="language of the text")
    p.set_defaults(func=run_export)
    return p


def run_export(args: argparse.Namespace) -> int:
    data = DataDir.open(args.data_dir)
    station = args.station or Settings.load(data.settings_file).station_id
    with open_store(data.root, station) as store:
        kmz = args.out is not None and args.out.suffix.lower() == ".kmz"
        if args.format != "kml" and kmz:
            print("export: .kmz output needs --format kml", file=sys.stderr)
            return 2
        if args.out is None:
            n = export_findings(store, args.format, sys.stdout.buffer, language=args.language)
        else:
            tmp = args.out.with_name(args.out.name + ".part")  # never leave a half-written file
            with open(tmp, "wb") as fh:
                n = export_findings(store, args.format, fh, language=args.language, kmz=kmz)
            tmp.replace(args.out)
    print(f"exported {n} finding(s) as {args.format}" + (f" to {args.out}" if args.out else ""),
          file=sys.stderr)
    return 0
