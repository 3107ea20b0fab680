"""Merge Locust's statistics (CSV) into var/bench/latest.json and print a summary line."""

import argparse
import csv
import json
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("stats")
parser.add_argument("latest")
parser.add_argument("--users", type=int, required=True)
parser.add_argument("--seconds", type=int, required=True)
parser.add_argument("--workers", type=int, required=True)
parser.add_argument("--load-before", required=True)
parser.add_argument("--load-after", required=True)
parser.add_argument("--wait", type=float, default=0.0, help="each user's pause, up to so many s")
parser.add_argument(
    "--speed-before", type=float, help="scripts/machine_speed.py before the run, in ms"
)
parser.add_argument("--speed-after", type=float, help="the same after the run")
args = parser.parse_args()


def number(value: str) -> float | None:
    return None if value in ("", "N/A") else float(value)


rows = []
summary = None
with open(args.stats, encoding="utf-8") as file:
    for line in csv.DictReader(file):
        row = {
            "name": f"load: {line['Name']}" if line["Name"] != "Aggregated" else "load: all pages",
            "kind": "load",
            "n": int(line["Request Count"]),
            "errors": int(line["Failure Count"]),
            "rps": round(number(line["Requests/s"]) or 0, 1),
            "p50_ms": number(line["50%"]),
            "p95_ms": number(line["95%"]),
            "p99_ms": number(line["99%"]),
            "queries": None,
            "peak_mb": None,
        }
        if line["Name"] == "Aggregated":
            row.update(
                users=args.users,
                seconds=args.seconds,
                workers=args.workers,
                wait_s=args.wait,
                load_before=args.load_before,
                load_after=args.load_after,
                speed_before_ms=args.speed_before,
                speed_after_ms=args.speed_after,
            )
            summary = row
        rows.append(row)

latest = Path(args.latest)
existing = json.loads(latest.read_text(encoding="utf-8")) if latest.is_file() else []
kept = [entry for entry in existing if entry.get("kind") != "load"]
latest.write_text(json.dumps(kept + rows, indent=2) + "\n", encoding="utf-8")
if summary:
    print(
        f"load: {summary['rps']} req/s, p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, "
        f"p99 {summary['p99_ms']} ms, {summary['errors']} errors of {summary['n']} requests "
        f"({args.users} users, pause 0-{args.wait:g} s, {args.seconds} s, {args.workers} workers; "
        f"load average {args.load_before} -> {args.load_after}"
        + (
            f"; reference Python {args.speed_before:g} -> {args.speed_after:g} ms"
            if args.speed_before is not None and args.speed_after is not None
            else ""
        )
        + ")"
    )
