"""`veille eval`: score extraction and cleaning against a gold set, in process."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from veille.cli.common import CliError, user_errors
from veille.cli.documents import cleaned
from veille.evaluation import score
from veille.records import Rejected


def evaluate(
    set_dir: Annotated[
        Path,
        typer.Argument(
            help="a gold set folder: texts/, claims.gold.jsonl, docs.gold.jsonl",
            exists=True,
            file_okay=False,
        ),
    ],
    show_errors: Annotated[
        int, typer.Option(min=0, help="list up to N false positives and N false negatives")
    ] = 0,
    gold: Annotated[
        Path | None,
        typer.Option(
            help="read claims.gold.jsonl and docs.gold.jsonl from this folder instead "
            "(for a set whose texts are kept apart from its gold, like real-dev)",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    min_f1: Annotated[
        float | None, typer.Option(help="exit 1 when the claims F1 is below this")
    ] = None,
) -> None:
    """Score claims (P/R/F1 overall and per metric) and cleaned documents on a gold set.

    SET_DIR holds texts/ (the articles), claims.gold.jsonl and docs.gold.jsonl,
    laid out like eval/dev/ (see eval/SCHEMA.md). With --gold, the gold files
    come from that folder and only the documents whose texts exist are scored.

    Example: veille eval eval/dev --show-errors 10 --min-f1 0.6
    """
    with user_errors():
        gold_dir = gold or set_dir
        layout = [set_dir / "texts", gold_dir / "claims.gold.jsonl", gold_dir / "docs.gold.jsonl"]
        missing = [str(path) for path in layout if not path.exists()]
        if missing:
            raise CliError(f"not a gold set folder: missing {', '.join(missing)}")
        try:
            claims, docs = _score(set_dir / "texts", gold_dir, show_errors)
        except score.InputError as err:
            raise CliError(str(err)) from None
    if as_json:
        typer.echo(json.dumps({"claims": claims, "docs": docs}, ensure_ascii=False))
    else:
        typer.echo("\n".join([*score.render_claims(claims), "", *score.render_docs(docs)]))
    if min_f1 is not None and claims["f1"] < min_f1:
        typer.echo(f"claims F1 {claims['f1']:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(1)


def _score(texts: Path, gold_dir: Path, show_errors: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run cleaning and extraction on `texts`, then the vendored scorer.

    Gold documents whose text is missing (a re-created set that lost one) are
    left out, with a warning, rather than counted as misses.
    """
    from veille.extract import extract_claims

    with tempfile.TemporaryDirectory(prefix="veille-eval-") as scratch:
        claims_path, docs_path = Path(scratch, "claims.jsonl"), Path(scratch, "docs.jsonl")
        with (
            claims_path.open("w", encoding="utf-8") as out_claims,
            docs_path.open("w", encoding="utf-8") as out_docs,
        ):
            for item in cleaned([texts]):
                if isinstance(item, Rejected):
                    typer.echo(f"skipped: {item.uri}: {item.reason}", err=True)
                    continue
                out_docs.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
                for claim in extract_claims(item):
                    out_claims.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")
        present = {path.name for path in texts.iterdir()}
        gold_docs = score.load_docs(gold_dir / "docs.gold.jsonl", gold=True)
        absent = sorted(doc for doc in gold_docs if doc not in present)
        if absent:
            typer.echo(f"not scored (no text): {', '.join(absent)}", err=True)
        gold_docs = {doc: row for doc, row in gold_docs.items() if doc in present}
        gold_claims = score.load_claims(gold_dir / "claims.gold.jsonl", gold=True)
        claims = score.score_claims(
            [claim for claim in gold_claims if claim.doc in present],
            score.load_claims(claims_path, gold=False),
            show_errors,
            list(gold_docs),
        )
        docs = score.score_docs(gold_docs, score.load_docs(docs_path, gold=False))
    claims["thresholds_failed"] = []  # the render functions expect the key
    docs["thresholds_failed"] = []
    return claims, docs
