"""The web app and REST API over a veille database: `create_app(db_url)`, run by `veille serve`."""

from veille.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
