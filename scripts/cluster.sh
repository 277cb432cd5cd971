#!/usr/bin/env bash
# The cluster of docker/compose.yaml as local processes, for machines without a container engine:
# PostgreSQL, three silos (each also serving the REST API), two API nodes and nginx balancing the
# API nodes.
#
#   scripts/cluster.sh up DIR     builds (Release), starts everything with its logs and pids in DIR,
#                                 waits until every node is ready, writes DIR/cluster.env, and returns
#   scripts/cluster.sh add-silo DIR NAME
#                                 starts one more silo (log DIR/NAME.log) in the cluster of DIR,
#                                 waits until it is ready, and prints its URL
#   scripts/cluster.sh down DIR   stops what `up` and `add-silo` started in DIR
#
# CONTACT_POSTGRES names the database (a connection string); without it a throwaway PostgreSQL
# runs in DIR/pg. CONTACT_SILOS and CONTACT_API_NODES change the counts (3 and 2).
# CONTACT_ADMIN_PASSWORD is the admin's password (default cluster-admin-1). DIR/cluster.env holds
# CLUSTER_URL (the load balancer), SILO_URLS, API_URLS and the pids, for scripts to source.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh

command=${1:-}
dir=${2:-}
[ -n "$command" ] && [ -n "$dir" ] || { sed -n '2,16p' "$0"; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

wait_ready() {
  local url=$1 log=$2
  for _ in $(seq 600); do
    curl -sf "$url/health/ready" >/dev/null && return
    sleep 0.1
  done
  echo "$url did not become ready; its log:"; tail -n 40 "$log"; return 1
}

# start_node NAME PORT SETTINGS...: the API program on 127.0.0.1:PORT, logging to DIR/NAME.log.
start_node() {
  local name=$1 port=$2
  shift 2
  env "$@" ConnectionStrings__Contact="$connection" Contact__Storage=Postgres \
    Contact__Admin__Password="${CONTACT_ADMIN_PASSWORD:-cluster-admin-1}" \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Information \
    dotnet Api/bin/Release/net10.0/Contact.Api.dll --urls "http://127.0.0.1:$port" >"$dir/$name.log" 2>&1 &
  echo "$!" >"$dir/$name.pid"
}

# start_silo NAME: a silo (also serving REST) on fresh ports, once it is ready; its URL in $silo_url.
start_silo() {
  local name=$1 port
  port=$(free_port)
  start_node "$name" "$port" Contact__Cluster__SiloPort="$(free_port)" Contact__Cluster__GatewayPort="$(free_port)"
  silo_url=http://127.0.0.1:$port
  wait_ready "$silo_url" "$dir/$name.log"
}

write_nginx_config() {
  local servers=""
  for url in "${api_urls[@]}"; do servers+="    server ${url#http://};"$'\n'; done
  mkdir -p "$dir/nginx"
  # The compose file's balancer, with paths in DIR: see docker/nginx.conf for why each line is there.
  # Bash substitution, not sed: the server list spans lines.
  local config
  config=$(<docker/nginx.conf.template)
  config=${config//@SERVERS@/${servers%$'\n'}}
  config=${config//@LISTEN@/127.0.0.1:$lb_port}
  config=${config//@DIR@/$dir/nginx}
  printf '%s\n' "$config" >"$dir/nginx/nginx.conf"
}

up() {
  if [ -n "${CONTACT_POSTGRES:-}" ]; then
    connection=$CONTACT_POSTGRES
  else
    start_throwaway_postgres "$dir/pg" >/dev/null
    connection=$CONTACT_TEST_POSTGRES
  fi
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || {
    echo "Installing nginx (Debian package nginx-light)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
  }
  dotnet build Api -c Release -v quiet -nologo >/dev/null

  silo_urls=() api_urls=()
  # One at a time: the first silo creates the schema, and each joins a known membership.
  for i in $(seq "${CONTACT_SILOS:-3}"); do
    start_silo "silo$i"
    silo_urls+=("$silo_url")
  done
  for i in $(seq "${CONTACT_API_NODES:-2}"); do
    local port
    port=$(free_port)
    start_node "api$i" "$port" Contact__Node=Api
    api_urls+=("http://127.0.0.1:$port")
  done
  for i in "${!api_urls[@]}"; do wait_ready "${api_urls[$i]}" "$dir/api$((i + 1)).log"; done

  lb_port=$(free_port)
  write_nginx_config
  "$(command -v nginx || echo /usr/sbin/nginx)" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" >"$dir/nginx.log" 2>&1
  wait_ready "http://127.0.0.1:$lb_port" "$dir/nginx/error.log"

  cat >"$dir/cluster.env" <<EOF
CLUSTER_URL=http://127.0.0.1:$lb_port
SILO_URLS="${silo_urls[*]}"
API_URLS="${api_urls[*]}"
CONTACT_CLUSTER_POSTGRES="$connection"
EOF
  echo "Cluster up: ${#silo_urls[@]} silos (${silo_urls[*]}), ${#api_urls[@]} API nodes (${api_urls[*]}), balancer http://127.0.0.1:$lb_port"
}

add_silo() {
  local name=$1
  # shellcheck source=/dev/null
  source "$dir/cluster.env"
  connection=$CONTACT_CLUSTER_POSTGRES
  start_silo "$name"
  echo "$silo_url"
}

down() {
  local pids=()
  [ -f "$dir/nginx/nginx.pid" ] && kill "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true
  for pid_file in "$dir"/*.pid; do
    [ -f "$pid_file" ] || continue
    pids+=("$(cat "$pid_file")")
    rm -f "$pid_file"
  done
  [ "${#pids[@]}" -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
  # Each node stops on its own within seconds (a silo hands its grains over first); then the database can go.
  for pid in "${pids[@]}"; do
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  stop_throwaway_postgres "$dir/pg"
}

case "$command" in
  up) up ;;
  add-silo) add_silo "${3:?add-silo needs a name for the silo}" ;;
  down) down ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
