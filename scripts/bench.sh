#!/usr/bin/env bash
# Reproduces the figures of BENCHMARKS.md on this machine:
#   1. generates the benchmark corpus (cmd/gencorpus) into $BENCH_DIR;
#   2. times `notegraph build` into a fresh store, RUNS times;
#   3. times `notegraph export` in every RDF format, RUNS times each, and
#      serdi's N-Triples→Turtle conversion of the same N-Triples file;
#   4. runs the Go benchmarks of build/bench_build_test.go (extraction on one
#      core, mapping, store load per backend) and cmd/notegraph/
#      bench_export_test.go (exports, split into the store's iteration and
#      the encoder) on a slice of the same corpus;
#   5. runs the peer tagger (github.com/jdkato/prose/v2, scripts/prosepeer,
#      its own module) on the same slice;
# and prints a table of medians with min–max.
#
# Needs: go, serdi (apt: serdi), python3; hyperfine if installed (apt:
# hyperfine), else a timing loop of its own. Network only for the peer's
# module download (the Go module proxy), on first use.
#
# Environment: NOTES (10000), RUNS (5), SEED (1), BENCH_DIR
# (/tmp/notegraph-bench), GO_NOTES (notes for the Go benchmarks, 2000),
# PEER_FILES (files for the peer comparison, 50 = 500 notes), SKIP_PEER=1,
# NG (a notegraph binary to use instead of building ./cmd/notegraph).
set -euo pipefail

cd "$(dirname "$0")/.."
NOTES=${NOTES:-10000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-/tmp/notegraph-bench}
GO_NOTES=${GO_NOTES:-2000}
PEER_FILES=${PEER_FILES:-50}
CORPUS=$BENCH_DIR/corpus
DB=$BENCH_DIR/db
OUT=$BENCH_DIR/out
RESULTS=$BENCH_DIR/results.tsv

# bench.sh --report prints the table of the last run again.
REPORT_ONLY=
[ "${1:-}" = --report ] && REPORT_ONLY=1

for tool in go serdi python3; do
	command -v "$tool" >/dev/null || { echo "bench.sh: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$BENCH_DIR" "$OUT"
if [ -z "$REPORT_ONLY" ]; then
: >"$RESULTS"

echo "== machine"
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "$(go version)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== binaries"
if [ -z "${NG:-}" ]; then
	go build -o "$BENCH_DIR/notegraph" ./cmd/notegraph
	NG=$BENCH_DIR/notegraph
fi
go build -o "$BENCH_DIR/gencorpus" ./cmd/gencorpus
echo "notegraph: $NG ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"

echo "== corpus"
rm -rf "$CORPUS"
"$BENCH_DIR/gencorpus" -n "$NOTES" -seed "$SEED" -out "$CORPUS"
BYTES=$(cat "$CORPUS"/*.txt | wc -c)

# measure NAME PREPARE COMMAND: runs COMMAND RUNS times (PREPARE before each,
# untimed) and appends "NAME median min max" (seconds) to $RESULTS.
measure() {
	local name=$1 prepare=$2 cmd=$3
	if command -v hyperfine >/dev/null; then
		hyperfine --style basic --runs "$RUNS" --warmup 0 --prepare "$prepare" \
			--export-json "$BENCH_DIR/$name.json" "$cmd" >&2
		python3 - "$BENCH_DIR/$name.json" "$name" >>"$RESULTS" <<'EOF'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
t = r["times"]
print(sys.argv[2], statistics.median(t), min(t), max(t), r["user"] + r["system"], sep="\t")
EOF
	else
		local spans=() s e
		for _ in $(seq "$RUNS"); do
			bash -c "$prepare"
			s=$(date +%s.%N)
			bash -c "$cmd" >/dev/null
			e=$(date +%s.%N)
			spans+=("$s $e")
		done
		printf '%s\n' "${spans[@]}" | python3 -c '
import statistics, sys
t = [float(e) - float(s) for s, e in (l.split() for l in sys.stdin)]
print(sys.argv[1], statistics.median(t), min(t), max(t), "nan", sep="\t")' "$name" >>"$RESULTS"
	fi
}

echo "== build ($RUNS runs, fresh store each)"
measure build "rm -rf $DB" "$NG build --quiet --db $DB --out '' $CORPUS"
# The last run's store stays for the exports.
"$NG" stats --db "$DB" | tee "$BENCH_DIR/stats.txt"

echo "== export ($RUNS runs per format)"
for f in nt nq ttl trig jsonld; do
	measure "export-$f" "true" "$NG export --db $DB --format $f --out $OUT/graph.$f"
done
TRIPLES=$(wc -l <"$OUT/graph.nt")
QUADS=$(wc -l <"$OUT/graph.nq")

echo "== serdi N-Triples -> Turtle on $OUT/graph.nt ($RUNS runs)"
measure serdi-nt-ttl "true" "serdi -i ntriples -o turtle $OUT/graph.nt > /dev/null"

echo "== Go benchmarks on the first $GO_NOTES notes of the same corpus"
# Extraction runs 3 times per measurement: its first pass warms caches and
# the allocator, which on a small slice weighs on a single pass.
NOTEGRAPH_BENCH_NOTES=$GO_NOTES GOMAXPROCS=1 go test -run '^$' \
	-bench '^BenchmarkExtract$' -benchtime 3x -count "$RUNS" ./build/ |
	tee "$BENCH_DIR/gobench.txt"
NOTEGRAPH_BENCH_NOTES=$GO_NOTES GOMAXPROCS=1 go test -run '^$' \
	-bench '^(BenchmarkMap|BenchmarkStoreLoad)$' -benchtime 1x -count "$RUNS" ./build/ |
	tee -a "$BENCH_DIR/gobench.txt"
NOTEGRAPH_BENCH_NOTES=$GO_NOTES GOMAXPROCS=1 go test -run '^$' \
	-bench '^BenchmarkExport$' -benchtime 1x -count "$RUNS" ./cmd/notegraph/ |
	tee "$BENCH_DIR/gobench-export.txt"
PEER_NOTES=$((PEER_FILES * 10))
NOTEGRAPH_BENCH_NOTES=$PEER_NOTES GOMAXPROCS=1 go test -run '^$' \
	-bench '^BenchmarkExtract$' -benchtime 5x -count "$RUNS" ./build/ |
	sed 's/^BenchmarkExtract/BenchmarkExtractPeerSlice/' | tee "$BENCH_DIR/gobench-peer.txt"

if [ "${SKIP_PEER:-}" != 1 ]; then
	echo "== peer: prose v2 (tokenize + tag + segment) on the first $PEER_FILES files, one core"
	rm -rf "$BENCH_DIR/prosepeer"
	cp -r scripts/prosepeer "$BENCH_DIR/prosepeer"
	(cd "$BENCH_DIR/prosepeer" && go mod download && GOMAXPROCS=1 go run . -files "$PEER_FILES" -runs "$RUNS" "$CORPUS") |
		tee "$BENCH_DIR/peer.txt"
fi

echo "$NOTES $BYTES $TRIPLES $QUADS" >"$BENCH_DIR/sizes.txt"
fi # REPORT_ONLY

echo "== results"
read -r NOTES BYTES TRIPLES QUADS <"$BENCH_DIR/sizes.txt"
python3 - "$RESULTS" "$NOTES" "$BYTES" "$TRIPLES" "$QUADS" "$BENCH_DIR" <<'EOF'
import math, os, re, statistics, sys
res, notes, size, triples, quads, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
rows = {}
for line in open(res):
    name, med, lo, hi, cpu = line.rstrip("\n").split("\t")
    rows[name] = (float(med), float(lo), float(hi), float(cpu))

def line(what, n, name, unit):
    med, lo, hi, cpu = rows[name]
    percpu = "n/a" if math.isnan(cpu) else f"{n / cpu:,.0f}"
    print(f"| {what} | {n / med:,.0f} ({n / hi:,.0f}–{n / lo:,.0f}) {unit} | {percpu} | {med:.2f} |")

print(f"corpus: {notes} notes, {size/1e6:.1f} MB; store: {quads} quads; N-Triples export: {triples} triples")
print()
print("| measure | median rate (min–max), wall clock | rate per CPU-second | seconds, median |")
print("|---|---|---|---|")
line("build: documents/s", notes, "build", "docs/s")
med, lo, hi, cpu = rows["build"]
percpu = "n/a" if math.isnan(cpu) else f"{size / 1e6 / cpu:.2f}"
print(f"| build: input MB/s | {size/1e6/med:.3f} ({size/1e6/hi:.3f}–{size/1e6/lo:.3f}) MB/s | {percpu} | |")
line("build: quads stored/s", quads, "build", "quads/s")
for f in ["nt", "nq", "ttl", "trig", "jsonld"]:
    n = quads if f in ("nq", "trig") else triples
    line(f"export {f}: statements/s", n, "export-" + f, "/s")
line("peer: serdi nt→ttl, triples/s", triples, "serdi-nt-ttl", "/s")
ratio = rows["serdi-nt-ttl"][0] / rows["export-ttl"][0]
cr = rows["serdi-nt-ttl"][3] / rows["export-ttl"][3]
print(f"| **notegraph ttl export / serdi** (issue 2: ≥ 0.5) | **{ratio:.2f}** | **{cr:.2f}** | |")

def gobench(path):
    out = {}
    if not os.path.exists(path):
        return out
    for l in open(path):
        m = re.match(r"^(Benchmark\S+?)(-\d+)?\s+\d+\s+(.*)$", l)
        if not m:
            continue
        f = m.group(3).split()
        for v, unit in zip(f[0::2], f[1::2]):
            out.setdefault((m.group(1), unit), []).append(float(v))
    return out

g = gobench(os.path.join(d, "gobench.txt"))
def gb(name, unit, digits=2):
    v = g.get((name, unit))
    if not v:
        return "n/a"
    return f"{statistics.median(v):,.{digits}f} ({min(v):,.{digits}f}–{max(v):,.{digits}f})"
print()
print("Go benchmarks (build/bench_build_test.go), GOMAXPROCS=1, medians (min–max):")
print()
print("| measure | wall clock | per CPU-second |")
print("|---|---|---|")
print(f"| extraction, MB/s per core | {gb('BenchmarkExtract', 'MB/s')} | {gb('BenchmarkExtract', 'MB/cpu-s')} |")
print(f"| extraction, documents/s per core | {gb('BenchmarkExtract', 'docs/s', 0)} | |")
print(f"| ontology mapping, quads/s | {gb('BenchmarkMap', 'quads/s', 0)} | {gb('BenchmarkMap', 'quads/cpu-s', 0)} |")
print(f"| store load, bolt, quads/s | {gb('BenchmarkStoreLoad/bolt', 'quads/s', 0)} | {gb('BenchmarkStoreLoad/bolt', 'quads/cpu-s', 0)} |")
print(f"| store load, leveldb, quads/s | {gb('BenchmarkStoreLoad/leveldb', 'quads/s', 0)} | {gb('BenchmarkStoreLoad/leveldb', 'quads/cpu-s', 0)} |")
g = gobench(os.path.join(d, "gobench-export.txt"))
for sub, what in [("each", "store iteration alone (Each)"), ("encode-ttl", "Turtle encoder alone, quads in memory"),
                  ("ttl", "ttl export (Each + encoder)"), ("nt", "nt export"), ("nq", "nq export"),
                  ("trig", "trig export"), ("jsonld", "jsonld export")]:
    print(f"| {what}, quads/s | {gb('BenchmarkExport/' + sub, 'quads/s', 0)} | {gb('BenchmarkExport/' + sub, 'quads/cpu-s', 0)} |")
peer = os.path.join(d, "peer.txt")
gp = gobench(os.path.join(d, "gobench-peer.txt"))
if os.path.exists(peer):
    ps = open(peer).read()
    m = re.search(r"MB/s=([0-9.]+)", ps)
    mc = re.search(r"MB/cpu-s=([0-9.]+)", ps)
    w = gp.get(("BenchmarkExtractPeerSlice", "MB/s"), [])
    c = gp.get(("BenchmarkExtractPeerSlice", "MB/cpu-s"), [])
    if m and w:
        print(f"| same slice as the peer: notegraph extraction, MB/s | {statistics.median(w):.2f} ({min(w):.2f}–{max(w):.2f}) | {statistics.median(c):.2f} |" if c else "")
        print(f"| peer: prose v2 tokenize+tag+segment, MB/s | {float(m.group(1)):.3f} | {float(mc.group(1)):.3f} |" if mc else f"| peer: prose v2, MB/s | {float(m.group(1)):.3f} | n/a |")
        rc = f"{statistics.median(c)/float(mc.group(1)):.1f}" if (c and mc) else "n/a"
        print(f"| **notegraph extraction / prose** | **{statistics.median(w)/float(m.group(1)):.1f}** | **{rc}** |")
EOF
