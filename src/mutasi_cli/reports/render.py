"""HTML reports from Jinja2 templates (DESIGN.md section 4): offline, printable, localised.

Templates are looked up in ``--template-dir`` first, then in the packaged ``templates/`` folder,
so an office can override one template and inherit the rest (``{% extends "base.html.j2" %}``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape

from mutasi_cli.errors import MutasiError
from mutasi_cli.i18n import t
from mutasi_cli.io.write import atomic_path
from mutasi_cli.reports.format import format_date, format_number, format_pct
from mutasi_cli.reports.sandbox import TemplateSandbox, failure
from mutasi_cli.reports.sandbox import render as bounded_render


def templates_dir() -> Path:
    """The packaged templates (wheel: ``mutasi_cli/templates``; source tree: ``templates/``)."""
    packaged = resources.files("mutasi_cli") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "templates"


# A report template is a few KB (the packaged ones 4-8 KB); Jinja reads and compiles one whole,
# so a template from --template-dir above this is refused unread.
TEMPLATE_MAX_BYTES = 1 << 20


class _Loader(FileSystemLoader):
    """A file loader that refuses a template above :data:`TEMPLATE_MAX_BYTES` before reading
    it (an ``{% include %}`` passes here too)."""

    def get_source(self, environment: Environment, template: str) -> tuple:
        for folder in self.searchpath:  # the file the loader will read: the first found
            path = Path(folder) / template
            if path.is_file():
                if path.stat().st_size > TEMPLATE_MAX_BYTES:
                    size = path.stat().st_size / (1 << 20)
                    raise TemplateError(f"{size:,.0f} MB (a report template is a few KB)")
                break
        return super().get_source(environment, template)


def environment(template_dir: Path | None = None, lang: str = "id") -> Environment:
    """A strict, autoescaping environment with the localised filters and ``t``. Sandboxed and
    bounded (:class:`~mutasi_cli.reports.sandbox.TemplateSandbox`): a template from
    ``--template-dir`` (a file passed between offices) reached Python's classes through
    ``"".__class__.__mro__``, so it could run any code, and could ask for any memory."""
    search = [str(template_dir)] if template_dir is not None else []
    env = TemplateSandbox(
        loader=_Loader([*search, str(templates_dir())]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(("html", "html.j2", "htm", "xml", "svg")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["id_number"] = functools.partial(_number, lang=lang)
    env.filters["id_date"] = functools.partial(format_date, lang=lang)
    env.filters["pct"] = functools.partial(_pct, lang=lang)
    env.globals["t"] = functools.partial(t, lang=lang)
    env.globals["lang"] = lang
    return env


def _number(value: object, digits: int | None = None, *, lang: str) -> str:
    return format_number(value, lang, digits)


def _pct(value: object, digits: int = 1, *, lang: str) -> str:
    return format_pct(value, lang, digits)


def render_html(
    template_name: str,
    context: Mapping[str, object],
    *,
    template_dir: Path | None = None,
    lang: str = "id",
) -> str:
    """Render ``template_name``; a variable missing from ``context`` raises ``UndefinedError``.
    With ``template_dir``, whatever fails while the template renders (a broken tag, an unknown
    variable, what the sandbox refuses, a division by zero, a filter given the wrong type) is
    the analyst's template, not a bug: ``bad-template`` naming the file and the line. (Out of
    memory stays the memory message.)"""
    try:
        compiled = environment(template_dir, lang).get_template(template_name)
        if template_dir is None:
            return compiled.render(**context)
        return bounded_render(compiled, context)  # from elsewhere: time and output bounded
    except MemoryError:
        raise
    except Exception as exc:
        if template_dir is None:
            raise
        template = Path(template_dir) / template_name
        raise MutasiError.of(
            "report.error.bad_template",
            code="bad-template",
            template=template,
            exc=failure(exc, lang),
        ) from None


def write_html(path: Path, html: str, force: bool = False) -> Path:
    """Write ``html`` to ``path`` atomically (UTF-8); refuses to overwrite unless ``force``."""
    path = Path(path)
    with atomic_path(path, force) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return path
