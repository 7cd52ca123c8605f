package eval

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"math"
	"math/big"
	mrand "math/rand"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	a "notegraph/query/algebra"
	"notegraph/rdf"
)

// Expressions evaluate to a term and ok; ok false is SPARQL's type error,
// which FILTER treats as false and BIND as leaving the variable unbound.

var (
	trueT  = rdf.NewTypedLiteral("true", rdf.XSDBoolean)
	falseT = rdf.NewTypedLiteral("false", rdf.XSDBoolean)
)

func boolT(b bool) rdf.Term {
	if b {
		return trueT
	}
	return falseT
}

func (e *evaluator) ebv(x a.Expr, r row, gs graphSel) (bool, bool) {
	v, ok := e.eval(x, r, gs)
	if !ok {
		return false, false
	}
	return ebvTerm(v)
}

// ebvTerm is the effective boolean value (SPARQL 1.1 §17.2.2).
func ebvTerm(v rdf.Term) (bool, bool) {
	if v.Kind != rdf.Literal {
		return false, false
	}
	switch dt := v.DatatypeIRI(); {
	case dt == rdf.XSDBoolean:
		switch v.Value {
		case "true", "1":
			return true, true
		case "false", "0":
			return false, true
		}
		return false, true
	case dt == rdf.XSDString || dt == rdf.RDFLangString:
		return v.Value != "", true
	case isNumericType(dt):
		n, ok := parseNum(v)
		if !ok {
			return false, true
		}
		switch n.kind {
		case kInt:
			return n.i != 0, true
		case kDec:
			return n.r.Sign() != 0, true
		}
		return n.f != 0 && !math.IsNaN(n.f), true
	}
	return false, false
}

func (e *evaluator) eval(x a.Expr, r row, gs graphSel) (rdf.Term, bool) {
	switch v := x.(type) {
	case a.ExprVar:
		s, ok := e.slots[v.Name]
		if !ok || s >= len(r) || r[s].IsZero() {
			return rdf.Term{}, false
		}
		return r[s], true
	case a.ExprTerm:
		return v.Term, true
	case *a.ExprExists:
		p := e.existsPlans(v)
		found := false
		e.run(p, clone(r), gs, func(row) bool {
			found = true
			return false
		})
		return boolT(found != v.Not), e.err == nil
	case a.ExprIn:
		left, ok := e.eval(v.Expr, r, gs)
		if !ok {
			return rdf.Term{}, false
		}
		sawErr := false
		for _, item := range v.List {
			t, ok := e.eval(item, r, gs)
			if !ok {
				sawErr = true
				continue
			}
			eq, ok := equalTerms(left, t)
			if !ok {
				sawErr = true
				continue
			}
			if eq {
				return boolT(!v.Not), true
			}
		}
		if sawErr {
			return rdf.Term{}, false
		}
		return boolT(v.Not), true
	case a.ExprCall:
		return e.call(v, r, gs)
	}
	return rdf.Term{}, false
}

func (e *evaluator) args(c a.ExprCall, r row, gs graphSel) ([]rdf.Term, bool) {
	out := make([]rdf.Term, len(c.Args))
	for i, x := range c.Args {
		t, ok := e.eval(x, r, gs)
		if !ok {
			return nil, false
		}
		out[i] = t
	}
	return out, true
}

func (e *evaluator) call(c a.ExprCall, r row, gs graphSel) (rdf.Term, bool) {
	switch c.Func {
	case "||", "&&":
		l, lok := e.ebv(c.Args[0], r, gs)
		rr, rok := e.ebv(c.Args[1], r, gs)
		if c.Func == "||" {
			if lok && l || rok && rr {
				return trueT, true
			}
			if lok && rok {
				return falseT, true
			}
			return rdf.Term{}, false
		}
		if lok && !l || rok && !rr {
			return falseT, true
		}
		if lok && rok {
			return trueT, true
		}
		return rdf.Term{}, false
	case "!":
		b, ok := e.ebv(c.Args[0], r, gs)
		return boolT(!b), ok
	case "BOUND":
		s, ok := e.slots[c.Args[0].(a.ExprVar).Name]
		return boolT(ok && s < len(r) && !r[s].IsZero()), true
	case "COALESCE":
		for _, x := range c.Args {
			if t, ok := e.eval(x, r, gs); ok {
				return t, true
			}
		}
		return rdf.Term{}, false
	case "IF":
		b, ok := e.ebv(c.Args[0], r, gs)
		if !ok {
			return rdf.Term{}, false
		}
		if b {
			return e.eval(c.Args[1], r, gs)
		}
		return e.eval(c.Args[2], r, gs)
	case "BNODE":
		if len(c.Args) == 0 {
			e.nblank++
			return rdf.NewBlank(fmt.Sprintf("fnb%d", e.nblank)), true
		}
		// BNODE(str) gives the same node for the same string within one
		// solution: the solution is known by its other bindings.
		arg, ok := e.eval(c.Args[0], r, gs)
		if !ok || !isSimple(arg) {
			return rdf.Term{}, false
		}
		var key strings.Builder
		for _, t := range r {
			if !(t.Kind == rdf.Blank && strings.HasPrefix(t.Value, "fnb")) {
				key.WriteString(t.String())
			}
			key.WriteByte(0)
		}
		key.WriteString(arg.Value)
		if e.bnodeOf == nil {
			e.bnodeOf = map[string]rdf.Term{}
		}
		b, seen := e.bnodeOf[key.String()]
		if !seen {
			e.nblank++
			b = rdf.NewBlank(fmt.Sprintf("fnb%d", e.nblank))
			e.bnodeOf[key.String()] = b
		}
		return b, true
	case "RAND":
		if e.rng == nil {
			e.rng = mrand.New(mrand.NewSource(e.opts.Now.UnixNano()))
		}
		return rdf.NewTypedLiteral(formatDouble(e.rng.Float64()), rdf.XSDDouble), true
	case "NOW":
		return rdf.NewTypedLiteral(e.opts.Now.Format("2006-01-02T15:04:05.000Z07:00"), rdf.XSDDateTime), true
	case "UUID", "STRUUID":
		var b [16]byte
		rand.Read(b[:])
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		u := fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
		if c.Func == "UUID" {
			return rdf.NewIRI("urn:uuid:" + u), true
		}
		return rdf.NewLiteral(u), true
	}
	args, ok := e.args(c, r, gs)
	if !ok {
		return rdf.Term{}, false
	}
	return e.apply(c.Func, args)
}

func isStringLit(t rdf.Term) bool {
	return t.Kind == rdf.Literal && (t.Datatype == "" || t.Datatype == rdf.XSDString)
}

func isSimple(t rdf.Term) bool {
	return t.Kind == rdf.Literal && t.Lang == "" && (t.Datatype == "" || t.Datatype == rdf.XSDString)
}

// compatible2 is the argument compatibility of the string functions
// (SPARQL 1.1 §17.4.3.1.1).
func compatible2(x, y rdf.Term) bool {
	if !isStringLit(x) || !isStringLit(y) {
		return false
	}
	return y.Lang == "" || strings.EqualFold(x.Lang, y.Lang)
}

func sameKind(src rdf.Term, v string) rdf.Term {
	return rdf.Term{Kind: rdf.Literal, Value: v, Lang: src.Lang, Datatype: src.Datatype}
}

func intT(n int64) rdf.Term { return rdf.NewTypedLiteral(strconv.FormatInt(n, 10), rdf.XSDInteger) }

func (e *evaluator) apply(f string, x []rdf.Term) (rdf.Term, bool) {
	fail := rdf.Term{}
	switch f {
	case "=", "!=":
		eq, ok := equalTerms(x[0], x[1])
		if !ok {
			return fail, false
		}
		return boolT(eq == (f == "=")), true
	case "<", ">", "<=", ">=":
		c, ok := compareValues(x[0], x[1])
		if !ok {
			return fail, false
		}
		switch f {
		case "<":
			return boolT(c < 0), true
		case ">":
			return boolT(c > 0), true
		case "<=":
			return boolT(c <= 0), true
		}
		return boolT(c >= 0), true
	case "+", "-", "*", "/":
		l, ok1 := parseNum(x[0])
		rr, ok2 := parseNum(x[1])
		if !ok1 || !ok2 {
			return fail, false
		}
		n, ok := arith(f, l, rr)
		if !ok {
			return fail, false
		}
		return n.term(), true
	case "u-", "u+":
		n, ok := parseNum(x[0])
		if !ok {
			return fail, false
		}
		if f == "u-" {
			n, _ = arith("-", num{kind: kInt}, n)
		}
		return n.term(), true
	case "STR":
		if x[0].Kind == rdf.Blank {
			return fail, false
		}
		return rdf.NewLiteral(x[0].Value), true
	case "LANG":
		if x[0].Kind != rdf.Literal {
			return fail, false
		}
		return rdf.NewLiteral(x[0].Lang), true
	case "DATATYPE":
		if x[0].Kind != rdf.Literal {
			return fail, false
		}
		return rdf.NewIRI(x[0].DatatypeIRI()), true
	case "LANGMATCHES":
		if !isSimple(x[0]) || !isSimple(x[1]) {
			return fail, false
		}
		tag, rng := strings.ToLower(x[0].Value), strings.ToLower(x[1].Value)
		if rng == "*" {
			return boolT(tag != ""), true
		}
		return boolT(tag == rng || strings.HasPrefix(tag, rng+"-")), true
	case "IRI":
		switch x[0].Kind {
		case rdf.IRI:
			return x[0], true
		case rdf.Literal:
			if !isSimple(x[0]) {
				return fail, false
			}
			return rdf.NewIRI(e.resolveIRI(x[0].Value)), true
		}
		return fail, false
	case "ABS", "CEIL", "FLOOR", "ROUND":
		n, ok := parseNum(x[0])
		if !ok {
			return fail, false
		}
		return roundish(f, n).term(), true
	case "STRLEN":
		if !isStringLit(x[0]) {
			return fail, false
		}
		return intT(int64(utf8.RuneCountInString(x[0].Value))), true
	case "UCASE":
		if !isStringLit(x[0]) {
			return fail, false
		}
		return sameKind(x[0], strings.ToUpper(x[0].Value)), true
	case "LCASE":
		if !isStringLit(x[0]) {
			return fail, false
		}
		return sameKind(x[0], strings.ToLower(x[0].Value)), true
	case "ENCODE_FOR_URI":
		if !isStringLit(x[0]) {
			return fail, false
		}
		return rdf.NewLiteral(encodeForURI(x[0].Value)), true
	case "CONCAT":
		var b strings.Builder
		lang, dt := "", ""
		for i, t := range x {
			if !isStringLit(t) {
				return fail, false
			}
			if i == 0 {
				lang, dt = t.Lang, t.Datatype
			} else {
				if t.Lang != lang {
					lang = ""
					dt = ""
				}
				if t.Datatype != dt {
					dt = ""
				}
			}
			b.WriteString(t.Value)
		}
		if lang != "" {
			return rdf.NewLangLiteral(b.String(), lang), true
		}
		return rdf.Term{Kind: rdf.Literal, Value: b.String(), Datatype: dt}, true
	case "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER":
		if !compatible2(x[0], x[1]) {
			return fail, false
		}
		s, t := x[0].Value, x[1].Value
		switch f {
		case "CONTAINS":
			return boolT(strings.Contains(s, t)), true
		case "STRSTARTS":
			return boolT(strings.HasPrefix(s, t)), true
		case "STRENDS":
			return boolT(strings.HasSuffix(s, t)), true
		}
		i := strings.Index(s, t)
		if i < 0 {
			return rdf.NewLiteral(""), true
		}
		var out string
		if f == "STRBEFORE" {
			out = s[:i]
		} else {
			out = s[i+len(t):]
		}
		if out == "" && t == "" {
			return sameKind(x[0], ""), true
		}
		return sameKind(x[0], out), true
	case "SUBSTR":
		if !isStringLit(x[0]) {
			return fail, false
		}
		start, ok := parseNum(x[1])
		if !ok {
			return fail, false
		}
		runes := []rune(x[0].Value)
		from := start.float()
		to := math.Inf(1)
		if len(x) == 3 {
			l, ok := parseNum(x[2])
			if !ok {
				return fail, false
			}
			to = from + l.float()
		}
		var b strings.Builder
		for i, c := range runes {
			pos := float64(i + 1)
			if pos >= math.Round(from) && pos < math.Round(from)+(math.Round(to-from)) || len(x) == 2 && pos >= math.Round(from) {
				b.WriteRune(c)
			}
		}
		return sameKind(x[0], b.String()), true
	case "REGEX", "REPLACE":
		if !isStringLit(x[0]) || !isSimple(x[1]) {
			return fail, false
		}
		flags := ""
		last := 2
		if f == "REPLACE" {
			last = 3
			if !isSimple(x[2]) {
				return fail, false
			}
		}
		if len(x) > last {
			if !isSimple(x[last]) {
				return fail, false
			}
			flags = x[last].Value
		}
		re, ok := e.regex(x[1].Value, flags)
		if !ok {
			return fail, false
		}
		if f == "REGEX" {
			return boolT(re.MatchString(x[0].Value)), true
		}
		if re.MatchString("") {
			return fail, false
		}
		repl := convertReplacement(x[2].Value)
		return sameKind(x[0], re.ReplaceAllString(x[0].Value, repl)), true
	case "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ":
		d, ok := parseDateTime(x[0])
		if !ok {
			return fail, false
		}
		switch f {
		case "YEAR":
			return intT(d.year), true
		case "MONTH":
			return intT(int64(d.month)), true
		case "DAY":
			return intT(int64(d.day)), true
		case "HOURS":
			return intT(int64(d.hour)), true
		case "MINUTES":
			return intT(int64(d.min)), true
		case "SECONDS":
			return rdf.NewTypedLiteral(d.sec, rdf.XSDDecimal), true
		case "TIMEZONE":
			if !d.hasTZ {
				return fail, false
			}
			return rdf.NewTypedLiteral(tzDuration(d.tzMin), rdf.XSD+"dayTimeDuration"), true
		}
		return rdf.NewLiteral(d.tz), true
	case "MD5", "SHA1", "SHA256", "SHA384", "SHA512":
		if !isSimple(x[0]) {
			return fail, false
		}
		var h hash.Hash
		switch f {
		case "MD5":
			h = md5.New()
		case "SHA1":
			h = sha1.New()
		case "SHA256":
			h = sha256.New()
		case "SHA384":
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write([]byte(x[0].Value))
		return rdf.NewLiteral(fmt.Sprintf("%x", h.Sum(nil))), true
	case "STRLANG":
		if !isSimple(x[0]) || !isSimple(x[1]) || x[1].Value == "" {
			return fail, false
		}
		return rdf.NewLangLiteral(x[0].Value, x[1].Value), true
	case "STRDT":
		if !isSimple(x[0]) || x[1].Kind != rdf.IRI {
			return fail, false
		}
		return rdf.NewTypedLiteral(x[0].Value, x[1].Value), true
	case "SAMETERM":
		return boolT(sameTerm(x[0], x[1])), true
	case "ISIRI":
		return boolT(x[0].Kind == rdf.IRI), true
	case "ISBLANK":
		return boolT(x[0].Kind == rdf.Blank), true
	case "ISLITERAL":
		return boolT(x[0].Kind == rdf.Literal), true
	case "ISNUMERIC":
		_, ok := parseNum(x[0])
		return boolT(ok), true
	}
	if strings.HasPrefix(f, rdf.XSD) && len(x) == 1 {
		return cast(f, x[0])
	}
	return fail, false
}

func sameTerm(x, y rdf.Term) bool {
	if x.Kind == rdf.Literal && y.Kind == rdf.Literal {
		return x.Value == y.Value && strings.EqualFold(x.Lang, y.Lang) && normDT(x) == normDT(y)
	}
	return x == y
}

func normDT(t rdf.Term) string {
	if t.Datatype == rdf.XSDString {
		return ""
	}
	return t.Datatype
}

func (e *evaluator) resolveIRI(s string) string {
	if e.base == "" {
		return s
	}
	b, err := url.Parse(e.base)
	if err != nil {
		return s
	}
	r, err := url.Parse(s)
	if err != nil || r.IsAbs() {
		return s
	}
	return b.ResolveReference(r).String()
}

func (e *evaluator) regex(pattern, flags string) (*regexp.Regexp, bool) {
	key := flags + "/" + pattern
	if re, ok := e.regexes[key]; ok {
		return re, re != nil
	}
	prefix := ""
	for _, c := range flags {
		switch c {
		case 'i', 's', 'm':
			prefix += string(c)
		case 'x':
			pattern = regexp.MustCompile(`\s+`).ReplaceAllString(pattern, "")
		case 'q':
			pattern = regexp.QuoteMeta(pattern)
		default:
			if e.regexes == nil {
				e.regexes = map[string]*regexp.Regexp{}
			}
			e.regexes[key] = nil
			return nil, false
		}
	}
	if prefix != "" {
		pattern = "(?" + prefix + ")" + pattern
	}
	re, err := regexp.Compile(pattern)
	if e.regexes == nil {
		e.regexes = map[string]*regexp.Regexp{}
	}
	if err != nil {
		e.regexes[key] = nil
		return nil, false
	}
	e.regexes[key] = re
	return re, true
}

// convertReplacement turns XPath's $1 references into Go's ${1}.
func convertReplacement(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			if s[i] == '$' {
				b.WriteString("$$")
			} else {
				b.WriteByte(s[i])
			}
		case c == '$':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString("${" + s[i+1:j] + "}")
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func encodeForURI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// ---- numbers ---------------------------------------------------------------------------

type numKind uint8

const (
	kInt numKind = iota
	kDec
	kFloat
	kDouble
)

type num struct {
	kind numKind
	i    int64
	r    *big.Rat
	f    float64
}

var intTypes = map[string]bool{
	rdf.XSDInteger: true, rdf.XSD + "int": true, rdf.XSD + "long": true, rdf.XSD + "short": true,
	rdf.XSD + "byte": true, rdf.XSDNonNegInt: true, rdf.XSD + "positiveInteger": true,
	rdf.XSD + "negativeInteger": true, rdf.XSD + "nonPositiveInteger": true,
	rdf.XSD + "unsignedLong": true, rdf.XSD + "unsignedInt": true, rdf.XSD + "unsignedShort": true,
	rdf.XSD + "unsignedByte": true,
}

func isNumericType(dt string) bool {
	return intTypes[dt] || dt == rdf.XSDDecimal || dt == rdf.XSD+"float" || dt == rdf.XSDDouble
}

// Lexical checks by hand: these run for every number a query touches.

func digitsEnd(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func isIntLex(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	j := digitsEnd(s, i)
	return j > i && j == len(s)
}

// decPrefix returns the end of [+-]?(digits(.digits*)?|.digits) from 0,
// or -1.
func decPrefix(s string) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	j := digitsEnd(s, i)
	n := j - i
	if j < len(s) && s[j] == '.' {
		k := digitsEnd(s, j+1)
		n += k - j - 1
		j = k
	}
	if n == 0 {
		return -1
	}
	return j
}

func isDecLex(s string) bool { return decPrefix(s) == len(s) }

func isDblLex(s string) bool {
	switch s {
	case "INF", "+INF", "-INF", "NaN":
		return true
	}
	j := decPrefix(s)
	if j < 0 {
		return false
	}
	if j == len(s) {
		return true
	}
	if s[j] != 'e' && s[j] != 'E' {
		return false
	}
	j++
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	k := digitsEnd(s, j)
	return k > j && k == len(s)
}

func parseNum(t rdf.Term) (num, bool) {
	if t.Kind != rdf.Literal || t.Lang != "" {
		return num{}, false
	}
	dt := t.Datatype
	v := strings.TrimSpace(t.Value)
	switch {
	case intTypes[dt]:
		if !isIntLex(v) {
			return num{}, false
		}
		i, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			r, ok := new(big.Rat).SetString(v)
			return num{kind: kDec, r: r}, ok
		}
		return num{kind: kInt, i: i}, true
	case dt == rdf.XSDDecimal:
		if !isDecLex(v) {
			return num{}, false
		}
		r, ok := new(big.Rat).SetString(v)
		return num{kind: kDec, r: r}, ok
	case dt == rdf.XSD+"float" || dt == rdf.XSDDouble:
		if !isDblLex(v) {
			return num{}, false
		}
		f, err := strconv.ParseFloat(strings.Replace(v, "INF", "Inf", 1), 64)
		if err != nil && !math.IsInf(f, 0) {
			return num{}, false
		}
		k := kDouble
		if dt == rdf.XSD+"float" {
			k = kFloat
			f = float64(float32(f))
		}
		return num{kind: k, f: f}, true
	}
	return num{}, false
}

func (n num) rat() *big.Rat {
	switch n.kind {
	case kInt:
		return new(big.Rat).SetInt64(n.i)
	case kDec:
		return n.r
	}
	r, _ := new(big.Rat).SetString(strconv.FormatFloat(n.f, 'g', -1, 64))
	if r == nil {
		r = new(big.Rat)
	}
	return r
}

func (n num) float() float64 {
	switch n.kind {
	case kInt:
		return float64(n.i)
	case kDec:
		f, _ := n.r.Float64()
		return f
	}
	return n.f
}

func arith(op string, x, y num) (num, bool) {
	k := max(x.kind, y.kind)
	if op == "/" && k == kInt {
		k = kDec
	}
	switch k {
	case kInt:
		var r int64
		var overflow bool
		switch op {
		case "+":
			r = x.i + y.i
			overflow = (x.i > 0 && y.i > 0 && r < 0) || (x.i < 0 && y.i < 0 && r >= 0)
		case "-":
			r = x.i - y.i
			overflow = (x.i >= 0 && y.i < 0 && r < 0) || (x.i < 0 && y.i > 0 && r >= 0)
		case "*":
			r = x.i * y.i
			overflow = x.i != 0 && r/x.i != y.i
		}
		if !overflow {
			return num{kind: kInt, i: r}, true
		}
		k = kDec
		fallthrough
	case kDec:
		xr, yr := x.rat(), y.rat()
		r := new(big.Rat)
		switch op {
		case "+":
			r.Add(xr, yr)
		case "-":
			r.Sub(xr, yr)
		case "*":
			r.Mul(xr, yr)
		case "/":
			if yr.Sign() == 0 {
				return num{}, false
			}
			r.Quo(xr, yr)
		}
		return num{kind: kDec, r: r}, true
	}
	xf, yf := x.float(), y.float()
	var f float64
	switch op {
	case "+":
		f = xf + yf
	case "-":
		f = xf - yf
	case "*":
		f = xf * yf
	case "/":
		f = xf / yf
	}
	if k == kFloat {
		f = float64(float32(f))
	}
	return num{kind: k, f: f}, true
}

func roundish(f string, n num) num {
	switch n.kind {
	case kInt:
		if f == "ABS" && n.i < 0 {
			n.i = -n.i
		}
		return n
	case kDec:
		r := n.r
		switch f {
		case "ABS":
			return num{kind: kDec, r: new(big.Rat).Abs(r)}
		case "CEIL", "FLOOR", "ROUND":
			q, m := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int)) // floor division
			switch f {
			case "CEIL":
				if m.Sign() != 0 {
					q.Add(q, big.NewInt(1))
				}
			case "ROUND":
				// round half up: floor(x + 1/2)
				h := new(big.Rat).Add(r, big.NewRat(1, 2))
				q = new(big.Int).Div(h.Num(), h.Denom())
			}
			return num{kind: kDec, r: new(big.Rat).SetInt(q)}
		}
	}
	x := n.f
	switch f {
	case "ABS":
		x = math.Abs(x)
	case "CEIL":
		x = math.Ceil(x)
	case "FLOOR":
		x = math.Floor(x)
	case "ROUND":
		x = math.Floor(x + 0.5)
	}
	return num{kind: n.kind, f: x}
}

func (n num) term() rdf.Term {
	switch n.kind {
	case kInt:
		return intT(n.i)
	case kDec:
		return rdf.NewTypedLiteral(formatDecimal(n.r), rdf.XSDDecimal)
	case kFloat:
		return rdf.NewTypedLiteral(formatFloatBits(n.f, 32), rdf.XSD+"float")
	}
	return rdf.NewTypedLiteral(formatDouble(n.f), rdf.XSDDouble)
}

// formatDecimal writes the canonical xsd:decimal form: no exponent, at
// least one digit after the point.
func formatDecimal(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String() + ".0"
	}
	// Like Oxigraph (and XPath's minimum), 18 fractional digits,
	// truncated.
	scaled := new(big.Int).Mul(r.Num(), new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil))
	scaled.Quo(scaled, r.Denom())
	neg := scaled.Sign() < 0
	digits := new(big.Int).Abs(scaled).String()
	if len(digits) <= 18 {
		digits = strings.Repeat("0", 19-len(digits)) + digits
	}
	s := digits[:len(digits)-18] + "." + digits[len(digits)-18:]
	if neg {
		s = "-" + s
	}
	s = strings.TrimRight(s, "0")
	if strings.HasSuffix(s, ".") {
		s += "0"
	}
	return s
}

// formatDouble writes the canonical xsd:double form (1.5E2).
func formatDouble(f float64) string { return formatFloatBits(f, 64) }

// formatFloatBits writes the canonical form with the shortest digits
// that identify the value at the given precision (32: xsd:float).
func formatFloatBits(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	}
	s := strconv.FormatFloat(f, 'E', -1, bits)
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	ei, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(ei)
}

// ---- comparison -------------------------------------------------------------------------

func litClass(t rdf.Term) string {
	if t.Kind != rdf.Literal {
		return ""
	}
	dt := t.DatatypeIRI()
	// Ill-typed literals ("xyz"^^xsd:integer) are of no known type.
	switch {
	case isNumericType(dt):
		if _, ok := parseNum(t); !ok {
			return ""
		}
		return "num"
	case dt == rdf.XSDString:
		return "str"
	case dt == rdf.RDFLangString:
		return "lang"
	case dt == rdf.XSDBoolean:
		return "bool"
	case dt == rdf.XSDDateTime || dt == rdf.XSDDate:
		return "date"
	}
	return ""
}

// compareValues compares two terms by value where SPARQL's operators
// define an order.
func compareValues(x, y rdf.Term) (int, bool) {
	cx, cy := litClass(x), litClass(y)
	if cx == "" || cx != cy {
		return 0, false
	}
	switch cx {
	case "num":
		nx, ok1 := parseNum(x)
		ny, ok2 := parseNum(y)
		if !ok1 || !ok2 {
			return 0, false
		}
		return compareNums(nx, ny)
	case "str":
		return strings.Compare(x.Value, y.Value), true
	case "bool":
		bx, ok1 := ebvTerm(x)
		by, ok2 := ebvTerm(y)
		if !ok1 || !ok2 || !validBool(x) || !validBool(y) {
			return 0, false
		}
		switch {
		case bx == by:
			return 0, true
		case !bx:
			return -1, true
		}
		return 1, true
	case "date":
		if x.Datatype != y.Datatype {
			return 0, false
		}
		tx, ok1 := parseDateTime(x)
		ty, ok2 := parseDateTime(y)
		if !ok1 || !ok2 {
			return 0, false
		}
		if tx.hasTZ == ty.hasTZ {
			return tx.t.Compare(ty.t), true
		}
		// One side without a time zone may lie anywhere from UTC-14 to
		// UTC+14 (XML Schema §3.2.7.4): only a wider gap decides.
		flip := 1
		if !tx.hasTZ {
			tx, ty = ty, tx
			flip = -1
		}
		lo, hi := ty.t.Add(-14*time.Hour), ty.t.Add(14*time.Hour)
		switch {
		case tx.t.Before(lo):
			return -flip, true
		case tx.t.After(hi):
			return flip, true
		}
		return 0, false
	}
	return 0, false
}

func validBool(t rdf.Term) bool {
	switch t.Value {
	case "true", "false", "1", "0":
		return true
	}
	return false
}

func compareNums(x, y num) (int, bool) {
	if x.kind == kInt && y.kind == kInt {
		switch {
		case x.i < y.i:
			return -1, true
		case x.i > y.i:
			return 1, true
		}
		return 0, true
	}
	if x.kind <= kDec && y.kind <= kDec {
		return x.rat().Cmp(y.rat()), true
	}
	fx, fy := x.float(), y.float()
	if math.IsNaN(fx) || math.IsNaN(fy) {
		return 0, false
	}
	switch {
	case fx < fy:
		return -1, true
	case fx > fy:
		return 1, true
	}
	return 0, true
}

// equalTerms is SPARQL's "=": value equality where the types are known,
// term equality otherwise, and a type error for literals it cannot judge.
func equalTerms(x, y rdf.Term) (bool, bool) {
	cx, cy := litClass(x), litClass(y)
	if cx == "date" && cy == "date" && x.Datatype != y.Datatype {
		return false, true // an xsd:date is never an xsd:dateTime
	}
	if cx != "" && cx == cy && cx != "lang" {
		c, ok := compareValues(x, y)
		if ok {
			return c == 0, true
		}
		if cx == "num" || cx == "bool" || cx == "date" {
			if sameTerm(x, y) {
				return true, true
			}
			return false, false
		}
	}
	if sameTerm(x, y) {
		return true, true
	}
	if x.Kind == rdf.Literal && y.Kind == rdf.Literal {
		if cx != "" && cy != "" {
			if cx == cy && cx == "num" {
				return false, false
			}
			return false, true
		}
		return false, false
	}
	return false, true
}

// ---- dates ------------------------------------------------------------------------------

type dateTime struct {
	year       int64
	month, day int
	hour, min  int
	sec        string
	hasTZ      bool
	tz         string
	tzMin      int
	t          time.Time
}

// splitDateTime cuts an xsd:date or xsd:dateTime lexical form into
// year, month, day, hour, minute, second and zone, or reports false.
func splitDateTime(v string) (m [8]string, ok bool) {
	i := 0
	if strings.HasPrefix(v, "-") {
		i = 1
	}
	j := digitsEnd(v, i)
	if j-i < 4 {
		return m, false
	}
	m[1] = v[:j]
	two := func(at int, sep byte) (string, bool) {
		if at+3 > len(v) || v[at] != sep || digitsEnd(v, at+1) < at+3 {
			return "", false
		}
		return v[at+1 : at+3], true
	}
	var good bool
	if m[2], good = two(j, '-'); !good {
		return m, false
	}
	if m[3], good = two(j+3, '-'); !good {
		return m, false
	}
	j += 6
	if j < len(v) && v[j] == 'T' {
		if m[4], good = two(j, 'T'); !good {
			return m, false
		}
		if m[5], good = two(j+3, ':'); !good {
			return m, false
		}
		if m[6], good = two(j+6, ':'); !good {
			return m, false
		}
		j += 9
		if j < len(v) && v[j] == '.' {
			k := digitsEnd(v, j+1)
			if k == j+1 {
				return m, false
			}
			m[6] += v[j:k]
			j = k
		}
	}
	switch {
	case j == len(v):
	case v[j:] == "Z":
		m[7] = "Z"
	case len(v)-j == 6 && (v[j] == '+' || v[j] == '-') && v[j+3] == ':' && digitsEnd(v, j+1) == j+3 && digitsEnd(v, j+4) == len(v):
		m[7] = v[j:]
	default:
		return m, false
	}
	return m, true
}

func parseDateTime(t rdf.Term) (dateTime, bool) {
	if t.Kind != rdf.Literal || t.Datatype != rdf.XSDDateTime && t.Datatype != rdf.XSDDate {
		return dateTime{}, false
	}
	m, ok := splitDateTime(t.Value)
	if !ok || (t.Datatype == rdf.XSDDateTime) != (m[4] != "") {
		return dateTime{}, false
	}
	var d dateTime
	d.year, _ = strconv.ParseInt(m[1], 10, 64)
	d.month, _ = strconv.Atoi(m[2])
	d.day, _ = strconv.Atoi(m[3])
	if m[4] != "" {
		d.hour, _ = strconv.Atoi(m[4])
		d.min, _ = strconv.Atoi(m[5])
		d.sec = m[6]
		if !strings.Contains(d.sec, ".") {
			d.sec += ".0"
		}
		d.sec = strings.TrimLeft(d.sec, "0")
		if strings.HasPrefix(d.sec, ".") {
			d.sec = "0" + d.sec
		}
	} else {
		d.sec = "0.0"
	}
	loc := time.UTC
	if m[7] != "" {
		d.hasTZ = true
		d.tz = m[7]
		if m[7] != "Z" {
			h, _ := strconv.Atoi(m[7][1:3])
			mi, _ := strconv.Atoi(m[7][4:6])
			d.tzMin = h*60 + mi
			if m[7][0] == '-' {
				d.tzMin = -d.tzMin
			}
			loc = time.FixedZone("", d.tzMin*60)
		}
	}
	secF, _ := strconv.ParseFloat(d.sec, 64)
	d.t = time.Date(int(d.year), time.Month(d.month), d.day, d.hour, d.min, int(secF), int((secF-math.Floor(secF))*1e9), loc)
	return d, true
}

func tzDuration(min int) string {
	if min == 0 {
		return "PT0S"
	}
	sign := ""
	if min < 0 {
		sign = "-"
		min = -min
	}
	s := sign + "PT"
	if min/60 > 0 {
		s += strconv.Itoa(min/60) + "H"
	}
	if min%60 > 0 {
		s += strconv.Itoa(min%60) + "M"
	}
	return s
}

// ---- casts ------------------------------------------------------------------------------

func cast(dt string, t rdf.Term) (rdf.Term, bool) {
	fail := rdf.Term{}
	if t.Kind == rdf.Blank {
		return fail, false
	}
	if t.Kind == rdf.IRI {
		if dt == rdf.XSDString {
			return rdf.NewLiteral(t.Value), true
		}
		return fail, false
	}
	if t.Lang != "" {
		return fail, false
	}
	src := t.DatatypeIRI()
	v := t.Value
	switch dt {
	case rdf.XSDString:
		if src == rdf.XSDBoolean {
			if b, ok := ebvTerm(t); ok && validBool(t) {
				return rdf.NewLiteral(strconv.FormatBool(b)), true
			}
		}
		if n, ok := parseNum(t); ok && src != rdf.XSDString && !intTypes[src] {
			// XPath's casts of numbers to strings: decimals without a
			// trailing ".0", doubles in plain notation between 1e-6 and 1e6.
			if n.kind == kDec {
				s := formatDecimal(n.r)
				return rdf.NewLiteral(strings.TrimSuffix(s, ".0")), true
			}
			f := n.f
			if af := math.Abs(f); af == 0 || af >= 1e-6 && af < 1e6 {
				return rdf.NewLiteral(strconv.FormatFloat(f, 'f', -1, 64)), true
			}
			return rdf.NewLiteral(strings.Replace(formatDouble(f), ".0E", "E", 1)), true
		}
		return rdf.NewLiteral(v), true
	case rdf.XSDBoolean:
		switch {
		case src == rdf.XSDBoolean || src == rdf.XSDString:
			switch strings.TrimSpace(v) {
			case "true", "1":
				return trueT, true
			case "false", "0":
				return falseT, true
			}
			return fail, false
		case isNumericType(src):
			n, ok := parseNum(t)
			if !ok {
				return fail, false
			}
			b, _ := ebvTerm(n.term())
			return boolT(b), true
		}
	case rdf.XSDInteger, rdf.XSDDecimal, rdf.XSD + "float", rdf.XSDDouble:
		var n num
		switch {
		case src == rdf.XSDBoolean:
			if v == "true" || v == "1" {
				n = num{kind: kInt, i: 1}
			} else if v == "false" || v == "0" {
				n = num{kind: kInt}
			} else {
				return fail, false
			}
		case isNumericType(src):
			var ok bool
			if n, ok = parseNum(t); !ok {
				return fail, false
			}
		case src == rdf.XSDString:
			var ok bool
			var typ string
			switch dt {
			case rdf.XSDInteger:
				typ = rdf.XSDInteger
			case rdf.XSDDecimal:
				typ = rdf.XSDDecimal
			default:
				typ = rdf.XSDDouble
			}
			if n, ok = parseNum(rdf.NewTypedLiteral(strings.TrimSpace(v), typ)); !ok {
				return fail, false
			}
		default:
			return fail, false
		}
		switch dt {
		case rdf.XSDInteger:
			switch n.kind {
			case kInt:
				return intT(n.i), true
			case kDec:
				q := new(big.Int).Quo(n.r.Num(), n.r.Denom())
				return rdf.NewTypedLiteral(q.String(), rdf.XSDInteger), true
			}
			if math.IsNaN(n.f) || math.IsInf(n.f, 0) {
				return fail, false
			}
			return rdf.NewTypedLiteral(strconv.FormatFloat(math.Trunc(n.f), 'f', 0, 64), rdf.XSDInteger), true
		case rdf.XSDDecimal:
			if n.kind >= kFloat && (math.IsNaN(n.f) || math.IsInf(n.f, 0)) {
				return fail, false
			}
			return num{kind: kDec, r: n.rat()}.term(), true
		case rdf.XSD + "float":
			return num{kind: kFloat, f: float64(float32(n.float()))}.term(), true
		}
		return num{kind: kDouble, f: n.float()}.term(), true
	case rdf.XSDDateTime:
		if src == rdf.XSDDateTime || src == rdf.XSDString {
			c := rdf.NewTypedLiteral(strings.TrimSpace(v), rdf.XSDDateTime)
			if _, ok := parseDateTime(c); ok {
				return c, true
			}
		}
		if src == rdf.XSDDate {
			return rdf.NewTypedLiteral(v[:10]+"T00:00:00"+v[10:], rdf.XSDDateTime), true
		}
		return fail, false
	case rdf.XSDDate:
		if src == rdf.XSDDate || src == rdf.XSDString {
			c := rdf.NewTypedLiteral(strings.TrimSpace(v), rdf.XSDDate)
			if _, ok := parseDateTime(c); ok {
				return c, true
			}
		}
		if src == rdf.XSDDateTime {
			if d, ok := parseDateTime(t); ok {
				return rdf.NewTypedLiteral(fmt.Sprintf("%04d-%02d-%02d%s", d.year, d.month, d.day, d.tz), rdf.XSDDate), true
			}
		}
		return fail, false
	}
	return fail, false
}
