"""aap-parser: the French foreign ministry's decentralised-cooperation laureate lists as data.

``parse(path)`` reads an announcement (PDF or text) and returns a validated
:class:`Announcement`; ``parse_text(text)`` does the same for a string; ``review(announcement,
data)`` draws it over its pages as one HTML page. The pipeline's
modules are imported on first use, so that ``import aap_parser`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aap_parser.errors import (
    AapParseError,
    EncryptedPdfError,
    InputError,
    NoTableError,
    NoTextLayerError,
    StrictModeError,
    TooLargeError,
)

if TYPE_CHECKING:
    from aap_parser.api import parse, parse_text
    from aap_parser.batch import parse_many
    from aap_parser.grid import ParseWarning, WarningCode
    from aap_parser.models import Announcement, Laureate, Lead, Partner
    from aap_parser.visual import review

__all__ = [
    "AapParseError", "Announcement", "EncryptedPdfError", "InputError", "Laureate", "Lead",
    "NoTableError", "NoTextLayerError", "ParseWarning", "Partner", "StrictModeError",
    "TooLargeError", "WarningCode", "parse", "parse_many", "parse_text",
    "review",
]
__version__ = "0.1.0"

_LAZY = {
    "Announcement": "aap_parser.models",
    "Laureate": "aap_parser.models",
    "Lead": "aap_parser.models",
    "Partner": "aap_parser.models",
    "ParseWarning": "aap_parser.grid",
    "WarningCode": "aap_parser.grid",
    "parse": "aap_parser.api",
    "parse_text": "aap_parser.api",
    "parse_many": "aap_parser.batch",
    "review": "aap_parser.visual",
}


def __getattr__(name: str) -> Any:
    """Import a module on first use of a name listed in ``_LAZY`` (``parse``, the models...):
    the command line imports only what its run needs, e.g. not the models before its
    cycle collector is set (see ``aap_parser.__main__``)."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'aap_parser' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
