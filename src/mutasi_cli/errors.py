"""Errors the analyst can fix, and the exit codes scripts rely on (DESIGN.md section 4).

Only :class:`MutasiError` and its subclasses are caught by the CLI and shown as one line plus a
hint. Anything else is a bug and is shown as a traceback without local variables.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DATA_ERROR = 1  # the data has errors: validation failed, nothing proposed because of bad input
    USAGE = 2  # wrong usage or configuration


class MutasiError(Exception):
    """An error in the analyst's data or files: one message, one hint, exit code 1."""

    exit_code: ExitCode = ExitCode.DATA_ERROR

    def __init__(self, message: str, hint: str = "", code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code  # a stable issue code (issues.MESSAGES) when there is one
        self.key: str | None = None
        self.params: dict[str, object] = {}

    @classmethod
    def of(cls, key: str, *, code: str = "", **params: object) -> MutasiError:
        """An error whose message is the i18n label ``key`` and whose hint is ``key + ".hint"``,
        rendered in the analyst's language by :meth:`render` (the message attribute holds the
        Indonesian text); ``code`` as in the constructor."""
        error = cls(*_texts(key, "id", params), code=code)
        error.key, error.params = key, params
        return error

    def render(self, lang: str) -> tuple[str, str]:
        """(message, hint) in ``lang``."""
        if self.key is None:
            return self.message, self.hint
        return _texts(self.key, lang, self.params)


def _texts(key: str, lang: str, params: dict[str, object]) -> tuple[str, str]:
    from mutasi_cli.i18n import t

    return t(key, lang, **params), t(f"{key}.hint", lang, **params)


class UsageError(MutasiError):
    """Wrong usage or configuration: exit code 2."""

    exit_code = ExitCode.USAGE
