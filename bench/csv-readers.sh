#!/usr/bin/env bash
# Reads one generated 1,000,000-row calling list with each CSV reader the import could use:
# Sylvan.Data.Csv, CsvHelper, the product's CsvRows (on CsvHelper), and, as the baseline, the
# product's previous hand-written RFC 4180 reader, taken from git and built beside them in the same run.
# Usage: bench/csv-readers.sh [rows] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/contact-csv-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The newest commit whose reader was still the hand-written one.
for commit in $(git log --format=%H -- Grains/Campaigns/CsvRows.cs); do
  if ! git show "$commit:Grains/Campaigns/CsvRows.cs" | grep -q -e Sylvan -e CsvHelper; then break; fi
done
git show "$commit:Grains/Campaigns/CsvRows.cs" | sed 's/^namespace Contact.Grains.Campaigns;/namespace Previous;/' >"$work/PreviousCsvRows.cs"
echo "previous reader: Grains/Campaigns/CsvRows.cs at $(git rev-parse --short "$commit")"
dotnet build bench/CsvReaders -c Release -v quiet -nologo -p:PreviousReader="$work/PreviousCsvRows.cs" -o "$work/bin" >/dev/null
dotnet "$work/bin/Contact.CsvReaders.dll" "${1:-1000000}" "${2:-3}"
