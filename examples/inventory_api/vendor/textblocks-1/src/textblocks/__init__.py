"""Text blocks for plain-text reports (version 1)."""


def rule(width: int) -> str:
    """A horizontal rule of `width` dashes."""
    return "-" * width
