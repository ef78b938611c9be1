"""Runtime settings: the .ini file beside this module, then the environment.

Read once at import, like most applications do; tests that need other
values set the environment and reload this module.
"""

import configparser
import os
from decimal import Decimal
from pathlib import Path

_config = configparser.ConfigParser()
_config.read(Path(__file__).with_suffix(".ini"), encoding="utf-8")

CURRENCY = os.environ.get("LEDGER_CURRENCY", "EUR")
DECIMALS = _config.getint("ledger", "decimals")
ROUNDING = _config.get("ledger", "rounding")
VAT_RATE = Decimal(_config.get("tax", "vat_rate"))
