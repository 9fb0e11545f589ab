#!/usr/bin/env python3
"""Hostile HTTP clients against a running `baocao serve` (issue 18), and the watch that measures
how the server answers meanwhile. Used by tests/hostile/clients_test.py at small sizes; run as a
script it starts a server and prints figures at the sizes of the issue (for the closing note):

    python3 tests/hostile/hostile_clients.py [--engine build/baocao] [--slow 24 --interval 10]

Cases: slow clients (one header byte every INTERVAL seconds), a header flood (6 million header
lines on one connection), idle connections from one address, and many parallel reads. During each,
a watcher asks GET /api/status every 0.2 s; the figures are its worst and median latency, its
failures, and the server's peak resident memory (from /proc).
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "serve"))
import serve_util  # noqa: E402


def resident_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Watch:
    """Asks /api/status every `step` seconds on a thread of its own until stopped; records each
    answer's latency (None for a failure) and the server's resident memory."""

    def __init__(self, server, step=0.2, timeout=5):
        self.server, self.step, self.timeout = server, step, timeout
        self.latencies, self.peak_mb, self.last = [], 0.0, None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            start = time.monotonic()
            try:
                status, _, body = self.server.request("GET", "/api/status", timeout=self.timeout)
                self.latencies.append(time.monotonic() - start if status == 200 else None)
                if status == 200:
                    self.last = json.loads(body)
            except OSError:
                self.latencies.append(None)
            self.peak_mb = max(self.peak_mb, resident_mb(self.server.proc.pid))
            self._stop.wait(self.step)

    def failures(self):
        return sum(1 for x in self.latencies if x is None)

    def summary(self):
        ok = [x for x in self.latencies if x is not None]
        return {"status_requests": len(self.latencies), "failed": self.failures(),
                "max_s": round(max(ok), 3) if ok else None, "median_s": round(statistics.median(ok), 4) if ok else None,
                "peak_rss_mb": round(self.peak_mb, 1)}


def connect(server):
    return socket.create_connection((server.host, server.port), timeout=10)


def slow_clients(server, count, interval, duration):
    """`count` connections that each send one byte of a request head every `interval` seconds for
    `duration` seconds. Returns what each got back ("408", "closed" or "open")."""
    head = b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 4096
    socks = [connect(server) for _ in range(count)]
    sent = 0
    end = time.monotonic() + duration
    while time.monotonic() < end:
        for s in socks:
            try:
                s.send(head[sent:sent + 1])
            except OSError:
                pass
        sent = min(sent + 1, len(head) - 1)
        time.sleep(min(interval, max(0.0, end - time.monotonic())))
    outcomes = []
    for s in socks:
        s.settimeout(0.5)
        try:
            got = s.recv(64)
            outcomes.append("408" if got.startswith(b"HTTP/1.1 408") else "closed" if not got else got[:12].decode(errors="replace"))
        except socket.timeout:
            outcomes.append("open")
        except OSError:
            outcomes.append("closed")
        s.close()
    return outcomes


def header_flood(server, lines):
    """One request head of `lines` header lines, sent as fast as the server takes it. Returns
    (lines sent before the server stopped taking them, the status line it answered or None)."""
    s = connect(server)
    s.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    chunk_lines = 10000
    chunk = b"X-Flood: 1\r\n" * chunk_lines
    sent = 0
    try:
        while sent < lines:
            s.sendall(chunk)
            sent += chunk_lines
    except OSError:
        pass
    s.settimeout(2)
    try:
        answer = s.recv(64).split(b"\r\n")[0].decode() or None
    except OSError:
        answer = None
    s.close()
    return sent, answer


def idle_connections(server, count, hold):
    """`count` connections from this address that send nothing for `hold` seconds."""
    socks = []
    for _ in range(count):
        try:
            socks.append(connect(server))
        except OSError:
            break
    time.sleep(hold)
    for s in socks:
        s.close()
    return len(socks)


def parallel_reads(server, count, path="/api/documents"):
    """`count` reads at once; returns the statuses."""
    statuses = []
    lock = threading.Lock()

    def read():
        try:
            status = server.request("GET", path, timeout=60)[0]
        except OSError:
            status = None
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=read) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", default=serve_util.BINARY)
    ap.add_argument("--slow", type=int, default=24)
    ap.add_argument("--interval", type=float, default=10)
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--flood-lines", type=int, default=6_000_000)
    ap.add_argument("--idle", type=int, default=1000)
    ap.add_argument("--reads", type=int, default=200)
    args = ap.parse_args()
    os.environ["BAOCAO_BINARY"] = args.engine
    server = serve_util.Server("-j", "2")
    try:
        cases = [
            (f"{args.slow} slow clients, a byte every {args.interval:g} s for {args.duration:g} s",
             lambda: slow_clients(server, args.slow, args.interval, args.duration)),
            (f"header flood of {args.flood_lines} lines", lambda: header_flood(server, args.flood_lines)),
            (f"{args.idle} idle connections held 5 s", lambda: idle_connections(server, args.idle, 5)),
            (f"{args.reads} parallel reads of /api/documents", lambda: parallel_reads(server, args.reads)),
        ]
        for name, run in cases:
            with Watch(server) as watch:
                result = run()
            if isinstance(result, list):
                names = [str(x) for x in result]
                result = {k: names.count(k) for k in sorted(set(names))}
            print(json.dumps({"case": name, "result": result, **watch.summary(),
                              "connections": (watch.last or {}).get("connections")}, ensure_ascii=False))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
