#!/usr/bin/env python3
"""Load benchmark of `baocao serve` (not a test; docs/SERVE.md "Load"): loopback only.

  tools/bench/serve-load.py [--engine build/baocao] [--docs 500] [--uploaders 8] [--readers 4] [-j 2]

1. tools/gen-corpus writes --docs synthetic reports and plans.
2. A server starts on a free loopback port with a fresh store. --uploaders clients upload all the
   documents between them (multipart POST /api/documents, one connection each) while --readers
   clients read GET /api/compare in a loop until the uploads are done. Counted: every status
   (5xx must be 0), upload latency p50/p95, compare reads per second.
3. The server stops (SIGTERM, exit 0), and its store is compared with `baocao ingest` of the same
   files: the same documents (name and sha256: none lost, none doubled), the same rows per
   document (facts, flags, mentions, references, tables) and the same extraction JSON (the path
   aside).
4. A second run is killed with SIGKILL mid-load. The store must then open, pass PRAGMA
   integrity_check, hold every upload that was answered 201 before the kill, and hold only whole
   documents (each document's facts, flags and mentions rows as many as its extraction JSON says).

Exit status 0 when every check holds, 1 otherwise; the figures go to standard output.
"""
import argparse
import hashlib
import json
import os
import queue
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "serve"))
from serve_util import Server  # noqa: E402


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


class Load:
    """Uploaders and readers against one server; statistics of what they saw."""

    def __init__(self, server, files, uploaders, readers):
        self.server, self.files = server, files
        self.uploaders, self.readers = uploaders, readers
        self.lock = threading.Lock()
        self.statuses = {}
        self.upload_latency = []
        self.read_latency = []
        self.acknowledged = {}   # name -> sha256 of each upload answered 200/201
        self.failures = []
        self.done = threading.Event()
        self.stop_uploads = threading.Event()

    def count(self, status):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def upload_worker(self, work):
        while not self.stop_uploads.is_set():
            try:
                path = work.get_nowait()
            except queue.Empty:
                return
            with open(path, "rb") as f:
                data = f.read()
            name = os.path.basename(path)
            started = time.perf_counter()
            try:
                status, body = self.server.upload(name, data)
            except OSError as e:   # the server was killed
                self.count("connection error")
                with self.lock:
                    self.failures.append(f"{name}: {e}")
                continue
            elapsed = time.perf_counter() - started
            self.count(status)
            with self.lock:
                self.upload_latency.append(elapsed)
                if status in (200, 201):
                    self.acknowledged[name] = hashlib.sha256(data).hexdigest()
                else:
                    self.failures.append(f"{name}: {status} {body}")

    def read_worker(self):
        while not self.done.is_set():
            started = time.perf_counter()
            try:
                status, _, body = self.server.request("GET", "/api/compare")
            except OSError:
                self.count("connection error (read)")
                if self.stop_uploads.is_set():
                    return
                continue
            self.count(f"read {status}")
            with self.lock:
                self.read_latency.append(time.perf_counter() - started)
            if status >= 500:
                with self.lock:
                    self.failures.append(f"compare: {status} {body[:200]!r}")

    def run(self, kill_after=None):
        work = queue.Queue()
        for f in self.files:
            work.put(f)
        uploaders = [threading.Thread(target=self.upload_worker, args=(work,)) for _ in range(self.uploaders)]
        readers = [threading.Thread(target=self.read_worker) for _ in range(self.readers)]
        started = time.perf_counter()
        for t in readers + uploaders:
            t.start()
        if kill_after is not None:
            while True:
                with self.lock:
                    if len(self.acknowledged) >= kill_after:
                        break
                time.sleep(0.005)
            self.server.proc.send_signal(signal.SIGKILL)
            self.server.proc.wait()
            self.stop_uploads.set()
        for t in uploaders:
            t.join()
        self.done.set()
        for t in readers:
            t.join()
        self.seconds = time.perf_counter() - started
        return self


def store_rows(db):
    """name -> (sha256, facts, flags, mentions, references, tables, extraction without its path)."""
    out = {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        for row in c.execute(
                "SELECT d.path, d.sha256, d.extraction,"
                " (SELECT count(*) FROM facts WHERE document_id = d.id),"
                " (SELECT count(*) FROM flags WHERE document_id = d.id),"
                " (SELECT count(*) FROM mentions WHERE document_id = d.id),"
                " (SELECT count(*) FROM document_references WHERE document_id = d.id),"
                " (SELECT count(*) FROM document_tables WHERE document_id = d.id)"
                " FROM documents d"):
            path, sha, extraction, *counts = row
            x = json.loads(extraction)
            x["document"].pop("path", None)
            name = os.path.basename(path)
            if name in out:
                raise AssertionError(f"{name} stored twice")
            out[name] = (sha, *counts, json.dumps(x, sort_keys=True, ensure_ascii=False))
    return out


def whole_documents(db):
    """(integrity_check, documents, documents whose rows are all there)."""
    with sqlite3.connect(db) as c:
        integrity = c.execute("PRAGMA integrity_check").fetchone()[0]
        documents = c.execute("SELECT count(*) FROM documents").fetchone()[0]
        whole = c.execute(
            "SELECT count(*) FROM documents d WHERE"
            " (SELECT count(*) FROM facts WHERE document_id = d.id) = json_array_length(d.extraction, '$.facts') AND"
            " (SELECT count(*) FROM flags WHERE document_id = d.id) = json_array_length(d.extraction, '$.flags') AND"
            " (SELECT count(*) FROM mentions WHERE document_id = d.id) = json_array_length(d.extraction, '$.mentions') AND"
            " (SELECT count(*) FROM document_tables WHERE document_id = d.id) = json_array_length(d.extraction, '$.tables')"
        ).fetchone()[0]
        stored = dict(c.execute("SELECT path, sha256 FROM documents"))
    return integrity, documents, whole, stored


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", default=os.environ.get("BAOCAO_BINARY", os.path.join(ROOT, "build", "baocao")))
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--uploaders", type=int, default=8)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("-j", "--jobs", type=int, default=2, help="the server's extraction workers")
    parser.add_argument("--seed", type=int, default=57)
    parser.add_argument("--keep", help="keep the stores and corpus in this folder")
    args = parser.parse_args()
    os.environ["BAOCAO_BINARY"] = os.path.abspath(args.engine)

    folder = args.keep or tempfile.mkdtemp(prefix="baocao-serve-load-")
    os.makedirs(folder, exist_ok=True)
    corpus = os.path.join(folder, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen-corpus"), str(args.docs), corpus, "--seed", str(args.seed)],
                   check=True, stdout=subprocess.DEVNULL)
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith(".txt"))
    ok = True

    def check(condition, what):
        nonlocal ok
        print(("  ok    " if condition else "  FAIL  ") + what)
        ok &= bool(condition)

    # ---- 1. load, then the store against ingest ------------------------------------------------
    served_dir = os.path.join(folder, "served")
    shutil.rmtree(served_dir, ignore_errors=True)
    os.makedirs(served_dir)
    server = Server("-j", str(args.jobs), folder=served_dir)
    load = Load(server, files, args.uploaders, args.readers).run()
    exit_status = server.stop()
    server_5xx = sum(n for s, n in load.statuses.items() if isinstance(s, int) and s >= 500) + \
        sum(n for s, n in load.statuses.items() if isinstance(s, str) and s.startswith("read 5"))
    print(f"serve-load: {len(files)} documents, {args.uploaders} uploaders, {args.readers} compare readers, "
          f"-j {args.jobs}, in {load.seconds:.2f} s")
    print(f"  statuses: {dict(sorted(load.statuses.items(), key=str))}")
    print(f"  upload latency: p50 {1000 * percentile(load.upload_latency, 50):.1f} ms, "
          f"p95 {1000 * percentile(load.upload_latency, 95):.1f} ms, max {1000 * max(load.upload_latency):.1f} ms; "
          f"{len(load.upload_latency) / load.seconds:.1f} uploads/s")
    print(f"  compare reads: {len(load.read_latency)} in {load.seconds:.2f} s = {len(load.read_latency) / load.seconds:.1f} reads/s, "
          f"p50 {1000 * percentile(load.read_latency, 50):.1f} ms, p95 {1000 * percentile(load.read_latency, 95):.1f} ms")
    check(server_5xx == 0, f"no 5xx ({server_5xx})")
    check(not load.failures, f"every request answered 2xx ({len(load.failures)} not: {load.failures[:3]})")
    check(exit_status == 0, f"SIGTERM: exit status {exit_status}")

    ingest_db = os.path.join(folder, "ingest.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(ingest_db + suffix):
            os.remove(ingest_db + suffix)
    started = time.perf_counter()
    subprocess.run([args.engine, "ingest", "-q", "-j", str(args.jobs), "--db", ingest_db] + files, check=True)
    print(f"  baocao ingest of the same files: {time.perf_counter() - started:.2f} s")
    served, ingested = store_rows(server.db), store_rows(ingest_db)
    check(set(served) == set(ingested) == {os.path.basename(f) for f in files},
          f"the same {len(ingested)} documents as ingest (served {len(served)}; none lost, none doubled)")
    same_rows = sum(1 for n in served if n in ingested and served[n][:6] == ingested[n][:6])
    check(same_rows == len(ingested), f"sha256 and facts/flags/mentions/references/tables rows equal for {same_rows}/{len(ingested)}")
    same_json = sum(1 for n in served if n in ingested and served[n][6] == ingested[n][6])
    check(same_json == len(ingested), f"extraction JSON equal (path aside) for {same_json}/{len(ingested)}")

    # ---- 2. SIGKILL mid-load ---------------------------------------------------------------------
    killed_dir = os.path.join(folder, "killed")
    shutil.rmtree(killed_dir, ignore_errors=True)
    os.makedirs(killed_dir)
    server = Server("-j", str(args.jobs), folder=killed_dir)
    kill_at = len(files) // 2
    load = Load(server, files, args.uploaders, args.readers).run(kill_after=kill_at)
    integrity, documents, whole, stored = whole_documents(server.db)
    acknowledged = {"upload/" + n: sha for n, sha in load.acknowledged.items()}
    lost = [p for p, sha in acknowledged.items() if stored.get(p) != sha]
    print(f"serve-load: SIGKILL after {kill_at} acknowledged uploads: {len(acknowledged)} acknowledged, "
          f"{documents} documents in the store")
    check(integrity == "ok", f"PRAGMA integrity_check: {integrity}")
    check(whole == documents, f"only whole documents: {whole}/{documents} have every row their JSON lists")
    check(not lost, f"every acknowledged upload is stored ({len(lost)} lost: {lost[:3]})")
    check(documents <= len(acknowledged) + args.uploaders,
          f"nothing stored beyond the acknowledged and the in-flight uploads ({documents} <= {len(acknowledged)} + {args.uploaders})")
    print(f"serve-load: {'all checks hold' if ok else 'SOME CHECKS FAILED'}; files in {folder}")
    if not args.keep and ok:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
