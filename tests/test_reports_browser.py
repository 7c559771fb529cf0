"""The HTML report in a real headless Chromium (the Debian package): no console errors, every
chart drawn, screenshots at phone and desktop sizes, and nothing wider than a phone.

The report itself runs no script, so the layout is measured on a copy with a probe script
added (and the page's no-script policy removed), framed 390 px wide: headless Chromium will
not make its own window narrower than 500 px, a frame can be any width.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from cli_support import home_db, run_cli
from factories import make
from storeops.db import open_store
from storeops.models import ItemResult, Order, Run, TrafficDay

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("STOREOPS_REQUIRE_BROWSER") != "1":
    pytest.skip("chromium is not installed (.ci/run installs it)", allow_module_level=True)

CHARTS = ("revenue_per_day", "orders_per_day", "funnel", "completion_heatmap")
PHONE, DESKTOP = (390, 844), (1280, 900)
PROBE = """<script>
const page = document.documentElement;
const charts = [...document.querySelectorAll("svg.chart")].map(svg => ({
  key: svg.dataset.chart, width: svg.getBoundingClientRect().width,
  height: svg.getBoundingClientRect().height}));
const layout = {scroll: page.scrollWidth, client: page.clientWidth, inner: window.innerWidth,
  charts};
console.log("LAYOUT " + JSON.stringify(layout));
</script>"""


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, "chromium is required here: apt-get install chromium"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def _console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture
def report_page(isolated_env: Path, tmp_path: Path) -> Path:
    store = open_store(home_db(isolated_env))
    start = datetime(2026, 10, 1, 9, tzinfo=UTC)
    with store.writing() as s:
        for day in range(31):
            for n in range(day % 5 + 1):
                make(
                    s,
                    Order,
                    created_at=start + timedelta(days=day, hours=n),
                    total=Decimal("42.50"),
                )
            make(
                s,
                TrafficDay,
                day=date(2026, 10, 1) + timedelta(days=day),
                sessions=400,
                product_views=250,
                add_to_carts=40,
                checkouts=20,
                orders=day % 5 + 1,
            )
        for day in range(0, 31, 3):
            run = make(
                s,
                Run,
                kind="morning",
                local_date=date(2026, 10, 1) + timedelta(days=day),
                started_at=start + timedelta(days=day),
            )
            for area in ("orders", "inventory", "customer-service"):
                make(
                    s,
                    ItemResult,
                    run_id=run.id,
                    item_id=f"{area}-{day}",
                    area=area,
                    answer="done" if day % 2 else None,
                    recorded_at=start + timedelta(days=day),
                )
    store.close()
    page = tmp_path / "october.html"
    result = run_cli("report", "monthly", "--month", "2026-10", "--out", str(page))
    assert result.returncode == 0, result.stderr
    return page


def test_the_report_opens_without_console_errors_and_with_every_chart(
    report_page: Path, tmp_path: Path
) -> None:
    dom = _chromium(f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--dump-dom", report_page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert _console(dom.stderr) == []  # no errors, no blocked loads, nothing at all
    drawn = re.findall(r'<svg class="chart" data-chart="([a-z_]+)"', dom.stdout)
    assert sorted(drawn) == sorted(CHARTS)
    assert "<script" not in dom.stdout


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots_at_phone_and_desktop_size(
    report_page: Path, tmp_path: Path, name: str, size: tuple[int, int]
) -> None:
    shot = tmp_path / f"report-{name}.png"
    result = _chromium(
        f"--window-size={size[0]},{size[1]}", f"--screenshot={shot}", report_page.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == size


@pytest.mark.parametrize("width", [PHONE[0], DESKTOP[0]])
def test_nothing_is_wider_than_the_screen(report_page: Path, tmp_path: Path, width: int) -> None:
    html = report_page.read_text()
    html = re.sub(r"<meta http-equiv='Content-Security-Policy'[^>]*>", "", html)
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", PROBE + "</body>"))
    frame = tmp_path / f"frame-{width}.html"
    frame.write_text(
        f"<!DOCTYPE html><body style='margin:0'><iframe src='{probe.name}' "
        f"style='width:{width}px;height:900px;border:0'></iframe></body>"
    )
    result = _chromium("--window-size=1400,1000", "--dump-dom", frame.as_uri())
    (line,) = [entry for entry in _console(result.stderr) if "LAYOUT" in entry]
    found = re.search(r'"LAYOUT (\{.*\})"', line)
    assert found is not None, line
    layout = json.loads(found[1])
    assert layout["inner"] == width
    assert layout["scroll"] <= layout["client"] <= width  # no sideways scrolling
    assert sorted(c["key"] for c in layout["charts"]) == sorted(CHARTS)
    for chart in layout["charts"]:
        assert 0 < chart["width"] <= layout["client"] and chart["height"] > 0, chart
