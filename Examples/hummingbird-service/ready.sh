#!/usr/bin/env bash
# Exits 0 once hummingbird-service answers GET /health with 200 on 127.0.0.1:PORT; bench exec
# --ready polls it. bash's /dev/tcp, so neither curl nor python3 is needed.
#   usage: bash ready.sh PORT
set -u
port=${1:?usage: ready.sh PORT}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ $status == "HTTP/1.1 200"* ]]
