"""`python -m bench [name ...]` runs bench/bench_<name>.py modules (all when none named)."""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = [m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")]
    wanted = argv or sorted(names)
    for name in wanted:
        if name not in names:
            print(f"unknown benchmark {name!r}; have: {', '.join(sorted(names))}", file=sys.stderr)
            return 2
        print(f"== bench {name}", flush=True)
        importlib.import_module(f"bench.bench_{name}").main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
