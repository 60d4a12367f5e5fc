"""Exits 0 once server.py answers /health on 127.0.0.1:PORT (bench exec --ready polls it)."""
import sys
import urllib.request

urllib.request.urlopen("http://127.0.0.1:%s/health" % sys.argv[1], timeout=1).read()
