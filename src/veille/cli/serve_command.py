"""`veille serve`: the web app and REST API over a database, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from veille.cli.common import DEFAULT_DB, DbOption, user_errors


def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="port to listen on")] = 8000,
    max_upload_mb: Annotated[
        float, typer.Option(min=0.001, help="largest upload accepted, in MB (1 MB = 10^6 bytes)")
    ] = 5.0,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="VEILLE_TOKEN",
            help="every write (upload) needs this token; reading never does",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the web pages and the REST API over the database.

    Pages: search, organisations with their charts, articles with every claim
    highlighted in the text, conflicts, promises and an upload form. The JSON
    API is under /api/, its reference at /api/docs. Listens on 127.0.0.1 unless
    told otherwise. Before opening it to a network, set a token (--token or
    VEILLE_TOKEN): uploads then need it, reading does not (README: Serving a team).

    Example: VEILLE_TOKEN=$(openssl rand -hex 32) veille serve --db veille.db --port 8000
    """
    import uvicorn

    from veille.web import WebSettings, create_app

    with user_errors():
        settings = WebSettings(max_upload_bytes=int(max_upload_mb * 1_000_000), token=token or None)
        app = create_app(db, settings)
    writes = (
        "uploads need the token"
        if token
        else "no token: anyone who reaches it may upload; README: Serving a team"
    )
    typer.echo(f"veille: serving on http://{host}:{port}/ ({writes}; Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
