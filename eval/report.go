package eval

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteText writes the report for a reader: the figures overall, per corpus
// and per event type, then every miss and every spurious event with its
// quote. It returns the first write error.
func (r Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	line := func(label string, c Counts) {
		fmt.Fprintf(bw, "  %-24s P %.3f  R %.3f  F1 %.3f  (matched %d, gold %d, extracted %d)\n",
			label, c.Precision(), c.Recall(), c.F1(), c.Matched, c.Gold, c.Got)
	}
	fmt.Fprintln(bw, "Overall")
	line("all events", r.Overall)
	fmt.Fprintln(bw, "Per corpus")
	for _, k := range sortedKeys(r.ByCorpus) {
		line(k, r.ByCorpus[k])
	}
	fmt.Fprintln(bw, "Per event type")
	for _, k := range sortedKeys(r.ByType) {
		line(k, r.ByType[k])
	}
	if n := len(r.Matches); n > 0 {
		agree, dated := r.DateAgreement()
		fmt.Fprintf(bw, "Of %d matched events, stance agrees on %d and assertedBy on %d; of the %d whose sentence states a date, the date agrees on %d.\n",
			n, r.StanceAgreement(), r.AssertedByAgreement(), dated, agree)
	}
	if len(r.Unannotated) > 0 {
		fmt.Fprintf(bw, "Not scored (no gold event in the document): %s\n", strings.Join(r.Unannotated, "; "))
	}
	if len(r.Unscored) > 0 {
		fmt.Fprintf(bw, "Not scored (source file not given): %s\n", strings.Join(r.Unscored, ", "))
	}

	fmt.Fprintf(bw, "\nMisses (%d): gold events not extracted\n", len(r.Misses))
	for _, m := range r.Misses {
		g := m.Gold
		fmt.Fprintf(bw, "- %s:%d %s agent=%s", g.File, g.Line, g.Type, strings.Join(g.Agent, " + "))
		if len(g.Target) > 0 {
			fmt.Fprintf(bw, " target=%s", strings.Join(g.Target, " + "))
		}
		if len(g.Theme) > 0 {
			fmt.Fprintf(bw, " theme=%s", strings.Join(g.Theme, " + "))
		}
		fmt.Fprintf(bw, " [%s]\n    %q\n    why: %s\n", docLabel(g), g.Quote, m.Reason)
	}

	fmt.Fprintf(bw, "\nSpurious (%d): extracted events not in the gold\n", len(r.Spurious))
	for _, s := range r.Spurious {
		e := s.Event
		fmt.Fprintf(bw, "- %s#%d %s %s agent=%s", s.Source, s.DocIndex, e.Type, e.Stance, strings.Join(s.Agents, " + "))
		if len(s.Targets) > 0 {
			fmt.Fprintf(bw, " target=%s", strings.Join(s.Targets, " + "))
		}
		if len(s.Themes) > 0 {
			fmt.Fprintf(bw, " theme=%s", strings.Join(s.Themes, " + "))
		}
		fmt.Fprintf(bw, "\n    %q\n", e.Quote)
	}
	return bw.Flush()
}

func docLabel(g GoldEvent) string {
	var parts []string
	for _, p := range []string{g.DocKind, g.DocDate, g.DocID} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return g.Document
	}
	return strings.Join(parts, " ")
}

func sortedKeys(m map[string]Counts) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
