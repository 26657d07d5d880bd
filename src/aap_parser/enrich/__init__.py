"""Enrichment: official codes (INSEE region/département/commune, EPCI SIREN) for printed names.

The geographic table is loaded on the first lookup, never at import time.
"""

from aap_parser.enrich.geodata import DataVintage, data_vintage
from aap_parser.enrich.leads import LeadMatch, classify_lead
from aap_parser.enrich.regions import RegionMatch, is_region_name, match_region, region_code

__all__ = [
    "DataVintage",
    "LeadMatch",
    "RegionMatch",
    "classify_lead",
    "data_vintage",
    "is_region_name",
    "match_region",
    "region_code",
]
