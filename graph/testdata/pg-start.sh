#!/bin/sh
# pg-start.sh DIR [PORT]: start a private PostgreSQL cluster in DIR on a
# loopback port (default 55432) and print its URL, for the graph package's
# PostgreSQL tests:
#
#	export NOTEGRAPH_TEST_PG=$(sh graph/testdata/pg-start.sh /tmp/ng-pg)
#	go test ./graph/
#	sh graph/testdata/pg-stop.sh /tmp/ng-pg
#
# Needs Debian's postgresql package (initdb and pg_ctl under
# /usr/lib/postgresql/*/bin). initdb refuses to run as root, so as root the
# cluster belongs to the postgres user. Authentication is "trust" on the
# loopback interface only.
set -eu
dir=${1:?usage: pg-start.sh DIR [PORT]}
port=${2:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
	echo "pg-start.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
	exit 1
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
run() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	chown postgres "$dir"
	chmod 755 "$dir"
	run() { runuser -u postgres -- "$@"; }
fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
	run "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
fi
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	-o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >"$dir/pg_ctl.log" 2>&1 ||
	{ cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt \
	-c "SELECT 1 FROM pg_database WHERE datname = 'notegraph'" | grep -q 1 ||
	"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres notegraph
echo "postgres://postgres@127.0.0.1:$port/notegraph?sslmode=disable"
