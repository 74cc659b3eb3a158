"""Starts the real `piiscan serve` on a free loopback port and talks to it
with urllib only. Shared by the service tests."""
import atexit
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request


_RUNNING = []


@atexit.register
def _kill_leftovers():
    """A failed assertion skips stop(): never leave a server behind."""
    for proc in _RUNNING:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class Service:
    """One server process. Its stderr (JSON lines) is collected in `logs`."""

    def __init__(self, binary, *args, env=None, config=None):
        self.dir = tempfile.TemporaryDirectory()
        cmd = [binary, "serve", "--port", "0"]
        if config is not None:
            path = os.path.join(self.dir.name, "serve.yaml")
            with open(path, "w") as fh:
                fh.write(config)
            cmd += ["--config", path]
        cmd += ["--set", "jobs_db=" + os.path.join(self.dir.name, "jobs.sqlite")]
        cmd += list(args)
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env=full_env)
        _RUNNING.append(self.proc)
        self.logs = []
        self.port = None
        ready = threading.Event()
        self.reader = threading.Thread(target=self._read, args=(ready,), daemon=True)
        self.reader.start()
        if not ready.wait(60) or self.port is None:
            self.stop()
            raise RuntimeError("server did not start: " + "\n".join(self.logs[-5:]))
        self.base = f"http://127.0.0.1:{self.port}"

    def _read(self, ready):
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.logs.append(line)
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("event") == "listening":
                self.port = int(event["detail"].rsplit(":", 1)[1])
                ready.set()
        ready.set()

    def request(self, method, path, body=None, headers=None, timeout=60, raw=False):
        """(status, headers, parsed JSON or text). Never raises for HTTP errors."""
        data = body
        if body is not None and not isinstance(body, (bytes, bytearray)):
            data = json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers=headers or {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status, hdrs, payload = resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as err:
            status, hdrs, payload = err.code, dict(err.headers), err.read()
        if raw:
            return status, hdrs, payload
        text = payload.decode("utf-8", "replace")
        try:
            return status, hdrs, json.loads(text)
        except ValueError:
            return status, hdrs, text

    def post(self, path, body, **kw):
        return self.request("POST", path, body, **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def wait_ready(self, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            if self.get("/ready")[0] == 200:
                return True
            time.sleep(0.1)
        return False

    def rss_bytes(self):
        with open(f"/proc/{self.proc.pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(5)
        self.proc.stderr.close()
        code = self.proc.returncode
        self.dir.cleanup()
        return code

    def access_logs(self):
        out = []
        for line in self.logs:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("logger") == "service.access":
                out.append(event)
        return out
