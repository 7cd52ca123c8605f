package main

import (
	"github.com/urfave/cli/v2"

	"notegraph/ontology"
)

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count documents, actors, events by type and triples in the store",
		Flags: []cli.Flag{dbFlag()},
		Action: func(c *cli.Context) error {
			st, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer st.Close()
			counts, err := ontology.Count(st.Each)
			if err != nil {
				return err
			}
			printCounts(c.App.Writer, counts)
			return nil
		},
	}
}
