#!/usr/bin/env python3
"""privacy_test.py: the support world's plaintext never lands where it must not (issue 6 "Tests").

    privacy_test.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql]

Through the real server: a peer educator registers a client whose UIC answers, nickname, phone and
note are canaries (distinctive strings), gives consent to contact and stores the contact. Then:
- the canaries of the sealed contact fields appear in no byte of the SQLite file, its write-ahead
  log, a backup made by `pcmd backup` while the server runs, or the server's log (PostgreSQL:
  no row of any table, read with `pg_dump --data-only`, holds them);
- the canary answers given to derive the UIC (parents' names) appear nowhere either;
- after erasure of the client, its UIC appears in no byte of the file, log, a new backup or the
  server's log (the earlier backup still holds the UIC: backups are rotated by the operator);
- `pcmd restore` of a backup gives a store the server opens with the client as it was.
Exit status 0 when every check passed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import traceback

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from access_kit import TestAccount, add_accounts, sign_in  # noqa: E402
from pcmd_server import HarnessError, PcmdServer  # noqa: E402

PHONE = "0977123456"
NICK = "CanaryHoaPhuongZx"
NOTE = "CanaryNoteChoDem"
MOTHER = "Quyzqe"  # a parent's name given for the UIC: must never be stored
FATHER = "Vuxwro"


def expect(cond: bool, msg: str) -> None:
    if not cond:
        raise HarnessError(msg)


def file_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def needles(*texts: str) -> list[bytes]:
    out = []
    for t in texts:
        out += [t.encode("utf-8"), t.encode("utf-16-le"), t.lower().encode(), t.upper().encode()]
    return out


def assert_absent(where: str, data: bytes, texts: list[str]) -> None:
    for t in texts:
        for n in needles(t):
            expect(n not in data, f"{t!r} found in {where} ({len(data)} bytes)")


def pg_dump(server: PcmdServer) -> bytes:
    p = subprocess.run(["pg_dump", "--data-only", server.db_url], capture_output=True, timeout=120)
    if p.returncode != 0:
        raise HarnessError(f"pg_dump failed: {p.stderr.decode(errors='replace')}")
    return p.stdout


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", default="sqlite", choices=("sqlite", "postgresql"))
    args = ap.parse_args()
    server = PcmdServer(args.bin, engine=args.engine, name="privacy")
    try:
        server.init()
        peer = TestAccount("priv.peer", "peer_educator", "14347")
        officer = TestAccount("priv.prov", "province_officer", "37")
        add_accounts(server, [peer, officer])
        server.start()
        c = sign_in(server, peer)
        r = c.post("/api/clients", {"unit": "14347", "answers": {
            "sex": "F", "birth_year": 1991, "given_name": "Hoa", "mother_given_name": MOTHER,
            "father_given_name": FATHER}})
        expect(r.status == 201, f"register: {r.describe()}")
        client = r.json()
        uic = client["uic"]
        r = c.post(f"/api/clients/{client['id']}/consents",
                   {"purpose": "contact", "notice_version": "2024.1", "method": "verbal"})
        expect(r.status == 201, f"consent: {r.describe()}")
        r = c.request("PUT", f"/api/clients/{client['id']}/contact", {"nickname": NICK, "phone": PHONE, "note": NOTE})
        expect(r.status == 200, f"contact: {r.describe()}")
        r = c.get(f"/api/clients/{client['id']}/contact")
        expect(r.status == 200 and r.json()["phone"] == PHONE, f"contact read back: {r.describe()}")
        secrets = [PHONE, NICK, NOTE, MOTHER, FATHER]

        backup1 = os.path.join(server.workdir, "backup-1.sqlite")
        if args.engine == "sqlite":
            db = os.path.join(server.data_dir, "pcmd.sqlite")
            assert_absent("the SQLite file", file_bytes(db), secrets)
            assert_absent("the write-ahead log", file_bytes(db + "-wal"), secrets)
            p = server.cli("backup", "--out", backup1)
            expect(p.returncode == 0, f"pcmd backup exited {p.returncode}: {p.stdout}{p.stderr[-2000:]}")
            expect("backup written" in p.stdout, p.stdout)
            expect(oct(os.stat(backup1).st_mode & 0o777) == "0o600", "the backup is readable by others")
            data = file_bytes(backup1)
            expect(uic.encode() in data, "the backup does not hold the client")
            assert_absent("the backup", data, secrets)
            # a second backup to the same file is refused, the first kept
            p = server.cli("backup", "--out", backup1)
            expect(p.returncode != 0 and "exists" in (p.stdout + p.stderr), "backup over an existing file")
        else:
            assert_absent("the PostgreSQL rows", pg_dump(server), secrets)
            p = server.cli("backup", "--out", backup1)
            expect(p.returncode != 0 and "pg_dump" in (p.stdout + p.stderr), "PostgreSQL backup should point to pg_dump")

        # erasure by the province officer: the UIC leaves no trace
        o = sign_in(server, officer)
        r = o.post(f"/api/clients/{client['id']}/erase", {"version": client["version"]})
        expect(r.status == 200, f"erase: {r.describe()}")
        if args.engine == "sqlite":
            assert_absent("the SQLite file after erasure", file_bytes(db), [uic] + secrets)
            assert_absent("the write-ahead log after erasure", file_bytes(db + "-wal"), [uic] + secrets)
            backup2 = os.path.join(server.workdir, "backup-2.sqlite")
            p = server.cli("backup", "--out", backup2)
            expect(p.returncode == 0, f"pcmd backup: {p.stderr[-2000:]}")
            assert_absent("a backup after erasure", file_bytes(backup2), [uic] + secrets)
        else:
            assert_absent("the PostgreSQL rows after erasure", pg_dump(server), [uic] + secrets)

        server.stop()
        log = b"".join(file_bytes(run.stderr_path) + file_bytes(run.stdout_path) for run in server.runs)
        log += server.init_output.encode()
        expect(len(log) > 1000, "the server's log is unexpectedly empty")
        assert_absent("the server's log", log, [uic] + secrets)

        if args.engine == "sqlite":
            # restore the first backup: the client is back as it was before the erasure
            p = server.cli("restore", backup1)
            expect(p.returncode != 0 and "--force" in (p.stdout + p.stderr), "restore over a store needs --force")
            p = server.cli("restore", backup1, "--force")
            expect(p.returncode == 0, f"pcmd restore: {p.stdout}{p.stderr[-2000:]}")
            expect(os.path.exists(db + ".replaced"), "the replaced store is kept beside")
            bogus = os.path.join(server.workdir, "bogus.sqlite")
            with open(bogus, "wb") as f:
                f.write(b"not a store at all" * 100)
            p = server.cli("restore", bogus, "--force")
            expect(p.returncode != 0, "restoring a file that is no store must fail")
            server.start()
            c = sign_in(server, peer)
            r = c.get(f"/api/clients/{client['id']}")
            expect(r.status == 200 and r.json()["uic"] == uic and not r.json()["is_erased"],
                   f"restored client: {r.describe()}")
            r = c.get(f"/api/clients/{client['id']}/contact")
            expect(r.status == 200 and r.json()["phone"] == PHONE, "the restored contact opens with the key")
            server.stop()
        print(f"privacy ({args.engine}): canaries absent from store, log, backups; erasure and restore ok")
        return 0
    except Exception:
        traceback.print_exc()
        try:
            print(server.stderr_tail(40), file=sys.stderr)
        except Exception:
            pass
        return 1
    finally:
        try:
            server.close(check_exit=False)
        except Exception:
            pass


if __name__ == "__main__":
    sys.exit(main())
