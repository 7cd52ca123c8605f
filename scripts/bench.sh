#!/usr/bin/env bash
# Reproduces the figures of BENCHMARKS.md on this machine:
#   1. generates the benchmark corpus (cmd/gencorpus) into $BENCH_DIR;
#   2. times `notegraph build` into a fresh store, RUNS times;
#   3. times `notegraph export` in every RDF format, RUNS times each, and
#      serdi's N-Triples→Turtle conversion of the same N-Triples file;
#   4. runs the Go benchmarks of build/bench_build_test.go (extraction on one
#      core, mapping, store load per backend) on a slice of the same corpus;
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
# PEER_FILES (files for the peer comparison, 50 = 500 notes), SKIP_PEER=1.
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

for tool in go serdi python3; do
	command -v "$tool" >/dev/null || { echo "bench.sh: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$BENCH_DIR" "$OUT"
: >"$RESULTS"

echo "== machine"
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "$(go version)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== binaries"
go build -o "$BENCH_DIR/notegraph" ./cmd/notegraph
go build -o "$BENCH_DIR/gencorpus" ./cmd/gencorpus
NG=$BENCH_DIR/notegraph

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
t = json.load(open(sys.argv[1]))["results"][0]["times"]
print(sys.argv[2], statistics.median(t), min(t), max(t), sep="\t")
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
print(sys.argv[1], statistics.median(t), min(t), max(t), sep="\t")' "$name" >>"$RESULTS"
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
NOTEGRAPH_BENCH_NOTES=$GO_NOTES GOMAXPROCS=1 go test -run '^$' \
	-bench '^(BenchmarkExtract|BenchmarkMap|BenchmarkStoreLoad)$' -benchtime 1x -count "$RUNS" ./build/ |
	tee "$BENCH_DIR/gobench.txt"
PEER_NOTES=$((PEER_FILES * 10))
NOTEGRAPH_BENCH_NOTES=$PEER_NOTES GOMAXPROCS=1 go test -run '^$' \
	-bench '^BenchmarkExtract$' -benchtime 1x -count "$RUNS" ./build/ |
	sed 's/^BenchmarkExtract/BenchmarkExtractPeerSlice/' | tee "$BENCH_DIR/gobench-peer.txt"

if [ "${SKIP_PEER:-}" != 1 ]; then
	echo "== peer: prose v2 (tokenize + tag + segment) on the first $PEER_FILES files, one core"
	rm -rf "$BENCH_DIR/prosepeer"
	cp -r scripts/prosepeer "$BENCH_DIR/prosepeer"
	(cd "$BENCH_DIR/prosepeer" && go mod download && GOMAXPROCS=1 go run . -files "$PEER_FILES" -runs "$RUNS" "$CORPUS") |
		tee "$BENCH_DIR/peer.txt"
fi

echo "== results"
python3 - "$RESULTS" "$NOTES" "$BYTES" "$TRIPLES" "$QUADS" "$BENCH_DIR" <<'EOF'
import os, re, statistics, sys
res, notes, size, triples, quads, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
rows = {}
for line in open(res):
    name, med, lo, hi = line.split("\t")
    rows[name] = (float(med), float(lo), float(hi))

def rate(n, name):
    med, lo, hi = rows[name]
    return n / med, n / hi, n / lo  # median, min, max rate

def fmt(r, unit):
    return f"{r[0]:,.0f} {unit} ({r[1]:,.0f}–{r[2]:,.0f})"

print(f"corpus: {notes} notes, {size/1e6:.1f} MB; store: {quads} quads, N-Triples export {triples} triples")
print("| measure | median (min–max) | seconds, median |")
print("|---|---|---|")
b = rows["build"]
print(f"| build, documents/s | {fmt(rate(notes, 'build'), 'docs/s')} | {b[0]:.2f} |")
mb = rate(size / 1e6, "build")
print(f"| build, input MB/s | {mb[0]:.2f} MB/s ({mb[1]:.2f}–{mb[2]:.2f}) | |")
print(f"| build, quads/s (stored quads / build time) | {fmt(rate(quads, 'build'), 'quads/s')} | |")
for f in ["nt", "nq", "ttl", "trig", "jsonld"]:
    n = quads if f in ("nq", "trig") else triples
    print(f"| export {f}, statements/s | {fmt(rate(n, 'export-' + f), '/s')} | {rows['export-' + f][0]:.2f} |")
s = rows["serdi-nt-ttl"]
print(f"| serdi nt→ttl, triples/s | {fmt(rate(triples, 'serdi-nt-ttl'), '/s')} | {s[0]:.2f} |")
ratio = rows["serdi-nt-ttl"][0] / rows["export-ttl"][0]
print(f"| **notegraph ttl export / serdi** | **{ratio:.2f}** (issue 2 asks ≥ 0.5) | |")

def gobench(path):
    out = {}
    for line in open(path):
        m = re.match(r"^(Benchmark\S+?)(-\d+)?\s+\d+\s+(.*)$", line)
        if not m:
            continue
        f = m.group(3).split()
        for v, unit in zip(f[0::2], f[1::2]):
            out.setdefault((m.group(1), unit), []).append(float(v))
    return out

g = gobench(os.path.join(d, "gobench.txt"))
def gb(name, unit):
    v = g.get((name, unit))
    if not v:
        return "n/a"
    return f"{statistics.median(v):,.2f} ({min(v):,.2f}–{max(v):,.2f})"
print(f"| extraction, 1 core, MB/s | {gb('BenchmarkExtract', 'MB/s')} | |")
print(f"| extraction, 1 core, docs/s | {gb('BenchmarkExtract', 'docs/s')} | |")
print(f"| ontology mapping, quads/s | {gb('BenchmarkMap', 'quads/s')} | |")
print(f"| store load bolt, quads/s | {gb('BenchmarkStoreLoad/bolt', 'quads/s')} | |")
print(f"| store load leveldb, quads/s | {gb('BenchmarkStoreLoad/leveldb', 'quads/s')} | |")
peer = os.path.join(d, "peer.txt")
if os.path.exists(peer):
    ps = open(peer).read()
    m = re.search(r"MB/s=([0-9.]+)", ps)
    gp = gobench(os.path.join(d, "gobench-peer.txt")).get(("BenchmarkExtractPeerSlice", "MB/s"), [])
    if m and gp:
        ours = statistics.median(gp)
        print(f"| same slice: notegraph extraction, 1 core, MB/s | {ours:.2f} ({min(gp):.2f}–{max(gp):.2f}) | |")
        print(f"| same slice: prose v2 tokenize+tag+segment, 1 core, MB/s | {float(m.group(1)):.3f} | |")
        print(f"| **notegraph extraction / prose** | **{ours/float(m.group(1)):.1f}** | |")
EOF
