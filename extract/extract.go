package extract

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// The built-in knowledge: the actor gazetteer and the event patterns. They are
// data, so that a researcher extends them without touching Go.
//
//go:embed data/*.tsv
var builtin embed.FS

// Options names extra data files, read after the built-in ones.
type Options struct {
	ActorFiles   []string // gazetteer files in the format of data/actors.tsv
	PatternFiles []string // pattern files in the format of data/patterns.tsv
}

// Extractor turns source files into documents, actors and events. It is
// immutable after New, so one Extractor serves several goroutines.
type Extractor struct {
	gaz  *gazetteer
	pats *patternSet
}

// DataError reports a fault in a gazetteer or pattern file.
type DataError struct {
	Path string
	Line int
	Msg  string
}

func (e *DataError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// InputError reports a source file that cannot be read as a document file.
type InputError struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// New loads the built-in gazetteer and patterns, then the extra files of opts.
func New(opts Options) (*Extractor, error) {
	gl := newGazetteerLoader()
	pl := newPatternLoader()
	names, err := fs.Glob(builtin, "data/*.tsv")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := builtin.ReadFile(name)
		if err != nil {
			return nil, err
		}
		switch {
		case strings.HasPrefix(filepath.Base(name), "actors"):
			err = gl.load("extract/"+name, data)
		case strings.HasPrefix(filepath.Base(name), "patterns"):
			err = pl.load("extract/"+name, data)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, p := range opts.ActorFiles {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, &DataError{Path: p, Msg: err.Error()}
		}
		if err := gl.load(p, data); err != nil {
			return nil, err
		}
	}
	for _, p := range opts.PatternFiles {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, &DataError{Path: p, Msg: err.Error()}
		}
		if err := pl.load(p, data); err != nil {
			return nil, err
		}
	}
	g, err := gl.finish()
	if err != nil {
		return nil, err
	}
	ps, err := pl.finish()
	if err != nil {
		return nil, err
	}
	return &Extractor{gaz: g, pats: ps}, nil
}

// File extracts the documents of one source file. The format follows the
// extension: .txt, .md, .markdown are plain text; .xml and .tei are TEI P5.
func (x *Extractor) File(path string, data []byte) (*File, error) {
	if len(data) == 0 {
		return nil, &InputError{Path: path, Msg: "empty file"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return nil, &InputError{Path: path, Line: line, Col: col, Msg: "binary content (NUL byte)"}
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		line, col := lineCol(data, i)
		return nil, &InputError{Path: path, Line: line, Col: col, Msg: "invalid UTF-8"}
	}
	sum := sha256.Sum256(data)
	f := &File{Path: path, Key: filepath.Base(path), SHA256: hex.EncodeToString(sum[:])}
	var docs []segDoc
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xml", ".tei":
		docs, err = x.teiDocuments(path, data)
	case ".txt", ".md", ".markdown", "":
		docs = x.plainDocuments(string(data))
	default:
		return nil, &InputError{Path: path, Msg: fmt.Sprintf("unknown format %q (want .txt, .md, .markdown, .xml or .tei)", filepath.Ext(path))}
	}
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, &InputError{Path: path, Msg: "no text"}
	}
	for i := range docs {
		docs[i].doc.Source = f.Key
		docs[i].doc.Index = i
		x.analyse(&docs[i])
		f.Documents = append(f.Documents, docs[i].doc)
	}
	return f, nil
}

// lineCol gives the 1-based line and column (in code points) of byte offset i.
func lineCol(data []byte, i int) (int, int) {
	line := 1 + bytes.Count(data[:i], []byte{'\n'})
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:i])
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}
