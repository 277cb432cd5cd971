# Sourced by test.sh and the bench scripts: start_throwaway_postgres DIR starts a PostgreSQL
# server whose data lives in DIR (installing Debian's postgresql package when missing) and
# exports CONTACT_TEST_POSTGRES; stop_throwaway_postgres DIR stops it.

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# PostgreSQL refuses to run as root: run its programs as the postgres user then.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A port nobody listens on (bash's /dev/tcp fails to connect to it), below Linux's ephemeral
# range (32768 and up), where outgoing connections of load tests could hold it.
free_port() {
  local candidate
  while true; do
    candidate=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null || { echo "$candidate"; return; }
  done
}

start_throwaway_postgres() {
  local dir=$1 bin port
  bin=$(pg_bin_dir)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "Installing PostgreSQL (Debian package postgresql)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(pg_bin_dir)
  fi
  mkdir -p "$dir"
  chmod 755 "$(dirname "$dir")"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$dir"
  fi
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  for attempt in 1 2 3; do
    port=$(free_port)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 ${CONTACT_PG_SETTINGS:-}" start >/dev/null && break
    [ "$attempt" = 3 ] && { tail -n 20 "$dir/log"; return 1; }
  done
  export CONTACT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  export CONTACT_PG_PORT=$port
  echo "Started a throwaway PostgreSQL on 127.0.0.1:$port"
}

stop_throwaway_postgres() {
  local dir=$1 bin
  bin=$(pg_bin_dir)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
}
