from __future__ import annotations

import os
from pathlib import Path

import pytest

from cultureclient.analyzer import Analyzer
from cultureclient.cachedir import ENV as CACHE_ENV
from cultureclient.lexicon.loader import load

DATA = Path(__file__).parent / "data"
DEMO_LEXICON = DATA / "lexicon"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Keep every cache of the test run in a temporary folder, never in the user's home."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield folder
    if previous is None:
        del os.environ[CACHE_ENV]
    else:
        os.environ[CACHE_ENV] = previous


@pytest.fixture(scope="session")
def demo_engine() -> Analyzer:
    """An engine over the small test lexicon only (the model is loaded once per session)."""
    return Analyzer.build(load([DEMO_LEXICON], include_shipped=False).values())


@pytest.fixture(scope="session")
def shipped_engine() -> Analyzer:
    """An engine over the shipped lexicons, with the default detectors."""
    return Analyzer.build(load().values())
