"""Run the Tesseract command line on page bitmaps and read its hOCR: words, boxes, confidences.

The command line rather than a wrapper library: pytesseract also writes temporary files and
runs the same program, but gives no way to feed many images to one run (the language model
loads once per run, which costs about as much as reading a page). hOCR rather than TSV: it
also gives each line's baseline and size, which the PDF reader's line building needs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aap_parser.errors import InputError

if TYPE_CHECKING:
    from aap_parser.sources.ocr.render import Grey

INSTALL_HINT = "install Tesseract: apt-get install tesseract-ocr tesseract-ocr-fra"
"""The one-line install hint given wherever Tesseract is needed and missing."""

_TITLE_FIELD = re.compile(r"(\w+) ([^;]*)")
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_textfloat", "ocr_caption"}


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One recognised word: box in pixels of its image, its line's baseline and size."""

    text: str
    confidence: float
    """Tesseract's word confidence, 0-100."""
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    """Where the word's line baseline crosses the word's middle, in pixels."""
    line_size: float
    """The line's height from baseline to ascenders, in pixels (hOCR ``x_size``)."""
    line: int
    """Index of the word's line in its image (words of one line share it)."""


def tesseract_path() -> str | None:
    """The Tesseract program, or None when it is not installed."""
    return shutil.which("tesseract")


def languages() -> set[str]:
    """The language models Tesseract has installed (empty without Tesseract)."""
    program = tesseract_path()
    if program is None:
        return set()
    done = subprocess.run(
        [program, "--list-langs"], capture_output=True, text=True, check=False, timeout=60
    )
    return {line.strip() for line in done.stdout.splitlines()[1:] if line.strip()}


def _fields(title: str) -> dict[str, list[float]]:
    """An hOCR ``title`` attribute's numeric fields (``bbox 1 2 3 4; x_wconf 96``)."""
    out: dict[str, list[float]] = {}
    for name, values in _TITLE_FIELD.findall(title):
        try:
            out[name] = [float(v) for v in values.split()]
        except ValueError:
            continue  # a quoted file name ("image ...")
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_hocr(text: str, images: int) -> list[list[OcrWord]]:
    """Words of each image, in Tesseract's reading order, from an hOCR document."""
    out: list[list[OcrWord]] = [[] for _ in range(images)]
    root = ET.fromstring(text)
    page_index = -1
    line_index = 0
    for page in root.iter():
        if page.get("class") != "ocr_page":
            continue
        page_index += 1
        if page_index >= images:
            break
        for line in page.iter():
            if line.get("class") not in _LINE_CLASSES:
                continue
            line_index += 1
            fields = _fields(line.get("title", ""))
            x0, _, _, y1 = fields.get("bbox", [0, 0, 0, 0])
            slope, offset = (fields.get("baseline") or [0.0, 0.0])[:2]
            size = (fields.get("x_size") or [0.0])[0]
            for word in line:
                if _local(word.tag) != "span" or word.get("class") != "ocrx_word":
                    continue
                word_text = "".join(word.itertext()).strip()
                box = _fields(word.get("title", "")).get("bbox")
                if not word_text or not box:
                    continue
                middle = (box[0] + box[2]) / 2
                out[page_index].append(
                    OcrWord(
                        text=word_text,
                        confidence=(_fields(word.get("title", "")).get("x_wconf") or [0.0])[0],
                        x0=box[0],
                        top=box[1],
                        x1=box[2],
                        bottom=box[3],
                        baseline=y1 + offset + slope * (middle - x0),
                        line_size=size,
                        line=line_index,
                    )
                )
    return out


def recognise(
    images: Sequence[Grey], *, lang: str, dpi: int, psm: int, timeout: float | None = None
) -> list[list[OcrWord]]:
    """The words Tesseract reads on each image, all images in one run of the program."""
    program = tesseract_path()
    if program is None:
        raise InputError(f"Tesseract is not installed: {INSTALL_HINT}")
    if not images:
        return []
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="aap-ocr-") as folder:
        paths = []
        for index, image in enumerate(images):
            path = Path(folder) / f"{index:04d}.pgm"
            Image.fromarray(image).save(path)
            paths.append(str(path))
        if len(paths) == 1:
            source = paths[0]
        else:
            source = str(Path(folder) / "images.txt")
            Path(source).write_text("\n".join(paths) + "\n", encoding="utf-8")
        command = [program, source, "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(dpi)]
        env = os.environ | {"OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(
                [*command, "hocr"], capture_output=True, check=False, timeout=timeout, env=env
            )
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"OCR took longer than {timeout:g} s on one page") from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else "tesseract exited with an error"
        raise InputError(f"OCR failed: {reason}")
    try:
        return parse_hocr(done.stdout.decode("utf-8", "replace"), len(images))
    except ET.ParseError as exc:
        raise InputError("OCR failed: unreadable hOCR output from tesseract") from exc
