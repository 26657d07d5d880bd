"""aap-parser: the French foreign ministry's decentralised-cooperation laureate lists as data."""

from aap_parser.errors import AapParseError
from aap_parser.models import Announcement, Laureate, Lead, Partner

__all__ = ["AapParseError", "Announcement", "Laureate", "Lead", "Partner"]
__version__ = "0.1.0"
