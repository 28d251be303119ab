"""Segment analysis speed: a visit with 30 marked muscles (target under 5 ms).

Floor measured in the same run: building the 54 empty level scores the analysis
returns (the least any analysis must do).

    .venv/bin/python benchmarks/segments.py [--runs 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from imsdesk.domain.anatomy import SPINAL_LEVELS, Side, load_atlas
from imsdesk.domain.marks import MuscleFinding, Severity
from imsdesk.domain.segments import SegmentAnalysis, SegmentScore, analyse_segments, suggest

TARGET_MS = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    atlas = load_atlas()
    rng = random.Random(3)
    targets = [(m.key, side) for m, side in atlas.targets() if side is not Side.MIDLINE]
    findings = [
        MuscleFinding(key, side, Severity(rng.randint(1, 3)))
        for key, side in rng.sample(targets, 30)
    ]
    analysis_times, full_times, floor_times = [], [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        SegmentAnalysis(
            tuple(
                SegmentScore(level, side)
                for level in SPINAL_LEVELS
                for side in (Side.LEFT, Side.RIGHT)
            )
        )
        floor_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        analysis = analyse_segments(findings, atlas=atlas)
        analysis_times.append(time.perf_counter() - start)
        suggest(analysis, atlas=atlas)
        full_times.append(time.perf_counter() - start)
    floor = statistics.median(floor_times) * 1000
    analysis_ms = statistics.median(analysis_times) * 1000
    full_ms = statistics.median(full_times) * 1000
    print(f"{'measure':<46}{'median':>10}")
    print(f"{'floor: 54 empty level scores':<46}{floor:>8.3f}ms")
    ratio = analysis_ms / floor
    print(f"{'analysis, 30 marked muscles':<46}{analysis_ms:>8.3f}ms  ratio {ratio:.1f}x")
    verdict = "meets" if full_ms < TARGET_MS else "MISSES"
    print(
        f"{'analysis + suggestions, 30 marked muscles':<46}{full_ms:>8.3f}ms  "
        f"target < {TARGET_MS:g} ms: {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
