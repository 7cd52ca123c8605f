package graph

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"notegraph/rdf"
)

// Reads of the ledger on PostgreSQL: one query each, joining node values,
// instead of Cayley's iterator per look-up.

func sortEntriesIRI(a, b string) int {
	if (a == defaultEntry) != (b == defaultEntry) {
		if a == defaultEntry {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// pgEntryRows lists every entry with its source and meta (only one
// source's when source is not nil).
func (s *Store) pgEntryRows(source *string) ([]Entry, error) {
	q := `SELECT s.value_string, COALESCE(src.value_string, ''), COALESCE(m.value_string, '')
	FROM quads g
	JOIN nodes s ON s.hash = g.subject_hash
	LEFT JOIN quads sq ON sq.subject_hash = g.subject_hash AND sq.predicate_hash = $4 AND sq.label_hash = $3
	LEFT JOIN nodes src ON src.hash = sq.object_hash
	LEFT JOIN quads mq ON mq.subject_hash = g.subject_hash AND mq.predicate_hash = $5 AND mq.label_hash = $3
	LEFT JOIN nodes m ON m.hash = mq.object_hash
	WHERE g.object_hash = $1 AND g.predicate_hash = $2 AND g.label_hash = $3`
	args := []any{iriHash(classGraph), iriHash(predIsGraph), iriHash(LedgerGraph), iriHash(predSource), iriHash(predMeta)}
	if source != nil {
		// One source's entries are found from its value through the
		// object index, not by filtering every entry: a build asks this
		// for every file, so the filter made a build quadratic in the
		// number of documents stored.
		q = `SELECT s.value_string, $1::text, COALESCE(m.value_string, '')
	FROM quads sq
	JOIN nodes s ON s.hash = sq.subject_hash
	JOIN quads g ON g.subject_hash = sq.subject_hash AND g.object_hash = $3 AND g.predicate_hash = $4 AND g.label_hash = $5
	LEFT JOIN quads mq ON mq.subject_hash = sq.subject_hash AND mq.predicate_hash = $6 AND mq.label_hash = $5
	LEFT JOIN nodes m ON m.hash = mq.object_hash
	WHERE sq.object_hash = $2 AND sq.predicate_hash = $7 AND sq.label_hash = $5`
		args = []any{*source, hashOf(quad.String(*source)), iriHash(classGraph), iriHash(predIsGraph), iriHash(LedgerGraph), iriHash(predMeta), iriHash(predSource)}
	}
	rows, err := s.pg.Query(q, args...)
	if err != nil {
		return nil, pgError(s.addr, "read ledger", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var iri, src, ms string
		if err := rows.Scan(&iri, &src, &ms); err != nil {
			return nil, pgError(s.addr, "read ledger", err)
		}
		m, err := decodeMeta(ms)
		if err != nil {
			return nil, fmt.Errorf("graph: ledger of %s: %w", iri, err)
		}
		out = append(out, Entry{Graph: entryTerm(iri), Source: src, SHA256: m.SHA256, Quads: m.Quads})
	}
	if err := rows.Err(); err != nil {
		return nil, pgError(s.addr, "read ledger", err)
	}
	slices.SortFunc(out, func(a, b Entry) int { return rdf.Compare(a.Graph, b.Graph) })
	return out, nil
}

func (s *Store) pgSourceGraphs(source string) (string, []rdf.Term, error) {
	ents, err := s.pgEntryRows(&source)
	if err != nil || len(ents) == 0 {
		return "", nil, err
	}
	sha := ents[0].SHA256
	graphs := make([]rdf.Term, len(ents))
	for i, e := range ents {
		graphs[i] = e.Graph
		if e.SHA256 != sha {
			sha = ""
		}
	}
	return sha, graphs, nil
}

// pgBlobs streams the blobs of one ledger slot, ordered by graph IRI in
// byte order (COLLATE "C" matches Go's string order) when sorted is set.
func (s *Store) pgBlobs(db queryer, pred string, subjects []string, sorted bool, fn func(iri, blob string) error) error {
	q := `SELECT s.value_string, o.value_string
	FROM quads q
	JOIN nodes s ON s.hash = q.subject_hash
	JOIN nodes o ON o.hash = q.object_hash
	WHERE q.predicate_hash = $1 AND q.label_hash = $2`
	args := []any{iriHash(pred), iriHash(LedgerGraph)}
	if subjects != nil {
		hs := make(pq.ByteaArray, len(subjects))
		for i, sub := range subjects {
			hs[i] = iriHash(sub)
		}
		q += ` AND q.subject_hash = ANY($3)`
		args = append(args, hs)
	}
	if sorted {
		q += ` ORDER BY s.value_string COLLATE "C"`
	}
	rows, err := db.Query(q, args...)
	if err != nil {
		return pgError(s.addr, "read ledger", err)
	}
	defer rows.Close()
	for rows.Next() {
		var iri, blob string
		if err := rows.Scan(&iri, &blob); err != nil {
			return pgError(s.addr, "read ledger", err)
		}
		if err := fn(iri, blob); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return pgError(s.addr, "read ledger", err)
	}
	return nil
}

func (s *Store) pgDefaultGraph(db queryer, own bool) ([]rdf.Quad, error) {
	set := make(map[rdf.Quad]struct{})
	add := func(q rdf.Quad) error { set[q] = struct{}{}; return nil }
	decode := func(iri, blob string) error {
		if err := decodeTriples(blob, rdf.Term{}, add); err != nil {
			return fmt.Errorf("graph: ledger of %s: %w", iri, err)
		}
		return nil
	}
	if err := s.pgBlobs(db, predShared, nil, false, decode); err != nil {
		return nil, err
	}
	if own {
		if err := s.pgBlobs(db, predQuads, []string{defaultEntry}, false, decode); err != nil {
			return nil, err
		}
	}
	out := make([]rdf.Quad, 0, len(set))
	for q := range set {
		out = append(out, q)
	}
	slices.SortFunc(out, rdf.CompareQuads)
	return out, nil
}

func (s *Store) pgEach(fn func(rdf.Quad) error) error {
	// One snapshot for the whole walk, so that a concurrent build shows
	// either before or after each of its transactions.
	tx, err := s.pg.BeginTx(ctxBG, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return pgError(s.addr, "begin", err)
	}
	defer tx.Rollback()
	def, err := s.pgDefaultGraph(tx, true)
	if err != nil {
		return err
	}
	for _, q := range def {
		if err := fn(q); err != nil {
			return err
		}
	}
	// One streaming query over every graph's quad blob, in IRI order.
	return s.pgBlobs(tx, predQuads, nil, true, func(iri, blob string) error {
		if iri == defaultEntry {
			return nil
		}
		return decodeTriples(blob, rdf.NewIRI(iri), fn)
	})
}

func (s *Store) pgStats() (Stats, error) {
	var st Stats
	for k := 0; k < statsShards; k++ {
		v, had, err := pgShard(s.pg, statsSubject(k))
		if err != nil {
			return st, pgError(s.addr, "read counters", err)
		}
		if !had {
			continue
		}
		var q, g int64
		if _, err := fmt.Sscanf(v, "%d %d", &q, &g); err != nil {
			return st, fmt.Errorf("graph: corrupt ledger counter %q", v)
		}
		st.Quads += q
		st.Graphs += g
	}
	return st, nil
}
