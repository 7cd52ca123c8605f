package ntriples

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"notegraph/rdf"
)

// suiteDir is where the W3C rdf-tests live, relative to this package.
const suiteDir = "../../../shared/conformance/rdf-tests/rdf/rdf11"

type syntaxTest struct {
	name, action string
	positive     bool
}

var (
	manifestEntry  = regexp.MustCompile(`^<#([^>]+)>\s+(?:rdf:type|a)\s+rdft:Test(NTriples|NQuads)(Positive|Negative)Syntax`)
	manifestAction = regexp.MustCompile(`mf:action\s+<([^>]+)>`)
)

// readManifest reads the syntax tests of a W3C manifest. The manifests are
// regular enough (one entry header per line, then its mf:action) that a
// line reader suffices and keeps this test independent of our parsers.
func readManifest(t *testing.T, dir string) []syntaxTest {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "manifest.ttl"))
	if err != nil {
		t.Fatalf("W3C test suite missing (expected under ../shared/conformance): %v", err)
	}
	defer f.Close()
	var tests []syntaxTest
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := manifestEntry.FindStringSubmatch(line); m != nil {
			tests = append(tests, syntaxTest{name: m[1], positive: m[3] == "Positive"})
		} else if m := manifestAction.FindStringSubmatch(line); m != nil && len(tests) > 0 {
			tests[len(tests)-1].action = filepath.Join(dir, m[1])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return tests
}

func decodeAll(r io.Reader, quads bool) ([]rdf.Quad, error) {
	d := NewDecoder(r, quads)
	var qs []rdf.Quad
	for {
		q, err := d.Decode()
		if err == io.EOF {
			return qs, nil
		}
		if err != nil {
			return qs, err
		}
		qs = append(qs, q)
	}
}

func TestW3CSuites(t *testing.T) {
	for _, suite := range []struct {
		dir   string
		quads bool
		want  int
	}{
		{"rdf-n-triples", false, 70},
		{"rdf-n-quads", true, 87},
	} {
		tests := readManifest(t, filepath.Join(suiteDir, suite.dir))
		if len(tests) != suite.want {
			t.Fatalf("%s: read %d tests from the manifest, want %d", suite.dir, len(tests), suite.want)
		}
		for _, tc := range tests {
			t.Run(suite.dir+"/"+tc.name, func(t *testing.T) {
				if tc.action == "" {
					t.Fatal("no mf:action in manifest")
				}
				data, err := os.ReadFile(tc.action)
				if err != nil {
					t.Fatal(err)
				}
				qs, err := decodeAll(strings.NewReader(string(data)), suite.quads)
				if tc.positive {
					if err != nil {
						t.Fatalf("rejected valid input: %v\n%s", err, data)
					}
					roundTrip(t, qs, suite.quads)
					return
				}
				if err == nil {
					t.Fatalf("accepted invalid input:\n%s", data)
				}
				var se *rdf.SyntaxError
				if !errors.As(err, &se) || se.Line < 1 || se.Col < 1 {
					t.Fatalf("error %v is not a positioned *rdf.SyntaxError", err)
				}
			})
		}
	}
}

// roundTrip encodes qs and decodes the result, which must give qs back.
func roundTrip(t *testing.T, qs []rdf.Quad, quads bool) {
	t.Helper()
	var b strings.Builder
	e := NewEncoder(&b, quads)
	for _, q := range qs {
		if err := e.Encode(q); err != nil {
			// Our encoder is stricter than the grammar on blank node
			// labels (ASCII only, so every syntax can carry them).
			if q.S.Kind == rdf.Blank || q.O.Kind == rdf.Blank || q.G.Kind == rdf.Blank {
				return
			}
			t.Fatalf("encode %v: %v", q, err)
		}
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := decodeAll(strings.NewReader(b.String()), quads)
	if err != nil {
		t.Fatalf("re-decode: %v\n%s", err, b.String())
	}
	if len(got) != len(qs) {
		t.Fatalf("round trip: %d quads, want %d\n%s", len(got), len(qs), b.String())
	}
	for i := range qs {
		if got[i] != qs[i] {
			t.Errorf("round trip quad %d: got %v, want %v", i, got[i], qs[i])
		}
	}
}
