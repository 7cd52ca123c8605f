package eval

import (
	"bytes"
	"strings"
	"testing"

	"notegraph/extract"
)

// A small note in the style of the corpus, with its actors and events built
// by hand, so that every scoring rule is exercised on known values.
const noteText = "The Ministry of Foreign Affairs protests vigorously to the Albanian Embassy in Moscow in this respect. " +
	"Thus Meçaj and Prillo of Moscow State University have attempted to distribute anti-Soviet documents among students. " +
	"The Government decided to recall its Ambassador, Comrade J. V. Shikin, from Albania."

func span(text, quote string) extract.Span {
	i := strings.Index(text, quote)
	if i < 0 {
		panic("quote not in text: " + quote)
	}
	start := len([]rune(text[:i]))
	return extract.Span{Start: start, End: start + len([]rune(quote))}
}

func ev(typ string, agents, targets []string, themes []extract.Arg, quote string) extract.Event {
	return extract.Event{
		Type: typ, Agents: agents, Targets: targets, Themes: themes,
		AssertedBy: "mfa", Stance: extract.Performed, ChargeOf: -1,
		Quote: quote, Evidence: span(noteText, quote),
	}
}

var (
	qProtest = "protests vigorously to the Albanian Embassy in Moscow"
	qAccuse  = "have attempted to distribute anti-Soviet documents among students"
	qRecall  = "decided to recall its Ambassador, Comrade J. V. Shikin, from Albania"
)

func testFile(events ...extract.Event) extract.File {
	return extract.File{
		Path: "corpus/note.txt", Key: "note.txt",
		Documents: []extract.Document{{
			Source: "note.txt", Title: "Verbal note", Kind: extract.KindVerbalNote, Date: "1961-11-25",
			Text: noteText,
			Actors: []extract.Actor{
				{ID: "mfa", Label: "Ministry of Foreign Affairs of the USSR", AltLabels: []string{"Ministry of Foreign Affairs"}},
				{ID: "emb", Label: "Albanian Embassy in Moscow", AltLabels: []string{"Embassy of the Albanian People’s Republic in Moscow"}},
				{ID: "mecaj", Label: "Mecaj"},
				{ID: "prillo", Label: "Prillo"},
				{ID: "shikin", Label: "J.V. Shikin", AltLabels: []string{"Shikin"}},
				{ID: "alb", Label: "Albanian People's Republic", AltLabels: []string{"Albania"}},
				{ID: "gov", Label: "Soviet Government"},
			},
			Events: events,
		}},
	}
}

func goldLines(t *testing.T, jsonl string) []GoldEvent {
	t.Helper()
	g, err := ReadGold(strings.NewReader(jsonl), "gold.jsonl", "test")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

const goldNote = `{"source":"note.txt","document":"note","docKind":"VerbalNote","docDate":"1961-11-25","type":"PROTEST","agent":"Ministry of Foreign Affairs of the USSR","target":"Albanian Embassy in Moscow","assertedBy":"Ministry of Foreign Affairs of the USSR","stance":"Performed","quote":"protests vigorously to the Albanian Embassy in Moscow"}
{"source":"note.txt","document":"note","type":"ACCUSE","agent":"Ministry of Foreign Affairs of the USSR","target":["Meçaj","Prillo"],"charge":"distributing","assertedBy":"Ministry of Foreign Affairs of the USSR","stance":"Performed","quote":"have attempted to distribute anti-Soviet documents"}
{"source":"note.txt","document":"note","type":"RECALL_AMBASSADOR","agent":"Soviet Government","target":"Albanian People’s Republic","theme":"J. V. Shikin","assertedBy":"Ministry of Foreign Affairs of the USSR","stance":"Performed","quote":"decided to recall its Ambassador, Comrade J. V. Shikin"}
`

func perfectEvents() []extract.Event {
	return []extract.Event{
		ev("PROTEST", []string{"mfa"}, []string{"emb"}, nil, qProtest),
		ev("ACCUSE", []string{"mfa"}, []string{"prillo", "mecaj"}, nil, qAccuse),
		ev("RECALL_AMBASSADOR", []string{"gov"}, []string{"alb"}, []extract.Arg{{Actor: "shikin"}}, qRecall),
	}
}

func TestScore(t *testing.T) {
	gold := goldLines(t, goldNote)
	perfect := perfectEvents()
	tests := []struct {
		name              string
		events            []extract.Event
		matched, got      int
		misses, spurious  []string // types
		wantMissReasonHas string
	}{
		{name: "perfect match", events: perfect, matched: 3, got: 3},
		{name: "a miss", events: perfect[:2], matched: 2, got: 2, misses: []string{"RECALL_AMBASSADOR"},
			wantMissReasonHas: "no event near the quote"},
		{name: "a spurious event", events: append(append([]extract.Event{}, perfect...),
			ev("EXPEL", []string{"gov"}, []string{"alb"}, []extract.Arg{{Actor: "shikin"}}, qRecall)),
			matched: 3, got: 4, spurious: []string{"EXPEL"}},
		{name: "set-valued targets: one missing", events: []extract.Event{perfect[0],
			ev("ACCUSE", []string{"mfa"}, []string{"mecaj"}, nil, qAccuse), perfect[2]},
			matched: 2, got: 3, misses: []string{"ACCUSE"}, spurious: []string{"ACCUSE"},
			wantMissReasonHas: "target"},
		{name: "set-valued targets: one extra", events: []extract.Event{perfect[0],
			ev("ACCUSE", []string{"mfa"}, []string{"mecaj", "prillo", "emb"}, nil, qAccuse), perfect[2]},
			matched: 2, got: 3, misses: []string{"ACCUSE"}, spurious: []string{"ACCUSE"}},
		{name: "wrong agent", events: []extract.Event{
			ev("PROTEST", []string{"emb"}, []string{"emb"}, nil, qProtest), perfect[1], perfect[2]},
			matched: 2, got: 3, misses: []string{"PROTEST"}, spurious: []string{"PROTEST"},
			wantMissReasonHas: "agent"},
		{name: "wrong theme", events: []extract.Event{perfect[0], perfect[1],
			ev("RECALL_AMBASSADOR", []string{"gov"}, []string{"alb"}, []extract.Arg{{Text: "the trade agreement"}}, qRecall)},
			matched: 2, got: 3, misses: []string{"RECALL_AMBASSADOR"}, spurious: []string{"RECALL_AMBASSADOR"},
			wantMissReasonHas: "theme"},
		{name: "theme as text", events: []extract.Event{perfect[0], perfect[1],
			ev("RECALL_AMBASSADOR", []string{"gov"}, []string{"alb"}, []extract.Arg{{Text: "its Ambassador, Comrade J. V. Shikin"}}, qRecall)},
			matched: 3, got: 3},
		{name: "duplicate extraction matches once", events: append(append([]extract.Event{}, perfect...), perfect[0]),
			matched: 3, got: 4, spurious: []string{"PROTEST"}},
		{name: "same type in another sentence does not match", events: []extract.Event{
			ev("PROTEST", []string{"mfa"}, []string{"emb"}, nil, qRecall), perfect[1], perfect[2]},
			matched: 2, got: 3, misses: []string{"PROTEST"}, spurious: []string{"PROTEST"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Score(gold, []extract.File{testFile(tc.events...)})
			if rep.Overall.Gold != 3 || rep.Overall.Got != tc.got || rep.Overall.Matched != tc.matched {
				t.Fatalf("counts = %+v, want gold 3, got %d, matched %d", rep.Overall, tc.got, tc.matched)
			}
			if got := missTypes(rep); !equal(got, tc.misses) {
				t.Errorf("misses = %v, want %v", got, tc.misses)
			}
			if got := spuriousTypes(rep); !equal(got, tc.spurious) {
				t.Errorf("spurious = %v, want %v", got, tc.spurious)
			}
			if tc.wantMissReasonHas != "" && (len(rep.Misses) == 0 || !strings.Contains(rep.Misses[0].Reason, tc.wantMissReasonHas)) {
				t.Errorf("miss reason = %v, want it to mention %q", rep.Misses, tc.wantMissReasonHas)
			}
			c := rep.ByCorpus["test"]
			if c != rep.Overall {
				t.Errorf("per corpus %+v differs from overall %+v", c, rep.Overall)
			}
		})
	}
}

func TestScoreFigures(t *testing.T) {
	gold := goldLines(t, goldNote)
	p := perfectEvents()
	rep := Score(gold, []extract.File{testFile(p[0], p[1], ev("EXPEL", []string{"gov"}, []string{"alb"}, nil, qRecall))})
	// 2 of 3 extracted are right, 2 of 3 gold found.
	if got, want := rep.Overall.Precision(), 2.0/3; !approx(got, want) {
		t.Errorf("precision = %v, want %v", got, want)
	}
	if got, want := rep.Overall.Recall(), 2.0/3; !approx(got, want) {
		t.Errorf("recall = %v, want %v", got, want)
	}
	if got, want := rep.Overall.F1(), 2.0/3; !approx(got, want) {
		t.Errorf("F1 = %v, want %v", got, want)
	}
	if c := rep.ByType["EXPEL"]; c != (Counts{Got: 1}) {
		t.Errorf("EXPEL counts = %+v", c)
	}
	if c := rep.ByType["RECALL_AMBASSADOR"]; c != (Counts{Gold: 1}) {
		t.Errorf("RECALL_AMBASSADOR counts = %+v", c)
	}
	if c := rep.ByType["PROTEST"]; c != (Counts{Gold: 1, Got: 1, Matched: 1}) {
		t.Errorf("PROTEST counts = %+v", c)
	}
	if (Counts{}).F1() != 0 || (Counts{}).Precision() != 0 {
		t.Error("empty counts must score 0, not NaN")
	}
}

func TestScoreAccents(t *testing.T) {
	tests := []struct {
		gold, label string
		want        bool
	}{
		{"Meçaj", "Mecaj", true},
		{"Mecaj", "Meçaj", true},
		{"MEÇAJ", "meçaj", true},
		{"Paçma", "Pacma", true},
		{"Albanian People’s Republic", "the Albanian People's Republic", true},
		{"J. V. Shikin", "J.V. Shikin", true},
		{"Meçaj", "Mehaj", false},
		{"Albanian Government", "Albanian People's Republic", false},
	}
	for _, tc := range tests {
		idx := newActorIndex(extract.File{Documents: []extract.Document{{Actors: []extract.Actor{{ID: "x", Label: tc.label}}}}})
		if got := idx.nameMatches(tc.gold, "x"); got != tc.want {
			t.Errorf("nameMatches(%q, label %q) = %v, want %v", tc.gold, tc.label, got, tc.want)
		}
	}
}

func TestNameMatchesStructure(t *testing.T) {
	f := extract.File{Documents: []extract.Document{
		{Actors: []extract.Actor{
			{ID: "su", Label: "Soviet Union", Kind: extract.Country},
			{ID: "su-mfa", Label: "Ministry of Foreign Affairs of Soviet Union", Kind: extract.GovernmentOrganization, PartOf: []string{"su"}},
			{ID: "al-emb", Label: "Embassy of Albania", AltLabels: []string{"Albanian Embassy"}, Kind: extract.GovernmentOrganization},
			{ID: "party", Label: "Albanian Party of Labor", Kind: extract.Organization},
			{ID: "lead", Label: "Leadership of the Albanian Party of Labor", Kind: extract.Organization, PartOf: []string{"party"}},
			{ID: "dob", Label: "Dobrynin", Kind: extract.Person},
			{ID: "gov", Label: "Government of the Soviet Union", Kind: extract.GovernmentOrganization, PartOf: []string{"su"}},
		}},
		// A later document names the state otherwise: descriptions merge.
		{Actors: []extract.Actor{{ID: "su", Label: "Soviet Union", AltLabels: []string{"USSR"}, Kind: extract.Country}}},
	}}
	idx := newActorIndex(f)
	tests := []struct {
		gold, id string
		want     bool
	}{
		{"Ministry of Foreign Affairs of the USSR", "su-mfa", true},
		{"Ministry of Foreign Affairs of Albania", "su-mfa", false},
		{"Ministry of Trade of the USSR", "su-mfa", false},
		{"Albanian Embassy in Moscow", "al-emb", true},
		{"Soviet Embassy in Moscow", "al-emb", false},
		{"Albanian Party of Labor", "lead", true}, // an organ acts for its party
		{"Soviet Union", "su-mfa", false},         // a ministry is not its state
		{"Soviet Union", "gov", false},            // nor is a government
		{"Government of the USSR", "gov", true},   // "HEAD of X" with X its parent
		{"Anatoly Dobrynin", "dob", true},         // a surname names the person
		{"Anatoly Kovalev", "dob", false},
		{"Leadership of the Albanian Party of Labor", "party", false}, // not the other way
	}
	for _, tc := range tests {
		if got := idx.nameMatches(tc.gold, tc.id); got != tc.want {
			t.Errorf("nameMatches(%q, %s) = %v, want %v", tc.gold, tc.id, got, tc.want)
		}
	}
}

func TestScoreStanceAndAssertedBy(t *testing.T) {
	gold := goldLines(t, goldNote)
	p := perfectEvents()
	p[0].Stance = extract.Alleged
	p[1].AssertedBy = "emb"
	rep := Score(gold, []extract.File{testFile(p...)})
	if rep.Overall.Matched != 3 {
		t.Fatalf("stance and assertedBy must not affect matching: %+v", rep.Overall)
	}
	if rep.StanceAgreement() != 2 || rep.AssertedByAgreement() != 2 {
		t.Errorf("agreement stance %d assertedBy %d, want 2 and 2", rep.StanceAgreement(), rep.AssertedByAgreement())
	}
	if a, d := rep.DateAgreement(); a != 0 || d != 0 {
		t.Errorf("date agreement %d of %d, want 0 of 0: the gold states no date", a, d)
	}
	dated := strings.Replace(goldNote, `"quote":"protests vigorously`, `"date":"1961-11-25","quote":"protests vigorously`, 1)
	p[0].Date = "1961-11-25"
	p[2].Date = "1961-11-25" // the gold states none for this one: not counted
	rep = Score(goldLines(t, dated), []extract.File{testFile(p...)})
	if a, d := rep.DateAgreement(); a != 1 || d != 1 {
		t.Errorf("date agreement %d of %d, want 1 of 1", a, d)
	}
	p[0].Date = "1961-11"
	rep = Score(goldLines(t, dated), []extract.File{testFile(p...)})
	if a, d := rep.DateAgreement(); a != 0 || d != 1 {
		t.Errorf("date agreement %d of %d, want 0 of 1", a, d)
	}
}

func TestScoreLocatesDocument(t *testing.T) {
	gold := goldLines(t, goldNote)
	f := testFile(perfectEvents()...)
	// A second document in the same file, with the same kind and date, but
	// without the quotes: containment must choose the first.
	other := f.Documents[0]
	other.Index = 1
	other.Text = "Another note entirely. It protests nothing."
	other.Events = []extract.Event{{Type: "PROTEST", Agents: []string{"mfa"}, Targets: []string{"emb"},
		Quote: "It protests nothing.", Evidence: extract.Span{Start: 23, End: 43}}}
	f.Documents = []extract.Document{other, f.Documents[0]}
	rep := Score(gold, []extract.File{f})
	if rep.Overall.Matched != 3 || len(rep.Spurious) != 0 {
		t.Fatalf("want 3 matched and nothing spurious, got %+v, spurious %+v", rep.Overall, rep.Spurious)
	}
	// The other note holds no gold event: it is not annotated, and its
	// event is left out of the counts rather than called spurious.
	if rep.Overall.Got != 3 || len(rep.Unannotated) != 1 || !strings.Contains(rep.Unannotated[0], "note.txt#1") {
		t.Errorf("want the other note unannotated, got %+v, %v", rep.Overall, rep.Unannotated)
	}
	// Files the gold does not cover are not scored at all.
	stray := testFile(perfectEvents()...)
	stray.Key, stray.Path = "stray.txt", "stray.txt"
	rep = Score(gold, []extract.File{f, stray})
	if rep.Overall.Got != 3 {
		t.Errorf("a file without gold must not count: got %d extracted", rep.Overall.Got)
	}
	// Gold of a file that was not given is reported, not counted.
	rep = Score(gold, []extract.File{stray})
	if rep.Overall.Gold != 0 || len(rep.Unscored) != 1 || rep.Unscored[0] != "note.txt" {
		t.Errorf("want note.txt unscored, got %+v %v", rep.Overall, rep.Unscored)
	}
}

func TestScoreWhitespaceInsensitiveQuotes(t *testing.T) {
	// A TEI text keeps the XML's line breaks and indentation; the gold quote
	// is on one line.
	gold := goldLines(t, `{"source":"t.xml","docId":"d1","document":"telegram","type":"PROTEST","agent":"Stoessel","target":"Soviet Government","assertedBy":"Embassy in the Soviet Union","stance":"Reported","quote":"He protested Barghoorn's arrest in strongest terms"}`)
	text := "Minister Stoessel has just returned.\n   He protested\n                        Barghoorn's arrest in strongest\n   terms, stressing great concern."
	q := "He protested\n                        Barghoorn's arrest"
	i := len([]rune(text[:strings.Index(text, q)]))
	f := extract.File{Key: "t.xml", Documents: []extract.Document{{
		Title: "d1", Kind: extract.KindTelegram, Text: text,
		Actors: []extract.Actor{{ID: "st", Label: "Stoessel"}, {ID: "sg", Label: "Soviet Government"}},
		Events: []extract.Event{{Type: "PROTEST", Agents: []string{"st"}, Targets: []string{"sg"},
			Quote: q, Evidence: extract.Span{Start: i, End: i + len([]rune(q))}}},
	}}}
	rep := Score(gold, []extract.File{f})
	if rep.Overall.Matched != 1 {
		t.Fatalf("want a match across line breaks, got %+v %+v", rep.Overall, rep.Misses)
	}
}

func TestWriteText(t *testing.T) {
	gold := goldLines(t, goldNote)
	p := perfectEvents()
	rep := Score(gold, []extract.File{testFile(p[0], p[1], ev("EXPEL", []string{"gov"}, []string{"alb"}, nil, qRecall))})
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"P 0.667  R 0.667  F1 0.667  (matched 2, gold 3, extracted 3)",
		"Misses (1)", "gold.jsonl:3 RECALL_AMBASSADOR", `"decided to recall its Ambassador, Comrade J. V. Shikin"`,
		"Spurious (1)", "note.txt#0 EXPEL Performed agent=Soviet Government target=Albanian People's Republic",
		"  test ", "  PROTEST ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func missTypes(r Report) []string {
	var l []string
	for _, m := range r.Misses {
		l = append(l, m.Gold.Type)
	}
	return l
}

func spuriousTypes(r Report) []string {
	var l []string
	for _, s := range r.Spurious {
		l = append(l, s.Event.Type)
	}
	return l
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func approx(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
