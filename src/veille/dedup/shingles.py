"""MinHash signatures of article texts: what makes two articles copies of one story.

A wire dispatch republished by ten sites keeps most of its wording but gains a
new header, a reworded sentence or a different footer, so its hash changes
while most of its five-word runs ("shingles") stay. The Jaccard similarity of
two articles' shingle sets measures that overlap; a MinHash signature of 128
numbers estimates it in constant space, and an LSH index finds the signatures
likely to be close without comparing every pair.

This module is pure (text in, signature out) and imports nothing from the
store, so the store can call it while writing an article.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from veille.resolve.folding import fold_loose

if TYPE_CHECKING:  # datasketch and numpy cost 0.6 s to import: loaded when a signature is made
    from datasketch import LeanMinHash

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2's default, named so a stored signature stays readable
# Stored next to each signature: a signature made another way is not comparable.
SKETCH = f"minhash-{SCHEME}-{NUM_PERM}p-seed{SEED}-{SHINGLE_WORDS}w"

_WORD = re.compile(r"\w+")


def folded_words(text: str) -> list[str]:
    """The words of `text` without case or accents: `Kénitra` and `KENITRA` are one word."""
    return _WORD.findall(fold_loose(text))


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The runs of `size` consecutive words of `text`.

    A text shorter than `size` words is one shingle of all its words, so a
    headline-only article still has a signature that only its copies match.
    """
    words = folded_words(text)
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@cache
def _permutations() -> Any:
    """The permutations every signature shares; drawing them costs 2 ms a MinHash."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> LeanMinHash:
    """The MinHash signature of the text's shingle set."""
    from datasketch import LeanMinHash, MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    sketch.update_batch([shingle.encode("utf-8") for shingle in sorted(shingles(text))])
    return LeanMinHash(sketch)


def signature_bytes(sketch: LeanMinHash) -> bytes:
    """A signature as 512 bytes (128 little-endian 32-bit values) for a binary column."""
    import numpy as np

    return np.asarray(sketch.hashvalues, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> LeanMinHash:
    """The signature `signature_bytes` wrote."""
    import numpy as np
    from datasketch import LeanMinHash

    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def similarity(first: LeanMinHash, second: LeanMinHash) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (0 to 1)."""
    return float(first.jaccard(second))
