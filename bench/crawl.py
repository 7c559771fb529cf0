"""Benchmark: the broken-link crawl of `storeops site links` against linkchecker and wget.

Generates a 2,000-page local site (20 links a page, some broken), serves it from one
HTTP/1.1 server process on 127.0.0.1, and crawls it with each tool in the same run. Prints
pages/second, the ratios (target: >= 4x linkchecker, within 2x of wget) and whether the
broken-link sets agree. Politeness limits are lifted for localhost.

    python bench/crawl.py [--pages 2000] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SERVER = r"""
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else delayed ACKs add 40 ms to every response
    def log_message(self, *args): pass
    def end_headers(self):
        # linkchecker only goes above 10 requests/second to a host that sends this header.
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
    functools.partial(Handler, directory=sys.argv[1]))
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def build_site(root: Path, pages: int, links: int, seed: int = 5) -> set[str]:
    """Write the site; return the paths of the broken links planted in it."""
    rng = random.Random(seed)
    broken = {f"/missing/{n}.html" for n in range(40)}
    broken_list = sorted(broken)
    for n in range(pages):
        targets = [f"/p/{rng.randrange(pages)}.html" for _ in range(links - 1)]
        targets.append(f"/p/{(n + 1) % pages}.html")  # a chain: every page is reachable
        if n % 10 == 0:
            targets[0] = broken_list[n // 10 % len(broken_list)]
        body = "".join(f'<li><a href="{t}">page {t}</a></li>' for t in targets)
        html = (
            f"<!doctype html><html><head><title>Page {n}</title></head>"
            f"<body><ul>{body}</ul></body></html>"
        )
        path = root / "p" / f"{n}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html)
    (root / "index.html").write_text('<a href="/p/0.html">start</a>')
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    return broken


def timed(command: list[str], limit: float = 600) -> tuple[float, str]:
    """Wall time and output of `command`; output "" when it ran past `limit` seconds."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=limit)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - started, ""
    return time.perf_counter() - started, done.stdout + done.stderr


def report(name: str, seconds: float, pages: int, found: set[str], expected: set[str]) -> None:
    """One line per tool, printed as soon as it finishes."""
    same = "same broken set" if found == expected else f"DIFFERENT ({len(found)} found)"
    print(f"{name:22} {seconds:7.2f} s  {pages / seconds:8.0f} pages/s  {same}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--links", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--limit", type=float, default=300, help="seconds allowed per tool")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        planted = build_site(root, args.pages, args.links)
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(root)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            port = int(server.stdout.readline())
            url = f"http://127.0.0.1:{port}/"
            expected = {f"{url.rstrip('/')}{path}" for path in planted}
            results = []

            seconds, output = timed(
                [
                    str(bin_dir / "storeops"),
                    "site",
                    "links",
                    url,
                    "--max-pages",
                    "100000",
                    "--rate",
                    "0",
                    "--concurrency",
                    str(args.concurrency),
                    "--format",
                    "json",
                ]
            )
            document = json.loads(output[output.index("{") : output.rindex("}") + 1])
            ours = {item["url"] for item in document["broken"]}
            referrers_ok = all(item["linked_from"] for item in document["broken"])
            results.append(("storeops site links", seconds, document["pages"], ours))
            report(*results[-1], expected)

            linkchecker = shutil.which("linkchecker", path=str(bin_dir)) or shutil.which(
                "linkchecker"
            )
            if linkchecker:
                # Unthrottled, like ours: its default is 10 requests/second per host.
                rc = Path(folder) / "linkcheckerrc"
                rc.write_text("[checking]\nmaxrequestspersecond=100000\n")
                # Run as root, linkchecker drops to "nobody": it must be able to read the file.
                Path(folder).chmod(0o755)
                rc.chmod(0o644)
                seconds, output = timed(
                    [
                        linkchecker,
                        "-f",
                        str(rc),
                        "--no-status",
                        "--no-warnings",
                        "-t",
                        str(args.concurrency),
                        "-o",
                        "csv",
                        url,
                    ],
                    args.limit,
                )
                rows = [line for line in output.splitlines() if not line.startswith("#")]
                found = set()
                for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
                    if row.get("valid") == "False":
                        found.add(row.get("urlname") or "")
                found = {u if u.startswith("http") else url.rstrip("/") + u for u in found}
                if not output:
                    print(f"linkchecker did not finish within {args.limit:g} s", flush=True)
                results.append(("linkchecker", seconds, args.pages + 1, found))
                report(*results[-1], expected)

            if shutil.which("wget"):
                seconds, output = timed(
                    [
                        "wget",
                        "--spider",
                        "-r",
                        "-l",
                        "inf",
                        "-nd",
                        "-nv",
                        "-e",
                        "robots=on",
                        "-P",
                        str(Path(folder) / "wget"),
                        url,
                    ],
                    args.limit,
                )
                # The summary at the end: "Found N broken links." then one URL a line.
                tail = output.rsplit("broken link", 1)[-1] if "broken link" in output else ""
                found = set(re.findall(r"^(http\S+)", tail, re.M))
                results.append(("wget --spider -r", seconds, args.pages + 1, found))
                report(*results[-1], expected)
        finally:
            server.terminate()
            server.wait()

    print(f"site: {args.pages} pages x {args.links} links, {len(planted)} broken targets")
    base = {name: seconds for name, seconds, _, _ in results}
    ours_s = base["storeops site links"]
    if "linkchecker" in base:
        print(f"storeops vs linkchecker: {base['linkchecker'] / ours_s:.1f}x faster (target >= 4x)")
    if "wget --spider -r" in base:
        print(
            f"storeops vs wget: {ours_s / base['wget --spider -r']:.2f}x wget's time (target <= 2x)"
        )
    print(f"every broken link has its referring pages: {referrers_ok}")


if __name__ == "__main__":
    main()
