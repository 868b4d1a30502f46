"""Compiled catalogues for the language tests, without touching translations/.

`make install` compiles translations/*.mo for real use. The language tests compile a private
copy from the committed .po files instead, point their app at it, and empty Flask-Babel's
translation cache before and after each test: that cache lives on the process-wide `babel`
object, so without this the catalogues loaded here would leak into other test modules (and
catalogues loaded, or found missing, by earlier modules would leak into these tests).
"""

import pytest
from flask_babel import get_babel

from desk.extensions import babel
from scripts.catalogues import PRINT_TRANSLATIONS_DIR, compile_catalogues


@pytest.fixture(scope="session")
def catalogue_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("translations")
    compile_catalogues(output_dir=directory, force=True)
    compile_catalogues(PRINT_TRANSLATIONS_DIR, output_dir=directory, force=True)
    return directory


@pytest.fixture(autouse=True)
def translated(app, catalogue_dir):
    get_babel(app).translation_directories = [str(catalogue_dir)]
    babel.domain_instance.cache.clear()
    yield
    babel.domain_instance.cache.clear()
