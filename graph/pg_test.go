package graph

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

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
