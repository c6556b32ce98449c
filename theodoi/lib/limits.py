"""Upload limits: the defaults, defined once.

`settings.MAX_UPLOAD_BYTES` (from `MAX_UPLOAD_MB`) is what the apps enforce; it defaults
to `DEFAULT_MAX_UPLOAD_BYTES`. Plain Python, so the extractor's readers share the default.
"""

MB = 1024 * 1024
# Documents, task tables and evidence files alike: a real one is well under this.
DEFAULT_MAX_UPLOAD_BYTES = 20 * MB
# What the files inside an uploaded DOCX/XLSX/ODF archive may inflate to, all together,
# counted on the bytes actually decompressed (declared sizes can lie).
MAX_ARCHIVE_INFLATED_BYTES = 200 * MB
MAX_ARCHIVE_MEMBERS = 10_000


def megabytes(size: int) -> str:
    """20971520 → "20"; 1572864 → "1.5" (as limits and sizes are shown)."""
    return f"{size / MB:.3g}"
