"""A small threaded HTTP service for `bench exec --duration`: Python's standard library only.

Each request builds a report the way many JSON APIs do: it makes a few thousand row dicts,
serialises them, and keeps the last few responses in a small cache. Every request runs on its
own thread (ThreadingHTTPServer), so the allocator sees many threads allocating and freeing
at once, like a Puma or gunicorn-threads service.

Usage: python3 server.py PORT   (listens on 127.0.0.1:PORT; /health answers "ok")
"""
import json
import random
import sys
import threading
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CACHE_ENTRIES = 16
cache = OrderedDict()
cache_lock = threading.Lock()


def build_report(rows, seed):
    rng = random.Random(seed)
    items = [
        {
            "id": seed * 100_000 + i,
            "name": "customer-%d" % rng.randrange(1_000_000),
            "tags": ["t%d" % rng.randrange(50) for _ in range(rng.randrange(1, 6))],
            "balance": rng.random() * 1000,
            "note": "x" * rng.randrange(16, 512),
        }
        for i in range(rows)
    ]
    return json.dumps({"rows": len(items), "items": items}).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/health":
            return self.reply(b"ok")
        # /report?rows=N&seed=S
        query = dict(part.split("=", 1) for part in self.path.partition("?")[2].split("&") if "=" in part)
        rows = min(int(query.get("rows", "2000")), 20_000)
        seed = int(query.get("seed", "0"))
        body = build_report(rows, seed)
        with cache_lock:
            cache[(rows, seed)] = body
            while len(cache) > CACHE_ENTRIES:
                cache.popitem(last=False)
        self.reply(body)

    def reply(self, body):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.serve_forever()
