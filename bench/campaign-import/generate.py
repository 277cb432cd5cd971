"""Writes the same calling list twice: as a campaign manager sends it (list.csv) and as the server
stores it (stored.csv, the columns of calling_records), so the database's own bulk load can load
exactly the rows the server loads. Usage: generate.py ROWS OUT_DIR IMPORT_ID STARTED_AT_MS"""
import csv
import json
import sys

rows, out, import_id, started = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London"]
with open(f"{out}/list.csv", "w", newline="") as given, open(f"{out}/stored.csv", "w", newline="") as stored:
    # Every text quoted keeps empty strings empty: psql reads an unquoted empty field as NULL.
    list_writer, stored_writer = csv.writer(given), csv.writer(stored, quoting=csv.QUOTE_NONNUMERIC)
    list_writer.writerow(["name", "phone1", "phone2", "timezone", "account"])
    for i in range(rows):
        phone1, phone2 = f"+1{2122000000 + i}", f"+1{3122000000 + i}"
        name, zone, account = f"Customer {i}", zones[i % len(zones)], f"A-{i}"
        list_writer.writerow([name, phone1, phone2, zone, account])
        row = i + 2  # the header is row 1
        stored_writer.writerow([f"{import_id}-{row}", "bench", import_id, row, 0, "", zone, started, 0, name,
                                f"{phone1} {phone2}", json.dumps({"account": account}, separators=(",", ":")), "", "{}", 1])
