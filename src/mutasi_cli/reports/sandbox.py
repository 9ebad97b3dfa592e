"""The Jinja2 environment for templates that may come from elsewhere (``--template-dir``: a
report or decree template passed between offices).

Sandboxed (:class:`jinja2.sandbox.SandboxedEnvironment`: no route from a template to Python's
classes) and **bounded**: the sandbox alone lets a one-line template ask for any amount of
memory (``{{ "a" * 10**10 }}``, ``{{ "a"|center(10**10) }}``) or loop for hours (two nested
``range(100000)``). Here no template operation may make a value of more than
:data:`MAX_VALUE` characters or items, and the ``range`` loops of one environment take at most
:data:`MAX_STEPS` steps together; past either the render stops with a
:class:`jinja2.exceptions.SecurityError`, which the callers report as ``bad-template``. Loops
over lists a template built itself escape that count, so a template from elsewhere also renders
under :func:`time_limit` (:data:`RENDER_SECONDS`) and writes at most :data:`MAX_OUTPUT`
characters (:func:`render`).

:func:`failure` turns whatever a template raised while rendering (a division by zero, a filter
given the wrong type, a recursion without end) into the one line the analyst is shown, with
the template's line number: the template is the analyst's file, not mutasi's code, so it is
never a traceback.
"""

from __future__ import annotations

import _thread
import contextlib
import functools
import math
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping, Sized
from typing import Any

from jinja2 import Template
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment, safe_range
from jinja2.utils import Namespace

from mutasi_cli.i18n import t

# Characters (text) or items (lists) one template operation may produce. The largest value a
# packaged template makes is a report table's rows, well under this at province size.
MAX_VALUE = 10_000_000
# Characters one template from elsewhere may write (a report, or one part of a decree): the
# needs report of the 4,000-person sample city is 0.5 MB; each value within MAX_VALUE, a loop
# over 50,000 people could still write 500 GB.
MAX_OUTPUT = 100_000_000
# Steps all ``range()`` loops of one environment may take together (one report, or all the
# decrees of one finalize run): the sandbox caps each range at 100,000 only, so two nested
# loops were 10^10 steps. A step with work in it takes up to a few microseconds: a template
# spending its budget stops within seconds. No packaged template uses ``range``; a
# ``range(5)`` per row of a 50,000-row table takes a quarter of it.
MAX_STEPS = 1_000_000
# Wall-clock seconds one template from elsewhere may take to render: a report of 50,000 people
# or one decree takes a second or two; three nested loops over a list of 1,000 take hours.
RENDER_SECONDS = 300.0
# A number with more bits than this from ``**`` (a 20,000-digit number; 10**10**10 would take
# the process's memory and hours).
MAX_POWER_BITS = 65_536
# A width or precision of seven digits or more in a format string (``"%0999999999d"``,
# ``"{:>999999999}"``): the text it asks for is that wide.
_WIDE_FORMAT = re.compile(r"%[-+ #0]*(?:\d{7,}|\*)|%[-+ #0]*\d*\.\d{7,}|\{[^{}]*:[^{}]*\d{7,}")


def _too_big(what: str) -> SecurityError:
    return SecurityError(f"{what} more than {MAX_VALUE:,} characters or items")


def _check_value(value: Any) -> None:
    if isinstance(value, (str, bytes, list, tuple)) and len(value) > MAX_VALUE:
        raise _too_big("a value of")


def _check_sizes(args: tuple, kwargs: dict) -> None:
    """No integer argument above MAX_VALUE (a width, a count: ``center(10**12)``), no text or
    list one above it."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_VALUE:
            raise _too_big(f"the argument {arg:.3g} asks for")
        _check_value(arg)


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise _too_big("a format asks for")


def _bounded(name: str, fn: Callable) -> Callable:
    """A built-in filter that checks its arguments and its result. The value filtered is not
    held to the integer bound (``{{ anggaran | round }}`` of a budget in rupiah is fine), the
    other arguments are; the value of ``format`` is a format string. (The ``jinja_pass_arg``
    marker of a context filter is kept by :func:`functools.wraps`.)"""
    first = 2 if getattr(fn, "jinja_pass_arg", None) is not None else 1

    @functools.wraps(fn)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args[first:], kwargs)
        for arg in args[:first]:
            _check_value(arg)
        if name == "format" and len(args) >= first:
            _check_format(args[first - 1])
        result = fn(*args, **kwargs)
        _check_value(result)
        return result

    return bounded


class _Namespace(Namespace):
    """``namespace()`` whose attributes are checked as they are set: a loop doubling
    ``ns.text`` would otherwise grow it past any memory in 40 steps."""

    def __setitem__(self, name: str, value: Any) -> None:
        _check_value(value)
        super().__setitem__(name, value)


class TemplateSandbox(SandboxedEnvironment):
    """A sandboxed environment whose operators, calls, filters, ``range`` and ``namespace``
    are bounded (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.steps_left = MAX_STEPS
        self.filters = {name: _bounded(name, fn) for name, fn in self.filters.items()}
        self.globals["range"] = self._range
        self.globals["namespace"] = _Namespace

    def _range(self, *args: int) -> range:
        steps = safe_range(*args)
        self.steps_left -= len(steps)
        if self.steps_left < 0:
            raise SecurityError(f"the template's loops take more than {MAX_STEPS:,} steps")
        return steps

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, Sized)
                    and isinstance(count, int)
                    and len(seq) * count > MAX_VALUE
                ):
                    raise _too_big("a repetition makes")
        elif operator == "+" and isinstance(left, Sized) and isinstance(right, Sized):
            if len(left) + len(right) > MAX_VALUE:
                raise _too_big("a sum makes")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right * math.log2(abs(left)) > MAX_POWER_BITS:
                raise SecurityError(f"a power of more than {MAX_POWER_BITS:,} bits")
        elif operator == "%":
            _check_format(left)
        result = super().call_binop(context, operator, left, right)
        _check_value(result)
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """A method of a text or list (``"a".center(n)``, ``"{:>9}".format(x)``) has its
        arguments held to the bounds; anything else called (a macro, ``t()``) only its text
        and list arguments: a macro calling itself with its text doubled would grow past any
        memory, a budget in rupiah passed to ``t()`` is fine."""
        # str.format reaches here wrapped by the sandbox (its __wrapped__ is the bound method)
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(owner, (str, bytes, list, tuple)):
            _check_sizes(args, kwargs)
            _check_format(owner)
        else:
            for arg in (*args, *kwargs.values()):
                _check_value(arg)
        return super().call(__context, __obj, *args, **kwargs)


def render(template: Template, context: Mapping[str, Any]) -> str:
    """``template.render(context)`` for a template from elsewhere: written piece by piece and
    stopped past :data:`MAX_OUTPUT` characters, within :func:`time_limit`."""
    with time_limit():
        return _written(template.generate(context))


def _written(pieces: Iterator[str]) -> str:
    """The pieces joined, stopped past :data:`MAX_OUTPUT` characters."""
    kept: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the template writes more than {MAX_OUTPUT:,} characters")
        kept.append(piece)
    return "".join(kept)


class OutputBoundedTemplate(Template):
    """A template whose ``render`` writes at most :data:`MAX_OUTPUT` characters, for a
    renderer that calls ``render`` itself (docxtpl renders each part of a Word template
    whole): give it an environment whose ``template_class`` is this one. The time limit is
    the caller's (:func:`time_limit` around the whole document)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return _written(self.generate(*args, **kwargs))


@contextlib.contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Stop what runs inside after ``seconds`` (default :data:`RENDER_SECONDS`) with a
    :class:`SecurityError`: a timer thread interrupts the main thread as Ctrl-C would (a
    template is Python code, so the interrupt lands between two of its steps, on every
    platform). In any other thread nothing is limited. A Ctrl-C of the analyst's own stays a
    Ctrl-C.

    The interrupt needs Python's own Ctrl-C handler, which a process started with Ctrl-C
    ignored lacks: a shell starts a batch script's background job (``mutasi finalize ... &``)
    so, and ``_thread.interrupt_main`` then does nothing, the loop running on for hours. The
    handler is put in place for the render and the process's own restored after it."""
    seconds = RENDER_SECONDS if seconds is None else seconds
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if not callable(previous):  # ignored (SIG_IGN), the default action, or set outside Python
        signal.signal(signal.SIGINT, signal.default_int_handler)
    lock = threading.Lock()
    state = {"fired": False, "over": False}

    def fire() -> None:
        with lock:
            if not state["over"]:
                state["fired"] = True
                _thread.interrupt_main()

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except KeyboardInterrupt:
        if not state["fired"]:
            raise
        raise SecurityError(f"the template took more than {seconds:,.0f} s to render") from None
    finally:
        with lock:
            state["over"] = True
        timer.cancel()
        if not callable(previous):
            signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


def failure(exc: BaseException, lang: str = "id") -> str:
    """One line for what a template raised while rendering: the error and, when the trace
    passes through a template file (``*.j2``), its line there. A Word template's lines are
    those of its XML, no help to the analyst: none is given."""
    detail = str(exc).splitlines()[0] if str(exc).strip() else ""
    text = type(exc).__name__ + (f": {detail}" if detail else "")
    line = getattr(exc, "lineno", None) if isinstance(exc, TemplateSyntaxError) else None
    if line is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if (frame.filename or "").endswith(".j2"):
                line = frame.lineno
                break
    return f"{text} ({t('report.template_line', lang, line=line)})" if line else text
