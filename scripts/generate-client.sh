#!/usr/bin/env bash
# Generates a C# client with Kiota from the OpenAPI document the API serves: starts the built
# API on a throwaway SQLite database and loopback ports, reads /swagger/v1/swagger.json, stops
# the API, and writes the client and the document to the output folder.
# Usage: scripts/generate-client.sh <path of Contact.Api.dll> <output folder> <client namespace>
set -euo pipefail
api_dll=$(realpath "$1")
out=$(realpath -m "$2")
namespace=$3
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/contact-client.XXXXXX)
api=""
cleanup() {
  [ -n "$api" ] && kill "$api" 2>/dev/null && wait "$api" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A port nothing answers on, from a range the tests' own servers do not use.
free_port() {
  while true; do
    local port=$((30000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

(cd "$work" && exec dotnet "$api_dll" --urls "http://127.0.0.1:0" \
  --Contact:Cluster:SiloPort="$(free_port)" --Contact:Cluster:GatewayPort="$(free_port)" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information >"$work/api.log" 2>&1) &
api=$!

url=""
for _ in $(seq 120); do
  url=$(grep -so 'Now listening on: http://[0-9.:]*' "$work/api.log" | head -1 | sed 's/Now listening on: //') || true
  [ -n "$url" ] && curl -sf "$url/swagger/v1/swagger.json" -o "$work/openapi.json" && break
  kill -0 "$api" 2>/dev/null || break
  sleep 0.5
done
if [ ! -s "$work/openapi.json" ]; then
  echo "generate-client: the API did not serve its OpenAPI document:" >&2
  cat "$work/api.log" >&2
  exit 1
fi

mkdir -p "$out"
cd "$root"
dotnet tool restore >/dev/null
# Kiota also asks GitHub for a newer version of itself; offline, that warning is all it adds.
if ! dotnet kiota generate --language CSharp --openapi "$work/openapi.json" --output "$out/Client" \
    --class-name ContactClient --namespace-name "$namespace" --clean-output --exclude-backward-compatible >"$work/kiota.log" 2>&1; then
  cat "$work/kiota.log" >&2
  exit 1
fi
cp "$work/openapi.json" "$out/openapi.json"
