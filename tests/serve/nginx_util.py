"""nginx from Debian in front of a test's `baocao serve`, at the sub-path /baocao/ with the
location block of README "Install on a server": its own configuration, logs and temporary
files in a temporary folder, one process (no master, no daemon) on a free loopback port.
NGINX is None where nginx is not installed."""
import os
import shutil
import socket
import subprocess
import tempfile

from serve_util import wait_until

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
PREFIX = "/baocao"

# README "Install on a server", step 6, with the port of the test's server.
LOCATION = """
    location /baocao/ {
        proxy_pass http://127.0.0.1:%(upstream)d/;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-Host $http_host;
        proxy_set_header X-Forwarded-Prefix /baocao;
        client_max_body_size 50m;
        proxy_read_timeout 300s;
    }
"""

CONFIG = """
daemon off;
master_process off;
pid %(dir)s/nginx.pid;
error_log %(dir)s/error.log;
events { worker_connections 64; }
http {
    access_log %(dir)s/access.log;
    client_body_temp_path %(dir)s/body;
    proxy_temp_path %(dir)s/proxy;
    fastcgi_temp_path %(dir)s/fastcgi;
    uwsgi_temp_path %(dir)s/uwsgi;
    scgi_temp_path %(dir)s/scgi;
    server {
        listen 127.0.0.1:%(port)d;
%(location)s
    }
}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx passing http://127.0.0.1:PORT/baocao/ to the server on `upstream_port`; stop() ends it."""

    def __init__(self, upstream_port):
        self.dir = tempfile.mkdtemp(prefix="baocao-nginx-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{PREFIX}/"
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(CONFIG % {"dir": self.dir, "port": self.port, "location": LOCATION % {"upstream": upstream_port}})
        self.proc = subprocess.Popen([NGINX, "-p", self.dir, "-c", conf, "-e", os.path.join(self.dir, "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

        def listening():
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return True
            except OSError:
                return self.proc.poll() is not None   # stop waiting: it died
        wait_until(listening, timeout=30)
        if self.proc.poll() is not None:
            why = self.proc.stderr.read().decode(errors="replace")
            self.stop()
            raise RuntimeError("nginx did not start: " + why)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()
        shutil.rmtree(self.dir, ignore_errors=True)
