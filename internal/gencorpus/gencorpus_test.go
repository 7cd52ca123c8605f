package gencorpus

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func generate(t *testing.T, opts Options) (map[string][]byte, Stats) {
	t.Helper()
	g, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	st, err := g.Generate(func(name string, data []byte) error {
		if _, dup := files[name]; dup {
			t.Fatalf("file %s emitted twice", name)
		}
		files[name] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, st
}

var headingRe = regexp.MustCompile(`(?m)^(Note of the Ministry of Foreign Affairs of |The contents of the verbal note )`)

func TestCountsAndShape(t *testing.T) {
	for _, tc := range []struct {
		notes, per, wantFiles int
	}{
		{25, 10, 3},
		{10, 1, 10},
		{7, 0, 1}, // 0: the default of 10 per file
		{0, 10, 0},
	} {
		files, st := generate(t, Options{Notes: tc.notes, PerFile: tc.per, Seed: 7})
		if len(files) != tc.wantFiles || st.Files != tc.wantFiles {
			t.Errorf("%d notes, %d per file: %d files (stats %d), want %d", tc.notes, tc.per, len(files), st.Files, tc.wantFiles)
		}
		if st.Notes != tc.notes {
			t.Errorf("%d notes, %d per file: stats say %d notes", tc.notes, tc.per, st.Notes)
		}
		headings, size := 0, int64(0)
		for name, data := range files {
			size += int64(len(data))
			if !utf8.Valid(data) {
				t.Errorf("%s: invalid UTF-8", name)
			}
			if bytes.ContainsAny(data, "{}") {
				t.Errorf("%s: unfilled slot in %q", name, data)
			}
			headings += len(headingRe.FindAll(data, -1))
		}
		if headings != tc.notes {
			t.Errorf("%d notes, %d per file: %d note headings in the text", tc.notes, tc.per, headings)
		}
		if size != st.Bytes {
			t.Errorf("stats say %d bytes, files hold %d", st.Bytes, size)
		}
		if tc.notes > 0 && st.Events == 0 {
			t.Errorf("%d notes and no event paragraph", tc.notes)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := generate(t, Options{Notes: 40, Seed: 1})
	b, _ := generate(t, Options{Notes: 40, Seed: 1})
	c, _ := generate(t, Options{Notes: 40, Seed: 2})
	same := 0
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs with seed 1", name)
		}
		if bytes.Equal(data, c[name]) {
			same++
		}
	}
	if same == len(a) {
		t.Error("seeds 1 and 2 give the same corpus")
	}
	// A file depends on the seed and its index only, not on the corpus size.
	d, _ := generate(t, Options{Notes: 20, Seed: 1})
	for name, data := range d {
		if !bytes.Equal(data, a[name]) {
			t.Errorf("%s differs between a 20-note and a 40-note corpus", name)
		}
	}
}

// TestNoteStructure checks one file against the genre: notes alternate
// between the two parties, dates do not go back, and a written note (not a
// verbal one) ends with its place and date.
func TestNoteStructure(t *testing.T) {
	g, err := New(Options{Notes: 10, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	data, n, _ := g.File(0)
	if n != 10 {
		t.Fatalf("file 0 has %d notes, want 10", n)
	}
	text := string(data)
	locs := headingRe.FindAllStringIndex(text, -1)
	if len(locs) != 10 {
		t.Fatalf("%d headings, want 10", len(locs))
	}
	closing := regexp.MustCompile(`\n[A-Z][a-z]+, [A-Z][a-z]+ [0-9]{1,2}, [0-9]{4}\n$`)
	for i, loc := range locs {
		end := len(text)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		note := strings.TrimRight(text[loc[0]:end], "\n") + "\n"
		if strings.HasPrefix(note, "Note of") && !closing.MatchString(note) {
			t.Errorf("note %d does not end with place and date: %q", i, note[max(0, len(note)-80):])
		}
	}
}

func TestTemplateErrors(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("data", "templates.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, edit, want string
	}{
		{"unknown slot", "[filler]\nThe {Z} said so.\n", "unknown slot {Z}"},
		{"unclosed slot", "[filler]\nThe {A said so.\n", "unclosed slot"},
		{"stray brace", "[filler]\nThe A} said so.\n", "unmatched '}'"},
		{"bad state", "[state]\nonly | two\n", "state wants"},
		{"bad header", "[filler\n", "bad section header"},
		{"recursive subject", "[subject]\nmore {subject}\n", "may not use {subject}"},
	} {
		data := append(append([]byte{}, base...), "\n"+tc.edit...)
		_, err := New(Options{Notes: 1, Templates: data, TemplatesPath: "t.txt"})
		var te *TemplateError
		if !errors.As(err, &te) {
			t.Errorf("%s: error %v, want a TemplateError", tc.name, err)
			continue
		}
		if !strings.Contains(te.Msg, tc.want) {
			t.Errorf("%s: message %q, want it to contain %q", tc.name, te.Msg, tc.want)
		}
		if tc.name != "recursive subject" {
			wantLine := bytes.Count(base, []byte{'\n'}) + 1 + strings.Count(tc.edit, "\n")
			if te.Line != wantLine {
				t.Errorf("%s: line %d, want %d", tc.name, te.Line, wantLine)
			}
		}
	}
	if _, err := New(Options{Notes: 1, Templates: []byte("[filler]\nx\n"), TemplatesPath: "t.txt"}); err == nil || !strings.Contains(err.Error(), "missing or empty") {
		t.Errorf("templates without sections: %v", err)
	}
}

func TestGazetteerFilter(t *testing.T) {
	gaz := "# comment\n" +
		"@inst\tgovernment\tGovernmentOrganization\tGovernment of {label}\theads=Government\n" +
		"veloria\tCountry\tRepublic of Veloria\n" +
		"soviet-union\tCountry\tUnion of Soviet Socialist Republics\talias=Soviet Union|USSR\tadj=Soviet\n" +
		"x\tCountry\tPolish People's Republic\tadj=Polish\n" + // typographic apostrophe in the templates
		"y\tCountry\tSomething\talias=People’s Republic of China\tadj=Chinese\n" +
		"france\tCountry\tFrench Republic\tadj=French\n" + // the templates say "France"
		"italy\tOrganization\tItaly\tadj=Italian\n" + // not a state
		"finland\tCountry\tFinland\n" // no adjective
	g, err := New(Options{Notes: 20, Seed: 1, Gazetteer: []byte(gaz)})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(g.States(), ",")
	if got != "soviet-union,china,poland" {
		t.Errorf("states kept: %s", got)
	}
	_, err = New(Options{Notes: 1, Gazetteer: []byte("a\tCountry\tNowhere\n")})
	if err == nil || !strings.Contains(err.Error(), "knows only 0") {
		t.Errorf("gazetteer with no known state: %v", err)
	}
}

func TestWriteDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	g, err := New(Options{Notes: 12, PerFile: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	st, err := g.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(names) != 3 || st.Files != 3 {
		t.Fatalf("files %v, stats %d", names, st.Files)
	}
	data, err := os.ReadFile(filepath.Join(dir, "exchange-00003.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(headingRe.FindAll(data, -1)); n != 2 {
		t.Errorf("last file holds %d notes, want 2", n)
	}
}
