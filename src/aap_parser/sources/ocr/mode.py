"""When pages are read by OCR (kept apart so that importing it loads no image library)."""

from typing import Literal

OcrMode = Literal["auto", "always", "never"]
"""Pages without text (auto), every page (always), or none (never)."""

OCR_MODES: tuple[OcrMode, ...] = ("auto", "always", "never")
