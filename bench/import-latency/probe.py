"""Changes one agent's state (Ready, NotReady, Ready, ...) one request at a time over one
keep-alive connection, until the file STOP_FILE exists or SECONDS pass, and prints the count and
the p50, p99 and largest latency in milliseconds: what an agent's desktop sees while other work
runs. Usage: probe.py PORT TOKEN AGENT SECONDS STOP_FILE"""
import http.client
import json
import os
import sys
import time

port, token, agent, seconds, stop = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5]
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
latencies, failures, n = [], 0, 0
deadline = time.monotonic() + seconds
while time.monotonic() < deadline and not os.path.exists(stop):
    body = json.dumps({"state": "Ready" if n % 2 == 0 else "NotReady"})
    start = time.monotonic()
    connection.request("PUT", f"/api/v1/agents/{agent}/state", body, headers)
    response = connection.getresponse()
    response.read()
    latencies.append((time.monotonic() - start) * 1000)
    failures += response.status >= 300
    n += 1
latencies.sort()
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"{len(latencies)} changes, {failures} failed: p50 {pick(0.50):.1f} ms, p99 {pick(0.99):.1f} ms, max {latencies[-1]:.1f} ms")
