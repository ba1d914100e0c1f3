"""veille's settings, declared once: name, default, environment variable, help.

The CLI builds its options from this table, so a setting's default and help
read the same everywhere (datasette's SETTINGS).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    envvar: str
    help: str


SETTINGS: dict[str, Setting] = {
    setting.name: setting
    for setting in (
        Setting(
            "db",
            "sqlite:///veille.db",
            "VEILLE_DB",
            "database URL (sqlite:///file.db, postgresql://...) or a SQLite file path",
        ),
    )
}
