"""OCR source: image-only PDF pages read into the same glyphs and rules as a text layer.

``page.scanner`` is the entry point; importing this package loads no image library (the PDF
reader imports the OCR modules only when a page needs them).
"""
