"""Start the app (and the baseline) under gunicorn with the same settings; read their CPU."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
THITUYEN = str(Path(sys.executable).parent / "thituyen")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, target: str, env: dict, *, workers: int, threads: int, port: int | None = None,
                 beside: list[str] | None = None):
        """`beside`: a command run next to the server whose CPU counts as the app's (the
        exam-day worker that prepares receipts)."""
        self.beside_command, self.beside = beside, None
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = [GUNICORN, "--config", str(ROOT / "gunicorn.conf.py"),
                        "--workers", str(workers), "--threads", str(threads),
                        "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", target]
        self.env = {**os.environ, **env}
        self.process: subprocess.Popen | None = None
        self.log_path = Path(tempfile.mkstemp(prefix="thituyen-gunicorn-", suffix=".log")[1])

    def start(self) -> Gunicorn:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(self.command, env=self.env, cwd=ROOT,
                                            stdout=subprocess.DEVNULL, stderr=log)
            if self.beside_command:
                self.beside = subprocess.Popen(self.beside_command, env=self.env, cwd=ROOT,
                                               stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.log_path.read_text()[-2000:]) from None
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []

    def kill_one_worker(self) -> int:
        pid = self.worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def cpu_seconds(self) -> float:
        """The server's CPU, its workers' and the command beside it."""
        return self.server_cpu_seconds() + self.beside_cpu_seconds()

    def server_cpu_seconds(self) -> float:
        return _cpu_seconds([self.process.pid, *self.worker_pids()])

    def beside_cpu_seconds(self) -> float:
        return _cpu_seconds([self.beside.pid] if self.beside else [])


    def stop(self) -> None:
        if self.beside and self.beside.poll() is None:
            self.beside.terminate()
            self.beside.wait(timeout=15)
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except (FileNotFoundError, IndexError):
            pass
    return total
