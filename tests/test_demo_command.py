"""`wbportal demo`, the README's main command: serves the sites, crawls them, starts the UI."""
from __future__ import annotations

import re
import signal
import socket
import subprocess
import time
import urllib.request
from urllib.parse import quote


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_serves_ui_where_welding_is_found_at_two_providers(cli, tmp_path):
    port, demo_port = free_port(), free_port()
    proc = cli.start("demo", "--port", port, "--demo-port", demo_port, "--data-dir", tmp_path / "data",
                     "--scheduler", "demo/schedules.yaml", env={"WBP_DEMO_URL": None},
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            output.append(line)
            if "Weiterbildungsportal läuft" in line:
                break
        assert any(f"http://127.0.0.1:{port}/" in l for l in output), "".join(output)
        assert all("failed" not in l for l in output), "".join(output)
        # #14: a provider and a labour-market account, and a call for offers with two answers
        assert any("demo provider and labour-market accounts seeded" in l for l in output), "".join(output)
        assert any(re.search(r"a demo call for offers with two answers: \S+/koordinierung/anfragen/\d+", l)
                   for l in output), "".join(output)
        for _ in range(50):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/?q={quote('Schweißen')}&page=1",
                                              timeout=10).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        # The "Anbieter" facet counts the matching offers per provider over all result pages.
        section = page.split("<h3>Anbieter</h3>", 1)[1].split("</section>", 1)[0]
        providers = re.findall(r'class="facet-link[^"]*"[^>]*>\s*<span[^>]*>[^<]*</span>\s*([^<]+?)\s*<span class="count">', section)
        assert len(providers) >= 2, providers
        # The demo's scheduler is running with the demo schedule (make demo-scheduler).
        log = (tmp_path / "data" / "logs" / "scheduler.log").read_text(encoding="utf-8")
        assert "scheduled demo-crawl:erzwerk" in log and "scheduled demo-rebuild:-" in log
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
