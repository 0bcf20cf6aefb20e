"""The servers the benchmark starts (gunicorn, nginx, Redis), and wrk.

Each server is a child process started in its own session, so a Ctrl-C in the
terminal reaches the benchmark only, which then stops every server it
started by its process id, in order.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VENV_BIN = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin"

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_JSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"bytes\\": %d, " ..
    "\\"connect\\": %d, \\"read\\": %d, \\"write\\": %d, \\"status\\": %d, " ..
    "\\"timeout\\": %d, \\"p50_us\\": %d, \\"p90_us\\": %d, \\"p99_us\\": %d, " ..
    "\\"max_us\\": %d, \\"mean_us\\": %.1f}\\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A child process, stopped by its pid (never by name)."""

    def __init__(self, name, command, env=None, log=None, stop_signal=signal.SIGTERM):
        self.name = name
        self.command = [str(part) for part in command]
        self.env = env
        self.log_path = log
        self.stop_signal = stop_signal
        self.process = None

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def start(self):
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(
            self.command,
            env=self.env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT if self.log_path else subprocess.DEVNULL,
            start_new_session=True,
        )
        if self.log_path:
            log.close()
        return self

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout=20):
        if not self.running():
            return
        try:
            os.kill(self.process.pid, self.stop_signal)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass

    def log_tail(self, lines=20):
        if not self.log_path or not Path(self.log_path).exists():
            return ""
        text = Path(self.log_path).read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


def wait_for(url, server, timeout=60, expect=200):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if server is not None and not server.running():
            raise RuntimeError(
                f"{server.name} exited with {server.process.returncode}:\n"
                f"{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == expect:
                    return
                last = response.status
        except urllib.error.HTTPError as error:
            last = error.code
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last = error
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer {expect} in {timeout}s (last: {last})")


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, dict(response.headers), response.read()


# -- gunicorn ------------------------------------------------------------------


def gunicorn(port, env, log, workers=2, worker_class="sync", threads=1):
    command = [
        VENV_BIN / "gunicorn",
        "ombudsman.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        workers,
        "--worker-class",
        worker_class,
        "--timeout",
        180,
        "--graceful-timeout",
        10,
        "--log-level",
        "warning",
        "--error-logfile",
        "-",
    ]
    if worker_class == "gthread":
        command += ["--threads", threads]
    # SIGINT is gunicorn's quick shutdown: queued requests are dropped, not served.
    return Server("gunicorn", command, env=env, log=log, stop_signal=signal.SIGINT)


def worker_pids(master_pid):
    """The gunicorn master's children."""
    try:
        return [child.pid for child in psutil.Process(master_pid).children()]
    except psutil.Error:
        return []


def rss_kib(pid):
    try:
        return psutil.Process(pid).memory_info().rss // 1024
    except psutil.Error:
        return None


class RssSampler(threading.Thread):
    """Samples the gunicorn workers' resident memory while the runs go on.

    ``peaks`` maps the label being measured (``"off/list"``) to the highest
    VmRSS (KiB) any worker had meanwhile.
    """

    def __init__(self, interval=0.25):
        super().__init__(daemon=True)
        self.interval = interval
        self.master = None
        self.label = None
        self.peaks = {}
        self.stopping = threading.Event()

    def watch(self, master_pid, label=None):
        self.master, self.label = master_pid, label

    def run(self):
        while not self.stopping.wait(self.interval):
            master, label = self.master, self.label
            if master is None or label is None:
                continue
            for pid in worker_pids(master):
                value = rss_kib(pid)
                if value is not None and value > self.peaks.get(label, 0):
                    self.peaks[label] = value

    def stop(self):
        self.stopping.set()
        if self.is_alive():
            self.join(timeout=2)


def settle(url, server, quick=0.05, timeout=180):
    """Waits until ``url`` answers quickly twice in a row.

    wrk stops with requests still queued in gunicorn's listen backlog; a sync
    worker serves them anyway (to a closed socket), so a slow page would
    otherwise eat into the next page's run.
    """
    deadline = time.monotonic() + timeout
    fast = 0
    while time.monotonic() < deadline and fast < 2:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if server is not None and not server.running():
                raise RuntimeError(
                    f"{server.name} died:\n{server.log_tail()}"
                ) from None
            time.sleep(0.2)
            continue
        fast = fast + 1 if time.monotonic() - started < quick else 0
    return fast >= 2


def _process_table():
    """``{pid: (ppid, CPU seconds, name)}`` of every process."""
    table = {}
    for process in psutil.process_iter(["ppid", "cpu_times", "name"]):
        info = process.info
        times = info["cpu_times"]
        if times is None or info["ppid"] is None:
            continue  # gone meanwhile, or not ours to read
        table[process.pid] = (info["ppid"], times.user + times.system, info["name"])
    return table


class OtherLoad:
    """How much CPU processes other than the bench's used during a run.

    The bench's are this process's descendants (gunicorn, nginx, wrk), Redis,
    and the PostgreSQL backends of the bench database. Anything else (a test
    suite, a build) competes for the same cores and lowers the figures.
    """

    def __init__(self, database):
        self.database = database
        self.before = None
        self.total_before = None

    def _ours(self, table):
        children = {}
        for pid, (ppid, _ticks, _name) in table.items():
            children.setdefault(ppid, []).append(pid)
        ours, stack = set(), [os.getpid()]
        while stack:
            pid = stack.pop()
            ours.add(pid)
            stack.extend(children.get(pid, []))
        for pid, (_ppid, _ticks, name) in table.items():
            if name.startswith("redis-server"):
                ours.add(pid)
            elif name.startswith("postgres"):
                # A backend's title names its database: "postgres: user db …".
                try:
                    command = " ".join(psutil.Process(pid).cmdline())
                except psutil.Error:
                    continue
                if self.database in command:
                    ours.add(pid)
        return ours

    def start(self):
        self.before = _process_table()
        self.total_before = _cpu_times()

    def stop(self):
        after = _process_table()
        total = _cpu_times() - self.total_before
        ours = self._ours(after) | self._ours(self.before)
        other = 0
        for pid, (_ppid, ticks, _name) in after.items():
            if pid in ours:
                continue
            previous = self.before.get(pid)
            other += ticks - previous[1] if previous else 0
        return round(other / total, 3) if total else 0.0


def _cpu_times():
    """All CPUs' time so far, in seconds, as /proc/stat's first line sums it."""
    times = psutil.cpu_times()
    return sum(
        getattr(times, name, 0.0)
        for name in (
            "user",
            "nice",
            "system",
            "idle",
            "iowait",
            "irq",
            "softirq",
            "steal",
        )
    )


def cpu_busy(seconds=2.0):
    """The machine's CPU use over ``seconds``, 0 to 1."""
    return psutil.cpu_percent(interval=seconds) / 100


# -- nginx and Redis -------------------------------------------------------------


def nginx(prefix, app_port, front_port, ceiling_port, media_root, workers="auto"):
    prefix = Path(prefix)
    for folder in ("client_body", "proxy_temp", "fastcgi_temp", "uwsgi_temp",
                   "scgi_temp", "cache", "ceiling", "logs"):  # fmt: skip
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    template = (DEPLOY / "nginx-bench.conf.template").read_text()
    values = {
        "@@PREFIX@@": str(prefix),
        "@@DEPLOY@@": str(DEPLOY),
        "@@APP_PORT@@": str(app_port),
        "@@FRONT_PORT@@": str(front_port),
        "@@CEILING_PORT@@": str(ceiling_port),
        "@@MEDIA_ROOT@@": str(media_root),
        "@@WORKERS@@": str(workers),
    }
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    config = prefix / "nginx.conf"
    config.write_text(template)
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    check = subprocess.run(
        [binary, "-t", "-q", "-p", str(prefix), "-c", str(config)],
        capture_output=True,
        text=True,
    )
    if check.returncode:
        raise RuntimeError(f"nginx rejected {config}:\n{check.stderr}")
    # SIGQUIT is nginx's graceful shutdown; the wait bounds it.
    return Server(
        "nginx",
        [binary, "-p", prefix, "-c", config],
        log=prefix / "nginx.out",
        stop_signal=signal.SIGQUIT,
    )


def redis_answers(port=6379):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def redis_server(port, workdir):
    binary = shutil.which("redis-server")
    if not binary:
        raise SystemExit(
            "Redis does not answer on 127.0.0.1:6379 and redis-server is not "
            "installed: apt-get install -y redis-server"
        )
    return Server(
        "redis",
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            port,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ],  # fmt: skip
        log=Path(workdir) / "redis.log",
    )


def redis_flush(port, db):
    """Empties the bench's Redis database so the cache run starts cold."""
    with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
        conn.sendall(f"SELECT {db}\r\nFLUSHDB\r\n".encode())
        conn.recv(64)


# -- wrk -----------------------------------------------------------------------


def wrk(url, duration, connections, threads, script, timeout=60):
    command = [
        shutil.which("wrk") or "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={timeout}s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    for line in result.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            data = json.loads(line[len("WRK_JSON ") :])
            seconds = data["duration_us"] / 1e6
            data["rps"] = data["requests"] / seconds if seconds else 0.0
            data["errors"] = sum(
                data[k] for k in ("connect", "read", "write", "status", "timeout")
            )
            return data
    raise RuntimeError(f"wrk gave no result for {url}:\n{result.stdout}{result.stderr}")
