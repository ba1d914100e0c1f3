"""`--help` with plain metavars: `--year YEAR`, `PATH...`, not `<int>` or `{paths}...`.

Typer labels each option with its Python type (`<str>`, `<bool>`,
`<list[Path]>`), which tells a reader nothing about what to type. These
command classes give every parameter that has no metavar of its own a plain
one, the way Unix manuals write them.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup

# Named where the parameter's own name would not say what to type.
METAVARS = {"db": "URL", "workers": "N", "paths": "PATH", "set_dir": "DIR", "as_of": "DATE"}


def plain_metavar(param: Any) -> str:
    """`URL`, `YEAR`, `table|jsonl|csv`; empty for a flag, which takes no value."""
    if getattr(param, "is_flag", False):
        return ""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and descriptor.is_choice and descriptor.choices:
        return "|".join(str(getattr(choice, "value", choice)) for choice in descriptor.choices)
    name = param.name or "value"
    return METAVARS.get(name, name.upper())


def _with_plain_metavars(params: list[Any]) -> list[Any]:
    for param in params:
        if param.metavar is None:
            param.metavar = plain_metavar(param)
        if isinstance(param, TyperArgument):  # its metavar already names it: no type column
            param.display_type_rich = _no_type  # type: ignore[method-assign]
    return params


def _no_type(ctx: Any) -> None:
    return None


class PlainHelpCommand(TyperCommand):
    """A command whose help and usage line show plain metavars."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _with_plain_metavars(super().get_params(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = (param.metavar or "") + ("..." if param.nargs != 1 else "")
                pieces.append(name if param.required else f"[{name}]")
        return pieces


class PlainHelpGroup(TyperGroup):
    """The application: its own options (`--version`) shown without a type either."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _with_plain_metavars(super().get_params(ctx))
