#!/usr/bin/env bash
# Reproduces the "Scale" section of BENCHMARKS.md: one generated corpus of
# NOTES notes built into a fresh store of each backend, then exported and
# queried, with wall time, CPU time and peak memory of every step.
#
#   NOTES=10000 scripts/scale.sh
#   NOTES=100000 PG=postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable scripts/scale.sh
#
# Environment: NOTES (10000), SEED (1), DIR (/tmp/notegraph-scale),
# BACKENDS ("bolt postgres"), PG (a PostgreSQL URL whose user may create
# databases; the database ng_scale_NOTES is dropped and created again; the
# server is not started here: graph/testdata/pg-start.sh does that),
# QUERIES (folder of .rq files, default query/testdata/agreement/queries:
# the researcher queries of the SPARQL issue), NG (a notegraph binary).
#
# Memory: "peak RSS" is the maximum resident set size of /usr/bin/time,
# which on bolt includes the pages of the store file it
# has mapped; "peak anon" is the highest anonymous resident memory (heap and
# stacks) sampled every 0.2 s. For PostgreSQL the server's processes are not
# included; their CPU time is reported from the postmaster's reaped-children
# counters (only when the server runs on this machine and this user can read
# its /proc entry).
#
# Output: one tab-separated line per step in $DIR/scale-$NOTES.tsv, and the
# query timings in $DIR/queries-$NOTES-BACKEND.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
NOTES=${NOTES:-10000}
SEED=${SEED:-1}
DIR=${DIR:-/tmp/notegraph-scale}
BACKENDS=${BACKENDS:-bolt postgres}
QUERIES=${QUERIES:-query/testdata/agreement/queries}
mkdir -p "$DIR"
if [ -z "${NG:-}" ]; then
	go build -o "$DIR/notegraph" ./cmd/notegraph
	NG=$DIR/notegraph
fi
go build -o "$DIR/gencorpus" ./cmd/gencorpus
CORPUS=$DIR/corpus-$NOTES
if [ ! -f "$CORPUS/.complete" ]; then
	rm -rf "$CORPUS"
	"$DIR/gencorpus" -n "$NOTES" -seed "$SEED" -out "$CORPUS"
	touch "$CORPUS/.complete"
fi
OUT=$DIR/scale-$NOTES.tsv
echo "# $(date -u +%FT%TZ) notegraph $(git rev-parse --short HEAD 2>/dev/null || echo '?') notes=$NOTES nproc=$(nproc) load=$(cut -d' ' -f1 /proc/loadavg)" >>"$OUT"

# run NAME CMD...: runs CMD under /usr/bin/time, samples its anonymous
# memory, appends "notes backend name wall_s user_s sys_s peak_rss_mb
# peak_anon_mb" to $OUT.
run() {
	local name=$1
	shift
	local tf=$DIR/.time pid child="" anon=0 a
	/usr/bin/time -f '%e\t%U\t%S\t%M' -o "$tf" "$@" &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		[ -z "$child" ] && child=$(pgrep -P "$pid" | head -1 || true)
		if [ -n "$child" ] && [ -r "/proc/$child/status" ]; then
			a=$(awk '/^RssAnon:/ {print $2}' "/proc/$child/status" 2>/dev/null || true)
			[ -n "${a:-}" ] && [ "$a" -gt "$anon" ] && anon=$a
		fi
		sleep 0.2
	done
	wait "$pid" || { echo "scale.sh: $name failed" >&2; exit 1; }
	awk -F'\t' -v n="$NOTES" -v b="$backend" -v s="$name" -v anon="$anon" \
		'{printf "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", n, b, s, $1, $2, $3, $4 / 1024, anon / 1024}' "$tf" | tee -a "$OUT" >&2
}

pgserver_cpu() {
	# CPU seconds of the server's exited backends (postmaster cutime+cstime).
	local pm
	pm=$(pgrep -o -f 'postgres.*-p' 2>/dev/null || true)
	[ -n "$pm" ] && [ -r "/proc/$pm/stat" ] || { echo "?"; return; }
	awk -v t="$(getconf CLK_TCK)" '{print ($16 + $17) / t}' "/proc/$pm/stat"
}

for backend in $BACKENDS; do
	case $backend in
	bolt)
		DB=$DIR/db-$NOTES-bolt
		rm -rf "$DB"
		;;
	postgres)
		: "${PG:?set PG to a PostgreSQL URL (see graph/testdata/pg-start.sh)}"
		psql "$PG" -qAt -c "DROP DATABASE IF EXISTS ng_scale_$NOTES WITH (FORCE)" -c "CREATE DATABASE ng_scale_$NOTES"
		DB=$(echo "$PG" | sed -E "s#/[^/?]+(\?|$)#/ng_scale_$NOTES\1#")
		"$NG" init --db "$DB"
		;;
	esac
	cpu0=$(pgserver_cpu)
	run build "$NG" build -q --db "$DB" --out "" "$CORPUS"
	cpu1=$(pgserver_cpu)
	[ "$backend" = postgres ] && echo "# $NOTES postgres build: server CPU seconds $(echo "$cpu1 - $cpu0" | bc 2>/dev/null || echo '?')" | tee -a "$OUT"
	"$NG" stats --db "$DB" >"$DIR/stats-$NOTES-$backend.txt"
	echo "# $NOTES $backend $(grep -m1 triples "$DIR/stats-$NOTES-$backend.txt")" | tee -a "$OUT"
	[ "$backend" = bolt ] && echo "# $NOTES bolt store size $(du -sm "$DB" | cut -f1) MB" | tee -a "$OUT"
	[ "$backend" = postgres ] && echo "# $NOTES postgres database size $(psql "$DB" -qAt -c 'SELECT pg_database_size(current_database()) / 1048576') MB" | tee -a "$OUT"
	run stats "$NG" stats --db "$DB" >/dev/null
	for f in nq ttl; do
		run "export-$f" "$NG" export --db "$DB" --format "$f" --out "$DIR/export-$NOTES-$backend.$f"
	done
	ls -l "$DIR"/export-"$NOTES"-"$backend".* | awk '{print "# " $5 " " $9}' | tee -a "$OUT"
	files=()
	for q in "$QUERIES"/*.rq; do files+=(--file "$q"); done
	run queries "$NG" query --db "$DB" --timings "${files[@]}" >/dev/null 2>"$DIR/queries-$NOTES-$backend.tsv"
	head -1 "$DIR/queries-$NOTES-$backend.tsv" | sed 's/^/# /' | tee -a "$OUT"
done
if [ -f "$DIR/export-$NOTES-bolt.nq" ] && [ -f "$DIR/export-$NOTES-postgres.nq" ]; then
	if cmp -s "$DIR/export-$NOTES-bolt.nq" "$DIR/export-$NOTES-postgres.nq"; then
		echo "# $NOTES exports from bolt and postgres: identical (nq)" | tee -a "$OUT"
	else
		echo "# $NOTES exports from bolt and postgres: DIFFER (nq)" | tee -a "$OUT"
	fi
fi
