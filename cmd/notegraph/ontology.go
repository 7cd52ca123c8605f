package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"notegraph/export"
	"notegraph/ontology"
	"notegraph/rdf/rdfio"
)

func ontologyCommand() *cli.Command {
	return &cli.Command{
		Name:  "ontology",
		Usage: "print the vocabulary (OWL), the SKOS event-type scheme, or the JSON-LD @context",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "ttl or jsonld", Value: "ttl"},
			&cli.BoolFlag{Name: "context", Usage: "print the JSON-LD @context that exports are compacted against"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output `FILE`, - for standard output", Value: "-"},
		},
		Action: func(c *cli.Context) error {
			w := c.App.Writer
			if out := c.String("out"); out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			if c.Bool("context") {
				b, err := ontology.ContextJSON()
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(w, "%s\n", b)
				return err
			}
			f, ok := rdfio.ByName(c.String("format"))
			if !ok || (f.Name != "ttl" && f.Name != "jsonld" && f.Name != "nt") {
				return usagef("unknown format %q (ttl or jsonld)", c.String("format"))
			}
			return export.Vocabulary(w, f.Name)
		},
	}
}
