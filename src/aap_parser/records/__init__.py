"""The records stage: text functions turning cell strings into record values."""
