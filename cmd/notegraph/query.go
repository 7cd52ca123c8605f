package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"notegraph/graph"
	"notegraph/ontology"
	"notegraph/query"
	"notegraph/query/memstore"
	"notegraph/query/parse"
	"notegraph/rdf"
)

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "answer a SPARQL 1.1 query over the store",
		ArgsUsage: "(QUERY | --file Q.rq [--file Q2.rq ...])",
		Description: "The prefixes of the notegraph vocabulary and of rdf, rdfs, xsd, owl, skos, prov, oa, dcterms,\n" +
			"sem, schema, org and wd are predeclared. The default graph is the union of all graphs; GRAPH ?doc\n" +
			"selects a document's own statements. Several --file queries share one load of the store; each\n" +
			"result is then preceded by a line \"==> FILE <==\".",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringSliceFlag{Name: "file", Usage: "read the query from `FILE` (- for standard input); repeatable"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "table, csv, tsv, json, xml (SELECT, ASK); ttl, nt, jsonld (CONSTRUCT, DESCRIBE)", Value: "table"},
			&cli.BoolFlag{Name: "timings", Usage: "print to standard error how long loading the store and each query took"},
		},
		Action: runQuery,
	}
}

type namedQuery struct{ name, text string }

func runQuery(c *cli.Context) error {
	queries, err := queryTexts(c)
	if err != nil {
		return err
	}
	opts := query.Options{Prefixes: vocabularyPrefixes(), UnionDefaultGraph: true}
	for _, q := range queries {
		if _, err := query.Parse(q.text, opts); err != nil {
			var pe *parse.Error
			if errors.As(err, &pe) {
				msg := "query: " + pe.Error()
				if len(queries) > 1 || q.name != "" {
					msg = q.name + ": " + pe.Error()
				}
				return cli.Exit(msg, exitFail)
			}
			return err
		}
	}
	format := strings.ToLower(c.String("format"))
	if !slices.Contains(query.Formats, format) {
		return usagef("unknown format %q (%s)", format, strings.Join(query.Formats, ", "))
	}
	st, err := openStore(c, false)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	ds, n, err := loadDataset(st)
	if err != nil {
		return err
	}
	timings := c.Bool("timings")
	stderr := c.App.ErrWriter
	if timings {
		fmt.Fprintf(stderr, "load\t%.3f s\t%d quads\n", time.Since(start).Seconds(), n)
	}
	w := c.App.Writer
	for _, q := range queries {
		if len(queries) > 1 {
			fmt.Fprintf(w, "==> %s <==\n", q.name)
		}
		t0 := time.Now()
		res, err := query.Run(c.Context, ds, q.text, opts)
		if err != nil {
			return err
		}
		elapsed := time.Since(t0)
		if err := query.Write(w, res, format, opts.Prefixes); err != nil {
			return err
		}
		if timings {
			name := q.name
			if name == "" {
				name = "query"
			}
			fmt.Fprintf(stderr, "%s\t%.3f s\t%d results\n", name, elapsed.Seconds(), resultSize(res))
		}
	}
	return nil
}

// resultSize counts solutions, statements, or 1 for ASK.
func resultSize(r *query.Result) int {
	switch {
	case r.Vars != nil || len(r.Rows) > 0:
		return len(r.Rows)
	case r.Quads != nil:
		return len(r.Quads)
	}
	return 1
}

func queryTexts(c *cli.Context) ([]namedQuery, error) {
	files := c.StringSlice("file")
	switch {
	case len(files) > 0 && c.NArg() > 0:
		return nil, usagef("give the query as an argument or with --file, not both")
	case len(files) == 0 && c.NArg() == 1:
		return []namedQuery{{text: c.Args().First()}}, nil
	case len(files) == 0:
		return nil, usagef("query needs one QUERY argument or --file FILE")
	}
	var out []namedQuery
	for _, f := range files {
		var b []byte
		var err error
		if f == "-" {
			b, err = readAll(os.Stdin)
		} else {
			b, err = os.ReadFile(f)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, namedQuery{name: f, text: string(b)})
	}
	return out, nil
}

// loadDataset reads the store into the query engine's indexed memory
// store: one streaming pass over the store's documents.
func loadDataset(st *graph.Store) (query.Dataset, int, error) {
	ms := memstore.New()
	n := 0
	err := st.Each(func(q rdf.Quad) error {
		ms.Add(q)
		n++
		return nil
	})
	return ms, n, err
}

func vocabularyPrefixes() map[string]string {
	m := map[string]string{}
	for _, p := range ontology.Prefixes {
		m[p.Prefix] = p.IRI
	}
	return m
}
