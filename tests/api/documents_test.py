#!/usr/bin/env python3
"""documents_test.py: the consolidated report of a reporting round (issue 8: "every document type
generated for the demo data and checked") against the real binary on a demo store (`pcmd demo`).

    documents_test.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql]

Covers src/api/round_documents_api.cc and src/domain/reporting/round_documents.cc end to end. The
province starts the yearly round of 2024 for its districts; the city (369) writes, submits and has
its report approved. Then each format is made, kept and downloaded, and read back:
  - XLSX (a zip): its three sheets by name; the city's name and its narrative sections among the
    strings; the value of T10 the city submitted, as a number, on the sheet of the targets;
  - DOCX (a zip): the Decree 30 frame and the sections in word/document.xml, the chart as
    word/media/image1.png;
  - PDF: the text through pdftotext (Vietnamese letters with two marks included), and the first
    page rendered to PNG by pdftoppm (skipped without poppler-utils).
Exit 0 when every check passed.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import zipfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "harness"))
from dhis2_test import DISTRICT_OFFICER, PROVINCE_OFFICER, demo_server, expect  # noqa: E402
from access_kit import sign_in  # noqa: E402
from pcmd_server import HarnessError  # noqa: E402

RESULTS = "Đã tổ chức 24 buổi truyền thông ở các phường, xã"
DIFFICULTIES = "Thiếu kinh phí cho đội tuyên truyền viên"


def made(c, round_id: str, fmt: str) -> bytes:
    r = c.post(f"/api/report-rounds/{round_id}/documents", {"format": fmt})
    expect(r.status == 201, f"making the {fmt}: {r.describe(400)}")
    doc = r.json()
    expect(doc["file_name"] == f"bao-cao-tong-hop-37-2024.{fmt}", f"file name {doc['file_name']}")
    got = c.get(f"/api/report-rounds/{round_id}/documents/{doc['id']}")
    expect(got.status == 200 and len(got.body) == doc["size_bytes"], f"download of the {fmt}: {got.status}")
    return got.body


def check_documents(province, district) -> None:
    r = province.post("/api/report-rounds", {"name": "Báo cáo năm 2024", "kind": "year", "period": "2024",
                                             "unit": "37", "level": "district", "due_on": "2025-01-15"})
    expect(r.status == 201, f"round: {r.describe(400)}")
    rnd = r.json()["id"]
    base = f"/api/report-rounds/{rnd}/reports/369"
    r = district.request("PUT", base, {"version": 0, "results": RESULTS, "difficulties": DIFFICULTIES})
    expect(r.status == 200, f"save: {r.describe(400)}")
    r = district.post(base + "/submit", {"version": 1})
    expect(r.status == 200, f"submit: {r.describe(400)}")
    t10 = next(i for i in r.json()["values"]["items"] if i["target"] == "T10")
    expect(isinstance(t10["value"], (int, float)), f"T10 of 369 has no value: {t10}")
    r = province.post(base + "/approve", {"version": 2})
    expect(r.status == 200, f"approve: {r.describe(400)}")

    with zipfile.ZipFile(io.BytesIO(made(province, rnd, "xlsx"))) as z:
        workbook = z.read("xl/workbook.xml").decode()
        for sheet in ("Tiến độ nộp báo cáo", "Chỉ tiêu theo đơn vị", "Nội dung báo cáo"):
            expect(f'name="{sheet}"' in workbook, f"no sheet {sheet!r} in {workbook[:600]}")
        # strings are shared or inline, as the writer chooses: every sheet and the shared table
        strings = "".join(z.read(n).decode() for n in z.namelist()
                          if n == "xl/sharedStrings.xml" or n.startswith("xl/worksheets/sheet"))
        for text in ("Thành phố Ninh Bình", RESULTS, DIFFICULTIES, "Đã duyệt", "Chưa nộp"):
            expect(text in strings, f"{text!r} is not among the workbook's strings")
        targets = z.read("xl/worksheets/sheet2.xml").decode()
        numbers = {float(v) for v in re.findall(r"<v>([-0-9.eE]+)</v>", targets)}
        expect(round(t10["value"], 1) in {round(n, 1) for n in numbers},
               f"T10 of 369 as submitted ({t10['value']}) is not a number on the targets' sheet")

    with zipfile.ZipFile(io.BytesIO(made(province, rnd, "docx"))) as z:
        text = re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode())
        for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Tổng hợp Báo cáo năm 2024", "TÌNH HÌNH NỘP BÁO CÁO",
                     "Ý KIẾN CỦA CÁC ĐƠN VỊ", "Thành phố Ninh Bình", RESULTS, "Nơi nhận"):
            expect(part in text, f"{part!r} is not in the Word document")
        expect("word/media/image1.png" in z.namelist(), "the Word document has no chart")

    pdf = made(province, rnd, "pdf")
    expect(pdf.startswith(b"%PDF-"), "not a PDF")
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        print("documents_test: pdftotext/pdftoppm missing, the PDF is not read back")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "r.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TÌNH HÌNH NỘP BÁO CÁO", "Huyện Hoa Lư", "Ninh Bình"):
            expect(part in flat, f"{part!r} is not in the PDF's text")
        subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", path, os.path.join(tmp, "p")],
                       capture_output=True, check=True)
        pages = [n for n in os.listdir(tmp) if n.endswith(".png")]
        expect(len(pages) == 1 and os.path.getsize(os.path.join(tmp, pages[0])) > 5000,
               f"the first page did not render: {pages}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", default="sqlite", choices=("sqlite", "postgresql"))
    args = ap.parse_args()
    server = demo_server(args.bin, args.engine)
    failed = False
    try:
        check_documents(sign_in(server, PROVINCE_OFFICER), sign_in(server, DISTRICT_OFFICER))
        server.check_sanitizers()
    except HarnessError as e:
        failed = True
        print(f"FAIL: {e}\n{server.stderr_tail()}")
    except Exception:  # noqa: BLE001
        failed = True
        traceback.print_exc()
    finally:
        server.close(check_exit=not failed)
    print("documents_test: " + ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
