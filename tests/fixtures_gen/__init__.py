"""Fixture generator: announcement specs rendered as PDF and text, with their expected records."""
