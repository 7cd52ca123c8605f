package rdf

import "strings"

// IRIRef is an IRI reference split into the components of RFC 3986 §3, so
// that the Turtle and SPARQL parsers resolve relative references against a
// base the same way (RFC 3986 §5.2). Scheme is empty for a relative reference.
type IRIRef struct {
	Scheme, authority, path, query, fragment string
	hasAuth, hasQuery, hasFrag               bool
}

// ParseIRIRef splits s; ok is false when s is not an IRI reference.
func ParseIRIRef(s string) (IRIRef, bool) {
	var u IRIRef
	// scheme
	if i := strings.IndexAny(s, ":/?#"); i > 0 && s[i] == ':' {
		sc := s[:i]
		ok := true
		for j, c := range sc {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && (iriDigit(c) || c == '+' || c == '-' || c == '.')) {
				ok = false
				break
			}
		}
		if ok {
			u.Scheme = sc
			s = s[i+1:]
		}
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		u.fragment, u.hasFrag = s[i+1:], true
		s = s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		u.query, u.hasQuery = s[i+1:], true
		s = s[:i]
	}
	if strings.HasPrefix(s, "//") {
		s = s[2:]
		i := strings.IndexByte(s, '/')
		if i < 0 {
			i = len(s)
		}
		u.authority, u.hasAuth = s[:i], true
		s = s[i:]
	}
	u.path = s
	return u, true
}

// String recomposes the reference (RFC 3986 §5.3).
func (u IRIRef) String() string {
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme)
		b.WriteByte(':')
	}
	if u.hasAuth {
		b.WriteString("//")
		b.WriteString(u.authority)
	}
	b.WriteString(u.path)
	if u.hasQuery {
		b.WriteByte('?')
		b.WriteString(u.query)
	}
	if u.hasFrag {
		b.WriteByte('#')
		b.WriteString(u.fragment)
	}
	return b.String()
}

// Resolve returns the target IRI of reference r against base (RFC 3986 §5.2.2).
func (base IRIRef) Resolve(r IRIRef) IRIRef {
	var t IRIRef
	switch {
	case r.Scheme != "":
		t = r
		t.path = removeDots(r.path)
	case r.hasAuth:
		t = r
		t.Scheme = base.Scheme
		t.path = removeDots(r.path)
	default:
		t.Scheme, t.authority, t.hasAuth = base.Scheme, base.authority, base.hasAuth
		if r.path == "" {
			t.path = base.path
			if r.hasQuery {
				t.query, t.hasQuery = r.query, true
			} else {
				t.query, t.hasQuery = base.query, base.hasQuery
			}
		} else {
			if strings.HasPrefix(r.path, "/") {
				t.path = removeDots(r.path)
			} else {
				var merged string
				if base.hasAuth && base.path == "" {
					merged = "/" + r.path
				} else if i := strings.LastIndexByte(base.path, '/'); i >= 0 {
					merged = base.path[:i+1] + r.path
				} else {
					merged = r.path
				}
				t.path = removeDots(merged)
			}
			t.query, t.hasQuery = r.query, r.hasQuery
		}
	}
	t.fragment, t.hasFrag = r.fragment, r.hasFrag
	return t
}

func removeDots(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	var out []string
	in := p
	for in != "" {
		switch {
		case strings.HasPrefix(in, "../"):
			in = in[3:]
		case strings.HasPrefix(in, "./"):
			in = in[2:]
		case strings.HasPrefix(in, "/./"):
			in = in[2:]
		case in == "/.":
			in = "/"
		case strings.HasPrefix(in, "/../"):
			in = in[3:]
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case in == "/..":
			in = "/"
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case in == "." || in == "..":
			in = ""
		default:
			start := 0
			if in[0] == '/' {
				start = 1
			}
			i := strings.IndexByte(in[start:], '/')
			if i < 0 {
				i = len(in)
			} else {
				i += start
			}
			out = append(out, in[:i])
			in = in[i:]
		}
	}
	return strings.Join(out, "")
}

func iriDigit(c rune) bool { return c >= '0' && c <= '9' }
