#!/usr/bin/env python3
"""Export every order of a SQLite table to CSV, the way a Rails/Django job does it.

    python3 export.py --mode load-all   # Order.objects.all() / Order.all.to_a: every row in memory, then write
    python3 export.py --mode batched    # keyset batches of 1,000 (find_each / iterator()): WHERE id > ? LIMIT 1000

Standard library only (sqlite3, csv). The database of --rows orders is created once (in
--db, default: the temporary folder) and reused. Under `bench exec`, each part of the job is
marked as a phase by writing `phase NAME` to the descriptor in $MEMORYBENCH_PHASE_FD:

    bench exec --name python-export --variants load-all,batched --allocators glibc,jemalloc-preload \\
        -- python3 Examples/python-export/export.py --mode {variant}
"""
import argparse
import csv
import gc
import os
import random
import sqlite3
import sys
import tempfile

_PHASE_FD = os.environ.get("MEMORYBENCH_PHASE_FD")
_PHASE_ACK_FD = os.environ.get("MEMORYBENCH_PHASE_ACK_FD")


def phase(name):
    """Marks a phase boundary for bench exec and waits until bench has reset the peaks, so
    each phase's peak is exact (does nothing when run on its own)."""
    if _PHASE_FD:
        os.write(int(_PHASE_FD), f"phase {name}\n".encode())
        if _PHASE_ACK_FD:
            os.read(int(_PHASE_ACK_FD), 3)


class Order:
    """A model object per row, as an ORM builds it."""

    def __init__(self, id, customer, email, status, total_cents, created_at, notes):
        self.id = id
        self.customer = customer
        self.email = email
        self.status = status
        self.total_cents = total_cents
        self.created_at = created_at
        self.notes = notes

    def csv_row(self):
        return [self.id, self.customer, self.email, self.status, self.total_cents, self.created_at, self.notes]


COLUMNS = "id, customer, email, status, total_cents, created_at, notes"


def ensure_database(path, rows):
    """Creates the orders table with `rows` rows (deterministic), unless it already exists."""
    if os.path.exists(path):
        return
    partial = f"{path}.{os.getpid()}.partial"
    db = sqlite3.connect(partial)
    db.execute(f"CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, email TEXT, status TEXT, "
               f"total_cents INTEGER, created_at TEXT, notes TEXT)")
    rng = random.Random(42)
    statuses = ["pending", "paid", "shipped", "delivered", "refunded"]
    def generate():
        for i in range(1, rows + 1):
            name = f"Customer {rng.randrange(1_000_000):06d}"
            yield (i, name, f"customer{i}@example.com", rng.choice(statuses), rng.randrange(100, 100_000),
                   f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T12:00:00Z",
                   "note " + "x" * rng.randrange(20, 120))
    db.executemany(f"INSERT INTO orders ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", generate())
    db.commit()
    db.close()
    os.replace(partial, path)  # atomic: a concurrent or interrupted run never sees half a database


def export_load_all(db, writer):
    phase("load")
    orders = [Order(*row) for row in db.execute(f"SELECT {COLUMNS} FROM orders ORDER BY id")]
    phase("export")
    for order in orders:
        writer.writerow(order.csv_row())
    return len(orders), orders


def export_batched(db, writer, batch=1000):
    phase("export")
    last_id, count = 0, 0
    while True:
        orders = [Order(*row) for row in db.execute(
            f"SELECT {COLUMNS} FROM orders WHERE id > ? ORDER BY id LIMIT ?", (last_id, batch))]
        if not orders:
            return count, None
        for order in orders:
            writer.writerow(order.csv_row())
        count += len(orders)
        last_id = orders[-1].id


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=["load-all", "batched"], required=True)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--db", help="the SQLite database (created when missing)")
    args = parser.parse_args()
    path = args.db or os.path.join(tempfile.gettempdir(), f"memorybench-python-export-{args.rows}.sqlite")

    phase("setup")
    ensure_database(path, args.rows)
    phase("open")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with tempfile.TemporaryDirectory() as scratch:
        with open(os.path.join(scratch, "orders.csv"), "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(COLUMNS.split(", "))
            if args.mode == "load-all":
                count, held = export_load_all(db, writer)
            else:
                count, held = export_batched(db, writer)
        phase("release")
        del held
        gc.collect()
    db.close()
    if count != args.rows:
        print(f"exported {count} rows, expected {args.rows}", file=sys.stderr)
        return 1
    print(f"exported {count} orders ({args.mode})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
