"""Draw a review page in headless Chromium: the screenshot in docs/ and the browser test.

Usage: ``python scripts/review_screenshot.py [INPUT] [-o docs/review.png]`` (default: the
Word-exported sample). Needs Debian's ``chromium``; Chromium runs without network, sync or
a shared profile, so the page shows only what it embeds.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from aap_parser import parse, review

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests" / "fixtures" / "samples" / "seed-000-r1.docx-lo.pdf"
WINDOW = (1400, 900)


def find_chromium() -> str | None:
    """The Chromium executable on PATH, if any."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(page: Path, profile: Path, *action: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local page with a fresh profile; ``action`` is e.g.
    ``--screenshot=FILE`` or ``--dump-dom``."""
    executable = find_chromium()
    if executable is None:
        raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
    return subprocess.run(
        [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={profile}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            "--virtual-time-budget=5000",
            *action,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def main() -> None:
    """Review the input and save a screenshot of the page."""
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("input", nargs="?", type=Path, default=SAMPLE)
    options.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "review.png")
    args = options.parse_args()
    data = args.input.read_bytes()
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "review.html"
        page.write_text(review(parse(data), data, name=args.input.name), encoding="utf-8")
        chromium(page, Path(work) / "profile", f"--screenshot={args.output.resolve()}")
    print(args.output)


if __name__ == "__main__":
    main()
