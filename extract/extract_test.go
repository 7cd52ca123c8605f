package extract

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

const corpusDir = "../../shared/corpus"

func newX(t testing.TB) *Extractor {
	t.Helper()
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func corpusFiles(t testing.TB) []string {
	t.Helper()
	files := []string{filepath.Join(corpusDir, "albania-ussr-1961.txt")}
	xml, _ := filepath.Glob(filepath.Join(corpusDir, "frus", "*.xml"))
	files = append(files, xml...)
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("corpus file missing: %v", err)
		}
	}
	if len(files) < 3 {
		t.Fatalf("expected the 1961 text and the FRUS files, found %v", files)
	}
	return files
}

func extractFile(t testing.TB, x *Extractor, path string) *File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := x.File(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestSegment1961(t *testing.T) {
	f := extractFile(t, newX(t), filepath.Join(corpusDir, "albania-ussr-1961.txt"))
	want := []struct {
		kind                          DocKind
		date, issuer, addressee       string
		deliveredBy, deliveredTo      string
		titlePrefix, place, textStart string
	}{
		{KindCommentary, "", "", "", "", "", "Albania and the Soviet Union go to", "", "Written by"},
		{KindSpeech, "", "khrushchev", "", "", "", "Khrushchev’s speech on Albania", "", "Khrushchev’s speech"},
		{KindStatement, "", "soviet-union-mfa", "", "", "", "New Hostile Acts", "", "“New Hostile Acts"},
		{KindVerbalNote, "1961-11-25", "soviet-union-mfa", "albania-embassy", "firyubin", "mazi", "The contents of the verbal note presented On November 25", "", "The contents"},
		{KindVerbalNote, "1961-12-03", "soviet-union-mfa", "albania-embassy", "firyubin", "mazi", "The contents of the verbal note of December 3", "", "The contents"},
		{KindNote, "1961-12-04", "albania-mfa", "soviet-union-embassy", "", "", "Note of the Ministry", "Tirana", "Note of the Ministry"},
		{KindNote, "1961-12-09", "albania-mfa", "soviet-union-embassy", "", "", "Note of the Ministry", "Tirana", "Note of the Ministry"},
		{KindCommentary, "", "", "", "", "", "[1] This is the verbal notes", "", "[1]"},
	}
	if len(f.Documents) != len(want) {
		for _, d := range f.Documents {
			t.Logf("%d %s %q", d.Index, d.Kind, d.Title)
		}
		t.Fatalf("got %d documents, want %d", len(f.Documents), len(want))
	}
	src := []rune(readString(t, filepath.Join(corpusDir, "albania-ussr-1961.txt")))
	for i, w := range want {
		d := f.Documents[i]
		got := []string{string(d.Kind), d.Date, d.Issuer, d.Addressee, d.DeliveredBy, d.DeliveredTo, d.Place}
		exp := []string{string(w.kind), w.date, w.issuer, w.addressee, w.deliveredBy, w.deliveredTo, w.place}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("document %d: got kind,date,issuer,addressee,by,to,place = %q, want %q", i, got, exp)
		}
		if !strings.HasPrefix(d.Title, w.titlePrefix) {
			t.Errorf("document %d: title %q, want prefix %q", i, d.Title, w.titlePrefix)
		}
		if !strings.HasPrefix(d.Text, w.textStart) {
			t.Errorf("document %d: text starts %q, want %q", i, first(d.Text, 30), w.textStart)
		}
		if string(src[d.SourceStart:d.SourceEnd]) != d.Text {
			t.Errorf("document %d: file[%d:%d] is not its Text", i, d.SourceStart, d.SourceEnd)
		}
		if d.Source != "albania-ussr-1961.txt" || d.Index != i {
			t.Errorf("document %d: source %q index %d", i, d.Source, d.Index)
		}
	}
	// web-page trailers are dropped
	for _, d := range f.Documents {
		if strings.Contains(d.Text, "Visited 1,137 times") {
			t.Errorf("document %d keeps the web-page trailer", d.Index)
		}
	}
	if f.Key != "albania-ussr-1961.txt" || len(f.SHA256) != 64 {
		t.Errorf("key %q sha %q", f.Key, f.SHA256)
	}
}

func readString(t testing.TB, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func first(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// TestInvariants checks every event of every corpus document: its quote is
// the document's text at its span, its actors are described by the document,
// its charge link points at an alleged deed, its stance is one of four.
func TestInvariants(t *testing.T) {
	x := newX(t)
	total := 0
	for _, p := range corpusFiles(t) {
		f := extractFile(t, x, p)
		for _, d := range f.Documents {
			rs := []rune(d.Text)
			ids := map[string]bool{}
			for _, a := range d.Actors {
				if a.ID == "" || a.Label == "" || a.Kind == "" {
					t.Errorf("%s#%d: actor %+v lacks id, label or kind", f.Key, d.Index, a)
				}
				ids[a.ID] = true
			}
			for _, a := range d.Actors {
				for _, r := range append(append(append([]string{}, a.MemberOf...), a.PartOf...), a.Represents...) {
					if !ids[r] {
						t.Errorf("%s#%d: actor %s points at %s, which the document does not describe", f.Key, d.Index, a.ID, r)
					}
				}
			}
			for _, id := range []string{d.Issuer, d.Addressee, d.DeliveredBy, d.DeliveredTo} {
				if id != "" && !ids[id] {
					t.Errorf("%s#%d: metadata actor %s not in Actors", f.Key, d.Index, id)
				}
			}
			for k, e := range d.Events {
				total++
				if e.Evidence.Start < 0 || e.Evidence.End > len(rs) || e.Evidence.Start >= e.Evidence.End {
					t.Errorf("%s#%d ev%d: bad span %v", f.Key, d.Index, k, e.Evidence)
					continue
				}
				if got := string(rs[e.Evidence.Start:e.Evidence.End]); got != e.Quote {
					t.Errorf("%s#%d ev%d: text at span %q != quote %q", f.Key, d.Index, k, got, e.Quote)
				}
				if !knownType(e.Type) {
					t.Errorf("%s#%d ev%d: type %q", f.Key, d.Index, k, e.Type)
				}
				switch e.Stance {
				case Performed, Alleged, Reported, Denied:
				default:
					t.Errorf("%s#%d ev%d: stance %q", f.Key, d.Index, k, e.Stance)
				}
				for _, a := range append(append([]string{e.AssertedBy}, e.Agents...), e.Targets...) {
					if a != "" && !ids[a] {
						t.Errorf("%s#%d ev%d: actor %s not in Actors", f.Key, d.Index, k, a)
					}
				}
				if len(e.Agents) == 0 {
					t.Errorf("%s#%d ev%d: no agent: %q", f.Key, d.Index, k, e.Quote)
				}
				if e.AssertedBy == "" {
					t.Errorf("%s#%d ev%d: no assertedBy", f.Key, d.Index, k)
				}
				if e.ChargeOf >= 0 {
					if e.ChargeOf >= len(d.Events) || d.Events[e.ChargeOf].Stance != Alleged || e.Type != "ACCUSE" {
						t.Errorf("%s#%d ev%d: chargeOf %d does not point at an alleged deed", f.Key, d.Index, k, e.ChargeOf)
					}
				}
				if e.Date != "" && !isoDate(e.Date) {
					t.Errorf("%s#%d ev%d: date %q", f.Key, d.Index, k, e.Date)
				}
			}
		}
	}
	if total < 50 {
		t.Errorf("only %d events in the corpus", total)
	}
}

func isoDate(s string) bool {
	switch len(s) {
	case 4, 7, 10:
	default:
		return false
	}
	for i, r := range s {
		if (i == 4 || i == 7) && r != '-' || (i != 4 && i != 7) && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func TestDeterministicAndConcurrent(t *testing.T) {
	x := newX(t)
	files := corpusFiles(t)
	want := map[string]*File{}
	for _, p := range files {
		want[p] = extractFile(t, x, p)
	}
	// a fresh extractor and several goroutines sharing one give the same result
	y := newX(t)
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			xx := x
			if g%2 == 1 {
				xx = y
			}
			for _, p := range files {
				data, _ := os.ReadFile(p)
				f, err := xx.File(p, data)
				if err != nil {
					errs <- err.Error()
					return
				}
				if !reflect.DeepEqual(f, want[p]) {
					errs <- "different result for " + p
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestInputErrors(t *testing.T) {
	x := newX(t)
	cases := []struct {
		name, path string
		data       string
		want       string
	}{
		{"empty", "a/empty.txt", "", "a/empty.txt: empty file"},
		{"binary", "bin.txt", "Note\nab\x00cd", "bin.txt:2:3: binary content"},
		{"invalid utf8", "bad.md", "line one\nline two \xff here", "bad.md:2:10: invalid UTF-8"},
		{"malformed xml", "m.xml", "<TEI>\n<text>\n<div type=\"document\"><p>x</div>\n</TEI>", "m.xml:3: malformed XML"},
		{"no document div", "n.xml", "<TEI><text><body><p>Hello</p></body></text></TEI>", `n.xml: TEI file has no div[@type="document"]`},
		{"unknown extension", "x.pdf", "%PDF", "x.pdf: unknown format"},
		{"blank text", "blank.txt", "  \n\n \n", "blank.txt: no text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := x.File(c.path, []byte(c.data))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an *InputError", err)
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got %q, want prefix %q", err.Error(), c.want)
			}
		})
	}
}

func TestDataErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, file, content, want string
	}{
		{"unknown kind", "actors.tsv", "# c\nfoo\tPlanet\tFoo\n", "actors.tsv:2: unknown kind \"Planet\""},
		{"duplicate id", "actors.tsv", "foo\tCountry\tFoo\n\nfoo\tCountry\tFoo again\n", "actors.tsv:3: duplicate actor id \"foo\""},
		{"duplicate of builtin", "actors.tsv", "albania\tCountry\tAlbania\n", "actors.tsv:1: duplicate actor id \"albania\""},
		{"unknown affiliation", "actors.tsv", "foo\tCountry\tFoo\nbar\tPerson\tBar\tmemberOf=nope\n", "actors.tsv:2: actor \"bar\": memberOf refers to unknown actor \"nope\""},
		{"bad wikidata", "actors.tsv", "foo\tCountry\tFoo\twikidata=X12\n", "actors.tsv:1: bad Wikidata id \"X12\""},
		{"not key=value", "actors.tsv", "foo\tCountry\tFoo\talias\n", "actors.tsv:1: field \"alias\" is not key=value"},
		{"bad ref rule", "actors.tsv", "@ref\tthey\tspeaker\n", "actors.tsv:1: unknown reference rule"},
		{"role with unknown institution", "actors.tsv", "# roles\n@role\tSheriff\tinst=sheriffdom\trel=memberOf\n", "actors.tsv:2: @role \"Sheriff\": unknown institution \"sheriffdom\""},
		{"ref with unknown institution", "actors.tsv", "@ref\tthe Palace\tthem+palace\n", "actors.tsv:1: reference rule names unknown institution \"palace\""},
		{"bad tei key", "actors.tsv", "x\tPerson\tX\ttei=nohash\n", "actors.tsv:1: tei= wants VOLUME#ID"},
		{"adjective without copula option", "patterns.tsv", "DENY\tfalse\tpos=adverb\n", "patterns.tsv:1: pos must be verb, noun or adj"},
		{"unknown type", "patterns.tsv", "\nSMILE\tsmile\n", "patterns.tsv:2: unknown event type \"SMILE\""},
		{"unknown slot", "patterns.tsv", "EXPEL\texpel\ttarget=behind\n", "patterns.tsv:1: unknown argument slot \"behind\""},
		{"bad cue class", "patterns.tsv", "@cue\tmaybe\tperhaps\n", "patterns.tsv:1: unknown cue class"},
		{"bad window", "patterns.tsv", "EXPEL\texpel\twindow=0\n", "patterns.tsv:1: window must be"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.file)
			if err := os.WriteFile(p, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			var opts Options
			if strings.HasPrefix(c.file, "actors") {
				opts.ActorFiles = []string{p}
			} else {
				opts.PatternFiles = []string{p}
			}
			_, err := New(opts)
			var de *DataError
			if !errors.As(err, &de) {
				t.Fatalf("got %v, want a *DataError", err)
			}
			want := filepath.Join(dir, c.want)
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("got %q, want prefix %q", err.Error(), want)
			}
		})
	}
	if _, err := New(Options{ActorFiles: []string{filepath.Join(dir, "missing.tsv")}}); err == nil || !strings.Contains(err.Error(), "missing.tsv") {
		t.Errorf("missing file: got %v", err)
	}
}
