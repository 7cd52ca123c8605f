package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"notegraph/examples"
)

// copyCorpus writes the bundled corpus into a folder of its own.
func copyCorpus(t *testing.T, dir string) string {
	t.Helper()
	src, err := examples.Corpus.ReadFile("albania-ussr-1961.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "albania-ussr-1961.txt")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Two builds of the same input, into two stores, give byte-identical exports.
func TestBuildsAreDeterministic(t *testing.T) {
	dir := t.TempDir()
	var first map[string][]byte
	for i, db := range []string{"a", "b"} {
		mustRun(t, "build", "--db", filepath.Join(dir, db), "--out", "")
		paths := exportAll(t, filepath.Join(dir, db), t.TempDir())
		got := map[string][]byte{}
		for f, p := range paths {
			got[f] = readFile(t, p)
		}
		if i == 0 {
			first = got
			continue
		}
		for f := range got {
			if !bytes.Equal(first[f], got[f]) {
				t.Errorf("%s exports of two builds differ", f)
			}
		}
	}
}

// Building the same input twice changes nothing; building a changed file
// replaces that file's documents and nothing else.
func TestRebuildAndReplace(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	p := copyCorpus(t, corpus)
	other := filepath.Join(corpus, "other.txt")
	writeNote(t, other, "Tirana, March 2, 1962", "protests vigorously")
	db := filepath.Join(dir, "db")

	mustRun(t, "build", "--db", db, "--out", "", corpus)
	before := readNQ(t, db)
	out := mustRun(t, "build", "--db", db, "--out", "", corpus)
	if !strings.Contains(out, "(2 unchanged") {
		t.Errorf("second build did not skip the unchanged files:\n%s", out)
	}
	if after := readNQ(t, db); after != before {
		t.Fatalf("rebuilding the same input changed the store")
	}

	// Change the small file: its document changes, the 1961 file's stay byte for byte.
	writeNote(t, other, "Tirana, March 3, 1962", "rejects the demand")
	mustRun(t, "build", "--db", db, "--out", "", corpus)
	after := readNQ(t, db)
	if after == before {
		t.Fatal("a changed file did not change the store")
	}
	if graphLines(before, "albania-ussr-1961") != graphLines(after, "albania-ussr-1961") {
		t.Error("changing other.txt changed the documents of albania-ussr-1961.txt")
	}
	if strings.Contains(after, "1962-03-02") || !strings.Contains(after, "1962-03-03") {
		t.Error("the changed file's document was not replaced")
	}

	// The result equals a fresh build of the changed corpus.
	fresh := filepath.Join(dir, "fresh")
	mustRun(t, "build", "--db", fresh, "--out", "", corpus)
	if readNQ(t, fresh) != after {
		t.Error("incremental rebuild differs from a fresh build of the same files")
	}
	_ = p
}

func writeNote(t *testing.T, path, closing, act string) {
	t.Helper()
	text := "Note of the Ministry of Foreign Affairs of the Albanian People’s Republic to the Embassy of the Union of Soviet Socialist Republics in Tirana:\n\n" +
		"The Ministry of Foreign Affairs of the Albanian People’s Republic " + act + " of the Soviet Government regarding the staff of the Embassy.\n\n" + closing + "\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readNQ(t *testing.T, db string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "x.nq")
	mustRun(t, "export", "--db", db, "--out", p)
	return string(readFile(t, p))
}

// graphLines keeps the N-Quads lines of the named graphs whose IRI contains key.
func graphLines(nq, key string) string {
	var b strings.Builder
	for _, l := range strings.Split(nq, "\n") {
		if i := strings.LastIndex(l, " <"); i > 0 && strings.Contains(l[i:], key) {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Bad input: one clear line naming the file (and line), a non-zero exit,
// the other files still built, and the store as it was before the bad file.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name    string
		file    string
		data    []byte
		message string // a fragment of the one-line message
	}{
		{"binary", "blob.txt", []byte("PK\x03\x04\x00\x00binary\x00data"), "blob.txt"},
		{"invalid UTF-8", "latin1.txt", []byte("Note of the Ministry\nThe Ministry protests.\nCaf\xe9 au lait\n"), "latin1.txt:3"},
		{"empty", "empty.txt", nil, "empty.txt"},
		{"malformed TEI", "broken.xml", []byte("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text><body>\n<div type=\"document\"><head>Telegram</head>\n<p>unclosed</div>\n</body></text></TEI>\n"), "broken.xml:4"},
	}
	dir := t.TempDir()
	good := copyCorpus(t, filepath.Join(dir, "good"))
	ref := filepath.Join(dir, "ref")
	mustRun(t, "build", "--db", ref, "--out", "", good)
	want := readNQ(t, ref)

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), c.file)
			if err := os.WriteFile(bad, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(t.TempDir(), "db")
			code, _, errs := notegraph(t, "build", "--db", db, "--out", "", bad, good)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], c.message) {
				t.Errorf("want one line naming %q, got:\n%s", c.message, errs)
			}
			if got := readNQ(t, db); got != want {
				t.Errorf("the good file was not built as alone, or the bad one left traces")
			}
		})
	}

	t.Run("missing path", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "db")
		code, _, errs := notegraph(t, "build", "--db", db, "--out", "", filepath.Join(dir, "no-such-file.txt"), good)
		if code != 1 || !strings.Contains(errs, "no-such-file.txt") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
		if readNQ(t, db) != want {
			t.Error("the good file was not built beside the missing one")
		}
	})
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"no-such-command"},
		{"build", "--no-such-flag"},
		{"export", "--format", "docx"},
		{"build", "--base", "not an iri"},
		{},
	} {
		code, _, errs := notegraph(t, args...)
		if code != 2 {
			t.Errorf("notegraph %v: exit %d, want 2 (%s)", args, code, errs)
		}
	}
	code, _, errs := notegraph(t, "stats", "--db", filepath.Join(t.TempDir(), "none"))
	if code == 0 || !strings.Contains(errs, "none") {
		t.Errorf("stats on a missing store: exit %d, %q", code, errs)
	}
}

// Two files whose documents would get the same IRIs: the second is refused,
// the first stays.
func TestSameDocumentIRIsRefused(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a", "note.txt")
	b := filepath.Join(dir, "b", "note.md")
	for _, p := range []string{a, b} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		writeNote(t, p, "Tirana, March 2, 1962", "protests vigorously")
	}
	db := filepath.Join(dir, "db")
	mustRun(t, "build", "--db", db, "--out", "", a)
	before := readNQ(t, db)
	code, _, errs := notegraph(t, "build", "--db", db, "--out", "", b)
	if code != 1 || !strings.Contains(errs, "note.md") || !strings.Contains(errs, "note.txt") {
		t.Errorf("exit %d, %q", code, errs)
	}
	if readNQ(t, db) != before {
		t.Error("the refused file changed the store")
	}
}

// Files of the same name in different folders are different sources; a
// file named twice is built once.
func TestSameNameInTwoFolders(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "corpus", "1961", "note.txt")
	b := filepath.Join(dir, "corpus", "1962", "note.txt")
	for i, p := range []string{a, b} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		writeNote(t, p, []string{"Tirana, March 2, 1961", "Tirana, March 2, 1962"}[i], "protests vigorously")
	}
	db := filepath.Join(dir, "db")
	out := mustRun(t, "build", "--db", db, "--out", "", filepath.Join(dir, "corpus"), a, a)
	if !strings.Contains(out, "built 3 of 3 files") || countLine(t, out, "documents") != 3 {
		t.Errorf("want the two folder files and the named file built:\n%s", out)
	}
	nq := readNQ(t, db)
	for _, key := range []string{`"corpus/1961/note.txt"`, `"corpus/1962/note.txt"`, `"note.txt"`} {
		if !strings.Contains(nq, key) {
			t.Errorf("no source %s in the store", key)
		}
	}
}
