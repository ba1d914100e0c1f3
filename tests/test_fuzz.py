"""Generated hostile input (Hypothesis): no exception, no non-finite figure, every rejection
has a reason.

The generators mix the pieces that have broken things before (digit groups of
any length, scale words on long numbers, signs, lone surrogates, NUL, deep
JSON, huge integers) with arbitrary text. Examples are derandomized, so a run
is repeatable, and bounded, so the suite stays fast; set `VEILLE_FUZZ=N` to run
N examples per test instead.
"""

from __future__ import annotations

import json
import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.clean import CleanError, clean_with_stats
from veille.extract.quantities import find_quantities, implausible
from veille.records import RawDoc, Rejected
from veille.sources import read_paths

EXAMPLES = int(os.environ.get("VEILLE_FUZZ", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

PIECES = [
    "500", "000", "1.600", "340'000", "56,400", "3,5", "1 200", "9" * 400, "9" * 5000,
    "1e308", "milliards", "milliard", "MMDH", "MDH", "bn", "million", "millions", "mille",
    "trois", "un", "une cinquantaine", "quatre véhicules sur dix", "le millionième",
    "-", "+", "−", "%", "€", "$", "DH", "dirhams", "emplois", "véhicules", "voitures",
    "jobs", "vehicles", "Renault", "Stellantis", "à", "Tanger", "en", "2025", "d'ici",
    "plus de", "environ", "capacité", "production", "exportations", "investissement",
    ".", ",", "\n", "\n\n", "\u00a0", "\u202f", "\ud800", "\x00", "\ufeff", "<p>", "</p>",
    "<script>", "javascript:", "=cmd", "@SUM(1)",
]  # fmt: skip
words = st.one_of(st.sampled_from(PIECES), st.text(max_size=8))
sentences = st.lists(words, max_size=40).map(" ".join)


@FUZZ
@given(sentences, st.sampled_from([None, "fr", "en"]))
def test_quantity_parser_never_raises_nor_returns_a_non_finite_value(
    sentence: str, language: str | None
) -> None:
    for quantity in find_quantities(sentence, language=language):
        assert math.isfinite(quantity.value), (sentence, quantity)
        reason = implausible(quantity)
        assert reason is None or reason.strip(), quantity  # a rejection names its reason


@FUZZ
@given(sentences, st.sampled_from(["text/plain", "text/html"]))
def test_cleaner_gives_an_article_or_a_reason(text: str, media_type: str) -> None:
    content = f"<html><body><p>{text}</p></body></html>" if media_type == "text/html" else text
    raw = RawDoc(id="fuzz", uri="fuzz", content=content, media_type=media_type)  # type: ignore[arg-type]
    try:
        article, drops = clean_with_stats(raw)
    except CleanError as err:
        assert str(err).strip()
        return
    assert all(reason.strip() for reason in drops)
    assert all(paragraph.strip() for paragraph in article.paragraphs)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.integers()
    | sentences,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=20), st.integers(), json_values),
        "text": st.one_of(sentences, json_values),
        "html": st.one_of(sentences.map(lambda s: f"<p>{s}</p>"), json_values),
        "url": st.one_of(
            st.sampled_from(["https://a.example/x", "javascript:alert(1)"]), st.text(max_size=20)
        ),
        "title": st.one_of(sentences, json_values),
        "published": st.one_of(st.text(max_size=12), json_values),
    },
)
lines = st.one_of(
    records.map(json.dumps),
    records.map(lambda record: json.dumps(record, ensure_ascii=False)),
    st.sampled_from(
        [
            '{"id": "n", "text": "x", "n": ' + "9" * 4400 + "}",
            '{"text": "a \\ud800 b \\udfff"}',
            "[" * 5000,
            '{"text": NaN}',
            '{"text": "x", "id": 1e999}',
            "",
            "\x00\x01\x02",
        ]
    ),
    st.text(max_size=40),
)


@FUZZ
@given(st.lists(lines, max_size=6), st.binary(max_size=20))
def test_jsonl_reader_gives_documents_or_reasons(
    tmp_path_factory: pytest.TempPathFactory, feed_lines: list[str], tail: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "feed.jsonl"
    data = "\n".join(feed_lines).encode("utf-8", errors="surrogatepass") + b"\n" + tail
    path.write_bytes(data)
    for item in read_paths([path], max_bytes=4096):
        if isinstance(item, Rejected):
            assert item.reason.strip()
        else:
            item.content.encode("utf-8")  # storable: no lone surrogate survives
            assert item.content.strip()
            url = item.metadata.get("url")
            assert url is None or url.lower().startswith(("http://", "https://"))
