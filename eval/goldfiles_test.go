package eval

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The gold files of the repository and the corpus they annotate
// (../shared/corpus from the repository root).
var (
	goldDir   = filepath.Join("..", "testdata", "gold")
	corpusDir = filepath.Join("..", "..", "shared", "corpus")
	// heldoutDir holds documents written for testing only, never used to
	// tune the extractor's data (testdata/gold/heldout.jsonl annotates them).
	heldoutDir = filepath.Join("..", "testdata", "heldout")
	// unseenDir is a second held-out set, annotated before any extraction
	// and not tuned on (testdata/gold/unseen.jsonl).
	unseenDir = filepath.Join("..", "testdata", "unseen")
)

func corpusPath(t *testing.T, source string) string {
	t.Helper()
	for _, p := range []string{filepath.Join(corpusDir, source), filepath.Join(corpusDir, "frus", source), filepath.Join(heldoutDir, source), filepath.Join(unseenDir, source)} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("corpus file %s not found under %s: the gold test needs the shared corpus next to the repository", source, corpusDir)
	return ""
}

func loadAllGold(t *testing.T) []GoldEvent {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(goldDir, "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files in %s (%v)", goldDir, err)
	}
	var all []GoldEvent
	for _, f := range files {
		g, err := LoadGold(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(g) == 0 {
			t.Fatalf("%s holds no events", f)
		}
		all = append(all, g...)
	}
	return all
}

// teiDocuments returns the text content of every div[@type="document"] of a
// TEI file, by xml:id, white space collapsed (DESIGN.md: a TEI document's
// text is its text content without markup).
func teiDocuments(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	docs := map[string]string{}
	var id string
	var depth int
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if id != "" {
				depth++
				continue
			}
			if tk.Name.Local == "div" {
				var typ, xid string
				for _, a := range tk.Attr {
					switch {
					case a.Name.Local == "type":
						typ = a.Value
					case a.Name.Local == "id" && a.Name.Space == "http://www.w3.org/XML/1998/namespace":
						xid = a.Value
					}
				}
				if typ == "document" {
					id, depth = xid, 0
					b.Reset()
				}
			}
		case xml.EndElement:
			if id == "" {
				continue
			}
			if depth == 0 {
				docs[id] = strings.Join(strings.Fields(b.String()), " ")
				id = ""
				continue
			}
			depth--
		case xml.CharData:
			if id != "" {
				b.Write(tk)
			}
		}
	}
	return docs
}

// TestGoldQuotesInCorpus checks that every gold quote occurs verbatim, and
// once, in its source: in the plain-text file as it is, in a TEI file in the text
// content of the div whose xml:id is the line's docId (white space
// collapsed, as a quote is written on one line).
func TestGoldQuotesInCorpus(t *testing.T) {
	gold := loadAllGold(t)
	texts := map[string]string{}
	tei := map[string]map[string]string{}
	for _, g := range gold {
		if g.Source == "" {
			t.Errorf("%s:%d: no source file", g.File, g.Line)
			continue
		}
		if g.DocDate == "" || g.DocKind == "" {
			t.Errorf("%s:%d: docDate and docKind are required in the repository's gold", g.File, g.Line)
		}
		p := corpusPath(t, g.Source)
		if strings.HasSuffix(p, ".xml") {
			if tei[p] == nil {
				tei[p] = teiDocuments(t, p)
			}
			text, ok := tei[p][g.DocID]
			if !ok {
				t.Errorf("%s:%d: %s has no document %q", g.File, g.Line, g.Source, g.DocID)
				continue
			}
			if n := strings.Count(text, g.Quote); n != 1 {
				t.Errorf("%s:%d: quote occurs %d times in %s#%s, want once: %q", g.File, g.Line, n, g.Source, g.DocID, g.Quote)
			}
			continue
		}
		if _, ok := texts[p]; !ok {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts[p] = string(b)
		}
		// Once, so that the quote locates one passage.
		if n := strings.Count(texts[p], g.Quote); n != 1 {
			t.Errorf("%s:%d: quote occurs %d times in %s, want once: %q", g.File, g.Line, n, g.Source, g.Quote)
		}
	}
}

// TestGoldNoDuplicates checks that no event is annotated twice.
func TestGoldNoDuplicates(t *testing.T) {
	seen := map[string]string{}
	for _, g := range loadAllGold(t) {
		k := strings.Join([]string{g.Source, g.DocID, g.Type, strings.Join(g.Agent, "|"), strings.Join(g.Target, "|"), g.Quote}, "\x00")
		if at, ok := seen[k]; ok {
			t.Errorf("%s:%d: same event as %s", g.File, g.Line, at)
		}
		seen[k] = fmt.Sprintf("%s:%d", g.File, g.Line)
	}
}

// TestGoldHoldsSample checks that the gold agrees with the shared sample
// annotation on every event the sample gives.
func TestGoldHoldsSample(t *testing.T) {
	gold := loadAllGold(t)
	p := filepath.Join(corpusDir, "albania-ussr-1961.sample-events.jsonl")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("the sample annotation is needed: %v", err)
	}
	sample, err := ReadGold(strings.NewReader(string(b)), p, "sample")
	if err != nil {
		t.Fatal(err)
	}
	norm := func(g GoldEvent) string {
		g.Line, g.File, g.Corpus, g.Source, g.DocDate, g.DocKind, g.DocID = 0, "", "", "", "", "", ""
		j, _ := json.Marshal(g)
		return string(j)
	}
	have := map[string]bool{}
	for _, g := range gold {
		have[norm(g)] = true
	}
	for _, s := range sample {
		if !have[norm(s)] {
			t.Errorf("sample line %d not in the gold as given: %s", s.Line, norm(s))
		}
	}
}

// TestGoldValues checks the gold's vocabulary: event types of DESIGN.md and
// stances that fit them.
func TestGoldValues(t *testing.T) {
	types := map[string]bool{}
	for _, s := range strings.Fields(`ACCUSE CRITICIZE PROTEST DENY REJECT DEMAND PROPOSE APPEAL SUPPORT
		RECALL_AMBASSADOR WITHDRAW_MISSION EXPEL REDUCE_AID CANCEL_AGREEMENT BLOCKADE RESTRICT SURVEIL
		PURGE ARREST EXECUTE`) {
		types[s] = true
	}
	for _, g := range loadAllGold(t) {
		if !types[g.Type] {
			t.Errorf("%s:%d: unknown event type %s", g.File, g.Line, g.Type)
		}
		if g.Stance == "Denied" {
			t.Errorf("%s:%d: the gold records a denial as a DENY or REJECT, never as a Denied deed", g.File, g.Line)
		}
		if (g.Type == "DENY") && g.Stance != "Performed" && g.Stance != "Reported" {
			t.Errorf("%s:%d: a DENY is Performed or Reported", g.File, g.Line)
		}
	}
}
