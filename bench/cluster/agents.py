#!/usr/bin/env python3
"""Helpers of bench/cluster/run.sh, over HTTP with the standard library only.

  agents.py create BASE TOKEN PREFIX COUNT
      creates agents PREFIX0..PREFIX(COUNT-1) and starts a session for each (Not Ready).

  agents.py failover BASE TOKEN PREFIX COUNT PID
      creates agents PREFIX0..PREFIX(COUNT-1) (no session) and reads each once, so that they are
      active, spread over the silos that are up now; then sends SIGKILL to PID and reads every
      agent (GET /api/v1/agents/{id}, one request at a time per agent, a fresh one 50 ms after a
      refusal, each given 1 s) until each has answered 200 once. Prints one line:
      SECONDS WAITED REFUSED TIMEOUTS: the time from the kill until the last agent answered 200,
      how many agents took over 0.5 s, and the non-200 answers and the requests that took over 1 s.
"""
import http.client
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

PATIENCE = 60.0      # give up on an agent after this long
REQUEST_TIMEOUT = 1.0
RETRY_PAUSE = 0.05
WAITED = 0.5


class Client:
    """One keep-alive connection; opened again after an error or a timeout."""

    def __init__(self, base, token, timeout=30.0):
        url = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = url.hostname, url.port or 80, timeout
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.connection = None

    def request(self, method, path, body=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.connection.request(method, path, body=None if body is None else json.dumps(body), headers=self.headers)
            response = self.connection.getresponse()
            response.read()
            return response.status
        except Exception:
            self.connection.close()
            self.connection = None
            raise


def create(base, token, prefix, count, session):
    local = threading.local()

    def one(i):
        if not hasattr(local, "client"):
            local.client = Client(base, token)
        agent = f"{prefix}{i}"
        status = local.client.request("PUT", f"/api/v1/agents/{agent}", {"name": f"Bench {i}", "password": f"bench-pass-{i}"})
        if status not in (200, 201):
            raise RuntimeError(f"PUT {agent}: {status}")
        if session:
            status = local.client.request("POST", f"/api/v1/agents/{agent}/session")
            if status != 200:
                raise RuntimeError(f"POST {agent}/session: {status}")
        return local.client

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(count)))


def failover(base, token, prefix, count, pid):
    create(base, token, prefix, count, session=False)
    clients = [Client(base, token, REQUEST_TIMEOUT) for _ in range(count)]
    for i, client in enumerate(clients):
        status = client.request("GET", f"/api/v1/agents/{prefix}{i}")
        if status != 200:
            raise RuntimeError(f"GET {prefix}{i} before the kill: {status}")

    go = threading.Event()
    served = [None] * count
    refused = [0] * count
    timeouts = [0] * count
    started = 0.0

    def poll(i):
        go.wait()
        while time.monotonic() - started < PATIENCE:
            try:
                status = clients[i].request("GET", f"/api/v1/agents/{prefix}{i}")
            except (TimeoutError, OSError, http.client.HTTPException):
                timeouts[i] += 1
                continue
            if status == 200:
                served[i] = time.monotonic() - started
                return
            refused[i] += 1
            time.sleep(RETRY_PAUSE)

    threads = [threading.Thread(target=poll, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    go.set()
    for thread in threads:
        thread.join()

    worst = PATIENCE if any(s is None for s in served) else max(served)
    waited = sum(1 for s in served if s is None or s > WAITED)
    print(f"{worst:.3f} {waited} {sum(refused)} {sum(timeouts)}")


def main(args):
    if len(args) >= 5 and args[0] == "create":
        create(args[1], args[2], args[3], int(args[4]), session=True)
    elif len(args) >= 6 and args[0] == "failover":
        failover(args[1], args[2], args[3], int(args[4]), int(args[5]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
