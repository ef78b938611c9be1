"""The application layer over core: the stock service, text rendering and the
`inventory` command line (`python -m api`)."""

from core import __version__ as CORE_VERSION

__version__ = "2.1.0"
PROG = "inventory"
