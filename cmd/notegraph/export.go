package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"notegraph/rdf/rdfio"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the store as Turtle, JSON-LD, N-Triples, N-Quads or TriG",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "ttl, jsonld, nt, nq or trig (default: from the --out extension, else ttl)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output `FILE`, - for standard output", Value: "-"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("export takes no arguments (got %q)", c.Args().First())
			}
			out := c.String("out")
			format := strings.ToLower(c.String("format"))
			if format == "" {
				format = "ttl"
				if f, ok := rdfio.ByExtension(out); ok && out != "-" {
					format = f.Name
				}
			}
			f, ok := rdfio.ByName(format)
			if !ok {
				return usagef("unknown format %q (ttl, jsonld, nt, nq, trig)", format)
			}
			st, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer st.Close()
			return writeExport(st, out, f.Name, c.App.Writer)
		},
	}
}
