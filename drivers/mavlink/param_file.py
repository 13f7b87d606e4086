"""QGroundControl's `.params` files: tab-separated, one parameter a line, header comments.

    # Onboard parameters for Vehicle 1
    #
    # Vehicle-Id Component-Id Name Value Type
    1	1	MPC_XY_VEL_MAX	12.0000000000000000	9

Type is the MAV_PARAM_TYPE number. Floats are written with 18 significant digits, as QGC does,
so a file read back gives the same float32 the vehicle holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from drivers.mavlink.params import FLOAT_TYPES, TYPE_NAMES, Parameter


class ParamFileError(Exception):
    """A .params file this station cannot read; the message names the line."""


@dataclass(frozen=True)
class ParamFileEntry:
    system_id: int
    component_id: int
    parameter: Parameter


def format_value(param: Parameter) -> str:
    if param.is_integer:
        return str(int(param.value))
    return format(float(param.value), ".18g")


def write_params_text(params: Iterable[Parameter], system_id: int, component_id: int = 1,
                      heading: str = "") -> str:
    lines = [f"# Onboard parameters for Vehicle {system_id}", "#"]
    if heading:
        lines += [f"# {heading}", "#"]
    lines.append("# Vehicle-Id Component-Id Name Value Type")
    for p in sorted(params, key=lambda p: p.name):
        lines.append(f"{system_id}\t{component_id}\t{p.name}\t{format_value(p)}\t{p.type}")
    return "\n".join(lines) + "\n"


def write_params(path: str | Path, params: Iterable[Parameter], system_id: int, component_id: int = 1,
                 heading: str = "") -> None:
    Path(path).write_text(write_params_text(params, system_id, component_id, heading), encoding="utf-8")


def read_params_text(text: str) -> list[ParamFileEntry]:
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise ParamFileError(f"line {number}: expected 5 tab-separated fields "
                                 f"(Vehicle-Id Component-Id Name Value Type), got {len(fields)}")
        sys_id, comp_id, name, value, type_text = (f.strip() for f in fields)
        try:
            system_id, component_id, param_type = int(sys_id), int(comp_id), int(type_text)
        except ValueError:
            raise ParamFileError(f"line {number}: vehicle id, component id and type must be whole numbers") from None
        if param_type not in TYPE_NAMES:
            raise ParamFileError(f"line {number}: {name}: unknown parameter type {param_type}")
        if not 0 < len(name.encode()) <= 16:
            raise ParamFileError(f"line {number}: parameter name {name!r} must be 1 to 16 characters")
        try:
            number_value: int | float = float(value)
        except ValueError:
            raise ParamFileError(f"line {number}: {name}: value {value!r} is not a number") from None
        if param_type not in FLOAT_TYPES:
            if not number_value.is_integer():
                raise ParamFileError(f"line {number}: {name}: {value} is not a whole number "
                                     f"as type {TYPE_NAMES[param_type]} needs")
            number_value = int(number_value)
        entries.append(ParamFileEntry(system_id, component_id, Parameter(name, number_value, param_type)))
    if not entries:
        raise ParamFileError("no parameters in the file (is it a QGroundControl .params file?)")
    return entries


def read_params(path: str | Path) -> list[ParamFileEntry]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParamFileError(f"cannot read parameter file {path}: {exc}") from None
    return read_params_text(text)
