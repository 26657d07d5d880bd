"""The layout stage: column roles, header rows, carry-over and page stitching."""

from aap_parser.layout.tables import LaidOutRow, LaidOutTable, Layout, lay_out

__all__ = ["LaidOutRow", "LaidOutTable", "Layout", "lay_out"]
