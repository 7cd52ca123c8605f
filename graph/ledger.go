package graph

import (
	"errors"
	"fmt"
	"strconv"

	"notegraph/rdf"
)

// The ledger encoding: a compact text form of a sorted list of triples, kept
// as the value of one literal. It must stay valid UTF-8 (Cayley stores values
// in protobuf string fields and PostgreSQL in text columns), so lengths are
// decimal rather than binary varints. Layout:
//
//	blob   = "1" *triple
//	triple = term term term            (subject, predicate, object)
//	term   = "=" / tag len ":" bytes [len ":" bytes]
//	tag    = "I" IRI / "B" blank / "L" simple literal / "T" typed (value, datatype) / "G" lang (value, tag)
//
// "=" repeats the term in the same position of the previous triple; sorted
// lists repeat subjects and predicates a lot, so this roughly halves the size.
const ledgerVersion = '1'

var errLedger = errors.New("graph: corrupt ledger blob")

func encodeTriples(qs []rdf.Quad) string {
	n := 1
	for _, q := range qs {
		n += len(q.S.Value) + len(q.P.Value) + len(q.O.Value) + len(q.O.Datatype) + 16
	}
	b := make([]byte, 0, n)
	b = append(b, ledgerVersion)
	var prev rdf.Quad
	for i, q := range qs {
		if i > 0 && q.S == prev.S {
			b = append(b, '=')
		} else {
			b = appendTerm(b, q.S)
		}
		if i > 0 && q.P == prev.P {
			b = append(b, '=')
		} else {
			b = appendTerm(b, q.P)
		}
		b = appendTerm(b, q.O)
		prev = q
	}
	return string(b)
}

func appendStr(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}

func appendTerm(b []byte, t rdf.Term) []byte {
	switch {
	case t.Kind == rdf.IRI:
		return appendStr(append(b, 'I'), t.Value)
	case t.Kind == rdf.Blank:
		return appendStr(append(b, 'B'), t.Value)
	case t.Lang != "":
		return appendStr(appendStr(append(b, 'G'), t.Value), t.Lang)
	case t.Datatype != "":
		return appendStr(appendStr(append(b, 'T'), t.Value), t.Datatype)
	}
	return appendStr(append(b, 'L'), t.Value)
}

// decodeTriples calls fn for every triple of blob, in stored order, with G set
// to g. It allocates only the strings of new terms.
func decodeTriples(blob string, g rdf.Term, fn func(rdf.Quad) error) error {
	if blob == "" {
		return nil
	}
	if blob[0] != ledgerVersion {
		return fmt.Errorf("graph: ledger blob version %q not supported", blob[0])
	}
	d := decoder{s: blob, i: 1}
	var q rdf.Quad
	q.G = g
	for d.i < len(d.s) {
		if err := d.term(&q.S); err != nil {
			return err
		}
		if err := d.term(&q.P); err != nil {
			return err
		}
		if err := d.term(&q.O); err != nil {
			return err
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}

func decodeAll(blob string, g rdf.Term) ([]rdf.Quad, error) {
	var out []rdf.Quad
	err := decodeTriples(blob, g, func(q rdf.Quad) error {
		out = append(out, q)
		return nil
	})
	return out, err
}

type decoder struct {
	s string
	i int
}

func (d *decoder) str() (string, error) {
	n := 0
	start := d.i
	for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
		n = n*10 + int(d.s[d.i]-'0')
		d.i++
		if n > len(d.s) {
			return "", errLedger
		}
	}
	if d.i == start || d.i >= len(d.s) || d.s[d.i] != ':' || d.i+1+n > len(d.s) {
		return "", errLedger
	}
	v := d.s[d.i+1 : d.i+1+n]
	d.i += 1 + n
	return v, nil
}

func (d *decoder) term(t *rdf.Term) error {
	if d.i >= len(d.s) {
		return errLedger
	}
	tag := d.s[d.i]
	d.i++
	if tag == '=' {
		if t.Kind == rdf.None {
			return errLedger
		}
		return nil
	}
	v, err := d.str()
	if err != nil {
		return err
	}
	switch tag {
	case 'I':
		*t = rdf.Term{Kind: rdf.IRI, Value: v}
	case 'B':
		*t = rdf.Term{Kind: rdf.Blank, Value: v}
	case 'L':
		*t = rdf.Term{Kind: rdf.Literal, Value: v}
	case 'G', 'T':
		x, err := d.str()
		if err != nil {
			return err
		}
		if tag == 'G' {
			*t = rdf.Term{Kind: rdf.Literal, Value: v, Lang: x}
		} else {
			*t = rdf.Term{Kind: rdf.Literal, Value: v, Datatype: x}
		}
	default:
		return errLedger
	}
	return nil
}

// meta is the small per-graph record: what Entries and SourceGraphs need
// without decoding the quads.
type meta struct {
	SHA256  string
	Quads   int
	Shared  int
	Version int // reserved for future layouts
}

func encodeMeta(m meta) string {
	return "1 " + strconv.Itoa(m.Quads) + " " + strconv.Itoa(m.Shared) + " " + m.SHA256
}

func decodeMeta(s string) (meta, error) {
	var m meta
	var ver string
	n, err := fmt.Sscanf(s, "%s %d %d", &ver, &m.Quads, &m.Shared)
	if err != nil || n != 3 || ver != "1" {
		return m, fmt.Errorf("graph: corrupt ledger meta %q", s)
	}
	// The hash is whatever follows the third space (possibly empty).
	sp := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			sp++
			if sp == 3 {
				m.SHA256 = s[i+1:]
				break
			}
		}
	}
	m.Version = 1
	return m, nil
}
