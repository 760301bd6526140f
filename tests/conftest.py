from __future__ import annotations

from pathlib import Path

import pytest

from cultureclient.analyzer import Analyzer
from cultureclient.lexicon.loader import load

DATA = Path(__file__).parent / "data"
DEMO_LEXICON = DATA / "lexicon"


@pytest.fixture(scope="session")
def demo_engine() -> Analyzer:
    """An engine over the small test lexicon only (the model is loaded once per session)."""
    return Analyzer.build(load([DEMO_LEXICON], include_shipped=False).values())


@pytest.fixture(scope="session")
def shipped_engine() -> Analyzer:
    """An engine over the shipped lexicons, with the default detectors."""
    return Analyzer.build(load().values())
