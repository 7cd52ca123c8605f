package graph

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"notegraph/rdf"
)

// backends lists the backends every store test runs on.
var backends = []string{Bolt, LevelDB, Postgres}

func forEachBackend(t *testing.T, fn func(t *testing.T, open func() *Store)) {
	for _, b := range backends {
		t.Run(b, func(t *testing.T) {
			dir := newAddr(t, b)
			open := func() *Store {
				s, err := Open(dir, Options{Create: true, Backend: b})
				if err != nil {
					t.Fatal(err)
				}
				if s.Backend() != b {
					t.Fatalf("backend %q, want %q", s.Backend(), b)
				}
				return s
			}
			fn(t, open)
		})
	}
}

const ex = "http://example.org/"

func iri(s string) rdf.Term { return rdf.NewIRI(ex + s) }

// testDoc builds a document graph of about 60 quads; version changes some
// of its statements, and its actors are drawn from a pool of 20 shared ones.
func testDoc(i, version int) Put {
	g := iri(fmt.Sprintf("doc/%d", i))
	var qs []rdf.Quad
	add := func(s, p, o rdf.Term) { qs = append(qs, rdf.Quad{S: s, P: p, O: o, G: g}) }
	add(g, rdf.NewIRI(rdf.RDFType), iri("Note"))
	add(g, iri("title"), rdf.NewLangLiteral(fmt.Sprintf("Note %d, version %d", i, version), "en"))
	add(g, iri("date"), rdf.NewTypedLiteral(fmt.Sprintf("1961-%02d-%02d", i%12+1, i%28+1), rdf.XSDDate))
	add(g, iri("text"), rdf.NewLiteral(fmt.Sprintf("The Embassy \"protests\"\nagainst note %d.\tVersion %d.", i, version)))
	var shared []rdf.Quad
	for e := 0; e < 7; e++ {
		ev := iri(fmt.Sprintf("doc/%d/event/%d", i, e))
		if e == 6 && version%2 == 1 {
			ev = iri(fmt.Sprintf("doc/%d/event/%d-v%d", i, e, version))
		}
		agent := iri(fmt.Sprintf("actor/%d", (i+e)%20))
		target := iri(fmt.Sprintf("actor/%d", (i+e+version)%20))
		add(ev, rdf.NewIRI(rdf.RDFType), iri("EventReport"))
		add(ev, iri("agent"), agent)
		add(ev, iri("target"), target)
		add(ev, iri("source"), g)
		add(ev, iri("start"), rdf.NewTypedLiteral(fmt.Sprint(e*10), rdf.XSDNonNegInt))
		add(ev, iri("end"), rdf.NewTypedLiteral(fmt.Sprint(e*10+version+5), rdf.XSDNonNegInt))
		add(ev, iri("quote"), rdf.NewLiteral(fmt.Sprintf("quote %d of %d", e, i)))
		add(ev, iri("evidence"), rdf.NewBlank(fmt.Sprintf("b%d_%d", i, e)))
		for _, a := range []rdf.Term{agent, target} {
			shared = append(shared,
				rdf.Quad{S: a, P: rdf.NewIRI(rdf.RDFType), O: iri("Actor")},
				rdf.Quad{S: a, P: iri("label"), O: rdf.NewLangLiteral("Actor "+strings.TrimPrefix(a.Value, ex+"actor/"), "en")})
		}
	}
	return Put{Graph: g, Source: fmt.Sprintf("file%d.txt", i/3), SHA256: fmt.Sprintf("sha-%d-%d", i/3, version), Quads: qs, Shared: shared}
}

func apply(t *testing.T, s *Store, puts []Put, removes ...rdf.Term) {
	t.Helper()
	if err := s.Apply(puts, removes); err != nil {
		t.Fatal(err)
	}
}

// dumpEach is the store's content through Each.
func dumpEach(t *testing.T, s *Store) []rdf.Quad {
	t.Helper()
	var out []rdf.Quad
	if err := s.Each(func(q rdf.Quad) error { out = append(out, q); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// dumpCayley is the store's content through Cayley's own QuadsAllIterator,
// ledger excluded, sorted.
func dumpCayley(t *testing.T, s *Store) []rdf.Quad {
	t.Helper()
	out, err := cayleyQuads(s)
	if err != nil {
		t.Fatal(err)
	}
	var user []rdf.Quad
	for _, q := range out {
		if !strings.HasPrefix(q.G.Value, internalNS) {
			user = append(user, q)
		}
	}
	slices.SortFunc(user, rdf.CompareQuads)
	return user
}

func cayleyQuads(s *Store) ([]rdf.Quad, error) {
	var out []rdf.Quad
	sc := s.QuadStore().QuadsAllIterator().Iterate()
	defer sc.Close()
	for sc.Next(ctxBG) {
		cq, err := s.QuadStore().Quad(sc.Result())
		if err != nil {
			return nil, err
		}
		q, err := fromQuad(cq)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, sc.Err()
}

// checkConsistent asserts that Each, Cayley's iterators and Stats agree with
// want, and that Cayley holds no node that no quad uses (a ghost node left
// by inflated reference counts).
func checkConsistent(t *testing.T, s *Store, want []rdf.Quad) {
	t.Helper()
	want = slices.Clone(want)
	slices.SortFunc(want, rdf.CompareQuads)
	want = slices.Compact(want)
	got := dumpEach(t, s)
	if d := diffQuads(want, got); d != "" {
		t.Fatalf("Each differs from the expected content:\n%s", d)
	}
	if d := diffQuads(want, dumpCayley(t, s)); d != "" {
		t.Fatalf("Cayley's QuadsAllIterator differs from the expected content:\n%s", d)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	graphs := map[rdf.Term]bool{}
	for _, q := range want {
		if !q.G.IsZero() {
			graphs[q.G] = true
		}
	}
	if st.Quads != int64(len(want)) || st.Graphs != int64(len(graphs)) {
		t.Fatalf("Stats = %+v, want %d quads in %d graphs", st, len(want), len(graphs))
	}
	// Ghost nodes: every node must be used by a live quad.
	all, err := cayleyQuads(s)
	if err != nil {
		t.Fatal(err)
	}
	used := map[quad.Value]bool{}
	for _, q := range all {
		cq := toQuad(q)
		for _, v := range []quad.Value{cq.Subject, cq.Predicate, cq.Object, cq.Label} {
			if v != nil {
				used[v] = true
			}
		}
	}
	qs := s.QuadStore()
	sc := qs.NodesAllIterator().Iterate()
	defer sc.Close()
	nodes := 0
	for sc.Next(ctxBG) {
		v, err := qs.NameOf(sc.Result())
		if err != nil {
			t.Fatal(err)
		}
		nodes++
		if !used[v] {
			t.Fatalf("ghost node %v: no quad uses it", v)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if nodes != len(used) {
		t.Fatalf("Cayley lists %d nodes, quads use %d", nodes, len(used))
	}
}

func diffQuads(want, got []rdf.Quad) string {
	var b strings.Builder
	diffSorted(want, got,
		func(q rdf.Quad) { fmt.Fprintf(&b, "missing: %v %v %v %v\n", q.S, q.P, q.O, q.G) },
		func(q rdf.Quad) { fmt.Fprintf(&b, "extra:   %v %v %v %v\n", q.S, q.P, q.O, q.G) })
	if b.Len() == 0 && len(want) != len(got) {
		return fmt.Sprintf("%d quads, want %d (duplicates?)", len(got), len(want))
	}
	return b.String()
}

// content is what a set of puts should leave in the store.
func content(puts ...Put) []rdf.Quad {
	var out []rdf.Quad
	for _, p := range puts {
		out = append(out, p.Quads...)
		out = append(out, p.Shared...)
	}
	return out
}

func TestApplyReplaceRemove(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		defer s.Close()
		checkConsistent(t, s, nil)
		d0, d1, d2 := testDoc(0, 0), testDoc(1, 0), testDoc(2, 0)
		apply(t, s, []Put{d0, d1, d2})
		checkConsistent(t, s, content(d0, d1, d2))

		// Replacing with a changed version leaves exactly the new quads:
		// once with a diff that Cayley can take in one transaction (only
		// literals change), once with one that needs two.
		d0b := testDoc(0, 0)
		d0b.Quads = slices.Clone(d0b.Quads)
		d0b.Quads[1].O = rdf.NewLiteral("a new title")
		n := twoStep.Load()
		apply(t, s, []Put{d0b})
		if twoStep.Load() != n {
			t.Error("a literal-only change took two transactions")
		}
		checkConsistent(t, s, content(d0b, d1, d2))
		d1v1 := testDoc(1, 1)
		apply(t, s, []Put{d1v1, d0})
		checkConsistent(t, s, content(d0, d1v1, d2))

		// Re-applying the same content changes nothing (no refcount inflation:
		// checkConsistent would find ghosts after the next removal).
		apply(t, s, []Put{d1v1, d0})
		checkConsistent(t, s, content(d0, d1v1, d2))

		// Back to the first version; then a diff that Cayley's ApplyDeltas
		// cannot take in one transaction (a node loses two references and
		// gains one).
		apply(t, s, []Put{d1})
		checkConsistent(t, s, content(d0, d1, d2))
		v0, v1 := twoStepPair()
		apply(t, s, []Put{v0})
		apply(t, s, []Put{v1})
		if twoStep.Load() == n && s.Backend() != Postgres { // PostgreSQL writes nets itself
			t.Error("the two-transaction path was not exercised")
		}
		checkConsistent(t, s, content(d0, d1, d2, v1))
		apply(t, s, nil, v1.Graph)
		apply(t, s, nil, d1.Graph, iri("doc/never-stored"))
		checkConsistent(t, s, content(d0, d2))
		apply(t, s, nil, d0.Graph, d2.Graph)
		checkConsistent(t, s, nil)
		if es, err := s.Entries(); err != nil || len(es) != 0 {
			t.Fatalf("Entries after removing everything: %v, %v", es, err)
		}
	})
}

func TestEntriesAndSources(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		defer s.Close()
		scheme := Put{Source: "scheme", SHA256: "s1", Quads: []rdf.Quad{
			{S: iri("scheme"), P: rdf.NewIRI(rdf.RDFType), O: iri("ConceptScheme")},
			{S: iri("actor/1"), P: rdf.NewIRI(rdf.RDFType), O: iri("Actor")}, // also shared by documents
		}}
		d3, d4, d5 := testDoc(3, 0), testDoc(4, 0), testDoc(5, 0)
		apply(t, s, []Put{d5, scheme, d3, d4})
		es, err := s.Entries()
		if err != nil {
			t.Fatal(err)
		}
		want := []Entry{
			{Graph: rdf.Term{}, Source: "scheme", SHA256: "s1", Quads: 2},
			{Graph: d3.Graph, Source: "file1.txt", SHA256: "sha-1-0", Quads: len(d3.Quads)},
			{Graph: d4.Graph, Source: "file1.txt", SHA256: "sha-1-0", Quads: len(d4.Quads)},
			{Graph: d5.Graph, Source: "file1.txt", SHA256: "sha-1-0", Quads: len(d5.Quads)},
		}
		if !slices.Equal(es, want) {
			t.Fatalf("Entries = %+v\nwant %+v", es, want)
		}
		sha, gs, err := s.SourceGraphs("file1.txt")
		if err != nil || sha != "sha-1-0" || !slices.Equal(gs, []rdf.Term{d3.Graph, d4.Graph, d5.Graph}) {
			t.Fatalf("SourceGraphs = %q %v %v", sha, gs, err)
		}
		if sha, gs, err := s.SourceGraphs("scheme"); err != nil || sha != "s1" || len(gs) != 1 || !gs[0].IsZero() {
			t.Fatalf("SourceGraphs(scheme) = %q %v %v", sha, gs, err)
		}
		if sha, gs, err := s.SourceGraphs("nothing"); err != nil || sha != "" || gs != nil {
			t.Fatalf("SourceGraphs(nothing) = %q %v %v", sha, gs, err)
		}
		union, err := s.SharedUnion()
		if err != nil {
			t.Fatal(err)
		}
		wantUnion := slices.Concat(d3.Shared, d4.Shared, d5.Shared)
		slices.SortFunc(wantUnion, rdf.CompareQuads)
		wantUnion = slices.Compact(wantUnion)
		if d := diffQuads(wantUnion, union); d != "" {
			t.Fatalf("SharedUnion:\n%s", d)
		}
		checkConsistent(t, s, content(scheme, d3, d4, d5))
		// The default graph's own quad stays when the documents sharing it go,
		// and a shared triple stays while the default entry holds it.
		apply(t, s, nil, d3.Graph, d4.Graph, d5.Graph)
		checkConsistent(t, s, content(scheme))
		apply(t, s, []Put{d3}, rdf.Term{})
		checkConsistent(t, s, content(d3))
	})
}

func TestSharedQuadsIndependent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		defer s.Close()
		ga, gb := iri("doc/a"), iri("doc/b")
		triple := func(g rdf.Term) rdf.Quad {
			return rdf.Quad{S: iri("actor/x"), P: iri("says"), O: rdf.NewLiteral("same words"), G: g}
		}
		actor := []rdf.Quad{
			{S: iri("actor/x"), P: rdf.NewIRI(rdf.RDFType), O: iri("Person")},
			{S: iri("actor/x"), P: iri("label"), O: rdf.NewLiteral("X")},
		}
		a := Put{Graph: ga, Source: "a", Quads: []rdf.Quad{triple(ga)}, Shared: actor}
		b := Put{Graph: gb, Source: "b", Quads: []rdf.Quad{triple(gb), {S: gb, P: iri("p"), O: iri("o"), G: gb}}, Shared: actor[:1]}
		apply(t, s, []Put{a})
		apply(t, s, []Put{b})
		checkConsistent(t, s, content(a, b))
		// Reopen: on bolt and leveldb the contribution counts are then
		// gathered again from the ledger.
		s.Close()
		s = open()
		defer s.Close()
		apply(t, s, nil, ga) // b still contributes actor[0]; actor[1] goes
		checkConsistent(t, s, content(b))
		apply(t, s, []Put{a})
		apply(t, s, nil, gb)
		checkConsistent(t, s, content(a))
		// Both in one batch: one drops the shared triple, the other adds it.
		b2 := b
		b2.Shared = actor
		a2 := a
		a2.Shared = nil
		apply(t, s, []Put{a2, b2})
		checkConsistent(t, s, content(a2, b2))
		apply(t, s, nil, ga, gb)
		checkConsistent(t, s, nil)
	})
}

func TestReopen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		d := []Put{testDoc(10, 0), testDoc(11, 0)}
		apply(t, s, d)
		before := dumpEach(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = open()
		checkConsistent(t, s, before)
		apply(t, s, []Put{testDoc(10, 1)})
		checkConsistent(t, s, content(testDoc(10, 1), d[1]))
		s.Close()
	})
}

func TestInvalidApplyLeavesStore(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		defer s.Close()
		good := []Put{testDoc(20, 0), testDoc(21, 0)}
		apply(t, s, good)
		before := dumpCayley(t, s)
		ents, _ := s.Entries()
		bad := func(mod func(*Put)) Put {
			p := testDoc(22, 0)
			mod(&p)
			return p
		}
		cases := map[string][]Put{
			"zero object":       {testDoc(20, 1), bad(func(p *Put) { p.Quads[5].O = rdf.Term{} })},
			"zero subject":      {bad(func(p *Put) { p.Quads[0].S = rdf.Term{} })},
			"literal subject":   {bad(func(p *Put) { p.Quads[0].S = rdf.NewLiteral("x") })},
			"blank predicate":   {bad(func(p *Put) { p.Quads[0].P = rdf.NewBlank("p") })},
			"wrong graph":       {testDoc(21, 1), bad(func(p *Put) { p.Quads[3].G = iri("elsewhere") })},
			"shared in a graph": {bad(func(p *Put) { p.Shared[0].G = p.Graph })},
			"invalid UTF-8":     {bad(func(p *Put) { p.Quads[3].O = rdf.NewLiteral("bad \xff") })},
			"reserved graph":    {bad(func(p *Put) { p.Graph = rdf.NewIRI(LedgerGraph); p.Quads = nil })},
			"blank graph":       {bad(func(p *Put) { p.Graph = rdf.NewBlank("g"); p.Quads = nil })},
			"graph twice":       {testDoc(20, 1), testDoc(20, 2)},
		}
		for name, puts := range cases {
			if err := s.Apply(puts, nil); err == nil {
				t.Errorf("%s: Apply succeeded", name)
			}
			if d := diffQuads(before, dumpCayley(t, s)); d != "" {
				t.Fatalf("%s: store changed:\n%s", name, d)
			}
		}
		if err := s.Apply([]Put{testDoc(20, 1)}, []rdf.Term{testDoc(20, 0).Graph}); err == nil {
			t.Error("put and remove of one graph succeeded")
		}
		after, _ := s.Entries()
		if !slices.Equal(ents, after) {
			t.Fatalf("entries changed: %v -> %v", ents, after)
		}
		checkConsistent(t, s, content(good...))
	})
}

func TestEachDeterministic(t *testing.T) {
	var dumps [][]rdf.Quad
	for _, b := range backends {
		for seed := int64(0); seed < 3; seed++ {
			s, err := Open(newAddr(t, b), Options{Create: true, Backend: b})
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewSource(seed))
			ids := rng.Perm(12)
			// A history that differs per seed: other versions first, then
			// the final ones in shuffled batches.
			for _, i := range ids[:4] {
				apply(t, s, []Put{testDoc(i, int(seed)+1)})
			}
			for len(ids) > 0 {
				n := 1 + rng.Intn(4)
				if n > len(ids) {
					n = len(ids)
				}
				var batch []Put
				for _, i := range ids[:n] {
					batch = append(batch, testDoc(i, 0))
				}
				apply(t, s, batch)
				ids = ids[n:]
			}
			dumps = append(dumps, dumpEach(t, s))
			s.Close()
		}
	}
	for i := 1; i < len(dumps); i++ {
		if !slices.Equal(dumps[0], dumps[i]) {
			t.Fatalf("history %d gives a different Each sequence:\n%s", i, diffQuads(dumps[0], dumps[i]))
		}
	}
	if !slices.IsSortedFunc(dumps[0], rdf.CompareQuads) {
		t.Fatal("Each is not sorted")
	}
}

func TestLiteralsRoundTrip(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		defer s.Close()
		g := iri("doc/lit")
		values := []string{
			"", "plain", `quote " and backslash \ and \" both`, "new\nline\r\nand\ttab",
			"Koço Tashko, Meçaj, Paçma", "“curly” ‘quotes’ — dash", "日本語 🚀 emoji",
			"control \x01\x02\x1f\x7f", "number-like 12:34:56", "1:I3:x=", "= leading equals",
			strings.Repeat("long ", 2000),
		}
		var qs []rdf.Quad
		for i, v := range values {
			s := iri(fmt.Sprintf("s%d", i))
			qs = append(qs,
				rdf.Quad{S: s, P: iri("plain"), O: rdf.NewLiteral(v), G: g},
				rdf.Quad{S: s, P: iri("lang"), O: rdf.NewLangLiteral(v, "sq"), G: g},
				rdf.Quad{S: s, P: iri("typed"), O: rdf.NewTypedLiteral(v, ex+"dt#x"), G: g},
			)
		}
		qs = append(qs,
			rdf.Quad{S: iri("n"), P: iri("int"), O: rdf.NewTypedLiteral("042", rdf.XSDInteger), G: g},
			rdf.Quad{S: iri("n"), P: iri("bool"), O: rdf.NewTypedLiteral("true", rdf.XSDBoolean), G: g},
			rdf.Quad{S: iri("n"), P: iri("date"), O: rdf.NewTypedLiteral("1961-12-03", rdf.XSDDate), G: g},
			rdf.Quad{S: iri("n"), P: iri("dt"), O: rdf.NewTypedLiteral("1961-12-03T10:00:00Z", rdf.XSDDateTime), G: g},
			rdf.Quad{S: rdf.NewBlank("b0"), P: iri("iri"), O: rdf.NewIRI("http://example.org/ä?q=1#frag"), G: g},
		)
		p := Put{Graph: g, Source: "lit ✓", SHA256: "x y z", Quads: qs, Shared: []rdf.Quad{{S: iri("n"), P: iri("label"), O: rdf.NewLangLiteral("Tiranë", "sq")}}}
		apply(t, s, []Put{p})
		checkConsistent(t, s, content(p))
		if sha, gs, err := s.SourceGraphs("lit ✓"); err != nil || sha != "x y z" || len(gs) != 1 {
			t.Fatalf("SourceGraphs = %q %v %v", sha, gs, err)
		}
		got, err := s.Quads(iri("n"), iri("int"), rdf.Term{}, rdf.Term{})
		if err != nil || len(got) != 1 || got[0].O != rdf.NewTypedLiteral("042", rdf.XSDInteger) {
			t.Fatalf("Quads(n int) = %v %v", got, err)
		}
	})
}

func TestMatch(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		defer s.Close()
		d0, d1 := testDoc(0, 0), testDoc(1, 0)
		apply(t, s, []Put{d0, d1})
		all := content(d0, d1)
		patterns := []rdf.Quad{
			{S: d0.Graph},
			{S: d0.Graph, P: iri("title")},
			{O: iri("actor/3")},
			{P: iri("agent"), O: iri("actor/3")},
			{P: iri("agent")},
			{G: d1.Graph},
			{P: rdf.NewIRI(rdf.RDFType), G: DefaultGraph},
			{S: iri("actor/3"), P: iri("label"), O: rdf.NewLangLiteral("Actor 3", "en")},
			{S: iri("unknown")},
			{},
		}
		for _, pat := range patterns {
			got, err := s.Quads(pat.S, pat.P, pat.O, pat.G)
			if err != nil {
				t.Fatal(err)
			}
			var want []rdf.Quad
			for _, q := range slices.Compact(sortedQuads(all)) {
				if (pat.S.IsZero() || q.S == pat.S) && (pat.P.IsZero() || q.P == pat.P) && (pat.O.IsZero() || q.O == pat.O) &&
					(pat.G.IsZero() || q.G == pat.G || pat.G == DefaultGraph && q.G.IsZero()) {
					want = append(want, q)
				}
			}
			if d := diffQuads(want, sortedQuads(got)); d != "" {
				t.Errorf("pattern %v:\n%s", pat, d)
			}
		}
	})
}

func sortedQuads(qs []rdf.Quad) []rdf.Quad {
	qs = slices.Clone(qs)
	slices.SortFunc(qs, rdf.CompareQuads)
	return qs
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "missing"), Options{}); err == nil || !strings.Contains(err.Error(), "no store") {
		t.Errorf("missing store without Create: %v", err)
	}
	other := filepath.Join(dir, "other")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("hello"), 0o644)
	if _, err := Open(other, Options{Create: true}); err == nil || !strings.Contains(err.Error(), "not a notegraph store") {
		t.Errorf("foreign folder: %v", err)
	}
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	if _, err := Open(file, Options{Create: true}); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("file: %v", err)
	}
	if _, err := Open(filepath.Join(dir, "x"), Options{Create: true, Backend: "nosuch"}); err == nil {
		t.Error("unknown backend accepted")
	}
	for _, b := range []string{Bolt, LevelDB} {
		db := filepath.Join(dir, b)
		s, err := Open(db, Options{Create: true, Backend: b})
		if err != nil {
			t.Fatal(err)
		}
		apply(t, s, []Put{testDoc(1, 0)})
		s.Close()
		// An existing store keeps its backend, whatever Options say.
		ro, err := Open(db, Options{ReadOnly: true, Backend: "other"})
		if err != nil {
			t.Fatal(err)
		}
		if ro.Backend() != b {
			t.Errorf("reopened %s store as %s", b, ro.Backend())
		}
		if err := ro.Apply([]Put{testDoc(2, 0)}, nil); err != ErrReadOnly {
			t.Errorf("read-only Apply: %v", err)
		}
		if n := len(dumpEach(t, ro)); n == 0 {
			t.Error("read-only store reads nothing")
		}
		ro.Close()
	}
}

func TestStoreInUse(t *testing.T) {
	for _, b := range []string{Bolt, LevelDB} {
		dir := filepath.Join(t.TempDir(), b)
		s, err := Open(dir, Options{Create: true, Backend: b})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Open(dir, Options{})
		if err == nil || !strings.Contains(err.Error(), "in use") {
			t.Errorf("%s: second Open of a store in use: %v", b, err)
		}
		s.Close()
	}
}

// TestInterruptedTwoStepApply stops a two-transaction Apply between its
// transactions, as a crash would: the batch's graphs are then fully out, the
// others untouched, and applying again completes the change.
func TestInterruptedTwoStepApply(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		defer s.Close()
		if s.Backend() == Postgres {
			t.Skip("PostgreSQL applies every batch in one transaction")
		}
		d0, d1 := testDoc(0, 0), testDoc(1, 1)
		v0, v1 := twoStepPair()
		apply(t, s, []Put{d0, d1, v0})
		n := twoStep.Load()
		betweenSteps = func() error { return fmt.Errorf("simulated crash") }
		err := s.Apply([]Put{testDoc(1, 0), v1}, nil)
		betweenSteps = nil
		if err == nil || twoStep.Load() == n {
			t.Fatalf("the interrupted Apply did not take two steps (err %v)", err)
		}
		checkConsistent(t, s, content(d0))
		if _, gs, _ := s.SourceGraphs("file0.txt"); len(gs) != 1 {
			t.Fatalf("graphs of file0.txt after the interruption: %v", gs)
		}
		apply(t, s, []Put{testDoc(1, 0), v1})
		checkConsistent(t, s, content(d0, testDoc(1, 0), v1))
	})
}

// twoStepPair is a graph and its next version whose diff Cayley's
// ApplyDeltas cannot take in one transaction: node x loses two references
// and gains one.
func twoStepPair() (Put, Put) {
	g := iri("doc/two-step")
	x := iri("x")
	v0 := Put{Graph: g, Source: "two-step", SHA256: "0", Quads: []rdf.Quad{
		{S: iri("a"), P: iri("p"), O: x, G: g},
		{S: iri("b"), P: iri("p"), O: x, G: g},
	}}
	v1 := Put{Graph: g, Source: "two-step", SHA256: "1", Quads: []rdf.Quad{
		{S: iri("c"), P: iri("p"), O: x, G: g},
	}}
	return v0, v1
}
