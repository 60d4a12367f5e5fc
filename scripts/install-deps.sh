#!/usr/bin/env bash
# Installs the Debian packages MemoryBench needs (as root), or prints the exact command.
#   required: libjemalloc-dev (jemalloc-linked worker; brings libjemalloc2 for jemalloc-preload),
#             libsqlite3-dev (GRDB's SQLite), gcc + libc6-dev (bench compiles the exec probe and the
#             allocation counter, small C libraries preloaded into measured processes, at first use),
#             time (GNU time: the tests check `bench exec`'s peak
#             against it), python3 (the `bench exec` example and its tests; sqlite3 is in its stdlib)
#   optional: libtcmalloc-minimal4, libmimalloc2.0 (tcmalloc-/mimalloc-preload configurations),
#             librsvg2-bin (rendering SVG charts to PNG)
#   python3 module jsonschema (PyPI): validating report.json against Reports/schema in the tests
set -euo pipefail

required=(libjemalloc-dev libjemalloc2 libsqlite3-dev time python3 gcc libc6-dev)
optional=(libtcmalloc-minimal4 libmimalloc2.0 librsvg2-bin)

# The report schema test validates report.json with python3's jsonschema (from PyPI).
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import jsonschema" >/dev/null 2>&1; then
    echo "Installing the python3 module jsonschema (report schema validation) ..." >&2
    # Debian 12 / Ubuntu 24 mark the system python "externally managed": fall back to Debian's package.
    python3 -m pip install --quiet jsonschema >&2 2>/dev/null \
        || { [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-jsonschema >/dev/null; } \
        || echo "Could not install jsonschema: run python3 -m pip install jsonschema (the schema test needs it)." >&2
fi

missing=()
for package in "${required[@]}" "${optional[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "MemoryBench needs these packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "Installing ${missing[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if ! apt-get install -y -qq "${missing[@]}" >/dev/null; then
    # Optional packages may be missing on other distributions: insist only on the required ones.
    apt-get install -y -qq "${required[@]}" >/dev/null
    echo "Some optional packages could not be installed; tcmalloc/mimalloc configurations will be skipped." >&2
fi
