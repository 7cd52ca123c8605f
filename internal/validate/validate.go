// Package validate runs the independent reference tools (serdi, rapper,
// N3.js, jsonld.js, rdflib) on what notegraph writes, so that every
// package's tests can check its output against tools that are not ours.
// It is a normal package, not a _test file, so that any test can import it.
//
// A missing tool fails the test with the command that installs it: the
// checks are part of the test suite and never skip silently.
package validate

import (
	"bytes"
	"embed"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

//go:embed n3check.js jsonld2nq.js isomorphic.py
var scripts embed.FS

const (
	aptInstall = "apt-get install -y raptor2-utils serdi python3-rdflib"
	npmInstall = "npm install --prefix .tools n3 jsonld"
)

// Root returns the repository root: the nearest directory above the
// test's working directory that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("validate: no go.mod above the working directory")
		}
		dir = parent
	}
}

// WriteTemp writes data to a file named name in the test's temporary
// directory and returns its path, for checking bytes rather than files.
func WriteTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var (
	scriptOnce sync.Once
	scriptDir  string
	scriptErr  error
)

// script returns the path of an embedded script, written once per test
// binary to a private directory.
func script(t testing.TB, name string) string {
	t.Helper()
	scriptOnce.Do(func() {
		scriptDir, scriptErr = os.MkdirTemp("", "notegraph-validate-")
		if scriptErr != nil {
			return
		}
		entries, _ := scripts.ReadDir(".")
		for _, e := range entries {
			data, _ := scripts.ReadFile(e.Name())
			if scriptErr = os.WriteFile(filepath.Join(scriptDir, e.Name()), data, 0o644); scriptErr != nil {
				return
			}
		}
	})
	if scriptErr != nil {
		t.Fatalf("validate: writing scripts: %v", scriptErr)
	}
	return filepath.Join(scriptDir, name)
}

func need(t testing.TB, tool, install string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Fatalf("validate: %s not found; install it with: %s", tool, install)
	}
	return path
}

// run executes a tool and returns its standard output, or an error that
// carries the tool's own message.
func run(cmd *exec.Cmd) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = strings.TrimSpace(stdout.String())
		}
		return stdout.Bytes(), &ToolError{Tool: filepath.Base(cmd.Path), Err: err, Msg: msg}
	}
	return stdout.Bytes(), nil
}

// ToolError is a validator's rejection, with what the tool printed.
type ToolError struct {
	Tool string
	Err  error
	Msg  string
}

func (e *ToolError) Error() string { return e.Tool + ": " + e.Err.Error() + ": " + e.Msg }

// syntax names each of our format names in the tools' vocabularies.
type syntax struct{ serdi, rapper, n3, rdflib string }

var syntaxes = map[string]syntax{
	"ttl":    {"turtle", "turtle", "text/turtle", "turtle"},
	"trig":   {"trig", "trig", "application/trig", "trig"},
	"nt":     {"ntriples", "ntriples", "application/n-triples", "nt"},
	"nq":     {"nquads", "nquads", "application/n-quads", "nquads"},
	"jsonld": {"", "", "", "json-ld"},
}

func lookup(t testing.TB, format string, tool func(syntax) string) string {
	t.Helper()
	s, ok := syntaxes[format]
	if !ok || tool(s) == "" {
		t.Fatalf("validate: format %q not supported by this check", format)
	}
	return tool(s)
}

// Serdi parses path with serdi, strict, in format (ttl, trig, nt or nq).
func Serdi(t testing.TB, format, path string) error {
	t.Helper()
	in := lookup(t, format, func(s syntax) string { return s.serdi })
	bin := need(t, "serdi", aptInstall)
	// Without -l (lax) serdi stops at the first error with a non-zero status.
	_, err := run(exec.Command(bin, "-i", in, "-o", "ntriples", path))
	return err
}

// Rapper parses path with rapper (Raptor 2) and counts the statements;
// warnings and errors both reject the file.
func Rapper(t testing.TB, format, path string) error {
	t.Helper()
	in := lookup(t, format, func(s syntax) string { return s.rapper })
	bin := need(t, "rapper", aptInstall)
	cmd := exec.Command(bin, "-q", "-i", in, "-c", path, "file:///base/")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err == nil && stderr.Len() > 0 {
		// rapper -q prints only warnings and errors.
		return &ToolError{Tool: "rapper", Err: errWarning, Msg: strings.TrimSpace(stderr.String())}
	}
	if err != nil {
		return &ToolError{Tool: "rapper", Err: err, Msg: strings.TrimSpace(stderr.String())}
	}
	return nil
}

type warning struct{}

func (warning) Error() string { return "warnings" }

var errWarning error = warning{}

func node(t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	bin := need(t, "node", "apt-get install -y nodejs")
	modules := filepath.Join(Root(t), ".tools", "node_modules")
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	return cmd
}

func needModule(t testing.TB, name string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(Root(t), ".tools", "node_modules", name, "package.json")); err != nil {
		t.Fatalf("validate: npm package %s missing; install it from the repository root with: %s", name, npmInstall)
	}
}

// N3 parses path with N3.js in strict mode for format (ttl, trig, nt, nq).
func N3(t testing.TB, format, path string) error {
	t.Helper()
	mt := lookup(t, format, func(s syntax) string { return s.n3 })
	needModule(t, "n3")
	_, err := run(node(t, script(t, "n3check.js"), mt, path))
	return err
}

// JSONLDToNQuads converts the JSON-LD file at path to N-Quads with
// jsonld.js and fails the test with jsonld.js's message if it cannot.
// jsonld.js lower-cases language tags.
func JSONLDToNQuads(t testing.TB, path string) []byte {
	t.Helper()
	needModule(t, "jsonld")
	out, err := run(node(t, script(t, "jsonld2nq.js"), path))
	if err != nil {
		t.Fatalf("validate: jsonld.js toRDF %s: %v", path, err)
	}
	return out
}

// Isomorphic compares two files with rdflib: their union graphs must be
// isomorphic and, when both formats keep named graphs (nq, trig, jsonld),
// so must be each named graph. Formats are our names: ttl, trig, nt, nq,
// jsonld. rdflib is too lax to judge syntax; check that separately.
func Isomorphic(t testing.TB, pathA, formatA, pathB, formatB string) error {
	t.Helper()
	fa := lookup(t, formatA, func(s syntax) string { return s.rdflib })
	fb := lookup(t, formatB, func(s syntax) string { return s.rdflib })
	const python = "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		t.Fatalf("validate: %s not found; install it with: %s", python, aptInstall)
	}
	if err := exec.Command(python, "-c", "import rdflib").Run(); err != nil {
		t.Fatalf("validate: rdflib missing for %s; install it with: %s", python, aptInstall)
	}
	ds := func(f string) string {
		if f == "nq" || f == "trig" || f == "jsonld" {
			return "1"
		}
		return "0"
	}
	_, err := run(exec.Command(python, script(t, "isomorphic.py"), pathA, fa, ds(formatA), pathB, fb, ds(formatB)))
	return err
}
