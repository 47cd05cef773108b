#!/usr/bin/env python3
"""crash_test.py: kill -9 pcmd in the middle of a write load, restart it, check the store.

    crash_test.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql] [--rounds 20]
                  [--threads 4] [--seed N] [--max-load-seconds 1.0] [--self-test]

One store (a fresh SQLite folder, or a fresh database under $PCMD_TEST_PG_URL: run it under
tests/harness/with_postgres.sh) lives through every round. A round:

  1. client threads issue writes (each a `Writer`, below) as fast as they can; every write's key
     is recorded as *attempted* before it is sent and as *acknowledged* when its reply is the
     writer's success status (201 for a create);
  2. once a write of the round has been acknowledged, after a random further delay, the server
     gets SIGKILL;
  3. the server restarts on the same store; then
       - every acknowledged write is there, with the content that was sent;
       - every attempted write is either entirely there (same content) or entirely absent, and
         nothing is there that was never attempted;
       - the change log has exactly the writer's entries (one `create`) for each write that is
         there and none for one that is absent; likewise the audit log's entries when the store
         has one, and `pcmd audit verify` passes when the binary has that command;
       - SQLite: `PRAGMA integrity_check` says ok (and `foreign_key_check` finds nothing).
At the end the server must stop on SIGTERM with exit 0, and no start may have printed a sanitizer
report. Exit status 0 when all of that holds, 1 otherwise.

Writers: `UnitWriter` (communes created by the first administrator) and `ProgrammeWriter`
(communication activities with client-made UUIDs, created by province officers: each load thread
has an officer account of its own, signed in with TOTP once before the first round; sessions
live in the store, so the same session cookie serves every round).

Adding a record type: write a Writer subclass (see UnitWriter) and append it to `make_writers`.
A writer says how to issue one write, which reply acknowledges it, which session sends it, how to
read one record or all of its records back, what "same content" means, and which change-log
entries a present record has.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
import pcmd_server  # noqa: E402
from pcmd_server import Client, PcmdServer, Response  # noqa: E402
from access_kit import TestAccount, add_accounts, sign_in  # noqa: E402


# --------------------------------------------------------------------------------------------
# Writers


@dataclass
class Attempt:
    """One write: what is sent, and what must be found afterwards if it took effect."""

    writer: "Writer"
    key: str
    method: str
    path: str
    body: Any
    expected: dict
    round: int = 0
    acked: bool = False
    status: int | None = None  # the reply's status, when there was one
    present: bool | None = None  # found after the last restart


class Writer:
    """One kind of write of the crash load. Subclasses fill in the record-specific parts.

    Thread-safety: `attempt` is called from every load thread at once; the rest from one thread.
    """

    name = "writer"
    entity = ""           # the change log's `entity` for these records
    ack_statuses = (201,)

    def prepare(self, server: PcmdServer, client: Client) -> None:
        """Once, before the first round: create whatever the writes need (parents...)."""

    def attempt(self, round_no: int) -> Attempt:
        raise NotImplementedError

    def thread_client(self, server: PcmdServer, idx: int) -> Client:
        """The client load thread `idx` sends this writer's writes with (a fresh connection each
        round; no resending on a stale connection). Signs in as the first administrator."""
        return server.admin_client(timeout=20, retry_stale=False)

    def verify_client(self, server: PcmdServer) -> Client:
        """The client that reads the records back after a restart."""
        return server.admin_client()

    def owns(self, entity_id: str) -> bool:
        """Whether a change-log entity id of `entity` belongs to this writer's key space."""
        raise NotImplementedError

    def fetch_one(self, client: Client, key: str) -> dict | None:
        """The record as the API shows it now, or None when it does not exist (404)."""
        raise NotImplementedError

    def fetch_all(self, client: Client) -> dict[str, dict] | None:
        """Every record of this writer's key space, by key; None when there is no cheap way."""
        return None

    def mismatch(self, record: dict, attempt: Attempt) -> str | None:
        """Why `record` is not what `attempt` wrote; None when it is."""
        for k, v in attempt.expected.items():
            if record.get(k) != v:
                return f"{k} is {record.get(k)!r}, wrote {v!r}"
        return None

    def log_ops(self, attempt: Attempt) -> dict[str, int]:
        """Change-log ops (with counts) that a present record of `attempt` has."""
        return {"create": 1}

    def tamper_sql(self, key: str) -> str:
        """SQL that deletes the record `key` behind the server's back (--self-test only)."""
        raise NotImplementedError


class UnitWriter(Writer):
    """Creates communes with 6-digit codes 9xxxxx under the Ninh Bình districts."""

    name = "units"
    entity = "unit"
    districts = ("369", "370", "372", "373", "374", "375", "376", "377")

    def __init__(self, rng: random.Random):
        self._codes = itertools.count(900001)
        self._lock = threading.Lock()
        self._rng = rng

    def attempt(self, round_no: int) -> Attempt:
        with self._lock:
            code = str(next(self._codes))
            parent = self._rng.choice(self.districts)
        body = {"code": code, "name": f"Xã Thử Sập {code}", "level": "commune", "type": "Xã",
                "parent_code": parent, "valid_from": "2021-01-01"}
        expected = {k: body[k] for k in ("code", "name", "level", "type", "parent_code", "valid_from")}
        expected["valid_to"] = None
        return Attempt(self, code, "POST", "/api/units", body, expected, round_no)

    def tamper_sql(self, key: str) -> str:
        return f"DELETE FROM units WHERE code = '{key}'"

    def owns(self, entity_id: str) -> bool:
        return len(entity_id) == 6 and entity_id.startswith("9") and entity_id.isdigit()

    def fetch_one(self, client: Client, key: str) -> dict | None:
        r = client.get(f"/api/units/{key}")
        if r.status == 404:
            return None
        if r.status != 200:
            raise pcmd_server.HarnessError(f"GET unit {key}:\n{r.describe()}")
        record = r.json()
        path = [p.get("code") for p in record.get("path", [])]
        if path[-1:] != [key] or len(path) != 3:
            record["_problem"] = f"path is {path}"
        return record

    def fetch_all(self, client: Client) -> dict[str, dict]:
        out: dict[str, dict] = {}
        offset = 0
        while True:
            r = client.get(f"/api/units?level=commune&limit=1000&offset={offset}")
            if r.status != 200:
                raise pcmd_server.HarnessError(f"list units:\n{r.describe()}")
            page = r.json()
            for u in page["items"]:
                if self.owns(u["code"]):
                    if u["code"] in out:
                        out[u["code"]]["_problem"] = "listed twice"
                    else:
                        out[u["code"]] = u
            offset += len(page["items"])
            if not page["items"] or offset >= page["total"]:
                return out


class ProgrammeWriter(Writer):
    """Creates communication activities with client-made UUIDs `c4a5e5e5-…` (the id is the key)
    in units of the whole province, as province officers of unit 37 (one account per load thread,
    each signed in once with TOTP enrolment: the replay rule allows one sign-in per 30-s step)."""

    name = "communication-activities"
    entity = "communication_activity"
    path = "/api/communication-activities"
    prefix = "c4a5e5e5-"
    units = ("37", "369", "370", "374", "14347", "14350", "14530")
    forms = ("meeting", "loudspeaker", "print", "stage", "counselling")
    settings = ("community", "school", "establishment", "industrial_zone")
    fields = ("id", "unit", "date", "form", "setting", "organiser", "audience_count", "note")

    def __init__(self, rng: random.Random, threads: int):
        self._n = itertools.count(1)
        self._lock = threading.Lock()
        self._rng = rng
        self.accounts = [TestAccount(f"crash.officer.{i}", "province_officer", "37") for i in range(max(1, threads))]
        self.sessions: list[tuple[dict[str, str], str | None]] = []

    def prepare(self, server: PcmdServer, client: Client) -> None:
        add_accounts(server, self.accounts)
        for acct in self.accounts:
            with sign_in(server, acct) as c:
                self.sessions.append((dict(c.cookies), c.csrf_token))

    def _client(self, server: PcmdServer, idx: int, retry_stale: bool) -> Client:
        cookies, csrf = self.sessions[idx % len(self.sessions)]
        c = server.client(timeout=20, retry_stale=retry_stale)
        c.cookies, c.csrf_token = dict(cookies), csrf
        return c

    def thread_client(self, server: PcmdServer, idx: int) -> Client:
        return self._client(server, idx, retry_stale=False)

    def verify_client(self, server: PcmdServer) -> Client:
        return self._client(server, 0, retry_stale=True)

    def attempt(self, round_no: int) -> Attempt:
        with self._lock:
            n = next(self._n)
            r = self._rng
            key = (f"{self.prefix}{r.getrandbits(16):04x}-4{r.getrandbits(12):03x}-"
                   f"{r.choice('89ab')}{r.getrandbits(12):03x}-{n:06x}{r.getrandbits(24):06x}")
            body = {"id": key, "unit": r.choice(self.units),
                    "date": f"2023-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
                    "form": r.choice(self.forms), "setting": r.choice(self.settings),
                    "organiser": f"Đơn vị tổ chức {n} (vòng {round_no})",
                    "audience_count": r.randint(0, 5000),
                    "note": r.choice((None, "Tuyên truyền tại nhà văn hóa thôn", "=1+1"))}
        if body["note"] is None:
            del body["note"]
        expected = {k: body.get(k) for k in self.fields}
        return Attempt(self, key, "POST", self.path, body, expected, round_no)

    def tamper_sql(self, key: str) -> str:
        return f"DELETE FROM records WHERE id = '{key}'"

    def owns(self, entity_id: str) -> bool:
        return entity_id.startswith(self.prefix)

    def fetch_one(self, client: Client, key: str) -> dict | None:
        r = client.get(f"{self.path}/{key}")
        if r.status == 404:
            return None
        if r.status != 200:
            raise pcmd_server.HarnessError(f"GET {self.name} {key}:\n{r.describe()}")
        record = r.json()
        if record.get("version") != 1:
            record["_problem"] = f"version is {record.get('version')}"
        return record

    def fetch_all(self, client: Client) -> dict[str, dict]:
        out: dict[str, dict] = {}
        offset = 0
        while True:
            r = client.get(f"{self.path}?limit=1000&offset={offset}")
            if r.status != 200:
                raise pcmd_server.HarnessError(f"list {self.name}:\n{r.describe()}")
            page = r.json()
            for rec in page["items"]:
                if self.owns(rec["id"]):
                    if rec["id"] in out:
                        out[rec["id"]]["_problem"] = "listed twice"
                    else:
                        if rec.get("version") != 1:
                            rec["_problem"] = f"version is {rec.get('version')}"
                        out[rec["id"]] = rec
            offset += len(page["items"])
            if not page["items"] or offset >= page["total"]:
                return out


def make_writers(rng: random.Random, threads: int = 4) -> list[Writer]:
    return [UnitWriter(rng), ProgrammeWriter(rng, threads)]


# --------------------------------------------------------------------------------------------
# The test


@dataclass
class Ledger:
    """What the load did, shared by the load threads."""

    attempts: dict[tuple[str, str], Attempt] = field(default_factory=dict)  # (writer, key)
    lock: threading.Lock = field(default_factory=threading.Lock)
    first_ack: threading.Event = field(default_factory=threading.Event)
    unexpected: list[str] = field(default_factory=list)
    round_acks: int = 0
    round_attempts: int = 0


class CrashTest:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.rng = random.Random(args.seed)
        self.writers = make_writers(self.rng, args.threads)
        self.ledger = Ledger()
        self.problems: list[str] = []
        self.server = PcmdServer(args.bin, engine=args.engine, name="crash", threads=args.server_threads)
        self.audit_cli: bool | None = None
        self.killing = threading.Event()  # set just before each SIGKILL
        self.stats = {"kills": 0, "acked": 0, "attempted": 0, "present_unacked": 0, "absent_unacked": 0}

    def log(self, msg: str) -> None:
        print(f"[crash {self.args.engine} {time.monotonic() - self.t0:6.1f}s] {msg}", flush=True)

    def problem(self, msg: str) -> None:
        self.problems.append(msg)
        print(f"PROBLEM: {msg}", flush=True)

    # ---- load -------------------------------------------------------------------------------

    def load_thread(self, round_no: int, stop: threading.Event, idx: int) -> None:
        wrng = random.Random(self.rng.random())
        clients: dict[str, Client] = {}
        try:
            for w in self.writers:
                clients[w.name] = w.thread_client(self.server, idx)
        except Exception as e:  # the kill can come before every thread has signed in
            if not self.killing.is_set():
                with self.ledger.lock:
                    self.ledger.unexpected.append(f"thread {idx}: sign-in failed: {e}")
            for c in clients.values():
                c.close()
            return
        try:
            while not stop.is_set():
                writer = wrng.choice(self.writers)
                client = clients[writer.name]
                a = writer.attempt(round_no)
                with self.ledger.lock:
                    self.ledger.attempts[(writer.name, a.key)] = a
                    self.ledger.round_attempts += 1
                try:
                    r: Response = client.request(a.method, a.path, a.body)
                except (OSError, http.client.HTTPException):
                    # The kill (or a reset just before it): outcome unknown. Keep going until the
                    # main thread says stop, on a new connection.
                    client.close()
                    if stop.wait(0.01):
                        return
                    continue
                a.status = r.status
                if r.status in writer.ack_statuses:
                    a.acked = True
                    with self.ledger.lock:
                        self.ledger.round_acks += 1
                    self.ledger.first_ack.set()
                elif r.status == 503:
                    time.sleep(0.01)  # overloaded, allowed by the contract: not acknowledged
                else:
                    with self.ledger.lock:
                        self.ledger.unexpected.append(
                            f"{writer.name} {a.key}: {r.status} {r.text[:300]}")
        finally:
            for c in clients.values():
                c.close()

    def run_round(self, round_no: int) -> None:
        ledger = self.ledger
        ledger.first_ack.clear()
        self.killing.clear()
        ledger.round_acks = ledger.round_attempts = 0
        stop = threading.Event()
        threads = [threading.Thread(target=self.load_thread, args=(round_no, stop, i), daemon=True)
                   for i in range(self.args.threads)]
        for t in threads:
            t.start()
        if not ledger.first_ack.wait(30):
            self.problem(f"round {round_no}: no write acknowledged within 30 s\n"
                         f"{self.server.stderr_tail()}")
        elif not self.server.running:
            self.problem(f"round {round_no}: the server died during the load\n"
                         f"{self.server.stderr_tail()}")
        else:
            if self.args.self_test and round_no == 0:
                # The self-test breaks two acknowledged writes of this round: on a busy machine
                # the first ack may come alone, so wait for a second before the random delay.
                deadline = time.monotonic() + 30
                while ledger.round_acks < 2 and self.server.running and time.monotonic() < deadline:
                    time.sleep(0.01)
            time.sleep(self.rng.uniform(0.0, self.args.max_load_seconds))
        died_early = not self.server.running
        self.killing.set()
        self.server.kill()
        self.stats["kills"] += 1
        stop.set()
        for t in threads:
            t.join(30)
            if t.is_alive():
                self.problem(f"round {round_no}: a load thread hangs after the kill")
        if died_early:
            self.problem(f"round {round_no}: the server was not running at kill time\n"
                         f"{self.server.stderr_tail()}")
        with ledger.lock:
            for u in ledger.unexpected:
                self.problem(f"round {round_no}: unexpected reply: {u}")
            ledger.unexpected.clear()
        self.log(f"round {round_no}: killed after {ledger.round_acks} acknowledged of "
                 f"{ledger.round_attempts} attempted writes")

    # ---- checks -----------------------------------------------------------------------------

    def verify(self, round_no: int, full: bool) -> None:
        """Checks every attempt of `round_no` one by one and all attempts by list and in the
        store; `full` also reads a sample of earlier rounds' records one by one."""
        clients = {w.name: w.verify_client(self.server) for w in self.writers}
        try:
            by_writer: dict[str, dict[str, dict] | None] = {}
            for w in self.writers:
                by_writer[w.name] = w.fetch_all(clients[w.name])
            earlier = [k for k, a in self.ledger.attempts.items() if a.round != round_no]
            sample = set(self.rng.sample(earlier, min(len(earlier), 300))) if full else set()
            for (wname, key), a in sorted(self.ledger.attempts.items()):
                listed = by_writer[wname]
                if a.round == round_no or (wname, key) in sample or listed is None:
                    record = a.writer.fetch_one(clients[wname], key)
                    if listed is not None and (record is None) != (key not in listed):
                        self.problem(f"{wname} {key}: GET says {'absent' if record is None else 'present'}"
                                     f" but the list says the opposite")
                else:
                    record = listed.get(key)
                self.check_record(a, record)
            for w in self.writers:
                listed = by_writer[w.name]
                if listed is None:
                    continue
                for key in listed:
                    if (w.name, key) not in self.ledger.attempts:
                        self.problem(f"{w.name} {key}: present but never attempted")
                    elif listed[key].get("_problem"):
                        self.problem(f"{w.name} {key}: {listed[key]['_problem']}")
        finally:
            for c in clients.values():
                c.close()
        self.check_store()

    def check_record(self, a: Attempt, record: dict | None) -> None:
        name = f"{a.writer.name} {a.key} (round {a.round}, reply {a.status})"
        if record is None:
            if a.acked:
                self.problem(f"{name}: acknowledged but absent after the restart")
            a.present = False
            return
        a.present = True
        why = a.writer.mismatch(record, a) or record.get("_problem")
        if why:
            self.problem(f"{name}: present but not as written: {why}")

    def check_store(self) -> None:
        srv = self.server
        # change log (and audit log) entries per record
        tables = ["change_log"]
        if self.table_exists("audit_log"):
            tables.append("audit_log")
        for table in tables:
            op_col = "op" if table == "change_log" else "action"
            for w in self.writers:
                rows = srv.sql(f"SELECT entity_id, {op_col}, COUNT(*) FROM {table} "
                               f"WHERE entity = '{w.entity}' GROUP BY entity_id, {op_col}")
                seen: dict[str, dict[str, int]] = {}
                for entity_id, op, n in rows:
                    if w.owns(entity_id):
                        seen.setdefault(entity_id, {})[op] = int(n)
                for (wname, key), a in self.ledger.attempts.items():
                    if wname != w.name:
                        continue
                    got = seen.pop(key, {})
                    if table == "audit_log":  # reads and other actions may be audited too
                        got = {op: n for op, n in got.items() if op in w.log_ops(a)}
                    want = w.log_ops(a) if bool(a.present) else {}
                    if got != want:
                        state = "present" if bool(a.present) else "absent"
                        self.problem(f"{table}: {w.name} {key} is {state} but has entries {got} "
                                     f"(expected {want})")
                for key, ops in seen.items():
                    self.problem(f"{table}: entries {ops} for {w.name} {key}, never attempted")
        if srv.engine == "sqlite":
            out = srv.sql("PRAGMA integrity_check")
            if out != [["ok"]]:
                self.problem(f"PRAGMA integrity_check: {out[:20]}")
            fk = srv.sql("PRAGMA foreign_key_check")
            if fk:
                self.problem(f"PRAGMA foreign_key_check: {fk[:20]}")
        if self.audit_cli is None:
            p = subprocess.run([srv.binary, "--help"], capture_output=True, env=srv.env, timeout=60)
            subcommands = p.stdout.decode(errors="replace").partition("Subcommands:")[2]
            self.audit_cli = any(line.split()[:1] == ["audit"] for line in subcommands.splitlines())
            if not self.audit_cli:
                self.log("this pcmd has no `audit verify` command: skipping the chain check")
        if self.audit_cli:
            p = subprocess.run([srv.binary, "audit", "verify", *srv.store_args()], capture_output=True,
                               env=srv.env, timeout=120, cwd=pcmd_server.REPO_ROOT)
            if p.returncode != 0:
                self.problem(f"pcmd audit verify exited {p.returncode}: "
                             f"{(p.stdout + p.stderr).decode(errors='replace')[-2000:]}")

    def table_exists(self, table: str) -> bool:
        if self.server.engine == "sqlite":
            q = f"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
        else:
            q = f"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '{table}'"
        return self.server.sql(q) == [["1"]]

    def tamper(self) -> None:
        """--self-test: breaks two acknowledged writes behind the server's back, to show that the
        checks see it: one loses its change-log entry, the other its record."""
        acked = sorted(k for k, a in self.ledger.attempts.items() if a.acked)
        if len(acked) < 2:
            raise pcmd_server.HarnessError("self-test: fewer than two acknowledged writes")
        (w1, k1), (w2, k2) = acked[0], acked[-1]
        writer = {w.name: w for w in self.writers}
        self.server.sql(f"DELETE FROM change_log WHERE entity = '{writer[w1].entity}' "
                        f"AND entity_id = '{k1}'")
        self.server.sql(writer[w2].tamper_sql(k2))
        self.tampered = [k1, k2]
        self.log(f"self-test: deleted the change-log entry of {w1} {k1} and the record {w2} {k2}")

    # ---- driver -----------------------------------------------------------------------------

    def run(self) -> int:
        self.t0 = time.monotonic()
        args = self.args
        try:
            self.server.start()
            with self.server.admin_client() as c:  # signs in once (first password change)
                for w in self.writers:
                    w.prepare(self.server, c)
            self.log(f"server up (pid {self.server.pid}); {args.rounds} rounds, {args.threads} "
                     f"threads, seed {args.seed}")
            for round_no in range(args.rounds):
                self.run_round(round_no)
                if args.self_test and round_no == 0:
                    self.tamper()
                self.server.start()
                self.verify(round_no, full=(round_no == args.rounds - 1))
                if len(self.problems) > 50:
                    self.log("too many problems: stopping early")
                    break
            self.server.stop()  # SIGTERM, exit 0
        except Exception as e:
            import traceback
            self.problem(f"harness: {type(e).__name__}: {e}\n{traceback.format_exc()}\n"
                         f"{self.server.stderr_tail() if self.server.runs else ''}")
        finally:
            reports = self.server.sanitizer_reports()
            if reports:
                self.problem("sanitizer report in pcmd's stderr:\n" + self.server.sanitizer_context())
            try:
                self.server.close(check_exit=False)
            except Exception as e:
                print(f"warning: cleanup: {e}")
        attempts = list(self.ledger.attempts.values())
        acked = sum(a.acked for a in attempts)
        per_writer = []
        for w in self.writers:
            mine = [a for a in attempts if a.writer is w]
            n_acked = sum(a.acked for a in mine)
            per_writer.append(f"{w.name} {n_acked}/{len(mine)}")
            if self.stats["kills"] and not n_acked and not self.args.self_test:
                self.problem(f"{w.name}: no write acknowledged in the whole run (a blind check)")
        present_unacked = sum(1 for a in attempts if not a.acked and bool(a.present))
        print(f"\ncrash test on {args.engine}: {self.stats['kills']} kills, {len(attempts)} writes "
              f"attempted, {acked} acknowledged (all must survive), {present_unacked} "
              f"unacknowledged but committed ({'; '.join(per_writer)} acknowledged/attempted), "
              f"{len(self.problems)} problems, "
              f"{time.monotonic() - self.t0:.1f} s")
        if self.args.self_test:
            # Every problem must be about a tampered record, and each tampered record must show.
            tampered = getattr(self, "tampered", [])
            stray = [p for p in self.problems if not any(k in p for k in tampered)]
            missed = [k for k in tampered if not any(k in p for p in self.problems)]
            ok = bool(tampered) and not stray and not missed
            print(f"self-test: tampered {tampered}; missed {missed}; other problems {len(stray)}")
            print("PASS (the checks caught the tampering)" if ok else "FAIL")
            return 0 if ok else 1
        if self.problems:
            print("FAIL")
            return 1
        print("PASS")
        return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--threads", type=int, default=4, help="client threads of the load")
    ap.add_argument("--server-threads", type=int, default=None, help="pcmd serve --threads")
    ap.add_argument("--max-load-seconds", type=float, default=1.0,
                    help="the kill comes up to this long after the round's first acknowledgement")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--self-test", action="store_true",
                    help="after the first kill, delete two acknowledged writes behind the "
                         "server's back; pass only if the checks report exactly those")
    args = ap.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1 << 30)
    if args.engine == "postgresql" and not os.environ.get("PCMD_TEST_PG_URL"):
        print("crash_test: --engine postgresql needs PCMD_TEST_PG_URL; run under "
              "tests/harness/with_postgres.sh", file=sys.stderr)
        return 2
    return CrashTest(args).run()


if __name__ == "__main__":
    sys.exit(main())
