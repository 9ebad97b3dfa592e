"""mutasi: plan, propose and evaluate civil-servant transfers (mutasi ASN) from Excel files."""


def __getattr__(name: str) -> str:
    """``__version__`` is looked up on first use: importlib.metadata costs start-up time."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("mutasi")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        value = "0.0.0+local"
    globals()["__version__"] = value
    return value
