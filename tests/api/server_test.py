#!/usr/bin/env python3
"""server_test.py: pcmd as a whole: command line, process life cycle, route table.

    server_test.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql] [-k NAME]

What the scenario files cannot say because it is about the process or every route, not one
request: the unit import's report and idempotence, JSON log lines and the `listening` line,
SIGTERM and SIGINT (exit 0, in-flight requests finished, idle keep-alive connections no obstacle),
a restart keeping the data, a taken port, the PCMD_* environment variables, and
/api/openapi.json against docs/contract.md and the router. Each check gets its own server on a
fresh store. Exit status 0 when every check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
import pcmd_server  # noqa: E402
from pcmd_server import HarnessError, PcmdServer  # noqa: E402

CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def expect(cond: bool, msg: str) -> None:
    if not cond:
        raise HarnessError(msg)


def wait_exit(server: PcmdServer, timeout: float) -> int:
    proc = server.runs[-1].proc
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        raise HarnessError(f"pcmd still running {timeout}s after the signal\n{server.stderr_tail()}")


def run_cli(server: PcmdServer, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([server.binary, *args], capture_output=True, env=server.env,
                          cwd=pcmd_server.REPO_ROOT, timeout=120)


# --------------------------------------------------------------------------------------------


@check
def unit_import_is_idempotent_and_reports(a):
    with PcmdServer(a.bin, engine=a.engine, name="life") as s:
        s.stop()
        p = run_cli(s, "units", "import", pcmd_server.DEFAULT_UNITS, *s.store_args())
        out = p.stdout.decode()
        expect(p.returncode == 0, f"units import exited {p.returncode}: {p.stderr.decode()[-2000:]}")
        expect("units import: added 0, changed 0, closed 0, unchanged 152" in out,
               f"second import of the same file: {out!r}")

        # a file with one unit renamed, one gone and one new, effective 2025-01-01
        with open(pcmd_server.DEFAULT_UNITS, encoding="utf-8") as f:
            lines = f.read().splitlines()
        edited = []
        for line in lines:
            if line.startswith("14347,"):
                line = line.replace("Xã Ninh Nhất", "Xã Ninh Nhất Mới")
            if line.startswith("14350,"):
                continue
            edited.append(line)
        edited.append("99101,Xã Mới Lập,commune,Xã,369")
        path = os.path.join(s.workdir, "units-2025.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(edited) + "\n")
        p = run_cli(s, "units", "import", path, *s.store_args(), "--effective", "2025-01-01")
        out = p.stdout.decode()
        expect(p.returncode == 0, f"units import exited {p.returncode}: {p.stderr.decode()[-2000:]}")
        expect("units import: added 1, changed 1, closed 1, unchanged 150" in out,
               f"import of the edited file: {out!r}")
        p = run_cli(s, "units", "import", path, *s.store_args(), "--effective", "2025-01-01")
        expect("units import: added 0, changed 0, closed 0, unchanged 152" in p.stdout.decode(),
               f"second import of the edited file: {p.stdout.decode()!r}")

        s.start()
        with s.admin_client() as c:
            expect(c.get_json("/api/units/14347?date=2024-12-31")["name"] == "Xã Ninh Nhất",
                   "old name before the effective date")
            expect(c.get_json("/api/units/14347?date=2025-01-01")["name"] == "Xã Ninh Nhất Mới",
                   "new name from the effective date")
            expect(c.get("/api/units/14350?date=2025-01-01").status == 404,
                   "unit missing from the file is closed from the effective date")
            expect(c.get("/api/units/14350?date=2024-12-31").status == 200,
                   "closed unit still there before the effective date")
            expect(c.get("/api/units/99101?date=2025-01-01").status == 200, "new unit added")


@check
def the_2025_reorganisations_load_once_and_close_units(a):
    """`pcmd units import FILE --effective DATE --changes FILE` for the trees of 1 January and
    1 July 2025 (with Hà Nam and Nam Định before the July merger): reports what changed and which
    rows wait for an officer; a second run changes nothing; `units changes --to-confirm` lists the
    doubtful rows and `units confirm` settles one; a record of August 2025 on Xã Đông Sơn (closed
    in July) is refused naming Phường Trung Sơn, one of 2023 is taken."""
    units_dir = os.path.join(pcmd_server.REPO_ROOT, "data", "units")
    changes = os.path.join(units_dir, "ninh-binh-unit-changes-2025.csv")
    with PcmdServer(a.bin, engine=a.engine, name="reorg") as s:
        s.stop()
        steps = [
            (["ha-nam-nam-dinh-units.csv", "--effective", "2021-01-01"], "units import: added 301,"),
            (["ninh-binh-units-2025-01-01.csv", "--effective", "2025-01-01", "--changes", changes],
             "changes of 2025-01-01: added 152 (to confirm 18), already recorded 0"),
            (["ninh-binh-units-2025-07-01.csv", "--effective", "2025-07-01", "--changes", changes],
             "changes of 2025-07-01: added 407 (to confirm 0), already recorded 0"),
        ]
        for args, said in steps:
            p = run_cli(s, "units", "import", os.path.join(units_dir, args[0]), *args[1:], *s.store_args())
            out = p.stdout.decode()
            expect(p.returncode == 0, f"units import {args}: {p.stderr.decode()[-1500:]}")
            expect(said in out, f"units import {args}: {out!r}")
        # Accounts bound to a unit that closed: listed with the unit that took it over.
        p = subprocess.run([s.binary, "user", "add", "dong.son", "--role", "commune_officer", "--unit", "14380",
                            "--keep-password", *s.store_args()], input=b"a-long-enough-password-184\n",
                           capture_output=True, env=s.env, cwd=pcmd_server.REPO_ROOT, timeout=60)
        expect(p.returncode == 0, f"user add: {p.stderr.decode()[-500:]}")
        p = run_cli(s, "units", "accounts", "--on", "2025-08-01", *s.store_args())
        out = p.stdout.decode()
        expect(p.returncode == 0 and "dong.son,commune_officer,14380,2025-07-01,14365 Phường Trung Sơn" in out,
               f"accounts on closed units: {out!r} {p.stderr.decode()[-500:]!r}")
        p = run_cli(s, "units", "accounts", "--on", "2025-03-01", *s.store_args())
        expect("dong.son" not in p.stdout.decode(), f"not closed yet in March 2025: {p.stdout.decode()!r}")
        for args, _ in steps[1:]:
            p = run_cli(s, "units", "import", os.path.join(units_dir, args[0]), *args[1:], *s.store_args())
            out = p.stdout.decode()
            expect("added 0, changed 0, closed 0" in out and "changes of" in out and ": added 0 " in out,
                   f"second import {args}: {out!r}")
        p = run_cli(s, "units", "changes", "--to-confirm", *s.store_args())
        rows = [line for line in p.stdout.decode().splitlines()[1:] if line]
        expect(p.returncode == 0 and len(rows) == 18, f"rows to confirm: {len(rows)} {p.stdout.decode()[:500]!r}")
        ninh_xuan = next((r for r in rows if ",14545," in r), None)
        expect(ninh_xuan is not None, "Xã Ninh Xuân waits for an officer")
        p = run_cli(s, "units", "confirm", ninh_xuan.split(",")[0], "--to", "14551", *s.store_args())
        expect(p.returncode == 0 and "-> 14551" in p.stdout.decode(), f"confirm: {p.stdout.decode()!r} {p.stderr.decode()!r}")
        p = run_cli(s, "units", "confirm", ninh_xuan.split(",")[0], "--to", "99999", *s.store_args())
        expect(p.returncode != 0 and "new_code" in p.stderr.decode(), f"confirm to an unknown unit: {p.stderr.decode()!r}")

        from access_kit import TestAccount, add_accounts, sign_in  # noqa: E402
        officer = TestAccount("reorg.officer", "province_officer", "37")
        commune = TestAccount("reorg.dongson", "commune_officer", "14380")  # bound to a unit closed in July
        add_accounts(s, [officer, commune])
        s.start()
        with sign_in(s, officer) as c:
            expect(c.get("/api/units/35?date=2025-07-01").status == 404, "Hà Nam closed on 1 July 2025")
            expect(c.get_json("/api/units/14365?date=2025-07-01")["parent_code"] == "37", "communes under the province")
            body = {"unit": "14380", "date": "2025-08-05", "form": "meeting", "setting": "community",
                    "organiser": "UBND"}
            r = c.post("/api/communication-activities", body)
            expect(r.status == 422, f"a record on a closed unit: {r.describe()}")
            field = next((f for f in r.json()["error"].get("fields", []) if f.get("field") == "unit"), {})
            expect(field.get("code") == "unit_closed" and "Phường Trung Sơn (14365)" in field.get("message_vi", ""),
                   f"the refusal names the successor: {r.json()}")
            r = c.post("/api/communication-activities", {**body, "date": "2023-05-04"})
            expect(r.status == 201, f"a late report of 2023 on the old unit: {r.describe()}")
            late = r.json()["id"]
        # Indicators on each tree (tree=period | a day | today's by default): an establishment of
        # 2023 on Xã Đông Sơn counts under Thành phố Tam Điệp as the tree was, under Phường Trung
        # Sơn on the tree of July 2025, and in the province on every tree.
        with sign_in(s, officer) as c:
            r = c.post("/api/establishments", {"unit": "14380", "date": "2023-03-01", "name": "Nhà nghỉ Đông Sơn",
                                               "kind": "lodging", "address": "Thôn Đông, xã Đông Sơn",
                                               "registration_number": "27A8-203001"})
            expect(r.status == 201, f"an establishment of 2023 on Xã Đông Sơn: {r.describe()}")

            def t10(query):
                got = c.get(f"/api/indicators?target=T10&period=2023&{query}")
                if got.status != 200:
                    return got.status, got.json()["error"].get("fields", [{}])[0].get("field")
                body = got.json()
                return body["tree"], body["items"][0]["current"]["denominator"], \
                    [k["unit"] for k in body["items"][0].get("children", [])]
            expect(t10("unit=370&tree=period") == ("2021-01-01", 1, []), f"as it was: {t10('unit=370&tree=period')}")
            expect(t10("unit=370") == ("2021-01-01", 1, []), f"a closed district by default: {t10('unit=370')}")
            expect(t10("unit=14365&tree=period")[1] == 0, "Phường Trung Sơn of 2023 is another commune")
            expect(t10("unit=14365&tree=2025-07-01")[:2] == ("2025-07-01", 1), f"{t10('unit=14365&tree=2025-07-01')}")
            expect(t10("unit=14365")[:2] == ("2025-07-01", 1), "today's tree by default")
            expect(t10("unit=370&tree=2025-07-01") == (422, "unit"), "no district on the July tree")
            expect(t10("unit=37&tree=bad") == (422, "tree"), "a bad tree")
            for tree, children in (("period", 8), ("2025-01-01", 7), ("2025-07-01", 129)):
                got = t10(f"unit=37&children=true&tree={tree}")
                expect(got[1] == 1 and len(got[2]) == children, f"the province on {tree}: {got[:2]} {len(got[2])}")
            r = c.get("/api/indicators?target=T10&period=2025&unit=37&tree=2025-01-01")
            expect(r.status == 422 and "before_period" in r.text, f"a tree older than the period: {r.describe()}")
            # The same as a workbook: the unit's targets, each commune of the July tree, the trend.
            r = c.get("/api/indicators/export?period=2023&unit=37&tree=2025-07-01")
            expect(r.status == 200 and r.body[:2] == b"PK", f"indicators export: {r.status}")
            import io
            import re
            import zipfile
            book = zipfile.ZipFile(io.BytesIO(r.body))
            sheets = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
            expect(sheets == ["Thông tin", "Chỉ tiêu", "Theo đơn vị", "Xu hướng"], f"sheets: {sheets}")
            texts = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/"))
            for text in ("Phường Trung Sơn", "2025-07-01", "Cây đơn vị hành chính từ ngày", "T14"):
                expect(text in texts, f"{text} in the workbook")
            rows = re.findall(r"<row ", book.read("xl/worksheets/sheet3.xml").decode())
            expect(len(rows) == 1 + 129, f"a row per commune of July 2025 and the header: {len(rows)}")
            # The final review of 2021-2025 on the tree of July 2025 as an editable report (Decree
            # 30/2020 layout): each commune of the merged province with its former units' history.
            # (src/api/indicators_report.cc over src/exports/docx_writer.cc.)
            r = c.get("/api/indicators/report?period=P2021-2025&unit=37&tree=2025-07-01")
            expect(r.status == 200 and r.body[:2] == b"PK" and "wordprocessingml" in (r.header("Content-Type") or ""),
                   f"indicators report: {r.status} {r.header('Content-Type')}")
            doc = zipfile.ZipFile(io.BytesIO(r.body)).read("word/document.xml").decode()
            import xml.dom.minidom
            xml.dom.minidom.parseString(doc)  # well-formed
            for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                         "giai đoạn 2021 - 2025", "Phường Trung Sơn", "KẾT QUẢ THEO ĐƠN VỊ TRỰC THUỘC",
                         "theo địa giới hành chính từ ngày 01/07/2025", "Nơi nhận:"):
                expect(text in doc, f"{text} in the report")
            # The chart of the percentage targets after the targets table, as a picture part.
            book = zipfile.ZipFile(io.BytesIO(r.body))
            expect(book.read("word/media/image1.png")[:8] == b"\x89PNG\r\n\x1a\n" and "<w:drawing>" in doc
                   and "Biểu đồ: Kết quả thực hiện các chỉ tiêu" in doc, "the chart in the report")
            # The same report as a PDF to send as it is (src/exports/pdf_writer.cc): pdftotext gives
            # back its Vietnamese text and a target's label; another format is a 422 naming it.
            r = c.get("/api/indicators/report?period=P2021-2025&unit=37&tree=2025-07-01&format=pdf")
            expect(r.status == 200 and r.body[:5] == b"%PDF-" and r.header("Content-Type") == "application/pdf"
                   and 'filename="bao-cao-37-P2021-2025.pdf"' in (r.header("Content-Disposition") or ""),
                   f"indicators report as pdf: {r.status} {r.header('Content-Type')} {r.header('Content-Disposition')}")
            with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
                pdf.write(r.body)
                pdf.flush()
                text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf.name, "-"], capture_output=True,
                                      check=True).stdout.decode()
            text = " ".join(text.split())  # lines wrapped in cells joined
            label = " ".join(c.get_json("/api/indicators?period=P2021-2025&unit=37&tree=2025-07-01")
                             ["items"][0]["name_vi"].split())
            for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "giai đoạn 2021 - 2025",
                             "Phường Trung Sơn", "Biểu đồ: Kết quả thực hiện các chỉ tiêu", label):
                expect(expected in text, f"{expected} in the pdf report")
            r = c.get("/api/indicators/report?period=P2021-2025&unit=37&tree=2025-07-01&format=odt")
            expect(r.status == 422 and "format" in r.text, f"an unknown report format: {r.describe()}")
        # The account of the closed commune keeps reading its unit's history, and cannot record
        # anything dated after the unit closed.
        with sign_in(s, commune) as c:
            expect(c.get(f"/api/communication-activities/{late}").status == 200, "its unit's history")
            r = c.post("/api/communication-activities", {**body, "date": "2025-09-01"})
            expect(r.status == 422 and "unit_closed" in r.text, f"a record after the closure: {r.describe()}")
        with sign_in(s, officer) as c:
            # An officer reads the rows to confirm; settling them is the administrator's.
            waiting = c.get_json("/api/unit-changes?status=to_confirm&effective=2025-01-01")
            expect(c.post(f"/api/unit-changes/{waiting['items'][0]['id']}/confirm", {"new_code": "14428"}).status == 403,
                   "an officer may not settle a change row")
        with s.admin_client() as c:
            # 17 left after the command line settled one.
            waiting = c.get_json("/api/unit-changes?status=to_confirm&effective=2025-01-01")
            expect(waiting["total"] == 17, f"rows to confirm: {waiting['total']}")
            row = next(i for i in waiting["items"] if i["old_code"] == "14422")  # Xã Lạng Phong, no receiving unit
            r = c.post(f"/api/unit-changes/{row['id']}/confirm", {})
            expect(r.status == 422 and "new_code" in r.text, f"no receiving unit named: {r.describe()}")
            r = c.post(f"/api/unit-changes/{row['id']}/confirm", {"new_code": "14428"})
            expect(r.status == 200 and r.json()["status"] == "confirmed" and r.json()["new_code"] == "14428",
                   f"confirmed with a receiving unit: {r.describe()}")
            expect(c.get_json("/api/unit-changes?status=to_confirm")["total"] == 16, "16 left")
            expect(c.get("/api/unit-changes/999999/confirm").status in (404, 405), "unknown row")


@check
def record_import_and_export_on_the_command_line(a):
    """`pcmd import TYPE FILE --as USER` checks every row first (line and field named in
    Vietnamese), stores nothing unless all are valid or --mode valid; a re-import creates nothing;
    `pcmd export` writes CSV or XLSX that imports back unchanged."""
    with PcmdServer(a.bin, engine=a.engine, name="cli-records") as s:
        s.stop()
        p = subprocess.run([s.binary, "user", "add", "cli.officer", "--role", "province_officer",
                            "--unit", "37", "--keep-password", *s.store_args()],
                           input=b"a-long-enough-password-184\n", capture_output=True, env=s.env,
                           cwd=pcmd_server.REPO_ROOT, timeout=60)
        expect(p.returncode == 0, f"user add: {p.stderr.decode()[-1000:]}")
        path = os.path.join(s.workdir, "activities.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("unit,date,form,setting,organiser,audience_count\n"
                    "37,2024-01-05,\"Hội nghị, tọa đàm\",community,Sở LĐTBXH,50\n"
                    "37,2024-13-05,meeting,community,Sở LĐTBXH,5\n")
        args = ["import", "communication-activities", path, "--as", "cli.officer", *s.store_args()]
        p = run_cli(s, *args)
        expect(p.returncode == 2, f"a file with a bad row exits 2, got {p.returncode}")
        err = p.stderr.decode()
        expect(":3: date: Ngày tổ chức phải là ngày dạng YYYY-MM-DD" in err, f"the bad row named: {err[-800:]!r}")
        expect("nothing stored, created 0" in p.stdout.decode(), p.stdout.decode())
        p = run_cli(s, *args, "--mode", "valid")
        expect(p.returncode == 0 and "stored, created 1, unchanged 0, rejected 1" in p.stdout.decode(),
               f"valid rows only: {p.stdout.decode()!r} {p.stderr.decode()[-500:]!r}")
        p = run_cli(s, *args, "--mode", "valid")
        expect("created 0, unchanged 1" in p.stdout.decode(), f"re-import: {p.stdout.decode()!r}")
        for fmt in ("csv", "xlsx"):
            out = os.path.join(s.workdir, "export." + fmt)
            p = run_cli(s, "export", "communication-activities", "--as", "cli.officer", "--period", "2024",
                        "--format", fmt, "--out", out, *s.store_args())
            expect(p.returncode == 0, f"export {fmt}: {p.stderr.decode()[-500:]}")
            p = run_cli(s, "import", "communication-activities", out, "--as", "cli.officer", *s.store_args())
            expect(p.returncode == 0 and "created 0, unchanged 1, rejected 0" in p.stdout.decode(),
                   f"export {fmt} imports back unchanged: {p.stdout.decode()!r} {p.stderr.decode()[-500:]!r}")
        p = run_cli(s, "import", "communication-activities", path, "--as", "nobody.here", *s.store_args())
        expect(p.returncode != 0 and "no account named nobody.here" in p.stderr.decode(), "unknown account")


@check
def logs_are_json_lines_with_a_listening_line(a):
    with PcmdServer(a.bin, engine=a.engine, name="life") as s:
        with s.client() as c:
            c.get("/api/health")
            c.get("/api/units/99999")
        s.stop()
        text = open(s.runs[-1].stderr_path, encoding="utf-8", errors="replace").read()
        listening = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                raise HarnessError(f"a stderr line that is not JSON: {line[:300]!r}")
            if entry.get("msg") == "listening":
                listening.append(entry)
        expect(len(listening) == 1, f"{len(listening)} 'listening' log lines")
        expect(listening[0].get("listen") == f"127.0.0.1:{s.port}",
               f"listening line: {listening[0]}")


@check
def sigterm_when_idle_exits_0(a):
    with PcmdServer(a.bin, engine=a.engine, name="life") as s:
        s.runs[-1].proc.send_signal(signal.SIGTERM)
        rc = wait_exit(s, 15)
        expect(rc == 0, f"exit {rc}\n{s.stderr_tail()}")


@check
def sigint_exits_0(a):
    with PcmdServer(a.bin, engine=a.engine, name="life") as s:
        with s.client() as c:
            c.get("/api/health")
        s.runs[-1].proc.send_signal(signal.SIGINT)
        rc = wait_exit(s, 15)
        expect(rc == 0, f"exit {rc}\n{s.stderr_tail()}")


@check
def sigterm_with_an_idle_keep_alive_connection_exits_0(a):
    # A browser keeps its connection open between requests; SIGTERM must still end cleanly.
    with PcmdServer(a.bin, engine=a.engine, name="life") as s:
        c = s.client()
        expect(c.get("/api/health").status == 200, "health")
        try:
            s.runs[-1].proc.send_signal(signal.SIGTERM)
            rc = wait_exit(s, 15)
        finally:
            c.close()
        expect(rc == 0 and not s.sanitizer_reports(),
               f"exit {rc}\n{s.sanitizer_context() or s.stderr_tail()}")


@check
def sigterm_finishes_requests_in_flight(a):
    with PcmdServer(a.bin, engine=a.engine, name="life") as s:
        stop = threading.Event()
        results = {"complete": 0, "bad": []}
        lock = threading.Lock()

        s.admin_client().close()  # the first sign-in changes the one-time password

        def load():
            c = s.admin_client(retry_stale=False)
            while not stop.is_set():
                try:
                    r = c.get("/api/units?limit=1000")
                except OSError:
                    return  # refused or reset: the server has stopped accepting
                except Exception as e:
                    with lock:
                        results["bad"].append(f"{type(e).__name__}: {e}")
                    return
                with lock:
                    try:
                        ok = r.status == 200 and len(r.json()["items"]) == 152
                    except Exception:
                        ok = False
                    if ok:
                        results["complete"] += 1
                    else:
                        results["bad"].append(r.describe(300))
                # a new connection each time: SIGTERM closes idle keep-alive ones
                c.close()

        threads = [threading.Thread(target=load, daemon=True) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        s.runs[-1].proc.send_signal(signal.SIGTERM)
        rc = wait_exit(s, 30)
        stop.set()
        for t in threads:
            t.join(10)
        expect(results["complete"] > 0, "no request completed before SIGTERM")
        expect(not results["bad"], f"truncated or failed replies: {results['bad'][:3]}")
        expect(rc == 0 and not s.sanitizer_reports(),
               f"exit {rc}\n{s.sanitizer_context() or s.stderr_tail()}")


@check
def restart_keeps_the_data(a):
    with PcmdServer(a.bin, engine=a.engine, name="life") as s:
        with s.admin_client() as c:
            r = c.post("/api/units", {"code": "99201", "name": "Xã Bền Vững", "level": "commune",
                                      "type": "Xã", "parent_code": "370", "valid_from": "2021-01-01"})
            expect(r.status == 201, r.describe())
        s.stop()
        s.start()
        with s.admin_client() as c:
            u = c.get_json("/api/units/99201")
            expect(u["name"] == "Xã Bền Vững" and u["parent_code"] == "370", str(u))
            expect(c.get_json("/api/units/370")["child_count"] == 10, "parent's child count")


@check
def a_taken_port_is_an_error_not_a_hang(a):
    with PcmdServer(a.bin, engine=a.engine, name="life") as s:
        args = [s.binary, "serve", *s.store_args(), "--listen", f"127.0.0.1:{s.port}"]
        p = subprocess.run(args, capture_output=True, env=s.env, cwd=pcmd_server.REPO_ROOT,
                           timeout=30)
        err = p.stderr.decode(errors="replace")
        expect(p.returncode != 0, f"second serve on the same port exited 0:\n{err[-1500:]}")
        expect(str(s.port) in err or re.search(r"(?i)address|bind|in use", err),
               f"the error does not say what went wrong:\n{err[-1500:]}")
        expect(not pcmd_server._sanitizer_lines(err), f"sanitizer report:\n{err[-3000:]}")
        with s.client() as c:
            expect(c.get("/api/health").status == 200, "the first server still answers")


@check
def environment_variables_stand_for_flags(a):
    s = PcmdServer(a.bin, engine=a.engine, name="life")
    try:
        s.init()
        port = pcmd_server.free_port()
        env = dict(s.env)
        if a.engine == "postgresql":
            env["PCMD_DB"] = s.db_url
        else:
            env["PCMD_DATA"] = s.data_dir
        env["PCMD_LISTEN"] = f"127.0.0.1:{port}"
        err_path = os.path.join(s.workdir, "env.stderr")
        with open(err_path, "wb") as err:
            proc = subprocess.Popen([s.binary, "serve"], env=env, cwd=pcmd_server.REPO_ROOT,
                                    stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline, healthy = time.monotonic() + 30, None
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    with pcmd_server.Client("127.0.0.1", port, timeout=2) as c:
                        healthy = c.get("/api/health").json()
                        break
                except OSError:
                    time.sleep(0.05)
            expect(healthy is not None and healthy.get("engine") == a.engine,
                   f"no health on PCMD_LISTEN: {healthy}\n{open(err_path).read()[-2000:]}")
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                rc = proc.wait(30)
                expect(rc == 0, f"exit {rc} after SIGTERM\n{open(err_path).read()[-3000:]}")
    finally:
        s.close(check_exit=False)


@check
def openapi_lists_every_route(a):
    """Every route named in docs/contract.md is in /api/openapi.json, and every documented
    route is routed (anonymous requests: a routed path answers 401/400/422..., never
    `route_not_found` or 405)."""
    with open(os.path.join(pcmd_server.REPO_ROOT, "docs", "contract.md"), encoding="utf-8") as f:
        contract = f.read()
    # "`POST`/`PATCH /api/units…`" is prose for a family of routes, not a route: skip "…".
    named = {(m.group(1), m.group(2)) for m in re.finditer(
        r"\b(GET|POST|PATCH|PUT|DELETE) (/api/[A-Za-z0-9_\-/{}.]*[A-Za-z0-9_}])(?=[`?\s),;])", contract)}
    expect(len(named) >= 5, f"found only {named} in docs/contract.md")
    with PcmdServer(a.bin, engine=a.engine, name="life") as s:
        with s.client() as c:
            doc = c.get_json("/api/openapi.json")
            paths = doc.get("paths", {})
            documented = {(m.upper(), p) for p, ops in paths.items() for m in ops
                          if m.lower() in ("get", "post", "put", "patch", "delete")}
            missing = sorted(named - documented)
            expect(not missing, "routes of docs/contract.md missing from /api/openapi.json: "
                                f"{missing}")
            unrouted = []
            for method, path in sorted(documented):
                concrete = re.sub(r"\{[^}]+\}", "x0", path)
                raw = b"{}" if method in ("POST", "PUT", "PATCH") else None
                r = c.request(method, concrete, raw=raw)
                code = None
                try:
                    code = r.json().get("error", {}).get("code")
                except Exception:
                    pass
                if r.status == 405 or code in ("route_not_found", "method_not_allowed") or \
                        r.status >= 500:
                    unrouted.append(f"{method} {path} -> {r.status} {code}")
            expect(not unrouted, f"documented but not routed: {unrouted}")


@check
def indicators_follow_writes_of_another_server(a):
    """Two servers on one store: a press item saved through the first shows in the second's T2 on
    its next answer (each indicators request first applies the shared change log; the follower
    thread does it every 25 ms besides). The goal is 100 ms; the figure is printed and bounded
    generously here: timing belongs to the benchmark."""
    from access_kit import TestAccount, add_accounts, sign_in  # noqa: E402
    with PcmdServer(a.bin, engine=a.engine, name="pair-a") as first:
        officer = TestAccount("pair.officer", "province_officer", "37")
        add_accounts(first, [officer])
        second = PcmdServer(a.bin, engine=a.engine, name="pair-b")
        try:
            if a.engine == "postgresql":
                second.db_url = first.db_url
            else:
                second.data_dir = first.data_dir
            second._initialised = True
            second.start()
            ca = sign_in(first, officer)
            cb = second.client()
            r = cb.login(officer.username, officer.password, officer.next_totp()[0])
            expect(r.status == 200, f"sign-in on the second server: {r.describe()}")

            def t2() -> int:
                resp = cb.get("/api/indicators?period=2024&target=T2")
                expect(resp.status == 200, resp.describe())
                return resp.json()["items"][0]["current"]["numerator"]

            before = t2()
            r = ca.post("/api/press-items", {"unit": "37", "date": "2024-08-05", "outlet": "bao_ninh_binh",
                                             "title": "Tin phòng, chống mại dâm"})
            expect(r.status == 201, r.describe())
            saved = time.monotonic()
            while t2() == before:
                expect(time.monotonic() - saved < 5, "the second server did not see the write within 5 s")
                time.sleep(0.005)
            print(f"  commit on one server to visible on the other: {1000 * (time.monotonic() - saved):.0f} ms")
            second.stop()
        finally:
            second.close(check_exit=False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("-k", dest="only", default=None, help="run only checks whose name has this")
    a = ap.parse_args()
    if a.engine == "postgresql" and not os.environ.get("PCMD_TEST_PG_URL"):
        print("server_test: --engine postgresql needs PCMD_TEST_PG_URL; run under "
              "tests/harness/with_postgres.sh", file=sys.stderr)
        return 2
    started, failed, passed = time.monotonic(), [], 0
    for fn in CHECKS:
        if a.only and a.only not in fn.__name__:
            continue
        t = time.monotonic()
        try:
            fn(a)
            passed += 1
            print(f"PASS {fn.__name__} ({time.monotonic() - t:.1f} s)", flush=True)
        except Exception as e:
            failed.append(fn.__name__)
            detail = str(e) if isinstance(e, HarnessError) else traceback.format_exc()
            print(f"FAIL {fn.__name__} ({time.monotonic() - t:.1f} s)\n  " +
                  detail.replace("\n", "\n  "), flush=True)
    print(f"\n{passed} passed, {len(failed)} failed, {time.monotonic() - started:.1f} s on {a.engine}")
    if failed:
        print("failed: " + " ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
