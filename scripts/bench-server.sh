# Sourced by the bench scripts: start_api_server PORT LOG [NAME=VALUE...] runs the built API
# (Release) on 127.0.0.1:PORT with those settings and the bench admin password, sets $server to its
# pid and returns when /health/ready answers; stop_api_server stops it.

bench_admin_password=bench-admin-1

start_api_server() {
  local port=$1 log=$2
  shift 2
  env "$@" Contact__Admin__Password=$bench_admin_password Logging__LogLevel__Default=Warning \
    dotnet Api/bin/Release/net10.0/Contact.Api.dll --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
  server=$!
  for _ in $(seq 200); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return
    sleep 0.1
  done
  echo "The server did not start:"; cat "$log"; return 1
}

stop_api_server() {
  [ -n "${server:-}" ] || return 0
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
