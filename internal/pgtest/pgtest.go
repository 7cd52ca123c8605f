// Package pgtest gives tests a fresh PostgreSQL database of their own on the
// server named by NOTEGRAPH_TEST_PG (test.sh starts a private cluster and
// sets it; graph/testdata/pg-start.sh does it by hand).
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	_ "github.com/lib/pq" // the driver Cayley's SQL backend uses
)

var seq atomic.Int64

var unsafe = regexp.MustCompile(`[^a-z0-9]+`)

// NewDatabase creates an empty database for the test, drops it when the
// test ends, and returns its URL. Without NOTEGRAPH_TEST_PG the test fails,
// or is skipped under -short.
func NewDatabase(t testing.TB) string {
	t.Helper()
	base := os.Getenv("NOTEGRAPH_TEST_PG")
	if base == "" {
		if testing.Short() {
			t.Skip("NOTEGRAPH_TEST_PG not set (-short)")
		}
		t.Fatal("NOTEGRAPH_TEST_PG is not set: run ./test.sh, or start a server with graph/testdata/pg-start.sh DIR and export the URL it prints")
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	name := unsafe.ReplaceAllString(strings.ToLower(t.Name()), "_")
	if len(name) > 40 {
		name = name[len(name)-40:]
	}
	name = fmt.Sprintf("t_%s_%d_%d", name, os.Getpid(), seq.Add(1))
	if _, err := admin.Exec(`CREATE DATABASE "` + name + `"`); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`)
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
