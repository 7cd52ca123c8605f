package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"notegraph/build"
	"notegraph/examples"
	"notegraph/export"
	"notegraph/extract"
	"notegraph/ontology"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "extract documents, actors and events from files into the store",
		ArgsUsage: "[PATH...]  (files or folders; none: the bundled 1961 example corpus)",
		Description: "Reads plain text, Markdown and TEI P5 XML. Each document is written as one named graph\n" +
			"in one transaction; unchanged files are skipped, changed files replace their documents.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "base", Usage: "IRI under which instances are minted", Value: ontology.DefaultBase},
			&cli.StringFlag{Name: "out", Usage: "Turtle file written after the build (- for standard output, empty for none)", Value: "notegraph.ttl"},
			&cli.StringSliceFlag{Name: "actors", Usage: "extra actor gazetteer `FILE` (repeatable), added to the built-in one"},
			&cli.StringSliceFlag{Name: "patterns", Usage: "extra event pattern `FILE` (repeatable), added to the built-in ones"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only"},
		},
		Action: runBuild,
	}
}

func runBuild(c *cli.Context) error {
	start := time.Now()
	stderr := c.App.ErrWriter
	x, xopts, inputs, err := extractorAndInputs(c)
	var missing build.PathErrors
	if errors.As(err, &missing) {
		err = nil
	}
	if err != nil {
		return err
	}
	knowledge, err := extract.Fingerprint(xopts)
	if err != nil {
		return err
	}
	if _, err := ontology.NewMapper(c.String("base")); err != nil {
		return usageError{err}
	}
	st, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer st.Close()

	opts := build.Options{Base: c.String("base"), Knowledge: knowledge}
	if isTerminal(stderr) && !c.Bool("quiet") && len(inputs) > 1 {
		opts.Progress = func(done, total int) {
			fmt.Fprintf(stderr, "\rbuilding: %d/%d files", done, total)
			if done == total {
				fmt.Fprint(stderr, "\r\033[K")
			}
		}
	}
	sum, err := build.Run(st, x, inputs, opts)
	sum.Errors = append([]error(missing), sum.Errors...)
	for _, e := range sum.Errors {
		fmt.Fprintf(stderr, "notegraph: %v\n", e)
	}
	if err != nil {
		return err
	}
	if out := c.String("out"); out != "" {
		if err := writeExport(st, out, "ttl", c.App.Writer); err != nil {
			return err
		}
	}
	if !c.Bool("quiet") {
		counts, err := ontology.Count(st.Each)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.App.Writer, "built %d of %d files (%d unchanged, %d failed) into %s\n",
			sum.Built, sum.Sources+len(missing), sum.Unchanged, len(sum.Errors), redactURL(c.String("db")))
		printCounts(c.App.Writer, counts)
		fmt.Fprintf(c.App.Writer, "%-12s %.2f\n", "seconds", time.Since(start).Seconds())
	}
	if len(sum.Errors) > 0 {
		return cli.Exit("", exitFail)
	}
	return nil
}

// extractorAndInputs loads the extractor with the --actors and --patterns
// files, and lists the documents named on the command line (none: the
// bundled corpus).
func extractorAndInputs(c *cli.Context) (*extract.Extractor, extract.Options, []build.Input, error) {
	xopts := extract.Options{ActorFiles: c.StringSlice("actors"), PatternFiles: c.StringSlice("patterns")}
	x, err := extract.New(xopts)
	if err != nil {
		return nil, xopts, nil, err
	}
	var inputs []build.Input
	if c.NArg() == 0 {
		inputs, err = build.FSInputs(examples.Corpus, "examples")
	} else {
		inputs, err = build.Inputs(c.Args().Slice(), build.Extensions)
	}
	return x, xopts, inputs, err
}

func printCounts(w io.Writer, c ontology.Counts) {
	fmt.Fprintf(w, "%-12s %d\n", "documents", c.Documents)
	fmt.Fprintf(w, "%-12s %d\n", "actors", c.Actors)
	fmt.Fprintf(w, "%-12s %d\n", "events", c.Events)
	for _, t := range c.Types() {
		fmt.Fprintf(w, "  %-18s %d\n", t, c.ByType[t])
	}
	fmt.Fprintf(w, "%-12s %d\n", "triples", c.Triples)
}

// writeExport writes the store to path ("-": standard output) in an RDF format.
func writeExport(src export.QuadSource, path, format string, stdout io.Writer) error {
	return writeAtomically(path, stdout, func(w io.Writer) error {
		_, err := export.RDF(w, src, format)
		return err
	})
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
