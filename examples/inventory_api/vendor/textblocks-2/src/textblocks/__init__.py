"""Text blocks for plain-text reports (version 2: rules are drawn with "=")."""


def rule(width: int, char: str = "=") -> str:
    """A horizontal rule of `width` characters."""
    return char * width
