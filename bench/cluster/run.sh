#!/usr/bin/env bash
# The cluster of scripts/cluster.sh (three silos serving REST, two API nodes that are Orleans
# clients, nginx balancing the API nodes, PostgreSQL): durable agent state changes per second over
# HTTP through the balancer, with p50/p99, beside the same load on one process (a silo and the API
# in one, on a fresh database of the same PostgreSQL server), in alternating rounds, and the ratio.
# On a machine of two cores this is the cost of the hops (balancer, API node, gateway, silo), not
# scale. Then five times: SIGKILL of a silo, and the time until every one of 64 agents, freshly
# created and spread over the silos that are up, answers GET through the balancer with 200 again;
# a replacement silo (fresh ports, the settings scripts/cluster.sh gives a silo) is started and
# waited for before the next kill. Target: every agent served again within 10 s.
# Usage: bench/cluster/run.sh [seconds] [connections] [warm-up seconds] [rounds] [kills]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/throwaway-postgres.sh
source scripts/bench-server.sh

seconds=${1:-10}
connections=${2:-32}
warmup=${3:-5}
rounds=${4:-2}
kills=${5:-5}
agents=512
probes=64
export CONTACT_ADMIN_PASSWORD=${CONTACT_ADMIN_PASSWORD:-cluster-admin-1}
dir=$(mktemp -d /tmp/contact-cluster-bench.XXXXXX)
cleanup() {
  local status=$?
  set +e
  stop_api_server
  # The replacement silos have their pid files in $dir like the others: `down` stops them too.
  scripts/cluster.sh down "$dir" >/dev/null 2>&1
  if [ "$status" = 0 ]; then rm -rf "$dir"; else echo "Logs kept in $dir" >&2; fi
}
trap cleanup EXIT

for tool in wrk curl bc; do
  command -v $tool >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done

scripts/cluster.sh up "$dir" >"$dir/up.log" 2>&1 || { cat "$dir/up.log"; exit 1; }
source "$dir/cluster.env"
read -ra silo_urls <<<"$SILO_URLS"

# The cluster's connection string as psql arguments: HOST PORT USER DATABASE (and PGPASSWORD).
conn_field() { tr ';' '\n' <<<"$CONTACT_CLUSTER_POSTGRES" | sed -nE "s/^ *($1) *= *(.*)$/\2/Ip" | head -n 1; }
pg_host=$(conn_field Host) pg_port=$(conn_field Port) pg_user=$(conn_field 'Username|User Id|User')
cluster_database=$(conn_field Database)
pg_password=$(conn_field Password)
[ -z "$pg_password" ] || export PGPASSWORD=$pg_password
sql() { psql -h "$pg_host" -p "${pg_port:-5432}" -U "$pg_user" -d "$1" -tAqc "$2"; }

json_field() { sed -E "s/.*\"$1\":\"([^\"]*)\".*/\1/"; }
token() {
  curl -sf -X POST "$1/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$2\"}" | json_field accessToken
}

# One process: a silo and the API, on a fresh database of the same server, up for the whole run as the cluster is.
single_database=bench_single_$$
sql "${cluster_database:-postgres}" "CREATE DATABASE $single_database"
single_port=$(free_port)
single_url=http://127.0.0.1:$single_port
start_api_server "$single_port" "$dir/single.log" Contact__Storage=Postgres \
  "ConnectionStrings__Contact=$CONTACT_CLUSTER_POSTGRES;Database=$single_database"

cluster_token=$(token "$CLUSTER_URL" "$CONTACT_ADMIN_PASSWORD")
single_token=$(token "$single_url" "$bench_admin_password")
python3 bench/cluster/agents.py create "$CLUSTER_URL" "$cluster_token" b "$agents"
python3 bench/cluster/agents.py create "$single_url" "$single_token" b "$agents"

percentile() { grep -E "^ +$1%" | awk '{print $2}'; }
per_second() { awk '/Requests\/sec/ {printf "%.0f", $2}'; }

printf 'Cluster (%s silos, %s API nodes, nginx) against one process, PostgreSQL: %s connections, %s s (%s s warm-up), %s agents, %s rounds, %s cores\n' \
  "${#silo_urls[@]}" "$(wc -w <<<"$API_URLS")" "$connections" "$seconds" "$warmup" "$agents" "$rounds" "$(nproc)"

wrk -t1 -c"$connections" -d"${warmup}s" --latency "$CLUSTER_URL/health/live" >"$dir/live-cluster.txt"
wrk -t1 -c"$connections" -d"${warmup}s" --latency "$single_url/health/live" >"$dir/live-single.txt"
printf '  GET /health/live (HTTP alone)     cluster %8s/s  p99 %7s   one process %8s/s  p99 %7s\n' \
  "$(per_second <"$dir/live-cluster.txt")" "$(percentile 99 <"$dir/live-cluster.txt")" \
  "$(per_second <"$dir/live-single.txt")" "$(percentile 99 <"$dir/live-single.txt")"

# bench_one LABEL URL TOKEN DATABASE: warm-up, then the measured run; the figure is the agent.state
# journal rows the database gained during it (as bench/agent-http/run.sh counts), per second.
bench_one() {
  local label=$1 url=$2 token=$3 database=$4 before after errors
  wrk -t1 -c"$connections" -d"${warmup}s" -s bench/agent-http/states.lua "$url" -- "$token" "$agents" >/dev/null
  before=$(sql "$database" "select count(*) from grain_journal where kind='agent.state'")
  wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/agent-http/states.lua "$url" -- "$token" "$agents" >"$dir/state.txt"
  after=$(sql "$database" "select count(*) from grain_journal where kind='agent.state'")
  last_rate=$(echo "($after - $before) / $seconds" | bc -l)
  printf '  %-33s durable state changes/s: %7.0f   p50 %7s  p99 %7s   (wrk: %s requests/s)\n' "$label" \
    "$last_rate" "$(percentile 50 <"$dir/state.txt")" "$(percentile 99 <"$dir/state.txt")" "$(per_second <"$dir/state.txt")"
  errors=$(grep -E "Non-2xx|Socket errors" "$dir/state.txt" || true)
  [ -z "$errors" ] || printf '    errors: %s\n' "$errors"
}

cluster_total=0 single_total=0
for round in $(seq "$rounds"); do
  # ABBA: the one that went second goes first in the next round (this machine's speed drifts).
  order="cluster single"
  [ $((round % 2)) = 0 ] && order="single cluster"
  for target in $order; do
    if [ $target = cluster ]; then
      bench_one "round $round, cluster via nginx" "$CLUSTER_URL" "$cluster_token" "${cluster_database:-postgres}"
      cluster_total=$(echo "$cluster_total + $last_rate" | bc -l)
    else
      bench_one "round $round, one process" "$single_url" "$single_token" "$single_database"
      single_total=$(echo "$single_total + $last_rate" | bc -l)
    fi
  done
done
printf '  cluster / one process: %.2f   (on %s cores: the cost of the hops, not scale)\n' \
  "$(echo "$cluster_total / $single_total" | bc -l)" "$(nproc)"

# The failover part has the cores to itself.
stop_api_server
sql "${cluster_database:-postgres}" "DROP DATABASE IF EXISTS $single_database WITH (FORCE)" >/dev/null

active_silos() { sql "${cluster_database:-postgres}" "select count(*) from OrleansMembershipTable where Status = 3"; }

silo_count=${#silo_urls[@]}
live=()
for i in $(seq "$silo_count"); do live+=("silo$i"); done
printf 'Failover: SIGKILL of a silo (oldest first), then GET of %s fresh agents through nginx until each answers 200; %s kills\n' "$probes" "$kills"
times=()
for kill in $(seq "$kills"); do
  victim=${live[0]}
  live=("${live[@]:1}")
  victim_pid=$(cat "$dir/$victim.pid")
  read -r served waited refused timeouts < <(python3 bench/cluster/agents.py failover "$CLUSTER_URL" "$cluster_token" "f${kill}_" "$probes" "$victim_pid")
  rm -f "$dir/$victim.pid"
  times+=("$served")

  replacement=silo$((silo_count + kill))
  started=$(date +%s.%N)
  scripts/cluster.sh add-silo "$dir" "$replacement" >/dev/null
  for _ in $(seq 300); do [ "$(active_silos)" = "$silo_count" ] && break; sleep 0.1; done
  [ "$(active_silos)" = "$silo_count" ] || { echo "The membership table does not show $silo_count active silos"; exit 1; }
  live+=("$replacement")
  printf '  kill %s: %-7s all %s agents answered 200 after %6.2f s  (%2s waited > 0.5 s; %s refusals, %s requests given up after 1 s)   %s active %.1f s after its start\n' \
    "$kill" "$victim" "$probes" "$served" "$waited" "$refused" "$timeouts" "$replacement" "$(echo "$(date +%s.%N) - $started" | bc -l)"
  sleep 2
done

sorted=$(printf '%s\n' "${times[@]}" | sort -g)
median=$(sed -n "$(((kills + 1) / 2))p" <<<"$sorted")
worst=$(tail -n 1 <<<"$sorted")
met=met; [ "$(echo "$worst <= 10" | bc -l)" = 1 ] || met=missed
printf '  served again after a kill: median %.2f s, worst %.2f s   (target: every agent within 10 s: %s)\n' "$median" "$worst" "$met"
