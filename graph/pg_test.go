package graph

import (
	"database/sql"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"

	"notegraph/internal/pgtest"
	"notegraph/rdf"
)

// The PostgreSQL tests need a server: NOTEGRAPH_TEST_PG is the URL of a
// database whose user may create databases and roles, such as the one
// testdata/pg-start.sh prints. Without it they fail, unless -short.

// testPG returns the server URL or stops the test.
func testPG(t testing.TB) string {
	u := os.Getenv("NOTEGRAPH_TEST_PG")
	if u == "" {
		if testing.Short() {
			t.Skip("NOTEGRAPH_TEST_PG not set (-short)")
		}
		t.Fatal("NOTEGRAPH_TEST_PG is not set: start a server with graph/testdata/pg-start.sh DIR and export the URL it prints (or run with -short)")
	}
	return u
}

// withDB returns base with its database replaced.
func withDB(t testing.TB, base, db string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + db
	return u.String()
}

// newPGDatabase creates a fresh database for one test and drops it after.
func newPGDatabase(t testing.TB) string { return pgtest.NewDatabase(t) }

// newAddr gives a fresh store address for a backend.
func newAddr(t testing.TB, backend string) string {
	if backend == Postgres {
		return newPGDatabase(t)
	}
	return filepath.Join(t.TempDir(), "db")
}

func TestPGOpenErrors(t *testing.T) {
	base := testPG(t)
	addr := newPGDatabase(t)
	// No schema yet: opening without Create is refused with a hint.
	if _, err := Open(addr, Options{}); err == nil || !strings.Contains(err.Error(), "notegraph init") {
		t.Errorf("open before init: %v", err)
	}
	if err := Init(addr); err != nil {
		t.Fatal(err)
	}
	if err := Init(addr); err != nil {
		t.Errorf("second Init: %v", err)
	}
	s, err := Open(addr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, s, []Put{testDoc(1, 0)})
	s.Close()

	// A user without rights on the tables.
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	role := fmt.Sprintf("ng_norights_%d", os.Getpid())
	admin.Exec(`DROP ROLE IF EXISTS ` + role)
	if _, err := admin.Exec(`CREATE ROLE ` + role + ` LOGIN`); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec(`DROP ROLE IF EXISTS ` + role)
	u, _ := url.Parse(addr)
	u.User = url.User(role)
	norights := u.String()

	down := withDB(t, "postgres://postgres@127.0.0.1:1/notegraph?sslmode=disable", "notegraph")
	cases := []struct {
		name, addr, want string
	}{
		{"not a URL", "postgres://", "not a PostgreSQL URL"},
		{"no database", "postgres://postgres@127.0.0.1:5432", "not a PostgreSQL URL"},
		{"server down", down, "cannot reach PostgreSQL"},
		{"missing database", withDB(t, base, "ng_does_not_exist"), "does not exist"},
		{"missing rights", norights, "permission denied"},
	}
	for _, c := range cases {
		_, err := Open(c.addr, Options{Create: true})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Open error %v, want one mentioning %q", c.name, err, c.want)
			continue
		}
		if strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("%s: error is not one line: %q", c.name, err)
		}
		t.Logf("%s: %v", c.name, err)
	}
	if err := Init(down); err == nil || !strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("Init on a server that is down: %v", err)
	}
}

// TestPGConcurrentApply runs writers in parallel, each on its own Store (its
// own connection pool, as separate processes would have), over documents
// that share actors: nothing may be lost.
func TestPGConcurrentApply(t *testing.T) {
	addr := newPGDatabase(t)
	if err := Init(addr); err != nil {
		t.Fatal(err)
	}
	const writers, docs = 4, 12
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s, err := Open(addr, Options{})
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := 0; i < docs; i += 2 {
				// Each writer first loads a version, then replaces it.
				batch := []Put{testDoc(w*100+i, 1), testDoc(w*100+i+1, 1)}
				if err := s.Apply(batch, nil); err != nil {
					errs <- err
					return
				}
				batch = []Put{testDoc(w*100+i, 0), testDoc(w*100+i+1, 0)}
				if err := s.Apply(batch, nil); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s, err := Open(addr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var want []Put
	for w := 0; w < writers; w++ {
		for i := 0; i < docs; i++ {
			want = append(want, testDoc(w*100+i, 0))
		}
	}
	checkConsistent(t, s, content(want...))
}

func TestPGRejectsNUL(t *testing.T) {
	s, err := Open(newPGDatabase(t), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := testDoc(1, 0)
	p.Quads[3].O = rdf.NewLiteral("nul \x00 inside")
	if err := s.Apply([]Put{p}, nil); err == nil || !strings.Contains(err.Error(), "U+0000") {
		t.Fatalf("NUL literal: %v", err)
	}
	checkConsistent(t, s, nil)
}

// TestPGIntegrity checks, after every step of a random history of puts,
// replacements and removals in batches, what the foreign keys of Cayley's
// schema used to guard and what they never did: every hash a quad names has
// its node, every node's reference count is the number of quad positions
// that name it, and ng_shared counts each shared triple's contributors.
func TestPGIntegrity(t *testing.T) {
	addr := newPGDatabase(t)
	s, err := Open(addr, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewSource(7))
	stored := map[int]Put{}
	for step := 0; step < 30; step++ {
		var puts []Put
		var removes []rdf.Term
		seen := map[int]bool{}
		for k := rng.Intn(4) + 1; k > 0; k-- {
			i := rng.Intn(12)
			if seen[i] {
				continue
			}
			seen[i] = true
			if _, ok := stored[i]; ok && rng.Intn(3) == 0 {
				removes = append(removes, iri(fmt.Sprintf("doc/%d", i)))
				delete(stored, i)
				continue
			}
			p := testDoc(i, rng.Intn(4))
			puts = append(puts, p)
			stored[i] = p
		}
		apply(t, s, puts, removes...)
		var all []Put
		for _, p := range stored {
			all = append(all, p)
		}
		checkConsistent(t, s, content(all...))
		checkPGIntegrity(t, s.pg, all)
	}
}

func checkPGIntegrity(t *testing.T, db *sql.DB, stored []Put) {
	t.Helper()
	var dangling, wrongRefs int
	err := db.QueryRow(`SELECT count(*) FROM quads q WHERE
		NOT EXISTS (SELECT 1 FROM nodes WHERE hash = q.subject_hash) OR
		NOT EXISTS (SELECT 1 FROM nodes WHERE hash = q.predicate_hash) OR
		NOT EXISTS (SELECT 1 FROM nodes WHERE hash = q.object_hash) OR
		(q.label_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM nodes WHERE hash = q.label_hash))`).Scan(&dangling)
	if err != nil {
		t.Fatal(err)
	}
	err = db.QueryRow(`WITH uses AS (
			SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
			UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL),
		counts AS (SELECT h, count(*) AS n FROM uses GROUP BY h)
		SELECT count(*) FROM nodes FULL JOIN counts ON nodes.hash = counts.h
		WHERE nodes.hash IS NULL OR counts.h IS NULL OR nodes.refs <> counts.n`).Scan(&wrongRefs)
	if err != nil {
		t.Fatal(err)
	}
	if dangling > 0 || wrongRefs > 0 {
		t.Fatalf("%d quads name a missing node; %d nodes have a wrong reference count or none", dangling, wrongRefs)
	}
	want := map[string]int{}
	for _, p := range stored {
		sh := slices.Clone(p.Shared)
		slices.SortFunc(sh, rdf.CompareQuads)
		for _, q := range slices.Compact(sh) {
			want[string(tripleHash(q))]++
		}
	}
	rows, err := db.Query(`SELECT hash, n FROM ng_shared`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]int{}
	for rows.Next() {
		var h []byte
		var n int
		if err := rows.Scan(&h, &n); err != nil {
			t.Fatal(err)
		}
		got[string(h)] = n
	}
	for h, n := range want {
		if got[h] != n {
			t.Fatalf("ng_shared: triple %x has count %d, want %d", h, got[h], n)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("ng_shared holds %d counts, want %d", len(got), len(want))
	}
}

// TestPGUpgrade: a store whose schema Cayley made (foreign keys, no
// ng_shared) is readied for writing on open; a store of the earlier
// notegraph layout (contribution quads in the ledger) is refused with a
// message, not written wrongly.
func TestPGUpgrade(t *testing.T) {
	addr := newPGDatabase(t)
	if err := csql.Init("postgres", addr, nil); err != nil {
		t.Fatal(err)
	}
	s, err := Open(addr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := testDoc(1, 0)
	apply(t, s, []Put{p})
	checkConsistent(t, s, content(p))
	checkPGIntegrity(t, s.pg, []Put{p})
	var labelIndex bool
	if err := s.pg.QueryRow(`SELECT to_regclass('quads_label_index') IS NOT NULL`).Scan(&labelIndex); err != nil || !labelIndex {
		t.Errorf("a store with Cayley's foreign keys has no label index (%v)", err)
	}
	s.Close()

	old := newPGDatabase(t)
	if err := csql.Init("postgres", old, nil); err != nil {
		t.Fatal(err)
	}
	cs, err := cgraph.NewQuadStore("postgres", old, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = cs.ApplyDeltas([]cgraph.Delta{{Action: cgraph.Add, Quad: quad.Make(quad.IRI(defaultEntry), quad.IRI(predOldContrib), quad.IRI(internalNS+"t:00"), qLedger)}}, cgraph.IgnoreOpts{})
	cs.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(old, Options{})
	if err == nil || !strings.Contains(err.Error(), "earlier notegraph") {
		t.Fatalf("opening a store of the earlier layout for writing: %v", err)
	}
	if r, err := Open(old, Options{ReadOnly: true}); err != nil {
		t.Errorf("read-only open of a store of the earlier layout: %v", err)
	} else {
		r.Close()
	}
}
