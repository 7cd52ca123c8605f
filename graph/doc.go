// Package graph is notegraph's Cayley store: it opens or creates a backend,
// writes each document's quads atomically as one named graph, and reads
// them back in a deterministic order.
//
// # Ledger
//
// Cayley has no label index (finding the quads of one named graph scans the
// whole log) and re-sending stored quads inflates node reference counts,
// leaving ghost nodes behind. So the store keeps, in its own graph
// <urn:x-notegraph:ledger>, one entry per graph (subject: the graph IRI, or
// <urn:x-notegraph:default> for the default graph):
//
//	<g> <urn:x-notegraph:isGraph> <urn:x-notegraph:Graph>   lists the graph (object index)
//	<g> <urn:x-notegraph:source>  "source key"              SourceGraphs (object index)
//	<g> <urn:x-notegraph:meta>    "1 nquads nshared sha256"
//	<g> <urn:x-notegraph:quads>   "blob"                    the graph's quads, sorted (ledger.go)
//	<g> <urn:x-notegraph:shared>  "blob"                    its default-graph contributions
//
// Replacing a graph reads its entry (subject-predicate index look-ups),
// computes the difference and applies only that, with the new entry, in one
// Cayley transaction. A default-graph triple is in the store while at least
// one entry contributes it. "Does another graph contribute this?" is
// answered from a count per shared triple: on bolt and leveldb, which one
// process holds at a time, counts gathered from the shared blobs at the
// first Apply and kept up to date in memory; on PostgreSQL, where several
// processes may write, the table ng_shared, updated in the write
// transaction. (Until 28 November 2026 PostgreSQL kept one ledger quad per
// contribution instead: 28 per benchmark document, a third more rows in the
// quads table and its seven indexes.) Running totals live in
// <urn:x-notegraph:stats>. Both internal graphs are left out of Each, Stats,
// Match and Entries.
//
// Cayley's key-value ApplyDeltas writes node id 0 for an added quad whose
// node loses more references than it gains in the same transaction (it looks
// nodes up among net increments only). Apply detects such diffs and applies
// them as two transactions: remove the batch's graphs, then add their new
// versions. Each step is consistent on its own; a crash between them leaves
// those graphs fully out, and rebuilding puts them back.
//
// # Backend choice (measured)
//
// Embedded stores are bolt by default. Measured with the benchmarks in
// bench_test.go on the shared 2-core build machine (load average 7-12 from
// other jobs, so absolute figures are noisy; the ratios held over several
// runs), documents of 60 quads plus 28 shared triples, 10 documents per
// Apply, every commit synced:
//
//	                                  bolt          leveldb       PostgreSQL 15
//	load, same batches interleaved:
//	  (BoltVsLevelDB) 2,000 documents 13.4 k q/s    13.0 k q/s
//	                 10,000 documents  7.6 k q/s     5.4 k q/s
//	load, 10,000 documents            7-8.6 k q/s                 4.8 k -> 4.2 k q/s
//	  (20 per Apply, load avg 12)     (flat)                      (slowly falling)
//	Apply / Cayley's ApplyDeltas      11.1 / 12.6 k 9.5 / 9.6 k   5.9 / 2.6 k q/s
//	  (VsCayley: same batches interleaved; Cayley's side has no ledger, no diff)
//	Each (ledger)                     385-976 k q/s 157-200 k q/s 200-280 k q/s
//	QuadsAllIterator + Quad()         18-32 k q/s   8.5-10 k q/s  3.7 k q/s
//	Open (120 k quads, no_bloom)      1.7 ms        56 ms
//	replace 1 document, 600 k quads   22 ms                       33 ms
//	Stats / Entries, 600 k quads      1.9 / 396 ms                31 / 845 ms
//
// bolt is the default: it loads as fast as leveldb on a small store and
// 40% faster by 600,000 quads (leveldb commits each Cayley transaction as
// its own level-0 table file and then compacts them), opens in constant time
// and reads 2-5 times faster. Each, which reads the ledger blobs (one index
// look-up per graph), is 12-30 times faster than walking Cayley's
// QuadsAllIterator, which fetches every quad and then each of its four
// values by id. Against Cayley's own ApplyDeltas with the same batches,
// Apply costs 0-13% more on the key-value backends: the ledger literals.
//
// On PostgreSQL, Apply writes nodes by COPY into a temporary table and one
// INSERT … ON CONFLICT from it, and quads by COPY, in one transaction, into
// a schema without Cayley's four foreign keys (see pg.go). Against Cayley's
// batched writer on a schema Cayley made, with the build's batches
// (build.BenchmarkLoadVsCayley, 500 notes, 110,089 quads): 28.9 k against
// 5.8 k q/s, 5.0 times; the same on bolt 1.15 times, leveldb 1.03 times.
// COPY against multi-row INSERT for the quads: 3,300-4,300 against
// 1,700-2,600 q/s (BenchmarkApplyPGCopy, before the schema change). Each streams
// the ledger blobs in one query ordered by graph IRI: about 54 times Cayley's
// iterators (which issue a query per quad value).
//
// Reproduce (PostgreSQL rows only with NOTEGRAPH_TEST_PG set):
//
//	export NOTEGRAPH_TEST_PG=$(sh graph/testdata/pg-start.sh /tmp/ng-pg)
//	go test -run '^$' -bench . -benchtime 30x ./graph/
//	go test -run '^$' -bench VsCayley -benchtime 100x ./graph/   (the paired row)
//	sh graph/testdata/pg-stop.sh /tmp/ng-pg
//
// (-benchdocs N sets the size of the store the read benchmarks use; the
// load row is the "built" line BenchmarkEach logs when it builds that store.)
//
// # PostgreSQL
//
// Init creates Cayley's schema (tables nodes and quads), so Cayley's own
// QuadStore, returned by QuadStore, reads the store for path queries. Apply
// holds a transaction-scoped advisory lock, so writers in several processes
// queue rather than lose updates. PostgreSQL text cannot hold U+0000:
// literals containing it are refused. Tests run on PostgreSQL when
// NOTEGRAPH_TEST_PG names a database whose user may create databases and
// roles; without it they fail, unless -short.
package graph
