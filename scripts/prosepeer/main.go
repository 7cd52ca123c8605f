// Command prosepeer is the peer figure of notegraph's extraction benchmark
// (BENCHMARKS.md): it runs github.com/jdkato/prose/v2's pipeline
// (tokenization, part-of-speech tagging and sentence segmentation; named
// entities on with -ner) over the same generated text, on one goroutine, and
// prints MB/s. It is its own module, so that notegraph's go.mod does not
// depend on prose; scripts/bench.sh builds it.
//
//	prosepeer [-files K] [-runs R] DIR
//
// It reads CPU time with getrusage, so it builds on Unix only.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/jdkato/prose/v2"
)

func main() {
	files := flag.Int("files", 0, "use the first K files of DIR in name order (0: all)")
	runs := flag.Int("runs", 3, "runs; the median is reported")
	ner := flag.Bool("ner", false, "also run prose's named-entity extraction")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: prosepeer [-files K] [-runs R] [-ner] DIR")
		os.Exit(2)
	}
	names, err := filepath.Glob(filepath.Join(flag.Arg(0), "*.txt"))
	if err != nil || len(names) == 0 {
		fmt.Fprintf(os.Stderr, "prosepeer: no .txt files in %s\n", flag.Arg(0))
		os.Exit(1)
	}
	sort.Strings(names)
	if *files > 0 && *files < len(names) {
		names = names[:*files]
	}
	var texts []string
	total := 0
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			fmt.Fprintln(os.Stderr, "prosepeer:", err)
			os.Exit(1)
		}
		texts = append(texts, string(b))
		total += len(b)
	}
	// The tagger's model is loaded once, outside the timing, and shared by
	// every document: prose would otherwise reload it for each call, and
	// the peer figure should measure analysis, not model loading. (Its
	// sentence segmenter has no such option and loads per call.)
	warm, err := prose.NewDocument("A warm-up sentence.", prose.WithExtraction(*ner))
	if err != nil {
		fmt.Fprintln(os.Stderr, "prosepeer:", err)
		os.Exit(1)
	}
	model := warm.Model
	var secs, cpus []float64
	tokens, sents := 0, 0
	for r := 0; r < *runs; r++ {
		tokens, sents = 0, 0
		start, cpu0 := time.Now(), cpuSeconds()
		for _, t := range texts {
			doc, err := prose.NewDocument(t, prose.WithExtraction(*ner), prose.UsingModel(model))
			if err != nil {
				fmt.Fprintln(os.Stderr, "prosepeer:", err)
				os.Exit(1)
			}
			tokens += len(doc.Tokens())
			sents += len(doc.Sentences())
		}
		secs = append(secs, time.Since(start).Seconds())
		cpus = append(cpus, cpuSeconds()-cpu0)
	}
	sort.Float64s(secs)
	sort.Float64s(cpus)
	med, cmed := secs[len(secs)/2], cpus[len(cpus)/2]
	fmt.Printf("prose files=%d bytes=%d tokens=%d sentences=%d runs=%d median_s=%.3f min_s=%.3f max_s=%.3f median_cpu_s=%.3f MB/s=%.4f MB/cpu-s=%.4f\n",
		len(texts), total, tokens, sents, *runs, med, secs[0], secs[len(secs)-1], cmed, float64(total)/1e6/med, float64(total)/1e6/cmed)
}

// cpuSeconds is the CPU time (user and system) the process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
