#!/usr/bin/env python3
"""sync_test.py: the offline sync (POST /api/sync, issue 9) against the real binary
(src/api/sync_api.cc over src/store/idempotency.cc).

    sync_test.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql] [-k NAME]

docs/contract.md "Offline sync": a device sends the writes it queued offline, each with an
idempotency key made on the device. Checked here: a batch of creates and changes sent 1 to 5
times, in another order, and by several connections at once creates every record exactly once
and every result is acknowledged; the same key with other content is refused (422
`idempotency_key_reused`) and changes nothing; a stale version is a 409 the device keeps seeing
for that operation (a conflict to resolve, never overwritten); refusals of the caller's access
stay refusals; malformed batches name the field; keys are per account. Exit 0 when every check
passed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
import traceback
import uuid
from contextlib import contextmanager

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from pcmd_server import HarnessError, PcmdServer  # noqa: E402
from access_kit import TestAccount, add_accounts, sign_in  # noqa: E402

CHECKS = []
OFFICER = TestAccount("sync.xa", "commune_officer", "14347")
OTHER = TestAccount("sync.xa2", "commune_officer", "14350")
ACTIVITIES = "/api/communication-activities"


SESSIONS: dict = {}


@contextmanager
def session(s, acct: TestAccount):
    """The account's one signed-in client (a new sign-in would wait for the next TOTP step)."""
    if acct.username not in SESSIONS:
        SESSIONS[acct.username] = sign_in(s, acct)
    yield SESSIONS[acct.username]


def check(fn):
    CHECKS.append(fn)
    return fn


def expect(cond: bool, msg: str) -> None:
    if not cond:
        raise HarnessError(msg)


def activity(unit: str = "14347", **extra) -> dict:
    return {"id": str(uuid.uuid4()), "unit": unit, "date": "2024-05-04", "form": "meeting", "setting": "community",
            "organiser": "UBND xã", **extra}


def create_op(body: dict) -> dict:
    return {"key": str(uuid.uuid4()), "method": "POST", "path": ACTIVITIES, "body": body}


def sync(c, ops: list[dict]) -> list[dict]:
    r = c.post("/api/sync", {"operations": ops})
    expect(r.status == 200, f"sync: {r.describe(600)}")
    results = r.json()["results"]
    expect([x["key"] for x in results] == [o.get("key") for o in ops], "a result per operation, in order")
    return results


def count_ids(c, ids: set[str]) -> dict[str, int]:
    body = c.get_json(f"{ACTIVITIES}?unit=14347&limit=1000")
    seen: dict[str, int] = {}
    for item in body["items"]:
        if item["id"] in ids:
            seen[item["id"]] = seen.get(item["id"], 0) + 1
    return seen


@check
def resends_reordered_and_concurrent_create_each_record_once(s):
    with session(s, OFFICER) as c:
        bodies = [activity(audience_count=10 + i) for i in range(12)]
        ops = [create_op(b) for b in bodies]
        first = sync(c, ops)
        expect(all(x["status"] == 201 and not x["replayed"] for x in first), f"first send: {first[:2]}")
        # Sent again 1 to 5 times, in another order: the same replies, nothing new.
        rng = random.Random(184)
        for times in range(1, 6):
            again = list(ops)
            rng.shuffle(again)
            for _ in range(times):
                results = sync(c, again)
                expect(all(x["status"] == 201 and x["replayed"] for x in results), f"resend: {results[:2]}")
                expect(all(x["body"]["id"] == o["body"]["id"] for x, o in zip(results, again)), "the first replies")
        # Several connections at once, some keys new, some old.
        fresh = [create_op(activity()) for _ in range(8)]
        mixed = ops[:4] + fresh
        errors: list[str] = []

        def send(batch):
            try:
                with s.client() as other:  # another connection of the same session
                    other.cookies, other.csrf_token = dict(c.cookies), c.csrf_token
                    for x in sync(other, batch):
                        if x["status"] not in (201, 409):
                            errors.append(f"{x['status']} {x['body']}")
            except Exception as e:  # noqa: BLE001
                errors.append(str(e))
        threads = []
        for i in range(5):
            batch = list(mixed)
            random.Random(i).shuffle(batch)
            threads.append(threading.Thread(target=send, args=(batch,)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        expect(not errors, f"concurrent batches: {errors[:3]}")
        # A key that answered "in progress" is sent once more and acknowledged.
        for x in sync(c, mixed):
            expect(x["status"] == 201, f"after the concurrent batches: {x}")
        ids = {o["body"]["id"] for o in ops + fresh}
        seen = count_ids(c, ids)
        expect(seen == {i: 1 for i in ids}, f"every record once: {len(seen)} of {len(ids)}, "
                                             f"{[k for k, n in seen.items() if n != 1]}")


@check
def the_same_key_with_other_content_is_refused(s):
    with session(s, OFFICER) as c:
        op = create_op(activity(audience_count=5))
        sync(c, [op])
        other = dict(op, body=activity(audience_count=6))
        [x] = sync(c, [other])
        fields = x["body"]["error"].get("fields", [])
        expect(x["status"] == 422 and fields and fields[0]["code"] == "idempotency_key_reused" and
               fields[0]["field"] == "operations[0].key", f"reused key: {x}")
        expect(count_ids(c, {other["body"]["id"]}) == {}, "nothing stored for the refused operation")


@check
def a_stale_change_is_a_conflict_never_an_overwrite(s):
    with session(s, OFFICER) as c:
        body = activity(audience_count=20)
        sync(c, [create_op(body)])
        path = f"{ACTIVITIES}/{body['id']}"
        # Changed on the server meanwhile (version 1 -> 2).
        r = c.patch(path, {"version": 1, "audience_count": 30})
        expect(r.status == 200, r.describe())
        change = {"key": str(uuid.uuid4()), "method": "PATCH", "path": path, "body": {"version": 1, "audience_count": 99}}
        for _ in range(2):
            [x] = sync(c, [change])
            expect(x["status"] == 409, f"stale change: {x}")
        expect(c.get_json(path)["audience_count"] == 30, "the server's change stays")
        # Resolved on the device: the current version, a new key.
        [x] = sync(c, [dict(change, key=str(uuid.uuid4()), body={"version": 2, "audience_count": 99})])
        expect(x["status"] == 200 and x["body"]["audience_count"] == 99, f"resolved: {x}")


@check
def refusals_and_bad_batches(s):
    with session(s, OFFICER) as c:
        # Another commune's unit: the caller's access applies to each operation.
        [x] = sync(c, [create_op(activity(unit="14530"))])
        expect(x["status"] in (403, 404, 422), f"out of scope: {x}")
        bad = [{"key": "not-a-uuid", "method": "POST", "path": ACTIVITIES, "body": activity()},
               {"key": str(uuid.uuid4()), "method": "GET", "path": ACTIVITIES},
               {"key": str(uuid.uuid4()), "method": "POST", "path": "/api/auth/logout"},
               {"key": str(uuid.uuid4()), "method": "POST", "path": "/api/no-such-thing", "body": {}}]
        results = sync(c, bad)
        fields = [x["body"]["error"].get("fields", [{}])[0].get("field") for x in results[:3]]
        expect(fields == ["operations[0].key", "operations[1].method", "operations[2].path"], f"named fields: {fields}")
        expect(results[3]["status"] == 404, f"unknown path: {results[3]}")
        r = c.post("/api/sync", {"ops": []})
        expect(r.status == 422 and "operations" in r.text, f"no operations: {r.describe()}")
        r = c.post("/api/sync", {"operations": [create_op(activity()) for _ in range(201)]})
        expect(r.status == 422 and "too_many" in r.text, f"too many: {r.status}")
    # Keys are per account: another account's key of the same value is its own.
    with session(s, OFFICER) as c, session(s, OTHER) as d:
        op = create_op(activity())
        sync(c, [op])
        [x] = sync(d, [dict(op, body=activity(unit="14350"))])
        expect(x["status"] == 201 and not x["replayed"], f"another account's key: {x}")
    # Without a session nothing is applied.
    with s.client() as anonymous:
        r = anonymous.post("/api/sync", {"operations": [create_op(activity())]})
        expect(r.status in (401, 403), f"anonymous: {r.status}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("-k", dest="only", default=None, help="run only checks whose name has this")
    a = ap.parse_args()
    if a.engine == "postgresql" and not os.environ.get("PCMD_TEST_PG_URL"):
        print("sync_test: --engine postgresql needs PCMD_TEST_PG_URL", file=sys.stderr)
        return 2
    started, failed, passed = time.monotonic(), [], 0
    with PcmdServer(a.bin, engine=a.engine, name="sync") as s:
        s.stop()
        add_accounts(s, [OFFICER, OTHER])
        s.start()
        for fn in CHECKS:
            if a.only and a.only not in fn.__name__:
                continue
            t = time.monotonic()
            try:
                fn(s)
                passed += 1
                print(f"PASS {fn.__name__} ({time.monotonic() - t:.1f} s)", flush=True)
            except Exception as e:  # noqa: BLE001
                failed.append(fn.__name__)
                detail = str(e) if isinstance(e, HarnessError) else traceback.format_exc()
                print(f"FAIL {fn.__name__} ({time.monotonic() - t:.1f} s)\n  " + detail.replace("\n", "\n  "), flush=True)
    print(f"\n{passed} passed, {len(failed)} failed, {time.monotonic() - started:.1f} s on {a.engine}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
