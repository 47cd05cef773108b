#!/usr/bin/env python3
"""dhis2_test.py: the exchange with DHIS2 (issue 8, docs/dhis2.md) against the real binary on a demo
store (`pcmd demo`: records of 2021-2025), through the shipped sample mapping data/dhis2/mapping.toml.

    dhis2_test.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql]

Covers src/api/dhis2_api.cc, src/api/dhis2_api_doc.cc and src/domain/reporting/round_values.cc end to
end. Checked ("DHIS2 export validated"):
  - GET /api/indicators/dhis2?format=adx is valid against the ADX schema tests/api/adx/adx.xsd
    (`xmllint --noout --schema`), and carries the same data values as format=json;
  - the dataValueSets JSON has exactly the values of GET /api/indicators (the unit and its children,
    suppressed and empty values left out) under the mapping's data element, orgUnit and period;
  - a period DHIS2 has not (a span of years) is a 422 naming `period`;
  - POST /api/report-rounds/{id}/dhis2 imports a dataValueSets file: the round's units and period
    stored, the rest ignored; the second import of the same file imports nothing, updates every
    value and duplicates none; a file with bad rows is refused (422) with conflicts naming the row
    and field, and nothing of it is written; the access of the round's approver.
Exit 0 when every check passed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import tomllib
import traceback
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "harness"))
from pcmd_server import REPO_ROOT, DEFAULT_UNITS, HarnessError, PcmdServer  # noqa: E402
from access_kit import TestAccount, add_accounts, sign_in  # noqa: E402

XSD = os.path.join(HERE, "adx", "adx.xsd")
MAPPING_FILE = os.path.join(REPO_ROOT, "data", "dhis2", "mapping.toml")
ADX_NS = "{urn:ihe:qrph:adx:2015}"
PROVINCE_OFFICER = TestAccount("dhis2.tinh", "province_officer", "37")
DISTRICT_OFFICER = TestAccount("dhis2.huyen", "district_officer", "369")
YEAR = "2024"


def expect(cond: bool, msg: str) -> None:
    if not cond:
        raise HarnessError(msg)


def demo_server(binary: str, engine: str) -> PcmdServer:
    """A server on a store filled by `pcmd demo` (instead of `pcmd init`)."""
    server = PcmdServer(binary, engine=engine, name="pcmd-dhis2")
    if engine == "postgresql":
        server._create_pg_database()
    else:
        os.makedirs(server.data_dir, exist_ok=True)
    p = subprocess.run([server.binary, "demo", *server.store_args(), "--units", DEFAULT_UNITS], cwd=REPO_ROOT,
                       env=server.env, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise HarnessError(f"pcmd demo exited {p.returncode}:\n{p.stdout[-2000:]}\n{p.stderr[-4000:]}")
    server._initialised = True
    add_accounts(server, [PROVINCE_OFFICER, DISTRICT_OFFICER])
    return server.start()


def exported_values(mapping: dict, answer: dict) -> dict:
    """(dataElement, orgUnit) -> value of every non-null value of a GET /api/indicators answer."""
    org_units = mapping["org_units"].get("uids", {})
    out = {}
    for item in answer["items"]:
        target = mapping["targets"].get(item["id"])
        if target is None:
            continue
        for v in [item["current"], *item.get("children", [])]:
            if v["value"] is None:
                continue
            out[(target["data_element"], org_units.get(v["unit"], v["unit"]))] = v["value"]
    return out


def compare_json(c, mapping: dict, unit: str, period: str) -> tuple[dict, int]:
    """GET /api/indicators/dhis2 (json) against GET /api/indicators for the unit and its children:
    the same values exactly, suppressed and empty ones left out. The values and how many were
    suppressed."""
    query = f"unit={unit}&period={period}&children=true"
    answer = c.get_json(f"/api/indicators?{query}")
    want = exported_values(mapping, answer)
    suppressed = sum(1 for i in answer["items"] for v in [i["current"], *i.get("children", [])] if v["is_suppressed"])
    r = c.get(f"/api/indicators/dhis2?{query}&format=json")
    expect(r.status == 200, f"dhis2 json: {r.describe(800)}")
    expect((r.header("Content-Type") or "").startswith("application/json"), f"json content type {r.header('Content-Type')}")
    doc = r.json()
    dhis2_period = period.replace("H", "S")
    expect(doc["dataSet"] == mapping["data_set"]["uid"] and doc["period"] == dhis2_period,
           f"header {doc['dataSet']} {doc['period']}")
    expect(doc["orgUnit"] == mapping["org_units"]["uids"].get(unit, unit), f"orgUnit {doc['orgUnit']}")
    got = {}
    for dv in doc["dataValues"]:
        key = (dv["dataElement"], dv["orgUnit"])
        expect(key not in got, f"data value {key} twice")
        expect(dv["period"] == dhis2_period, f"period {dv['period']}")
        got[key] = float(dv["value"])
    expect(got == {k: float(v) for k, v in want.items()},
           f"{unit} {period}: dataValues differ from GET /api/indicators: only in dhis2 {sorted(set(got) - set(want))[:5]}, "
           f"only in indicators {sorted(set(want) - set(got))[:5]}, "
           f"different {[k for k in got if k in want and got[k] != want[k]][:5]}")
    return got, suppressed


def check_export(c, mapping: dict) -> None:
    query = f"unit=37&period={YEAR}&children=true"
    got, _ = compare_json(c, mapping, "37", YEAR)
    expect(len(got) >= 10, f"the demo store gives too few values to compare ({len(got)})")
    suppressed = 0
    for unit, period in (("37", "2025"), ("374", YEAR), ("374", "2025"), ("14530", "2025"), ("37", f"{YEAR}Q2"),
                         ("369", f"{YEAR}05")):
        suppressed += compare_json(c, mapping, unit, period)[1]
    expect(suppressed > 0, "no query had a suppressed value to leave out")

    r = c.get(f"/api/indicators/dhis2?{query}&format=adx")
    expect(r.status == 200, f"dhis2 adx: {r.describe(800)}")
    expect(r.header("Content-Type") == "application/adx+xml", f"adx content type {r.header('Content-Type')}")
    with tempfile.NamedTemporaryFile("wb", suffix=".xml", delete=False) as f:
        f.write(r.body)
        path = f.name
    try:
        v = subprocess.run(["xmllint", "--noout", "--schema", XSD, path], capture_output=True, text=True, timeout=60)
        expect(v.returncode == 0, f"ADX message not valid against {XSD}:\n{v.stderr[-2000:]}")
    finally:
        os.unlink(path)
    root = ET.fromstring(r.body)
    adx = {}
    for g in root.findall(f"{ADX_NS}group"):
        expect(g.get("period") == f"{YEAR}-01-01/P1Y" and g.get("dataSet") == mapping["data_set"]["uid"],
               f"group {g.attrib}")
        for dv in g.findall(f"{ADX_NS}dataValue"):
            adx[(dv.get("dataElement"), g.get("orgUnit"))] = float(dv.get("value"))
    expect(adx == got, "the ADX message and the dataValueSets document differ")
    print(f"  export: {len(got)} values, json = GET /api/indicators over 7 queries ({suppressed} suppressed left out), ADX valid")

    r = c.get("/api/indicators/dhis2?unit=37&period=P2021-2025")
    expect(r.status == 422 and any(f["field"] == "period" for f in r.json()["error"]["fields"]),
           f"span of years: {r.describe(600)}")
    r = c.get(f"/api/indicators/dhis2?unit=37&period={YEAR}&format=csv")
    expect(r.status == 400, f"format=csv: {r.describe(400)}")


def data_value(mapping: dict, target: str, unit: str, value, period: str = "2025S1") -> dict:
    return {"dataElement": mapping["targets"][target]["data_element"], "period": period,
            "orgUnit": mapping["org_units"]["uids"].get(unit, unit), "value": value}


def stored(server: PcmdServer, round_id: str) -> list[list[str]]:
    return server.sql("SELECT unit_code, target, value FROM report_round_values "
                      f"WHERE round_id = '{round_id}' ORDER BY unit_code, target")


def check_import(server: PcmdServer, c, district, mapping: dict) -> None:
    r = c.post("/api/report-rounds", {"name": "Báo cáo 6 tháng đầu năm 2025 (DHIS2)", "kind": "six_month",
                                      "period": "2025H1", "unit": "37", "level": "district",
                                      "due_on": "2025-07-15", "plan": "plan-184"})
    expect(r.status == 201, f"round: {r.describe(600)}")
    rnd = r.json()
    url = f"/api/report-rounds/{rnd['id']}/dhis2"
    good = [data_value(mapping, "T4", "369", "12"), data_value(mapping, "T4", "370", "7.5"),
            data_value(mapping, "T5", "369", 3), data_value(mapping, "T9", "372", "-2.25")]
    doc = {"dataSet": mapping["data_set"]["uid"], "dataValues": good + [
        data_value(mapping, "T4", "14347", "1"),              # a commune: not in the round
        data_value(mapping, "T4", "369", "1", "2025S2")]}     # another period
    r = c.post(url, doc)
    expect(r.status == 200, f"import: {r.describe(800)}")
    s = r.json()
    expect((s["status"], s["imported"], s["updated"], s["ignored"], s["conflicts"]) == ("SUCCESS", 4, 0, 2, []),
           f"first import summary {s}")
    first = stored(server, rnd["id"])
    expect(first == [["369", "T4", "12"], ["369", "T5", "3"], ["370", "T4", "7.5"], ["372", "T9", "-2.25"]],
           f"stored after the first import {first}")

    r = c.post(url, doc)
    s = r.json()
    expect(r.status == 200 and (s["imported"], s["updated"], s["ignored"]) == (0, 4, 2),
           f"second import summary {r.describe(600)}")
    expect(stored(server, rnd["id"]) == first, "the second import changed or duplicated values")

    listed = c.get_json(f"/api/report-rounds/{rnd['id']}/dhis2-values")
    expect([(i["unit"], i["target"], i["value"]) for i in listed["items"]] ==
           [("369", "T4", 12), ("369", "T5", 3), ("370", "T4", 7.5), ("372", "T9", -2.25)],
           f"dhis2-values {listed}")

    bad = {"dataValues": [data_value(mapping, "T4", "369", "99"),                      # good, changed
                          {**data_value(mapping, "T4", "369", "1"), "dataElement": "NoSuchDe001"},
                          data_value(mapping, "T4", "99999", "1"),                     # no such unit
                          data_value(mapping, "T4", "370", "1", "2025H1"),             # pcmd, not DHIS2
                          data_value(mapping, "T5", "370", "many"),
                          data_value(mapping, "T4", "370", "5"), data_value(mapping, "T4", "370", "6")]}
    r = c.post(url, bad)
    expect(r.status == 422, f"bad rows: {r.describe(800)}")
    body = r.json()
    got = sorted((x["row"], x["field"], x["code"]) for x in body["conflicts"])
    want = [(1, "dataElement", "unknown_data_element"), (2, "orgUnit", "unknown_org_unit"),
            (3, "period", "invalid_period"), (4, "value", "invalid_value"), (6, "dataElement", "duplicate")]
    expect(got == want, f"conflicts {got} (want {want})")
    fields = sorted(f["field"] for f in body["error"]["fields"])
    expect("dataValues[1].dataElement" in fields and "dataValues[4].value" in fields, f"error fields {fields}")
    expect((body["status"], body["imported"], body["updated"]) == ("ERROR", 0, 0), f"summary {body}")
    expect(stored(server, rnd["id"]) == first, "a refused file wrote values")

    r = c.request("POST", url, raw=b"{not json")
    expect(r.status == 400, f"malformed json: {r.describe(400)}")
    r = c.post(url, {"dataSet": "OtherDs0001", "dataValues": good})
    expect(r.status == 422 and r.json()["error"]["fields"][0]["field"] == "dataSet", f"other data set: {r.describe(400)}")

    # the district reads the round (it reports in it) but does not approve it
    r = district.post(url, doc)
    expect(r.status == 403, f"district import: {r.describe(400)}")
    listed = district.get_json(f"/api/report-rounds/{rnd['id']}/dhis2-values")
    expect({i["unit"] for i in listed["items"]} == {"369"}, f"district sees {listed}")
    r = c.post("/api/report-rounds/00000000-0000-4000-8000-000000000000/dhis2", doc)
    expect(r.status == 404, f"no such round: {r.describe(400)}")
    expect(stored(server, rnd["id"]) == first, "a refused import wrote values")
    print("  import: 4 stored, 2 ignored; re-import 0 imported / 4 updated; bad rows refused whole")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", default="sqlite", choices=("sqlite", "postgresql"))
    args = ap.parse_args()
    with open(MAPPING_FILE, "rb") as f:
        mapping = tomllib.load(f)
    server = demo_server(args.bin, args.engine)
    failed = False
    try:
        c = sign_in(server, PROVINCE_OFFICER)
        district = sign_in(server, DISTRICT_OFFICER)
        for check in (lambda: check_export(c, mapping), lambda: check_import(server, c, district, mapping)):
            try:
                check()
            except HarnessError as e:
                failed = True
                print(f"FAIL: {e}")
            except Exception:  # noqa: BLE001
                failed = True
                traceback.print_exc()
        server.check_sanitizers()
    except HarnessError as e:
        failed = True
        print(f"FAIL: {e}\n{server.stderr_tail()}")
    finally:
        server.close(check_exit=not failed)
    print("dhis2_test: " + ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
