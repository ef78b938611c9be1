"""heavy: deliberately slow pure-Python number crunching."""

__version__ = "0.1.0"
