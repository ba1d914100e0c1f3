"""Upload sizes and file types come from `sources.files`, the rules `veille ingest` follows."""

from __future__ import annotations

from veille.sources import files
from veille.web import upload


def test_upload_shares_the_readers_size_wording_and_file_types() -> None:
    # One implementation each: an upload refused for size reads like an ingest refusal.
    assert upload.megabytes is files.megabytes
    assert upload.MEDIA_TYPES is files.MEDIA_TYPES
    refused = upload.too_large(25_300_000, 20_000_000)
    assert refused.status_code == 413
    assert refused.message == "upload too large (25.3 MB > 20 MB limit)"
