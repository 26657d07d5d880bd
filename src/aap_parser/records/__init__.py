"""The records stage: partner and co-lead cells split into the items a laureate holds."""
