"""A bounded load for server.py: THREADS threads, each sending REQUESTS requests of varied
sizes to 127.0.0.1:PORT, then exit 0 (non-zero if a request failed).

Usage: python3 load.py PORT [REQUESTS_PER_THREAD] [THREADS]
When MEMORYBENCH_LOAD_COUNT_FILE is set, the number of responses received is written there
(one integer and a newline) at the end, or when the load is interrupted.
"""
import http.client
import os
import random
import sys
import threading

port = int(sys.argv[1])
requests = int(sys.argv[2]) if len(sys.argv) > 2 else 60
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 8
failures = []
answered = [0] * threads  # one slot per thread: no lock needed


def worker(index):
    rng = random.Random(index)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for n in range(requests):
        rows = rng.choice([200, 1000, 2000, 5000, 10000])
        connection.request("GET", "/report?rows=%d&seed=%d" % (rows, index * 1000 + n))
        response = connection.getresponse()
        body = response.read()
        answered[index] += 1
        if response.status != 200 or not body:
            failures.append((index, n, response.status))
    connection.close()


def write_count():
    path = os.environ.get("MEMORYBENCH_LOAD_COUNT_FILE")
    if path:
        with open(path, "w") as file:
            file.write("%d\n" % sum(answered))


pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
for thread in pool:
    thread.start()

try:
    for thread in pool:
        thread.join()
finally:
    write_count()
print("%d requests, %d failed" % (requests * threads, len(failures)))
sys.exit(1 if failures else 0)
