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
) -> None:
    """Serve the web pages and the REST API over the database.

    Pages: search, organisations with their charts, articles with every claim
    highlighted in the text, conflicts, promises and an upload form. The JSON
    API is under /api/, its reference at /api/docs. Listens on 127.0.0.1 unless
    told otherwise: there is no login, so think before opening it to a network.

    Example: veille serve --db veille.db --port 8000
    """
    import uvicorn

    from veille.web import WebSettings, create_app

    with user_errors():
        settings = WebSettings(max_upload_bytes=int(max_upload_mb * 1_000_000))
        app = create_app(db, settings)
    typer.echo(f"veille: serving on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
