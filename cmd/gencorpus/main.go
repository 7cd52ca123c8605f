// Command gencorpus writes the generated benchmark corpus: realistic
// diplomatic notes composed from the templates of internal/gencorpus, a few
// notes per file.
//
//	go run ./cmd/gencorpus -n 10000 -seed 1 -out /tmp/corpus
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"notegraph/internal/gencorpus"
)

func main() {
	n := flag.Int("n", 10000, "number of notes")
	per := flag.Int("per-file", 10, "notes per file")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	out := flag.String("out", "", "output folder (created)")
	actors := flag.String("actors", "extract/data/actors.tsv", "actor gazetteer: use only the states it knows (skipped when the default file is absent)")
	tmpl := flag.String("templates", "", "templates file replacing the built-in one")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-n N] [-per-file K] [-seed S] [-actors FILE] [-templates FILE] -out DIR")
		os.Exit(2)
	}
	opts := gencorpus.Options{Notes: *n, PerFile: *per, Seed: *seed}
	if data, err := os.ReadFile(*actors); err == nil {
		opts.Gazetteer = data
	} else if !(errors.Is(err, fs.ErrNotExist) && !flagSet("actors")) {
		fail(err)
	}
	if *tmpl != "" {
		data, err := os.ReadFile(*tmpl)
		if err != nil {
			fail(err)
		}
		opts.Templates, opts.TemplatesPath = data, *tmpl
	}
	g, err := gencorpus.New(opts)
	if err != nil {
		fail(err)
	}
	st, err := g.WriteDir(*out)
	if err != nil {
		fail(err)
	}
	fmt.Printf("%d notes in %d files, %d bytes, %d event paragraphs, %d states, in %s\n",
		st.Notes, st.Files, st.Bytes, st.Events, len(g.States()), *out)
}

func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gencorpus:", err)
	os.Exit(1)
}
