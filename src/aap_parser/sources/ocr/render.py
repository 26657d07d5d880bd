"""Render one PDF page to grey pixels and straighten it: the OCR reader's bitmap.

Pages are rendered one at a time and dropped after use, so memory stays flat over long scans.
The skew is found from the rows of ink: on a straight page, ink concentrates on text lines and
rules, so the profile of dark pixels along the vertical is sharpest at the right angle.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image

Grey = NDArray[np.uint8]
"""A page bitmap: one byte per pixel, 0 black, 255 white, rows top to bottom."""

MAX_SKEW = 2.0
"""Largest skew looked for, in degrees either way (scanners feed pages nearly straight)."""
COARSE_STEP, FINE_STEP = 0.2, 0.02
"""Steps of the skew search, in degrees: a coarse sweep, then a fine one around its best."""
PROBE_DPI = 100
"""Resolution of the reduced bitmap the skew is measured on (fast, and precise enough)."""


def render(page: Any, dpi: int) -> Grey:
    """The page (a pypdfium2 page) as a grey bitmap at ``dpi``."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        return np.asarray(bitmap.to_pil().convert("L"), dtype=np.uint8).copy()
    finally:
        bitmap.close()


def ink_threshold(grey: Grey) -> int:
    """Otsu's threshold of the bitmap: grey levels at or below it are ink."""
    hist = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    background = total - weights
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (means[-1] * weights - means * total) ** 2 / (weights * background)
    between[~np.isfinite(between)] = 0.0
    return int(np.argmax(between))


def skew_angle(grey: Grey, dpi: int) -> float:
    """The page's skew in degrees (counter-clockwise positive), within ``MAX_SKEW``."""
    step = max(1, round(dpi / PROBE_DPI))
    small = grey[::step, ::step]
    ys, xs = np.nonzero(small <= ink_threshold(small))
    if len(xs) < 100:
        return 0.0
    xs_c = xs.astype(np.float64) - small.shape[1] / 2

    def sharpness(angle: float) -> float:
        rows = np.round(ys - xs_c * np.tan(np.radians(angle))).astype(np.int64)
        profile = np.bincount(rows - rows.min())
        return float(np.dot(profile, profile))

    def best(angles: NDArray[np.float64]) -> float:
        """The middle of the angles that score highest (a flat top is centred, not cut)."""
        scores = np.array([sharpness(a) for a in angles])
        return float(np.median(angles[scores >= scores.max() * (1 - 1e-9)]))

    # Rows grow downwards, so a line turned counter-clockwise climbs: its row falls with x.
    coarse = best(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP))
    return -best(np.arange(coarse - COARSE_STEP, coarse + COARSE_STEP + 1e-9, FINE_STEP))


def straighten(grey: Grey, angle: float) -> Grey:
    """The bitmap turned by ``-angle`` about its centre, new corners white."""
    if abs(angle) < FINE_STEP / 2:
        return grey
    image = Image.fromarray(grey).rotate(
        -angle, resample=Image.Resampling.BILINEAR, fillcolor=255
    )
    return np.asarray(image, dtype=np.uint8).copy()
