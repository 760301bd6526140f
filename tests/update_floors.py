"""Record the development-set figures as the floors the test suite guards.

Run after improving a lexicon or a detector (``make floors``): each label's F1, rounded down to
two decimals, becomes the figure ``test_development_sets_stay_at_or_above_their_floors``
keeps it from going under.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from cultureclient import api
from cultureclient.evaluate import evaluate

ROOT = Path(__file__).parent.parent
GOLD = ROOT / "examples" / "gold"
FLOORS = Path(__file__).parent / "data" / "evaluation_floors.json"
GOLD_SETS = ("verbatims.csv", "internal.csv", "fresh_verbatims.csv", "fresh_internal.csv")


def main() -> None:
    engine = api.analyzer()
    floors = {}
    for name in GOLD_SETS:
        report = evaluate(GOLD / name, engine)
        floors[name] = {s.label: math.floor(s.f1 * 100) / 100 for s in report.scores if s.support}
        print(f"{name}: macro F1 {report.macro_f1:.3f}")
    FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
