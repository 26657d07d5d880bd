"""Bracket depth along a cell's text: separators inside parentheses never split a cell."""

from __future__ import annotations


def bracket_depths(text: str) -> list[int]:
    """The parenthesis (or square bracket) depth after each character of ``text``."""
    if "(" not in text and "[" not in text:
        return [0] * len(text)  # nothing opens: the common case of a name, read at once
    depth = 0
    out: list[int] = []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        out.append(depth)
    return out
