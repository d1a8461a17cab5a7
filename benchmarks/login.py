"""Log-in time against the failed log-ins store (issue 17, item 8).

The store (``simulator/store/auth.py``, ``RateLimiter``) is read and written
under one lock on every log-in. It used to keep every name ever tried for
24 quiet hours (~94 bytes each): with 100 000 made-up names each log-in took
1–2 s. Now it keeps the users file's names plus at most ``MAX_OTHER_NAMES``
others, so a log-in costs the same whatever was tried before.

Runs (argon2's cheap test profile, so the figures are the store's cost, not
the hash's; a real log-in adds the argon2 time, about the same for all):
- empty store: median time of a successful log-in;
- after M distinct failed names through ``authenticate`` (default 2 000,
  four times the bound; each costs a failed log-in, so 100 000 would take
  most of an hour): the file's size and entries are printed (bounded);
- 100 000 names (``--names``) as the old code left them (the file written
  directly): the first log-in cuts it down (timed alone), then the median of
  the following ones. Before the bound, every log-in cost that first one's
  time or more (1–2 s measured in the issue).
Each line prints the ratio to the empty store. Run:
``.venv/bin/python benchmarks/login.py [--names N] [--api-names M] [--logins K]``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SIMULATOR_ARGON2_PROFILE"] = "test"

from simulator.store import auth  # noqa: E402

PASSWORD = "oikea-salasana-1"


def logins(users: Path, k: int) -> float:
    """Median seconds of ``k`` successful log-ins."""
    times = []
    for _ in range(k):
        t0 = time.perf_counter()
        auth.authenticate("anna", PASSWORD, path=users)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def fail_names(users: Path, n: int) -> float:
    t0 = time.perf_counter()
    for i in range(n):
        try:
            auth.authenticate(f"tuntematon{i}", "väärä", path=users)
        except auth.AuthError:
            pass
    return time.perf_counter() - t0


def store_size(users: Path) -> tuple[int, int]:
    p = auth.attempts_path(users)
    return (len(json.loads(p.read_text())), p.stat().st_size) if p.exists() else (0, 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--names", type=int, default=100_000, help="names in the old store file (default 100000)")
    ap.add_argument("--api-names", type=int, default=2_000, help="failed names through log-in (default 2000)")
    ap.add_argument("--logins", type=int, default=30, help="timed log-ins per run (default 30)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.chmod(tmp, 0o700)
        users = tmp / "users.yaml"
        auth.write_users(users, {"anna": auth.UserRecord("anna", "viewer", None, auth.hash_password(PASSWORD))})
        os.environ["SIMULATOR_WORKSPACE"] = str(tmp / "ws")

        empty = logins(users, args.logins)
        print(f"empty store{'':<37} log-in {empty * 1000:7.2f} ms   ratio 1.00")

        spent = fail_names(users, args.api_names)
        entries, size = store_size(users)
        after = logins(users, args.logins)
        print(f"after {args.api_names:>7} failed names (API)        log-in {after * 1000:7.2f} ms   "
              f"ratio {after / empty:5.2f}   store {entries} names, {size / 1000:.0f} kB "
              f"(filling took {spent:.0f} s, {spent / max(1, args.api_names) * 1000:.2f} ms a name)")

        path = auth.attempts_path(users)
        now = time.time()
        path.write_text(json.dumps({f"vanha{i}": {"failures": [now - 60], "lockouts": 0, "last": now - 60}
                                    for i in range(args.names)}))
        print(f"old store file: {args.names} names, {path.stat().st_size / 1e6:.1f} MB")
        t0 = time.perf_counter()
        auth.authenticate("anna", PASSWORD, path=users)
        first = time.perf_counter() - t0
        later = logins(users, args.logins)
        entries, size = store_size(users)
        print(f"  first log-in (cuts it down){'':<19} log-in {first * 1000:7.2f} ms   ratio {first / empty:5.2f}")
        print(f"  the following log-ins{'':<25} log-in {later * 1000:7.2f} ms   ratio {later / empty:5.2f}   "
              f"store {entries} names, {size / 1000:.0f} kB")


if __name__ == "__main__":
    main()
