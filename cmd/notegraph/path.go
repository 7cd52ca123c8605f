package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"notegraph/export"
)

func pathCommand() *cli.Command {
	return &cli.Command{
		Name:      "path",
		Usage:     "print the shortest chains of events linking two actors",
		ArgsUsage: "FROM TO  (actor labels, alternative labels or IRIs)",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.BoolFlag{Name: "undirected", Usage: "also walk events from target to agent"},
			&cli.IntFlag{Name: "limit", Usage: "print at most `N` chains", Value: 10},
			&cli.StringFlag{Name: "type", Usage: "use only these event types (comma-separated notations)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("path needs two actors: FROM TO")
			}
			st, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer st.Close()
			opts := export.GephiOptions{Projection: export.ProjectionActors}
			if t := c.String("type"); t != "" {
				opts.Types = splitList(t)
			}
			p, err := export.Project(st, opts)
			if err != nil {
				return err
			}
			chains, err := export.ShortestChains(p, c.Args().Get(0), c.Args().Get(1), c.Bool("undirected"), c.Int("limit"))
			if errors.Is(err, export.ErrGephiOption) {
				return cli.Exit(err.Error(), exitFail)
			} else if err != nil {
				return err
			}
			w := c.App.Writer
			if len(chains) == 0 {
				fmt.Fprintf(w, "no chain of events links %s to %s\n", c.Args().Get(0), c.Args().Get(1))
				return nil
			}
			label := map[string]string{}
			for _, n := range p.Nodes {
				label[n.ID] = n.Label
			}
			for i, ch := range chains {
				fmt.Fprintf(w, "chain %d (%d events)\n", i+1, len(ch))
				for j, e := range ch {
					date := e.Attrs["date"]
					if date == "" {
						date = "undated"
					}
					fmt.Fprintf(w, "  %d. %s —%s→ %s  %s\n     “%s”\n     %s\n", j+1, label[e.Source], e.Kind, label[e.Target], date, e.Attrs["quote"], e.Attrs["document_title"])
				}
			}
			return nil
		},
	}
}
