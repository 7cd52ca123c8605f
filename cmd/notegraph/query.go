package main

import (
	"errors"
	"os"
	"strings"

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
		ArgsUsage: "(QUERY | --file Q.rq)",
		Description: "The prefixes of the notegraph vocabulary and of rdf, rdfs, xsd, owl, skos, prov, oa, dcterms,\n" +
			"sem, schema, org and wd are predeclared. The default graph is the union of all graphs; GRAPH ?doc\n" +
			"selects a document's own statements.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "file", Usage: "read the query from `FILE` (- for standard input)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "table, csv, tsv, json, xml (SELECT, ASK); ttl, nt, jsonld (CONSTRUCT, DESCRIBE)", Value: "table"},
		},
		Action: func(c *cli.Context) error {
			text, err := queryText(c)
			if err != nil {
				return err
			}
			opts := query.Options{Prefixes: vocabularyPrefixes(), UnionDefaultGraph: true}
			if _, err := query.Parse(text, opts); err != nil {
				var pe *parse.Error
				if errors.As(err, &pe) {
					return cli.Exit("query: "+pe.Error(), exitFail)
				}
				return err
			}
			format := strings.ToLower(c.String("format"))
			valid := false
			for _, f := range query.Formats {
				valid = valid || f == format
			}
			if !valid {
				return usagef("unknown format %q (%s)", format, strings.Join(query.Formats, ", "))
			}
			st, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer st.Close()
			ds, err := loadDataset(st)
			if err != nil {
				return err
			}
			return query.Exec(c.Context, ds, text, format, c.App.Writer, opts)
		},
	}
}

func queryText(c *cli.Context) (string, error) {
	file := c.String("file")
	switch {
	case file != "" && c.NArg() > 0:
		return "", usagef("give the query as an argument or with --file, not both")
	case file == "-":
		b, err := readAll(os.Stdin)
		return string(b), err
	case file != "":
		b, err := os.ReadFile(file)
		return string(b), err
	case c.NArg() == 1:
		return c.Args().First(), nil
	}
	return "", usagef("query needs one QUERY argument or --file FILE")
}

// loadDataset reads the store into the query engine's indexed memory
// store: one streaming pass over the store's documents.
func loadDataset(st *graph.Store) (query.Dataset, error) {
	ms := memstore.New()
	err := st.Each(func(q rdf.Quad) error {
		ms.Add(q)
		return nil
	})
	return ms, err
}

func vocabularyPrefixes() map[string]string {
	m := map[string]string{}
	for _, p := range ontology.Prefixes {
		m[p.Prefix] = p.IRI
	}
	return m
}
