"""Starting `baocao serve` for a test or a benchmark, and talking to it with the standard library.

A server runs on a free loopback port (--port 0: the first line it prints is its URL) with its
own store and token file in a temporary folder; stop() sends SIGTERM and returns the exit
status. Requests go through http.client, one connection each, and come back as (status,
headers, body bytes); nothing here follows redirects or retries.
"""
import atexit
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("BAOCAO_BINARY", os.path.join(ROOT, "build", "baocao"))
CORPUS = os.path.join(ROOT, "corpus")


_made_folders = []


@atexit.register
def _remove_made_folders():
    for folder in _made_folders:
        shutil.rmtree(folder, ignore_errors=True)


class Server:
    def __init__(self, *extra, token=True, db=None, folder=None, bind="127.0.0.1"):
        if folder is None:   # a folder of our own, removed when the process ends
            folder = tempfile.mkdtemp(prefix="baocao-serve-")
            _made_folders.append(folder)
        self.folder = folder
        self.db = db or os.path.join(self.folder, "store.sqlite")
        self.token = secrets.token_hex(20)
        binary = os.environ.get("BAOCAO_BINARY", BINARY)
        args = [binary, "serve", "--db", self.db, "--bind", bind, "--port", "0", "-q"]
        if token:
            self.token_file = os.path.join(self.folder, "tokens")
            with open(self.token_file, "w") as f:
                f.write("# tokens of this test run\n\n" + secrets.token_hex(20) + "\n" + self.token + "\n")
            args += ["--token-file", self.token_file]
        args += list(extra)
        self.stderr_path = os.path.join(self.folder, "serve.log")
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self._stderr)
        line = self._first_line(timeout=60)
        if not line.startswith("http://"):
            self.proc.kill()
            raise RuntimeError(f"baocao serve did not start: {line!r}\n{self.log()}")
        self.url, _, fragment = line.partition("#")
        if not token:   # the server made a token and put it in the URL's fragment
            self.token = urllib.parse.parse_qs(fragment).get("token", [""])[0]
        parsed = urllib.parse.urlsplit(self.url)
        self.host, self.port = "127.0.0.1" if parsed.hostname in ("0.0.0.0", "::") else parsed.hostname, parsed.port

    def _first_line(self, timeout):
        result = []
        reader = threading.Thread(target=lambda: result.append(self.proc.stdout.readline().decode().strip()), daemon=True)
        reader.start()
        reader.join(timeout)
        return result[0] if result else ""

    def log(self):
        if not self._stderr.closed:
            self._stderr.flush()
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self, sig=signal.SIGTERM, timeout=60):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None
        finally:
            self._stderr.close()
            self.proc.stdout.close()

    def auth(self, token=None):
        return {"Authorization": "Bearer " + (token if token is not None else self.token)}

    def request(self, method, path, body=None, headers=None, timeout=120):
        return request(self.host, self.port, method, path, body, headers, timeout)

    def get_json(self, path, headers=None):
        status, hdrs, body = self.request("GET", path, headers=headers)
        return status, json.loads(body) if body else None

    def upload(self, name, data, token=None, content_type="application/octet-stream", field="file"):
        """POST /api/documents as multipart/form-data; (status, JSON body)."""
        body, ctype = multipart(field, name, data, content_type)
        headers = {"Content-Type": ctype}
        if token is not False:
            headers.update(self.auth(token))
        status, _, raw = self.request("POST", "/api/documents", body=body, headers=headers)
        return status, json.loads(raw) if raw else None

    def upload_raw(self, data, name=None, content_type="text/plain; charset=utf-8", token=None):
        path = "/api/documents" + ("?name=" + urllib.parse.quote(name) if name else "")
        headers = {"Content-Type": content_type}
        if token is not False:
            headers.update(self.auth(token))
        status, _, raw = self.request("POST", path, body=data, headers=headers)
        return status, json.loads(raw) if raw else None


def request(host, port, method, path, body=None, headers=None, timeout=120):
    """One request on a connection of its own: (status, headers with lower-case names, body)."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        res = conn.getresponse()
        return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
    finally:
        conn.close()


def multipart(field, filename, data, content_type="application/octet-stream"):
    boundary = "----baocao" + uuid.uuid4().hex
    quoted = filename.replace("\\", "\\\\").replace('"', '\\"')
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{quoted}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head + data + tail, f"multipart/form-data; boundary={boundary}"


def wait_until(predicate, timeout=30, step=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False
