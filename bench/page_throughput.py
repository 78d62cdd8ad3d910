"""Public page throughput under gunicorn (deploy/gunicorn.conf.py, as `make serve`), measured
with wrk on loopback, in one run:

1. a cached content page (/en/about) vs. a bare Flask endpoint returning a constant string
   (bench/bare_app.py), 50 connections each. Goal: the page reaches >= 70 % of the bare
   endpoint's requests/s with p99 latency under 50 ms.
2. a spike: 10x the connections (500) for 30 s over every page in every language (cold caches
   included; wrk waits up to 10 s for an answer): goal zero 5xx, pages still served.

The site runs in production mode against a fresh PostgreSQL database and the local Redis.
"""
from __future__ import annotations

import os
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from production import ROOT, Gunicorn, postgres_database, wrk  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = 50


def spike_script() -> str:
    """A wrk script that cycles over every page in every language."""
    sys.path.insert(0, str(ROOT / "site"))
    from rightcall.content.files import page_ids
    from rightcall.locales import TAGS
    paths = [f"/{loc}/" if p == "home" else f"/{loc}/{p}" for loc in TAGS for p in page_ids(ROOT / "content")]
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\ni = 0\n"
                 "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n")
    script.close()
    return script.name


def measured(server: Gunicorn, path: str) -> dict:
    """wrk's figures for ``path``, plus the server's CPU time per request (µs)."""
    before = server.cpu_seconds()
    figures = wrk(server.url + path, CONNECTIONS, SECONDS)
    figures["cpu_us"] = (server.cpu_seconds() - before) / figures["requests"] * 1e6
    return figures


def median_run(runs: list[dict]) -> dict:
    """The run with the median requests/s."""
    return sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]


def line(name: str, figures: dict) -> str:
    return (f"{name:<34} {figures['rps']:>9.0f} req/s   p50 {figures['p50']:6.1f} ms   p90 {figures['p90']:6.1f} ms"
            f"   p99 {figures['p99']:6.1f} ms   non-2xx/3xx {figures['non_2xx_3xx']}   socket errors {figures['socket_errors']}")


def main() -> None:
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"wrk on loopback, 2 threads, {CONNECTIONS} connections; a phone's User-Agent")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    with postgres_database() as database:
        env = {"DATABASE_URL": database, "REDIS_URL": redis_url, "RASA_URL": "http://127.0.0.1:9",
               "USAGE_LIVE_SECONDS": "60"}
        bare, site = Gunicorn("bare_app:app"), Gunicorn("rightcall:create_app()", env)
        try:
            wrk(bare.url + "/constant", CONNECTIONS, 3)                               # warm-up
            wrk(site.url + "/en/about", CONNECTIONS, 3)                              # every worker caches it
            # Alternate the two, so a slower moment of a shared machine weighs on both alike.
            rounds = [(measured(bare, "/constant"), measured(site, "/en/about")) for _ in range(ROUNDS)]
            bare.stop()
            spike = wrk(site.url, CONNECTIONS * 10, 30, script=spike_script(), timeout=10)
        finally:
            bare.stop()
            site.stop()
    bare_figures = median_run([b for b, _ in rounds])
    page = median_run([p for _, p in rounds])
    for number, (b, p) in enumerate(rounds, 1):
        print(f"round {number}: bare {b['rps']:.0f} req/s (p99 {b['p99']:.1f} ms, {b['cpu_us']:.0f} µs CPU/request), "
              f"page {p['rps']:.0f} req/s (p99 {p['p99']:.1f} ms, {p['cpu_us']:.0f} µs CPU/request), "
              f"ratio {p['rps'] / b['rps']:.0%}")
    ratio = page["rps"] / bare_figures["rps"]
    print(f"median of {ROUNDS} alternating rounds of {SECONDS} s:")
    print(line("bare Flask endpoint (constant)", bare_figures))
    print(line("cached content page /en/about", page))
    print(f"ratio: {ratio:.0%} of the bare endpoint (goal >= 70 %); p99 {page['p99']:.1f} ms (goal < 50 ms)")
    print(line(f"spike: {CONNECTIONS * 10} connections, 117 pages", spike))
    print(f"spike: {spike['requests']} requests, {spike['non_2xx_3xx']} answered with a non-2xx/3xx status, "
          f"{spike['timeouts']} still unanswered after 10 s (goal: zero 5xx)")


if __name__ == "__main__":
    main()
