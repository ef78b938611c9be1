"""`python -m api ...`: the same command line as `python -m api.cli`, with the
program name users see in --help."""

import sys

from api.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], prog="inventory"))
