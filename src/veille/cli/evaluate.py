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
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    min_f1: Annotated[
        float | None, typer.Option(help="exit 1 when the claims F1 is below this")
    ] = None,
) -> None:
    """Score claims (P/R/F1 overall and per metric) and cleaned documents on a gold set.

    SET_DIR holds texts/ (the articles), claims.gold.jsonl and docs.gold.jsonl,
    laid out like eval/dev/ (see eval/SCHEMA.md).

    Example: veille eval eval/dev --show-errors 10 --min-f1 0.6
    """
    with user_errors():
        layout = [set_dir / "texts", set_dir / "claims.gold.jsonl", set_dir / "docs.gold.jsonl"]
        missing = [str(path) for path in layout if not path.exists()]
        if missing:
            raise CliError(f"not a gold set folder: missing {', '.join(missing)}")
        try:
            claims, docs = _score(set_dir, show_errors)
        except score.InputError as err:
            raise CliError(str(err)) from None
    if as_json:
        typer.echo(json.dumps({"claims": claims, "docs": docs}, ensure_ascii=False))
    else:
        typer.echo("\n".join([*score.render_claims(claims), "", *score.render_docs(docs)]))
    if min_f1 is not None and claims["f1"] < min_f1:
        typer.echo(f"claims F1 {claims['f1']:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(1)


def _score(set_dir: Path, show_errors: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run cleaning and extraction on SET_DIR/texts, then the vendored scorer."""
    from veille.extract import extract_claims

    with tempfile.TemporaryDirectory(prefix="veille-eval-") as scratch:
        claims_path, docs_path = Path(scratch, "claims.jsonl"), Path(scratch, "docs.jsonl")
        with (
            claims_path.open("w", encoding="utf-8") as out_claims,
            docs_path.open("w", encoding="utf-8") as out_docs,
        ):
            for item in cleaned([set_dir / "texts"]):
                if isinstance(item, Rejected):
                    typer.echo(f"skipped: {item.uri}: {item.reason}", err=True)
                    continue
                out_docs.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
                for claim in extract_claims(item):
                    out_claims.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")
        gold_docs = score.load_docs(set_dir / "docs.gold.jsonl", gold=True)
        claims = score.score_claims(
            score.load_claims(set_dir / "claims.gold.jsonl", gold=True),
            score.load_claims(claims_path, gold=False),
            show_errors,
            list(gold_docs),
        )
        docs = score.score_docs(gold_docs, score.load_docs(docs_path, gold=False))
    claims["thresholds_failed"] = []  # the render functions expect the key
    docs["thresholds_failed"] = []
    return claims, docs
