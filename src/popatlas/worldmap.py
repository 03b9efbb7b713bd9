"""The world map's shapes: Natural Earth countries projected by tools/world-map.mjs (committed as
data/world-map.json), each matched to its ISO 3166-1 code so it can link to its help card."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry


@dataclass(frozen=True)
class Shape:
    code: str   # ISO 3166-1 alpha-2, or "" for a territory with no code (N. Cyprus, Somaliland)
    name: str   # Natural Earth's English name, for messages; pages use CLDR names
    d: str      # SVG path data, in whole pixels


@dataclass(frozen=True)
class WorldMap:
    source: str
    width: int
    height: int
    shapes: tuple[Shape, ...]


# Natural Earth gives Kosovo no ISO number; XK is the code phone metadata and CLDR use for it.
_BY_NAME = {"Kosovo": "XK"}


def _code(numeric: str | None, name: str) -> str:
    if numeric:
        country = pycountry.countries.get(numeric=numeric)
        if country is not None:
            return country.alpha_2
    return _BY_NAME.get(name, "")


@cache
def world_map() -> WorldMap:
    data = json.loads(resources.files("popatlas").joinpath("data/world-map.json").read_text(encoding="utf-8"))
    shapes = tuple(Shape(_code(c["numeric"], c["name"]), c["name"], c["d"]) for c in data["countries"])
    return WorldMap(data["source"], data["width"], data["height"], shapes)
