import importlib.metadata

import api
import core


def test_versions_move_together():
    assert api.__version__ == core.__version__ == api.CORE_VERSION


def test_program_name():
    assert api.PROG == "inventory"


def test_core_exports_quantity_lazily():
    assert core.Quantity(1).unit == "g"


def test_installed_metadata_matches():
    assert importlib.metadata.version("inventory-api") == api.__version__
