package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"notegraph/build"
	"notegraph/ontology"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "add RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) to the store, each into a named graph of its own",
		ArgsUsage: "FILE...",
		Description: "The format follows the extension. A file's default-graph triples go to the graph <BASE>graph/FILE;\n" +
			"a dataset's named graphs keep their names. Re-importing a changed file replaces what it wrote.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "base", Usage: "IRI under which the files' graphs are named", Value: ontology.DefaultBase},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("import needs at least one FILE")
			}
			if _, err := ontology.NewMapper(c.String("base")); err != nil {
				return usageError{err}
			}
			inputs, err := build.Inputs(c.Args().Slice(), build.RDFExtensions)
			var missing build.PathErrors
			if errors.As(err, &missing) {
				err = nil
			}
			if err != nil {
				return err
			}
			st, err := openStore(c, true)
			if err != nil {
				return err
			}
			defer st.Close()
			sum, err := build.Import(st, inputs, build.Options{Base: c.String("base")})
			sum.Errors = append([]error(missing), sum.Errors...)
			for _, e := range sum.Errors {
				fmt.Fprintf(c.App.ErrWriter, "notegraph: %v\n", e)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "imported %d statements from %d of %d files (%d unchanged, %d failed)\n",
				sum.Statements, sum.Imported, sum.Files+len(missing), sum.Unchanged, len(sum.Errors))
			if len(sum.Errors) > 0 {
				return cli.Exit("", exitFail)
			}
			return nil
		},
	}
}
