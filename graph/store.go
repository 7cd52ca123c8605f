package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/clog"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
	bolt "go.etcd.io/bbolt"

	"notegraph/rdf"
)

// Backend names.
const (
	Bolt     = "bolt"
	LevelDB  = "leveldb"
	Postgres = "postgres"
)

// DefaultBackend is the embedded backend a new folder gets (see doc.go for
// the measurements behind the choice).
const DefaultBackend = Bolt

// Options control Open.
type Options struct {
	// ReadOnly refuses Apply. On bolt it also takes a shared file lock, so
	// several readers may open one store at once.
	ReadOnly bool
	// Create makes a new store when addr holds none (an empty or missing
	// folder). Without it, opening a missing store is an error.
	Create bool
	// Backend picks the embedded backend of a new store ("bolt" or
	// "leveldb"; empty: DefaultBackend). An existing store is opened with
	// the backend it was made with, whatever this says.
	Backend string
}

// Store is a Cayley quad store with notegraph's per-graph ledger. It is safe
// for concurrent use by several goroutines; writers are serialised.
type Store struct {
	qs       cgraph.QuadStore
	pg       *sql.DB // PostgreSQL only: notegraph's own connection pool
	backend  string
	addr     string
	readOnly bool
	mu       sync.Mutex // serialises Apply: the ledger read and the write must not interleave
	// contrib counts the graphs contributing each default-graph triple
	// (bolt and leveldb only; nil until first needed; guarded by mu).
	contrib map[rdf.Quad]int
}

func init() {
	// Cayley logs through clog, by default to stderr; the command line owns
	// the terminal.
	clog.SetLogger(quietLogger{})
}

type quietLogger struct{}

func (quietLogger) Infof(string, ...interface{})    {}
func (quietLogger) Warningf(string, ...interface{}) {}
func (quietLogger) Errorf(string, ...interface{})   {}
func (quietLogger) Fatalf(format string, args ...interface{}) {
	panic(fmt.Sprintf(format, args...))
}
func (quietLogger) V(int) bool { return false }
func (quietLogger) SetV(int)   {}

// kvOptions: no Bloom filter. Cayley rebuilds it at every open by scanning
// the whole log (about 1.7 s and 300 MB at 1 M quads), and the ledger means we
// never ask Cayley to detect duplicates anyway.
var kvOptions = cgraph.Options{ckv.OptNoBloom: true}

// lockTimeout bounds the wait for another process's lock on a bolt file.
const lockTimeout = 2 * time.Second

// boltFile is the name Cayley's own bolt backend uses. The file is written
// with go.etcd.io/bbolt, the maintained fork of boltdb/bolt with the same
// file format (boltdb/bolt 1.3.1 trips Go's checkptr under -race).
const boltFile = "indexes.bolt"

// Open opens the store at addr: a folder (created if missing and
// opts.Create) holding an embedded bolt or leveldb store, or a
// postgres:// URL (schema created if missing and opts.Create; see Init).
func Open(addr string, opts Options) (*Store, error) {
	if addr == "" {
		return nil, errors.New("graph: no store given")
	}
	if isURL(addr) {
		return openPostgres(addr, opts)
	}
	return openFolder(addr, opts)
}

func isURL(addr string) bool {
	return strings.HasPrefix(addr, "postgres://") || strings.HasPrefix(addr, "postgresql://")
}

// redact hides a password in a URL for messages.
func redact(addr string) string {
	if i := strings.Index(addr, "://"); i >= 0 {
		rest := addr[i+3:]
		if at := strings.LastIndex(strings.SplitN(rest, "/", 2)[0], "@"); at >= 0 {
			cred := rest[:at]
			if c := strings.IndexByte(cred, ':'); c >= 0 {
				return addr[:i+3] + cred[:c] + ":***" + rest[at:]
			}
		}
	}
	return addr
}

// detect tells which embedded backend a folder holds: "" for none (missing
// or empty folder), an error when it holds something else.
func detect(dir string) (string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("graph: %s: %w", dir, err)
	}
	if len(ents) == 0 {
		return "", nil
	}
	if _, err := os.Stat(filepath.Join(dir, boltFile)); err == nil {
		return Bolt, nil
	}
	if _, err := os.Stat(filepath.Join(dir, "CURRENT")); err == nil {
		return LevelDB, nil
	}
	return "", fmt.Errorf("graph: %s exists but is not a notegraph store (no %s or leveldb CURRENT file)", dir, boltFile)
}

func openFolder(dir string, opts Options) (*Store, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("graph: %s is a file, not a store folder", dir)
	}
	backend, err := detect(dir)
	if err != nil {
		return nil, err
	}
	create := false
	if backend == "" {
		if !opts.Create || opts.ReadOnly {
			return nil, fmt.Errorf("graph: no store at %s", dir)
		}
		backend = opts.Backend
		if backend == "" {
			backend = DefaultBackend
		}
		create = true
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("graph: create %s: %w", dir, err)
		}
	}
	db, err := openKV(dir, backend, create, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	if create {
		if err := ckv.Init(db, kvOptions); err != nil {
			db.Close()
			return nil, fmt.Errorf("graph: initialise %s store in %s: %w", backend, dir, err)
		}
	}
	qs, err := ckv.New(db, kvOptions)
	if err != nil {
		db.Close()
		if errors.Is(err, cgraph.ErrNotInitialized) {
			return nil, fmt.Errorf("graph: %s holds a %s database that is not a Cayley store", dir, backend)
		}
		return nil, fmt.Errorf("graph: open %s store in %s: %w", backend, dir, err)
	}
	return &Store{qs: qs, backend: backend, addr: dir, readOnly: opts.ReadOnly}, nil
}

func openKV(dir, backend string, create, readOnly bool) (hkv.KV, error) {
	switch backend {
	case Bolt:
		db, err := hbolt.Open(filepath.Join(dir, boltFile), &bolt.Options{Timeout: lockTimeout, ReadOnly: readOnly})
		if err != nil {
			if errors.Is(err, bolt.ErrTimeout) {
				return nil, fmt.Errorf("graph: %s is in use by another process", dir)
			}
			return nil, fmt.Errorf("graph: open bolt store %s: %w", dir, err)
		}
		return db, nil
	case LevelDB:
		db, err := hleveldb.Open(dir, &opt.Options{
			ErrorIfMissing: !create,
			ReadOnly:       readOnly,
		})
		if err != nil {
			if strings.Contains(err.Error(), "resource temporarily unavailable") {
				return nil, fmt.Errorf("graph: %s is in use by another process", dir)
			}
			return nil, fmt.Errorf("graph: open leveldb store %s: %w", dir, err)
		}
		// Cayley's ApplyDeltas is one leveldb transaction; make its commit
		// durable like a bolt commit.
		db.SetWriteOptions(&opt.WriteOptions{Sync: true})
		return flat.Upgrade(db), nil
	}
	return nil, fmt.Errorf("graph: unknown backend %q (want bolt or leveldb)", backend)
}

// Close releases the store.
func (s *Store) Close() error {
	if s == nil || s.qs == nil {
		return nil
	}
	err := s.qs.Close()
	s.qs = nil
	if s.pg != nil {
		if e := s.pg.Close(); err == nil {
			err = e
		}
		s.pg = nil
	}
	return err
}

// Backend names the backend in use: "bolt", "leveldb" or "postgres".
func (s *Store) Backend() string { return s.backend }

// QuadStore exposes the underlying Cayley store for path queries. It also
// holds the ledger graph <urn:x-notegraph:ledger>; queries that range over
// all labels should exclude it (LedgerGraph).
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// Reserved IRIs. Nothing a user writes may use the urn:x-notegraph: namespace
// as a graph name.
const (
	internalNS = "urn:x-notegraph:"
	// LedgerGraph is the label of the store's own bookkeeping quads.
	LedgerGraph = internalNS + "ledger"
	// StatsGraph holds the store's running totals.
	StatsGraph   = internalNS + "stats"
	defaultEntry = internalNS + "default" // ledger subject standing for the default graph
	predIsGraph  = internalNS + "isGraph"
	classGraph   = internalNS + "Graph"
	predSource   = internalNS + "source"
	predMeta     = internalNS + "meta"
	predQuads    = internalNS + "quads"
	predShared   = internalNS + "shared"
	predCount    = internalNS + "count"
	statsPrefix  = internalNS + "stats/"
	typeBlob     = internalNS + "Blob"
)

var (
	qLedger = quad.IRI(LedgerGraph)
	qStats  = quad.IRI(StatsGraph)
	ctxBG   = context.Background()
)

func blobValue(s string) quad.Value {
	return quad.TypedString{Value: quad.String(s), Type: quad.IRI(typeBlob)}
}

func entryIRI(g rdf.Term) string {
	if g.IsZero() {
		return defaultEntry
	}
	return g.Value
}

func entryTerm(iri string) rdf.Term {
	if iri == defaultEntry {
		return rdf.Term{}
	}
	return rdf.NewIRI(iri)
}
