package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"sort"
)

// Fingerprint identifies the knowledge an Extractor made with opts would
// use: the built-in data files and the extra ones. A store records it with
// every source, so that a source is extracted again when the gazetteer or
// the patterns change, and only then.
func Fingerprint(opts Options) (string, error) {
	h := sha256.New()
	names, err := fs.Glob(builtin, "data/*")
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	add := func(name string, data []byte) {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(data)
		h.Write([]byte{0})
	}
	for _, n := range names {
		data, err := builtin.ReadFile(n)
		if err != nil {
			return "", err
		}
		add(n, data)
	}
	for _, p := range append(append([]string(nil), opts.ActorFiles...), opts.PatternFiles...) {
		data, err := os.ReadFile(p)
		if err != nil {
			return "", &DataError{Path: p, Msg: err.Error()}
		}
		add("extra", data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
