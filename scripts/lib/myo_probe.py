"""Shared helpers for scripts/attack and scripts/bench-auth (Python 3 standard library only).

Every server is started here, on 127.0.0.1 with a fresh temporary data directory, and stopped
by its own process id. Client requests can come from distinct loopback addresses
(127.0.0.0/8), so per-address limits can be exercised without touching any other host.
"""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse


class Server:
    """`myo serve` on 127.0.0.1:0 with a temporary data directory."""

    def __init__(self, binary, *extra, data=None):
        """`data`: an existing data directory to reuse (kept on stop); else a temporary one."""
        self.dir = None if data else tempfile.mkdtemp(prefix="myo-probe-")
        self.data = data or os.path.join(self.dir, "data")
        self.proc = subprocess.Popen(
            [binary, "serve", "--bind", "127.0.0.1:0", "--data-dir", self.data, "--log", "warn", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.proc.stdout.readline()
        m = re.search(r"http://([\d.]+):(\d+)", line)
        if not m:
            self.stop()
            raise RuntimeError(f"server did not start: {line!r}")
        self.host, self.port = m.group(1), int(m.group(2))

    @property
    def pid(self):
        return self.proc.pid

    def status(self, key):
        """A /proc/PID/status value in kB (VmRSS, VmHWM)."""
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def kill9(self):
        """SIGKILL, as a power cut or the OOM killer would: no graceful shutdown."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def request(self, method, path, body=None, headers=None, source="127.0.0.1", timeout=30):
        """One request on a fresh connection from `source`: (status, headers dict, body text)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout, source_address=(source, 0))
        try:
            h = {"Connection": "close"}
            h.update(headers or {})
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            data = r.read().decode("utf-8", "replace")
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        finally:
            conn.close()

    def form(self, path, fields, cookie=None, source="127.0.0.1"):
        body = urllib.parse.urlencode(fields)
        h = {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"}
        if cookie:
            h["Cookie"] = cookie
        return self.request("POST", path, body, h, source)

    def json(self, method, path, body, bearer=None):
        h = {"Content-Type": "application/json"}
        if bearer:
            h["Authorization"] = "Bearer " + bearer
        return self.request(method, path, body, h)

    def signup_and_signin(self, email, password, source="127.0.0.1"):
        """Returns the session cookie."""
        fields = {"email": email, "display_name": "Probe", "password": password, "password_confirm": password}
        self.form("/signup", fields, source=source)
        status, headers, body = self.form("/signin", {"email": email, "password": password}, source=source)
        if status != 303:
            raise RuntimeError(f"sign-in failed: {status} {body[:200]}")
        return headers.get("set-cookie", "").split(";")[0]

    def csrf(self, cookie):
        _, _, body = self.request("GET", "/account", headers={"Cookie": cookie})
        return re.search(r'name="csrf" value="([^"]+)"', body).group(1)

    def token(self, cookie):
        csrf = self.csrf(cookie)
        _, _, body = self.form("/account/tokens", {"csrf": csrf, "name": "probe"}, cookie)
        return re.search(r'id="new-token" value="([^"]+)"', body).group(1)


def source(i):
    """The i-th distinct loopback client address (127.0.1.1, 127.0.1.2, ...)."""
    return f"127.0.{1 + i // 250}.{1 + i % 250}"


def open_idle(host, port, n, partial_every=2):
    """n sockets that never finish a request; every `partial_every`-th sends half a header."""
    socks = []
    for i in range(n):
        s = socket.create_connection((host, port), timeout=5)
        if partial_every and i % partial_every == 0:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        socks.append(s)
    return socks


def find_binary(root):
    """MYO_BIN, else the debug build under CARGO_TARGET_DIR (or target/)."""
    if os.environ.get("MYO_BIN"):
        return os.environ["MYO_BIN"]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    if not os.path.isabs(target):
        target = os.path.join(root, target)
    return os.path.join(target, "debug", "myo")


def elapsed(start):
    return time.monotonic() - start
