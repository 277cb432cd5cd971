# Sourced by the bench scripts: start_api_server PORT LOG [NAME=VALUE...] runs the built API
# (Release; $api_dll, by default this checkout's) on 127.0.0.1:PORT with those settings and the
# bench admin password, sets $server to its pid and returns when /health/ready answers;
# stop_api_server stops it. build_kernel DIR [PROJECT...] builds, in a worktree at DIR, projects
# (default: the API) of the last commit that ran on the home-made grain kernel (before Orleans),
# and sets $kernel_api_dll and $kernel_commit; remove_kernel DIR removes the worktree.

bench_admin_password=bench-admin-1
api_dll=Api/bin/Release/net10.0/Contact.Api.dll

start_api_server() {
  local port=$1 log=$2
  shift 2
  env "$@" Contact__Admin__Password=$bench_admin_password Logging__LogLevel__Default=Warning \
    Contact__Cluster__SiloPort="$(free_port)" Contact__Cluster__GatewayPort="$(free_port)" \
    dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
  server=$!
  for _ in $(seq 300); do
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

build_kernel() {
  local dir=$1 removal project
  shift
  # The commit that deleted the kernel's runtime; its parent is the kernel's last.
  removal=$(git log --format=%H -1 --diff-filter=D -- Runtime/Hosting/GrainRuntime.cs)
  git worktree add --detach "$dir" "$removal^" >/dev/null 2>&1
  for project in "${@:-Api}"; do dotnet build "$dir/$project" -c Release -v quiet -nologo >/dev/null; done
  kernel_api_dll=$dir/Api/bin/Release/net10.0/Contact.Orleans.Api.dll
  kernel_commit=$(git rev-parse --short "$removal^")
}

remove_kernel() {
  git worktree remove --force "$1" >/dev/null 2>&1 || true
}
