#!/usr/bin/env python3
"""The consolidated report of a reporting round (issue 8: "generation of a provincial yearly
report with all districts takes seconds").

Makes (or reuses) the demo store of Ninh Bình (`pcmd demo`: 8 districts, 143 communes, records of
2021-2025) in --data, serves it with the release build's `pcmd serve`, and as its province officer
(demo.tinh) starts two yearly rounds of 2024: one for every district, one for every commune. The
district of Hoa Lư (demo.huyen) writes and submits its report and the province approves it, so that
one unit has frozen values and narrative sections; the others have not reported. Then each round's
consolidated report is made --repeat times in each format (POST /api/report-rounds/{id}/documents,
kept with the round) and the median of the server's own generation time (the document's
`generation_ms`: reading every unit's report, the live values of the province, writing the file)
and of the whole request are printed, with the file size and the ratio to a one-second budget.

  bench/round_documents.py [--bin build/release/src/app/pcmd] [--data var/bench/demo] [--repeat 5]
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "harness"))

from pcmd_server import Client  # noqa: E402

PASSWORD = "pcmd-demo-2025"
BUDGET_MS = 1000.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(REPO, "build", "release", "src", "app", "pcmd"))
    ap.add_argument("--data", default=os.path.join(REPO, "var", "bench", "demo"))
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()

    if not os.path.exists(os.path.join(a.data, "pcmd.sqlite")):
        subprocess.run([a.bin, "demo", "--data", a.data, "--units",
                        os.path.join(REPO, "data", "units", "ninh-binh-units.csv")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([a.bin, "serve", "--data", a.data, "--listen", f"127.0.0.1:{port}",
                               "--web", os.path.join(REPO, "web", "dist")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                Client("127.0.0.1", port).get("/api/health")
                break
            except OSError:
                time.sleep(0.1)

        def signed(username: str) -> Client:
            c = Client("127.0.0.1", port)
            r = c.login(username, PASSWORD)
            if r.status != 200:
                raise SystemExit(f"sign-in of {username} failed: {r.status}")
            return c

        province, district = signed("demo.tinh"), signed("demo.huyen")
        stamp = time.strftime("%H:%M:%S")
        print(f"consolidated round reports, Ninh Bình demo store, median of {a.repeat} "
              f"({a.bin.replace(REPO + '/', '')})")
        for level in ("district", "commune"):
            r = province.post("/api/report-rounds", {
                "name": f"Báo cáo năm 2024 ({level}, {stamp})", "kind": "year", "period": "2024",
                "unit": "37", "level": level, "due_on": "2025-01-15"})
            if r.status != 201:
                raise SystemExit(f"round: {r.status} {r.body[:300]!r}")
            rnd = r.json()
            if level == "district":
                base = f"/api/report-rounds/{rnd['id']}/reports/374"
                saved = district.request("PUT", base, {"version": 0, "results": "Đã tổ chức 24 buổi truyền thông.",
                                                       "difficulties": "Thiếu kinh phí.", "proposals": "Bổ sung cán bộ."})
                version = saved.json()["version"]
                version = district.post(base + "/submit", {"version": version}).json()["version"]
                province.post(base + "/approve", {"version": version})
            for fmt in ("xlsx", "docx", "pdf"):
                generation, wall, size = [], [], 0
                for _ in range(a.repeat):
                    t0 = time.monotonic()
                    r = province.post(f"/api/report-rounds/{rnd['id']}/documents", {"format": fmt})
                    wall.append((time.monotonic() - t0) * 1000)
                    if r.status != 201:
                        raise SystemExit(f"{fmt}: {r.status} {r.body[:300]!r}")
                    generation.append(r.json()["generation_ms"])
                    size = r.json()["size_bytes"]
                g, w = statistics.median(generation), statistics.median(wall)
                print(f"  {len(rnd['units']):3d} {level + 's':9s} {fmt:4s}  generation {g:6.0f} ms  request {w:6.0f} ms  "
                      f"{size / 1024:7.1f} KiB  {w / BUDGET_MS:.3f}x of a 1 s budget")
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
