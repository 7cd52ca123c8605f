// Package query answers SPARQL 1.1 queries over notegraph's store. It
// ties three layers together, as Oxigraph does: query/parse turns text
// into the algebra of query/algebra, query/eval plans and evaluates that
// algebra over any Dataset, and query/results writes the answers in the
// standard formats. query/memstore is an indexed in-memory Dataset.
package query

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"notegraph/query/algebra"
	"notegraph/query/eval"
	"notegraph/query/parse"
	"notegraph/query/results"
	"notegraph/rdf"
	"notegraph/rdf/jsonld"
	"notegraph/rdf/ntriples"
	"notegraph/rdf/turtle"
)

// Dataset is the store interface the evaluator reads through.
type Dataset = eval.Dataset

// Result is a query's answer.
type Result = eval.Result

// Options configure parsing and evaluation.
type Options struct {
	// Base resolves relative IRIs in the query.
	Base string
	// Prefixes are predeclared (prefix → namespace IRI); PREFIX in the
	// query overrides them. Pass the vocabulary's prefixes here.
	Prefixes map[string]string
	// UnionDefaultGraph makes the default graph the union of all named
	// graphs: the natural reading of a store that keeps each document in
	// its own graph.
	UnionDefaultGraph bool
}

// Parse parses a query. A syntax error is a *parse.Error with line,
// column and a caret line.
func Parse(text string, opts Options) (*algebra.Query, error) {
	return parse.Parse(text, parse.Options{Base: opts.Base, Prefixes: opts.Prefixes})
}

// Run parses and evaluates a query over ds.
func Run(ctx context.Context, ds Dataset, text string, opts Options) (*Result, error) {
	q, err := Parse(text, opts)
	if err != nil {
		return nil, err
	}
	return eval.Eval(ctx, ds, q, eval.Options{UnionDefaultGraph: opts.UnionDefaultGraph})
}

// Formats lists the output formats Write accepts.
var Formats = []string{"table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"}

// Write writes res in format: table, csv, tsv, json or xml for SELECT and
// ASK; table (as Turtle), ttl, nt or jsonld for CONSTRUCT and DESCRIBE.
// prefixes shorten IRIs in the table and Turtle outputs.
func Write(w io.Writer, res *Result, format string, prefixes map[string]string) error {
	if res.Form == algebra.Construct || res.Form == algebra.Describe {
		return writeQuads(w, res.Quads, format, prefixes)
	}
	t := &results.Table{Vars: res.Vars, Rows: res.Rows, IsBool: res.Form == algebra.Ask, Bool: res.Bool}
	switch format {
	case "", "table":
		return results.WriteTable(w, t, prefixes)
	case "csv":
		return results.WriteCSV(w, t)
	case "tsv":
		return results.WriteTSV(w, t)
	case "json":
		return results.WriteJSON(w, t)
	case "xml":
		return results.WriteXML(w, t)
	}
	return fmt.Errorf("query: format %q is not one for %s results (table, csv, tsv, json, xml)", format, res.Form)
}

func writeQuads(w io.Writer, qs []rdf.Quad, format string, prefixes map[string]string) error {
	sort.Slice(qs, func(i, j int) bool { return rdf.CompareQuads(qs[i], qs[j]) < 0 })
	type encoder interface {
		Encode(rdf.Quad) error
		Close() error
	}
	var enc encoder
	switch format {
	case "", "table", "ttl":
		var ps []rdf.Prefix
		for p, iri := range prefixes {
			ps = append(ps, rdf.Prefix{Prefix: p, IRI: iri})
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].Prefix < ps[j].Prefix })
		enc = turtle.NewEncoder(w, turtle.Options{Prefixes: ps})
	case "nt":
		enc = ntriples.NewEncoder(w, false)
	case "jsonld":
		ctx := map[string]any{}
		for p, iri := range prefixes {
			ctx[p] = iri
		}
		enc = jsonld.NewEncoder(w, ctx)
	default:
		return fmt.Errorf("query: format %q is not one for graphs (ttl, nt, jsonld)", format)
	}
	for _, q := range qs {
		if err := enc.Encode(q); err != nil {
			return err
		}
	}
	return enc.Close()
}

// Exec runs a query and writes its answer: the one call behind
// `notegraph query`.
func Exec(ctx context.Context, ds Dataset, text, format string, w io.Writer, opts Options) error {
	format = strings.ToLower(format)
	res, err := Run(ctx, ds, text, opts)
	if err != nil {
		return err
	}
	return Write(w, res, format, opts.Prefixes)
}
