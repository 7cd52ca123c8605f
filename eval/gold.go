// Package eval measures an extractor against hand-made gold annotations:
// precision, recall and F1 of extracted events, overall, per event type and
// per corpus, with the list of gold events missed and of extracted events
// the gold does not hold. It scores extract values and knows nothing of RDF,
// so that quality is measured before any mapping can hide a mistake.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// GoldEvent is one line of a gold file: one event report as a human reads it
// in one passage of one document (testdata/gold/README.md).
type GoldEvent struct {
	// Corpus groups gold events for per-corpus figures; LoadGold sets it to
	// the gold file's base name without extension unless the line says.
	Corpus string `json:"corpus,omitempty"`
	// Source is the base name of the source file that holds the document;
	// when empty every extracted file is searched.
	Source string `json:"source,omitempty"`
	// Document is a human title; DocDate, DocKind and DocID locate the
	// document among the extracted ones when the quote alone does not.
	Document string `json:"document"`
	DocDate  string `json:"docDate,omitempty"`
	DocKind  string `json:"docKind,omitempty"`
	DocID    string `json:"docId,omitempty"`

	Type       string `json:"type"`
	Agent      Names  `json:"agent"`
	Target     Names  `json:"target,omitempty"`
	Theme      Names  `json:"theme,omitempty"`
	Charge     string `json:"charge,omitempty"`
	AssertedBy string `json:"assertedBy"`
	Stance     string `json:"stance"`
	Quote      string `json:"quote"`
	Date       string `json:"date,omitempty"`

	// Line is the 1-based line of the event in its gold file, for messages.
	Line int `json:"-"`
	// File is the gold file the event was read from.
	File string `json:"-"`
}

// Names is one name or a list of names; in JSON either a string or an array
// of strings, so that a single agent reads naturally and several agents
// ("Rufus Firefly and Chicolini") stay a set.
type Names []string

// UnmarshalJSON accepts a string or an array of strings.
func (n *Names) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*n = nil
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*n = Names{s}
		return nil
	}
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return fmt.Errorf("want a string or an array of strings: %w", err)
	}
	*n = Names(l)
	return nil
}

// MarshalJSON writes a single name as a string and several as an array.
func (n Names) MarshalJSON() ([]byte, error) {
	if len(n) == 1 {
		return json.Marshal(n[0])
	}
	return json.Marshal([]string(n))
}

// LoadGold reads a gold file (JSON Lines, one event per line; blank lines
// and lines starting with // are skipped). Errors name the file and line.
func LoadGold(path string) ([]GoldEvent, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	defer f.Close()
	corpus := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return ReadGold(f, path, corpus)
}

// ReadGold reads gold events from r; name is used in error messages and as
// GoldEvent.File, corpus is the default GoldEvent.Corpus.
func ReadGold(r io.Reader, name, corpus string) ([]GoldEvent, error) {
	var out []GoldEvent
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 || bytes.HasPrefix(text, []byte("//")) {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(text))
		// Unknown fields are refused: a misspelt "asertedBy" would otherwise
		// silently drop the annotation it carries.
		dec.DisallowUnknownFields()
		var g GoldEvent
		if err := dec.Decode(&g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if dec.More() {
			return nil, fmt.Errorf("%s:%d: more than one JSON value on the line", name, line)
		}
		g.Line, g.File = line, name
		if g.Corpus == "" {
			g.Corpus = corpus
		}
		if err := g.validate(); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return out, nil
}

var (
	typeRE = regexp.MustCompile(`^[A-Z][A-Z_]*$`)
	dateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

// validStances are the stances of the graph model (DESIGN.md).
var validStances = map[string]bool{"Performed": true, "Alleged": true, "Reported": true, "Denied": true}

func (g *GoldEvent) validate() error {
	switch {
	case g.Type == "":
		return fmt.Errorf("missing type")
	case !typeRE.MatchString(g.Type):
		return fmt.Errorf("type %q is not an event-type notation (upper case, e.g. ACCUSE)", g.Type)
	case len(g.Agent) == 0:
		return fmt.Errorf("missing agent")
	case strings.TrimSpace(g.Quote) == "":
		return fmt.Errorf("missing quote")
	case g.Stance == "":
		return fmt.Errorf("missing stance")
	case !validStances[g.Stance]:
		return fmt.Errorf("stance %q is not one of Performed, Alleged, Reported, Denied", g.Stance)
	case g.AssertedBy == "":
		return fmt.Errorf("missing assertedBy")
	case g.Document == "" && g.Source == "" && g.DocID == "" && g.DocDate == "":
		return fmt.Errorf("no document: give document, source, docId or docDate")
	}
	for _, l := range []struct {
		field string
		names Names
	}{{"agent", g.Agent}, {"target", g.Target}, {"theme", g.Theme}} {
		for _, n := range l.names {
			if strings.TrimSpace(n) == "" {
				return fmt.Errorf("empty name in %s", l.field)
			}
		}
	}
	if g.Date != "" && !dateRE.MatchString(g.Date) {
		return fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", g.Date)
	}
	if g.DocDate != "" && !dateRE.MatchString(g.DocDate) {
		return fmt.Errorf("docDate %q is not YYYY, YYYY-MM or YYYY-MM-DD", g.DocDate)
	}
	return nil
}
