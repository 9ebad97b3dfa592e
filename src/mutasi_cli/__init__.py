"""mutasi: plan, propose and evaluate civil-servant transfers (mutasi ASN) from Excel files."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mutasi")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+local"
