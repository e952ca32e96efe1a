"""Detector registry: one module per failure pattern, found by its `pattern` id.

Item detectors run in `ORDER`, since the conventions of patterns.md let some patterns exclude others
(a bare deferral is selective_rectification, not vague_measure; a slogan-only answer to a systemic
problem is vague_measure, not no_institution_building).
"""

import functools
import importlib
import pkgutil

from analyzer.detectors.base import Detector

ORDER = (
    "selective_rectification",
    "paper_only_fix",
    "verbal_only_accountability",
    "lenient_on_serious",
    "responsibility_pushed_down",
    "named_only",
    "blame_shifting",
    "vague_measure",
    "no_institution_building",
    "self_exemption",
)


@functools.cache
def _discover() -> dict[str, type[Detector]]:
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base":
            importlib.import_module(f"{__name__}.{module.name}")
    return {cls.pattern: cls for cls in Detector.__subclasses__()}


def all_detectors() -> list[Detector]:
    """One instance of every detector, in the order the conventions need."""
    classes = _discover()
    return [classes[pattern]() for pattern in ORDER if pattern in classes]
