"""ledger: a small double-entry bookkeeping core."""

from .models import AccountKind, Entry, Posting

__version__ = "1.4.0"
__all__ = ["AccountKind", "Entry", "Posting", "__version__"]
