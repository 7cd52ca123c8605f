package graph

import (
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers the "postgres" quad store
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"notegraph/rdf"
)

// PostgreSQL backend. The schema is Cayley's own (tables nodes and quads,
// written by Init through Cayley), so Cayley's QuadStore reads everything
// notegraph writes and path queries work unchanged. Writes and the ledger
// reads, however, bypass Cayley's row-by-row SQL: Apply runs one
// transaction that takes an advisory lock (concurrent writers, in any
// process, queue instead of losing each other's updates), reads the ledger,
// and writes the diff with multi-row statements. Each reads all ledger
// blobs in one streaming query.

// pgLockKey is the advisory lock all notegraph writers of one database take.
const pgLockKey = 0x6e6f7465677261 // "notegra"

// pgRows is how many rows one multi-row statement carries (PostgreSQL
// allows 65,535 parameters per statement; nodes take 7 each).
const pgRows = 1000

// Init creates an empty store at addr: the schema in a PostgreSQL database
// given by a postgres:// URL, or an embedded store in a folder. A store that
// already exists is left as it is.
func Init(addr string) error {
	if isURL(addr) {
		db, err := pgConnect(addr)
		if err != nil {
			return err
		}
		defer db.Close()
		return pgInit(db, addr)
	}
	s, err := Open(addr, Options{Create: true})
	if err != nil {
		return err
	}
	return s.Close()
}

func pgInit(db *sql.DB, addr string) error {
	ok, err := pgHasSchema(db)
	if err != nil {
		return pgError(addr, "check schema", err)
	}
	if ok {
		return nil
	}
	if err := csql.Init("postgres", addr, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return pgError(addr, "create schema", err)
	}
	if _, err := db.Exec(pgDropForeignKeys); err != nil {
		return pgError(addr, "create schema", err)
	}
	if _, err := db.Exec(pgSharedTable); err != nil {
		return pgError(addr, "create schema", err)
	}
	return nil
}

// Where notegraph's schema departs from Cayley's (which Cayley still reads
// as its own):
//
//   - no foreign keys from quads to nodes. PostgreSQL checks each one with a
//     trigger per inserted row that locks the node row; on a bulk load the
//     four checks took 40% of the COPY time (BenchmarkLoadVsCayley). Apply
//     keeps the invariant they guarded itself: it writes a quad's nodes, and
//     their reference counts, in the transaction that writes the quad
//     (TestPGIntegrity checks every hash and every count after a random
//     history of writes).
//   - table ng_shared: for each default-graph triple, how many graphs
//     contribute it (see apply.go); one small row per distinct triple.
//
// A store whose schema Cayley made (foreign keys kept) gets an index on
// quads.label_hash instead: without it, deleting a node row makes
// PostgreSQL scan the whole quads table for the label foreign key (a
// document replacement took 1.25 s in a 600,000-quad store).
const (
	pgDropForeignKeys = `ALTER TABLE quads DROP CONSTRAINT IF EXISTS subject_hash_fk,
		DROP CONSTRAINT IF EXISTS predicate_hash_fk, DROP CONSTRAINT IF EXISTS object_hash_fk,
		DROP CONSTRAINT IF EXISTS label_hash_fk`
	pgSharedTable = `CREATE TABLE IF NOT EXISTS ng_shared (hash bytea PRIMARY KEY, n integer NOT NULL)`
	pgLabelIndex  = `CREATE INDEX IF NOT EXISTS quads_label_index ON quads (label_hash)`
)

// pgUpgrade readies a store for writing that notegraph did not initialise
// (Cayley made it) or that an earlier notegraph made (it counted
// contributions with ledger quads).
func pgUpgrade(db *sql.DB, addr string) error {
	var hasShared, hasFK bool
	err := db.QueryRow(`SELECT to_regclass('ng_shared') IS NOT NULL,
		EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'label_hash_fk' AND conrelid = 'quads'::regclass)`).Scan(&hasShared, &hasFK)
	if err != nil {
		return pgError(addr, "check schema", err)
	}
	if hasFK {
		if _, err := db.Exec(pgLabelIndex); err != nil {
			return pgError(addr, "add index", err)
		}
	}
	if hasShared {
		return nil
	}
	var old bool
	if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM quads WHERE predicate_hash = $1 AND label_hash = $2)`,
		iriHash(predOldContrib), iriHash(LedgerGraph)).Scan(&old); err != nil {
		return pgError(addr, "check schema", err)
	}
	if old {
		return fmt.Errorf("graph: PostgreSQL at %s holds a store of an earlier notegraph version; build it again into a new database", redact(addr))
	}
	if _, err := db.Exec(pgSharedTable); err != nil {
		return pgError(addr, "create table ng_shared", err)
	}
	return nil
}

// predOldContrib is the predicate of the per-contribution ledger quads of
// stores made before ng_shared (recognised, to refuse writing to them).
const predOldContrib = internalNS + "contributes"

func pgHasSchema(db *sql.DB) (bool, error) {
	// to_regclass sees tables the user has no rights on, unlike
	// information_schema, so a missing right is reported as such.
	var ok bool
	err := db.QueryRow(`SELECT to_regclass('nodes') IS NOT NULL AND to_regclass('quads') IS NOT NULL`).Scan(&ok)
	return ok, err
}

// pgConnect opens and checks a connection, turning the usual failures into
// one clear line.
func pgConnect(addr string) (*sql.DB, error) {
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" || strings.Trim(u.Path, "/") == "" {
		return nil, fmt.Errorf("graph: %s is not a PostgreSQL URL of the form postgres://user@host:port/database?sslmode=disable", redact(addr))
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return nil, fmt.Errorf("graph: %s: %v", redact(addr), err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, pgError(addr, "connect", err)
	}
	return db, nil
}

// pgError explains a PostgreSQL failure in one line.
func pgError(addr, what string, err error) error {
	where := redact(addr)
	var pe *pq.Error
	var ne net.Error
	switch {
	case errors.As(err, &pe):
		switch {
		case pe.Code == "42501":
			return fmt.Errorf("graph: PostgreSQL at %s: permission denied (%s): the user needs rights on the notegraph tables (%s)", where, what, pe.Message)
		case pe.Code == "42P01":
			return fmt.Errorf("graph: PostgreSQL at %s holds no notegraph store (run notegraph init --db URL)", where)
		case pe.Code == "3D000":
			return fmt.Errorf("graph: PostgreSQL at %s: %s", where, pe.Message)
		case pe.Code == "28000" || pe.Code == "28P01":
			return fmt.Errorf("graph: PostgreSQL at %s refused the login: %s", where, pe.Message)
		}
		return fmt.Errorf("graph: PostgreSQL at %s: %s: %s", where, what, pe.Message)
	case errors.As(err, &ne):
		return fmt.Errorf("graph: cannot reach PostgreSQL at %s: %v", where, err)
	}
	return fmt.Errorf("graph: PostgreSQL at %s: %s: %v", where, what, err)
}

func openPostgres(addr string, opts Options) (*Store, error) {
	db, err := pgConnect(addr)
	if err != nil {
		return nil, err
	}
	ok, err := pgHasSchema(db)
	if err != nil {
		db.Close()
		return nil, pgError(addr, "check schema", err)
	}
	if !ok {
		if !opts.Create || opts.ReadOnly {
			db.Close()
			return nil, fmt.Errorf("graph: PostgreSQL at %s holds no notegraph store (run notegraph init --db URL)", redact(addr))
		}
		if err := pgInit(db, addr); err != nil {
			db.Close()
			return nil, err
		}
	}
	if !opts.ReadOnly {
		if err := pgUpgrade(db, addr); err != nil {
			db.Close()
			return nil, err
		}
	}
	// A cheap query that needs read rights on both tables.
	if _, err := db.Exec(`SELECT 1 FROM nodes, quads LIMIT 0`); err != nil {
		db.Close()
		return nil, pgError(addr, "read", err)
	}
	qs, err := cgraph.NewQuadStore("postgres", addr, nil)
	if err != nil {
		db.Close()
		return nil, pgError(addr, "open", err)
	}
	return &Store{qs: qs, pg: db, backend: Postgres, addr: addr, readOnly: opts.ReadOnly}, nil
}

func hashOf(v quad.Value) []byte {
	if v == nil {
		return nil
	}
	h := refs.HashOf(v)
	return h[:]
}

func iriHash(s string) []byte { return hashOf(quad.IRI(s)) }

// pgTx reads the ledger inside the write transaction.
type pgTx struct {
	tx *sql.Tx
}

const pgSlotQuery = `SELECT s.value_string, p.value_string, o.value_string
	FROM quads q
	JOIN nodes s ON s.hash = q.subject_hash
	JOIN nodes p ON p.hash = q.predicate_hash
	JOIN nodes o ON o.hash = q.object_hash
	WHERE q.subject_hash = ANY($1) AND q.predicate_hash = ANY($2) AND q.label_hash = $3`

func (r pgTx) entries(iris []string) ([]entryState, error) {
	hs := make(pq.ByteaArray, len(iris))
	for i, iri := range iris {
		hs[i] = iriHash(iri)
	}
	slots := pq.ByteaArray{iriHash(predSource), iriHash(predMeta), iriHash(predQuads), iriHash(predShared)}
	rows, err := r.tx.Query(pgSlotQuery, hs, slots, iriHash(LedgerGraph))
	if err != nil {
		return nil, fmt.Errorf("graph: read ledger: %w", err)
	}
	defer rows.Close()
	byIRI := make(map[string]*entryState, len(iris))
	for _, iri := range iris {
		byIRI[iri] = &entryState{iri: iri}
	}
	for rows.Next() {
		var subj, pred, obj string
		if err := rows.Scan(&subj, &pred, &obj); err != nil {
			return nil, fmt.Errorf("graph: read ledger: %w", err)
		}
		st := byIRI[subj]
		if st == nil {
			continue
		}
		switch pred {
		case predSource:
			st.source, st.hasSrc = obj, true
		case predMeta:
			st.meta, st.hasMeta = obj, true
		case predQuads:
			st.quads, st.hasQuads = obj, true
		case predShared:
			st.shared, st.hasShare = obj, true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("graph: read ledger: %w", err)
	}
	out := make([]entryState, len(iris))
	for i, iri := range iris {
		st := byIRI[iri]
		st.exists = st.hasMeta
		if st.exists {
			var err error
			if st.qs, err = decodeAll(st.quads, entryTerm(iri)); err != nil {
				return nil, fmt.Errorf("graph: ledger of %s: %w", iri, err)
			}
			if st.sh, err = decodeAll(st.shared, rdf.Term{}); err != nil {
				return nil, fmt.Errorf("graph: ledger of %s: %w", iri, err)
			}
		}
		out[i] = *st
	}
	return out, nil
}

func (r pgTx) contributedOutside(ts []rdf.Quad, batchOld []int) ([]bool, error) {
	out := make([]bool, len(ts))
	if len(ts) == 0 {
		return out, nil
	}
	hs := make(pq.ByteaArray, len(ts))
	idx := make(map[string][]int, len(ts))
	for i, t := range ts {
		hs[i] = tripleHash(t)
		idx[string(hs[i])] = append(idx[string(hs[i])], i)
	}
	rows, err := r.tx.Query(`SELECT hash, n FROM ng_shared WHERE hash = ANY($1)`, hs)
	if err != nil {
		return nil, fmt.Errorf("graph: read contributions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h []byte
		var n int
		if err := rows.Scan(&h, &n); err != nil {
			return nil, err
		}
		for _, i := range idx[string(h)] {
			out[i] = n > batchOld[i]
		}
	}
	return out, rows.Err()
}

// noteShared applies the changes of the contribution counts (in the write
// transaction, under the writers' lock).
func (r pgTx) noteShared(delta map[rdf.Quad]int) error {
	byHash := make(map[string]int, len(delta))
	for t, d := range delta {
		if d != 0 {
			byHash[string(tripleHash(t))] += d
		}
	}
	keys := make([]string, 0, len(byHash))
	for h, d := range byHash {
		if d != 0 {
			keys = append(keys, h)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.Sort(keys)
	hs := make(pq.ByteaArray, len(keys))
	ds := make(pq.Int64Array, len(keys))
	for i, h := range keys {
		hs[i], ds[i] = []byte(h), int64(byHash[h])
	}
	if _, err := r.tx.Exec(`INSERT INTO ng_shared (hash, n) SELECT * FROM unnest($1::bytea[], $2::bigint[])
		ON CONFLICT (hash) DO UPDATE SET n = ng_shared.n + EXCLUDED.n`, hs, ds); err != nil {
		return err
	}
	_, err := r.tx.Exec(`DELETE FROM ng_shared WHERE hash = ANY($1) AND n <= 0`, hs)
	return err
}

func (r pgTx) shard(subj quad.IRI) (string, bool, error) {
	return pgShard(r.tx, subj)
}

type queryer interface {
	Query(string, ...any) (*sql.Rows, error)
}

func pgShard(q queryer, subj quad.IRI) (string, bool, error) {
	rows, err := q.Query(pgSlotQuery, pq.ByteaArray{hashOf(subj)}, pq.ByteaArray{iriHash(predCount)}, iriHash(StatsGraph))
	if err != nil {
		return "", false, fmt.Errorf("graph: read counters: %w", err)
	}
	defer rows.Close()
	var v string
	n := 0
	for rows.Next() {
		var s, p string
		if err := rows.Scan(&s, &p, &v); err != nil {
			return "", false, err
		}
		n++
	}
	if n > 1 {
		return "", false, fmt.Errorf("graph: %d values for counter %s", n, subj)
	}
	return v, n == 1, rows.Err()
}

func (s *Store) pgApply(batch map[string]*newEntry, order []string) error {
	tx, err := s.pg.Begin()
	if err != nil {
		return pgError(s.addr, "begin", err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SELECT pg_advisory_xact_lock($1)`, int64(pgLockKey)); err != nil {
		return pgError(s.addr, "lock", err)
	}
	r := pgTx{tx}
	w, err := plan(r, batch, order)
	if err != nil {
		return err
	}
	if len(w.deltas) == 0 {
		return nil
	}
	if err := pgWrite(tx, w.deltas); err != nil {
		return pgError(s.addr, "write", err)
	}
	if err := r.noteShared(w.contribDelta); err != nil {
		return pgError(s.addr, "write", err)
	}
	if err := tx.Commit(); err != nil {
		return pgError(s.addr, "commit", err)
	}
	return nil
}

type pgNode struct {
	hash []byte
	val  quad.Value
	net  int
}

// pgWrite applies deltas inside tx: node reference counts by their net
// change (so Cayley's add-and-remove-the-same-node pitfall cannot happen
// here), then quads, in multi-row statements.
func pgWrite(tx *sql.Tx, deltas []cgraph.Delta) error {
	nodes := make(map[refs.ValueHash]*pgNode)
	var adds, dels [][4]any // nil (not an empty []byte) for a triple's label
	for _, d := range deltas {
		inc := 1
		if d.Action == cgraph.Delete {
			inc = -1
		}
		var row [4]any
		for i, dir := range quad.Directions {
			v := d.Quad.Get(dir)
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			n := nodes[h]
			if n == nil {
				n = &pgNode{hash: h[:], val: v}
				nodes[h] = n
			}
			n.net += inc
			row[i] = n.hash
		}
		if inc > 0 {
			adds = append(adds, row)
		} else {
			dels = append(dels, row)
		}
	}
	var up, down []*pgNode
	for _, n := range nodes {
		switch {
		case n.net > 0:
			up = append(up, n)
		case n.net < 0:
			down = append(down, n)
		}
	}
	// A stable order keeps concurrent transactions from deadlocking on rows.
	slices.SortFunc(up, func(a, b *pgNode) int { return strings.Compare(string(a.hash), string(b.hash)) })
	slices.SortFunc(down, func(a, b *pgNode) int { return strings.Compare(string(a.hash), string(b.hash)) })
	if len(up) > 0 {
		if err := pgAddNodes(tx, up); err != nil {
			return err
		}
	}
	if pgCopy && len(adds) > 0 {
		if err := pgCopyQuads(tx, adds); err != nil {
			return err
		}
		adds = nil
	}
	for len(adds) > 0 {
		chunk := adds[:min(len(adds), pgRows)]
		adds = adds[len(chunk):]
		var b strings.Builder
		b.WriteString(`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES `)
		args := make([]any, 0, 4*len(chunk))
		for i, r := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("($" + strconv.Itoa(len(args)+1) + ",$" + strconv.Itoa(len(args)+2) + ",$" + strconv.Itoa(len(args)+3) + ",$" + strconv.Itoa(len(args)+4) + ",now())")
			args = append(args, r[0], r[1], r[2], r[3])
		}
		if _, err := tx.Exec(b.String(), args...); err != nil {
			return err
		}
	}
	for len(dels) > 0 {
		chunk := dels[:min(len(dels), pgRows)]
		dels = dels[len(chunk):]
		var b strings.Builder
		b.WriteString(`DELETE FROM quads q USING (VALUES `)
		args := make([]any, 0, 4*len(chunk))
		for i, r := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("($" + strconv.Itoa(len(args)+1) + "::bytea,$" + strconv.Itoa(len(args)+2) + "::bytea,$" + strconv.Itoa(len(args)+3) + "::bytea,$" + strconv.Itoa(len(args)+4) + "::bytea)")
			args = append(args, r[0], r[1], r[2], r[3])
		}
		b.WriteString(`) AS d(s, p, o, l) WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o AND q.label_hash IS NOT DISTINCT FROM d.l`)
		res, err := tx.Exec(b.String(), args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != int64(len(chunk)) {
			return fmt.Errorf("deleted %d of %d quads: the ledger and the quads table disagree", n, len(chunk))
		}
	}
	for len(down) > 0 {
		chunk := down[:min(len(down), pgRows)]
		down = down[len(chunk):]
		hs := make(pq.ByteaArray, len(chunk))
		incs := make(pq.Int64Array, len(chunk))
		for i, n := range chunk {
			hs[i], incs[i] = n.hash, int64(n.net)
		}
		if _, err := tx.Exec(`UPDATE nodes SET refs = nodes.refs + d.inc
			FROM unnest($1::bytea[], $2::bigint[]) AS d(h, inc) WHERE nodes.hash = d.h`, hs, incs); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM nodes WHERE hash = ANY($1) AND refs <= 0`, hs); err != nil {
			return err
		}
	}
	return nil
}

// pgCopy selects COPY instead of multi-row INSERT for new quads (see doc.go
// for the measurement).
var pgCopy = true

func pgCopyQuads(tx *sql.Tx, rows [][4]any) error {
	stmt, err := tx.Prepare(pq.CopyIn("quads", "subject_hash", "predicate_hash", "object_hash", "label_hash", "ts"))
	if err != nil {
		return err
	}
	now := time.Now()
	for _, r := range rows {
		if _, err := stmt.Exec(r[0], r[1], r[2], r[3], now); err != nil {
			stmt.Close()
			return err
		}
	}
	if _, err := stmt.Exec(); err != nil {
		stmt.Close()
		return err
	}
	return stmt.Close()
}

// pgAddNodes adds the nodes' reference increments, inserting the new ones:
// the rows go to a temporary table by COPY, then into nodes in one
// INSERT … ON CONFLICT (half the time of multi-row INSERTs with parameters,
// BenchmarkLoadVsCayley).
func pgAddNodes(tx *sql.Tx, up []*pgNode) error {
	if _, err := tx.Exec(`CREATE TEMP TABLE IF NOT EXISTS ng_nodes (hash bytea, refs int, value_string text,
		datatype text, language text, iri boolean, bnode boolean) ON COMMIT DELETE ROWS`); err != nil {
		return err
	}
	stmt, err := tx.Prepare(pq.CopyIn("ng_nodes", "hash", "refs", "value_string", "datatype", "language", "iri", "bnode"))
	if err != nil {
		return err
	}
	for _, n := range up {
		var str, dt, lang sql.NullString
		var isIRI, isBNode sql.NullBool
		switch v := n.val.(type) {
		case quad.IRI:
			str, isIRI = sql.NullString{String: string(v), Valid: true}, sql.NullBool{Bool: true, Valid: true}
		case quad.BNode:
			str, isBNode = sql.NullString{String: string(v), Valid: true}, sql.NullBool{Bool: true, Valid: true}
		case quad.String:
			str = sql.NullString{String: string(v), Valid: true}
		case quad.TypedString:
			str, dt = sql.NullString{String: string(v.Value), Valid: true}, sql.NullString{String: string(v.Type), Valid: true}
		case quad.LangString:
			str, lang = sql.NullString{String: string(v.Value), Valid: true}, sql.NullString{String: v.Lang, Valid: true}
		default:
			stmt.Close()
			return fmt.Errorf("unsupported value %T", n.val)
		}
		if _, err := stmt.Exec(n.hash, n.net, str, dt, lang, isIRI, isBNode); err != nil {
			stmt.Close()
			return err
		}
	}
	if _, err := stmt.Exec(); err != nil {
		stmt.Close()
		return err
	}
	if err := stmt.Close(); err != nil {
		return err
	}
	// ORDER BY hash: concurrent writers lock node rows in one order.
	_, err = tx.Exec(`INSERT INTO nodes (hash, refs, value_string, datatype, language, iri, bnode)
		SELECT hash, refs, value_string, datatype, language, iri, bnode FROM ng_nodes ORDER BY hash
		ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`)
	return err
}
