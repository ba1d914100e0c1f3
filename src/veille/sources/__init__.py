"""Read documents from files, folders and JSON Lines into `RawDoc` records."""

from veille.sources.decoding import BinaryContent, Decoded, decode_bytes
from veille.sources.files import read_paths

__all__ = ["BinaryContent", "Decoded", "decode_bytes", "read_paths"]
