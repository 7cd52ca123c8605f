#!/bin/sh
# pg-stop.sh DIR: stop the cluster pg-start.sh started in DIR and delete it.
set -eu
dir=${1:?usage: pg-stop.sh DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -f "$dir/data/postmaster.pid" ]; then
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	else
		"$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	fi
fi
rm -rf "$dir"
