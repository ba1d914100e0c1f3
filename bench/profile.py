"""Where one worker's time goes: pyinstrument over `process` on the benchmark stream.

    python -m bench.profile --articles 2000 > profile.txt

Models are loaded before the profiler starts, so the tree shows steady-state
work only. Needs pyinstrument (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.corpus import DATA, MissingData, Mix, check_data, documents


def main() -> None:
    parser = argparse.ArgumentParser(description="profile clean + extract on the bench stream")
    parser.add_argument("--articles", type=int, default=2000, help="background articles")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of news_*.jsonl.gz")
    args = parser.parse_args()
    try:
        check_data(args.data)
        from pyinstrument import Profiler
    except MissingData as err:
        sys.exit(f"bench: {err}")
    except ImportError:
        sys.exit("bench: pyinstrument is not installed: pip install -e '.[bench]'")

    from veille.engines.local import warm_up
    from veille.pipeline import process_all

    warm_up()
    profiler = Profiler(interval=0.001)
    cpu = time.process_time()
    profiler.start()
    count = sum(1 for _ in process_all(documents(Mix(args.articles, args.data))))
    profiler.stop()
    cpu = time.process_time() - cpu
    print(f"{count} articles, {cpu:.1f} CPU seconds, {count / cpu:.0f} articles per CPU-second")
    print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
