"""The one place that reads the wall clock; tests replace `now` by name."""

import datetime as dt

STAMP_FORMAT = "%Y-%m-%dT%H:%MZ"


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def stamp() -> str:
    """The current time as it appears in event logs (minute precision)."""
    return now().strftime(STAMP_FORMAT)
