package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"notegraph/eval"
	"notegraph/extract"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score the extractor against hand-annotated events: precision, recall, F1, misses and spurious events",
		ArgsUsage: "[PATH...]  (files or folders; none: the bundled corpus)",
		Description: "Matches extracted events to the gold events on document, event type, agent, target and theme.\n" +
			"The gold format is described in testdata/gold/README.md.",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "gold", Usage: "gold events `FILE` (JSON Lines; repeatable)"},
			&cli.StringSliceFlag{Name: "actors", Usage: "extra actor gazetteer `FILE`"},
			&cli.StringSliceFlag{Name: "patterns", Usage: "extra event pattern `FILE`"},
		},
		Action: func(c *cli.Context) error {
			if len(c.StringSlice("gold")) == 0 {
				return usagef("eval needs --gold FILE")
			}
			var gold []eval.GoldEvent
			for _, p := range c.StringSlice("gold") {
				g, err := eval.LoadGold(p)
				if err != nil {
					return err
				}
				gold = append(gold, g...)
			}
			x, _, inputs, err := extractorAndInputs(c)
			if err != nil {
				return err
			}
			var files []extract.File
			for _, in := range inputs {
				data, err := in.Read()
				if err != nil {
					return fmt.Errorf("%s: %w", in.Path, err)
				}
				f, err := x.File(in.Path, data)
				if err != nil {
					return err
				}
				files = append(files, *f)
			}
			return eval.Score(gold, files).WriteText(c.App.Writer)
		},
	}
}
