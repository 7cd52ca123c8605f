package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// findEvent reports whether a document holds an event of the given type,
// agent, target and stance whose quote contains quote.
func findEvent(d Document, typ, agent, target string, stance Stance, quote string) bool {
	for _, e := range d.Events {
		if e.Type != typ || e.Stance != stance || !strings.Contains(e.Quote, quote) {
			continue
		}
		if agent != "" && !slices.Contains(e.Agents, agent) {
			continue
		}
		if target != "" && !slices.Contains(e.Targets, target) {
			continue
		}
		return true
	}
	return false
}

func dumpEvents(t *testing.T, d Document) {
	for _, e := range d.Events {
		t.Logf("  %s %s ag=%v tg=%v %q", e.Type, e.Stance, e.Agents, e.Targets, e.Quote)
	}
}

// TestCorpusSentences checks events on real sentences of the corpora, each
// read in its own document so that "we", "the Embassy" and the issuer resolve.
func TestCorpusSentences(t *testing.T) {
	x := newX(t)
	txt := extractFile(t, x, filepath.Join(corpusDir, "albania-ussr-1961.txt"))
	frus5 := extractFile(t, x, filepath.Join(corpusDir, "frus", "frus1961-63v05_d372-d374.xml"))
	cases := []struct {
		name          string
		f             *File
		doc           int
		typ           string
		agent, target string
		stance        Stance
		quote         string
	}{
		{"speech: they avoided it", txt, 1, "REJECT", "apl", "", Alleged, "they avoided it"},
		{"speech: we proposed a meeting", txt, 1, "PROPOSE", "cpsu", "apl", Alleged, "we twice proposed a meeting to the Albanian leaders"},
		{"statement: recall of Shikin", txt, 2, "RECALL_AMBASSADOR", "soviet-union-government", "", Performed, "recall the USSR Ambassador Extraordinary and Plenipotentiary, Comrade J. V. Shikin"},
		{"statement: reported accusation", txt, 2, "ACCUSE", "albania-authorities", "", Reported, "accusing the members of the USSR Embassy"},
		{"statement: alleged demand", txt, 2, "DEMAND", "albania-government", "", Alleged, "demanding without foundation a reduction of the staff"},
		{"statement: accusation of an intolerable situation", txt, 2, "ACCUSE", "soviet-union-government", "albania-government", Performed, "has created an intolerable situation"},
		{"verbal note: protest", txt, 3, "PROTEST", "soviet-union-mfa", "albania-embassy", Performed, "protests vigorously to the Albanian Embassy"},
		{"verbal note: Nase may not stay", txt, 3, "EXPEL", "soviet-union-mfa", "albania", Performed, "Nesti Nase"},
		{"verbal note: demand to stop distribution", txt, 3, "DEMAND", "soviet-union-mfa", "", Performed, "demand the immediate suspension"},
		{"verbal note: accused distribution", txt, 3, "ACCUSE", "soviet-union-mfa", "albania-embassy", Performed, "distribute in an intensive manner"},
		{"verbal note 3 Dec: rejects the demand", txt, 4, "REJECT", "soviet-union-mfa", "", Performed, "reject emphatically"},
		{"verbal note 3 Dec: withdraws personnel", txt, 4, "WITHDRAW_MISSION", "soviet-union-government", "albania", Performed, "withdraw the entire personnel of the Soviet Embassy"},
		{"verbal note 3 Dec: demands departure", txt, 4, "EXPEL", "soviet-union-government", "", Performed, "demands that the entire personnel"},
		{"note 4 Dec: rejects accusation", txt, 5, "DENY", "albania-government", "", Performed, "most emphatically rejects this false accusation"},
		{"note 4 Dec: alleged recall", txt, 5, "RECALL_AMBASSADOR", "soviet-union-government", "", Alleged, "to recall its Ambassador"},
		{"note 4 Dec: protest", txt, 5, "PROTEST", "albania-government", "soviet-union-government", Performed, "protests most vigorously this decision"},
		{"note 9 Dec: alleged recall with date", txt, 6, "RECALL_AMBASSADOR", "soviet-union-government", "albania", Alleged, "withdrew its Ambassador, J. Shikin, from Albania"},
		{"note 9 Dec: expelled students", txt, 6, "EXPEL", "khrushchev", "albania", Alleged, "expelled on false grounds"},
		{"note 9 Dec: blockade", txt, 6, "BLOCKADE", "khrushchev", "albania", Alleged, "blockade of the Albanian People’s Republic"},
		{"note 9 Dec: accusation of the blockade", txt, 6, "ACCUSE", "albania-government", "khrushchev", Performed, "blockade"},
		{"note 9 Dec: protest", txt, 6, "PROTEST", "albania-government", "", Performed, "emphatically protesting"},
		{"FRUS footnote: arrest by Soviet authorities", frus5, 0, "ARREST", "soviet-union-authorities", "", Alleged, "was arrested by Soviet authorities"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.f.Documents[c.doc]
			if !findEvent(d, c.typ, c.agent, c.target, c.stance, c.quote) {
				dumpEvents(t, d)
				t.Errorf("no %s %s by %q against %q quoting %q", c.stance, c.typ, c.agent, c.target, c.quote)
			}
		})
	}
	// the statement's "Had they published it in full" and the speech's
	// conditions yield no deed
	for _, e := range txt.Documents[1].Events {
		if strings.Contains(e.Quote, "Had we not") || strings.Contains(e.Quote, "If the Chinese comrades") {
			t.Errorf("irrealis sentence gave an event: %+v", e)
		}
	}
	// the denial yields a DENY and no distribution deed asserted by the issuer
	d := txt.Documents[6]
	if !findEvent(d, "DENY", "albania-government", "", Performed, "rejects as a shameful and provocative offense") {
		dumpEvents(t, d)
		t.Error("no DENY for the denial")
	}
	for _, e := range d.Events {
		if strings.Contains(e.Quote, "ever distributed") && (e.Stance == Alleged || e.Stance == Performed) && e.Type != "DENY" {
			t.Errorf("denied deed asserted: %+v", e)
		}
	}
}

func TestRolePersons(t *testing.T) {
	x := newX(t)
	f := extractFile(t, x, filepath.Join(corpusDir, "albania-ussr-1961.txt"))
	get := func(d Document, id string) *Actor {
		for i := range d.Actors {
			if d.Actors[i].ID == id {
				return &d.Actors[i]
			}
		}
		return nil
	}
	d := f.Documents[3]
	fir := get(d, "firyubin")
	if fir == nil || fir.Kind != Person || !strings.Contains(fir.Role, "Deputy Minister") || !slices.Contains(fir.MemberOf, "soviet-union-mfa") {
		t.Errorf("Firyubin: %+v", fir)
	}
	mazi := get(d, "mazi")
	if mazi == nil || mazi.Label != "Gac Mazi" || !slices.Contains(mazi.Represents, "albania") {
		t.Errorf("Gac Mazi: %+v", mazi)
	}
	sh := get(f.Documents[2], "shikin")
	if sh == nil || sh.Label != "J. V. Shikin" || !slices.Contains(sh.Represents, "soviet-union") {
		t.Errorf("Shikin: %+v", sh)
	}
	// a later bare surname merges with the person met with a role
	sh9 := get(f.Documents[6], "shikin")
	if sh9 == nil || !slices.Contains(sh9.AltLabels, "Shikin") {
		t.Errorf("Shikin in the 9 December note: %+v", sh9)
	}
	// speaker-relative reference: "our party" in the speech is the CPSU
	cc := get(f.Documents[1], "cpsu-central-committee")
	if cc == nil || !slices.Contains(cc.AltLabels, "Central Committee of our party") {
		t.Errorf("Central Committee of our party: %+v", cc)
	}
	// TEI persName/@corresp: the gazetteer ties it to a person (tei=), else it is a volume-qualified ID
	fr := extractFile(t, x, filepath.Join(corpusDir, "frus", "frus1961-63v16_d192-d193.xml"))
	if g := get(fr.Documents[0], "gufler"); g == nil || g.Label != "Bernard Gufler" {
		t.Errorf("Gufler by corresp missing: %+v", fr.Documents[0].Actors)
	}
	if fr.Documents[0].Issuer != "embassy-in-finland" || fr.Documents[0].Addressee != "us-department-of-state" || fr.Documents[0].Date != "1961-11-03" || fr.Documents[0].Place != "Helsinki" {
		t.Errorf("FRUS 192 metadata: %+v", fr.Documents[0])
	}
}

// TestUnseenDocument runs the extractor on a note it has never seen, about
// states that only an extra gazetteer file knows.
func TestUnseenDocument(t *testing.T) {
	dir := t.TempDir()
	actors := filepath.Join(dir, "actors-extra.tsv")
	if err := os.WriteFile(actors, []byte(strings.Join([]string{
		"ruritania\tCountry\tKingdom of Ruritania\talias=Ruritania\tadj=Ruritanian\ttags=state",
		"freedonia\tCountry\tRepublic of Freedonia\talias=Freedonia\tadj=Freedonian\ttags=state",
		"",
	}, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := New(Options{ActorFiles: []string{actors}})
	if err != nil {
		t.Fatal(err)
	}
	note := "Note of the Ministry of Foreign Affairs of Ruritania to the Embassy of Freedonia in Strelsau, March 3, 1958:\n\n" +
		"The Ministry of Foreign Affairs of Ruritania protests most vigorously to the Freedonian Embassy against the hostile campaign of the Freedonian Government.\n\n" +
		"On February 27, 1958, the Freedonian Government expelled on false grounds the Ruritanian Ambassador, Rudolf Rassendyll, from Freedonia.\n\n" +
		"The Government of Ruritania has decided to recall its Ambassador to Freedonia, Count Rupert, and rejects the demand of the Freedonian Government.\n"
	f, err := x.File("unseen.txt", []byte(note))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Documents) != 1 {
		t.Fatalf("%d documents", len(f.Documents))
	}
	d := f.Documents[0]
	if d.Kind != KindNote || d.Date != "1958-03-03" || d.Issuer != "ruritania-mfa" || d.Addressee != "freedonia-embassy" {
		t.Errorf("metadata: kind %s date %s issuer %s addressee %s", d.Kind, d.Date, d.Issuer, d.Addressee)
	}
	checks := []struct {
		typ, agent, target string
		stance             Stance
		quote, date        string
	}{
		{"PROTEST", "ruritania-mfa", "freedonia-embassy", Performed, "protests most vigorously", "1958-03-03"},
		{"EXPEL", "freedonia-government", "ruritania", Alleged, "expelled on false grounds the Ruritanian Ambassador", "1958-02-27"},
		{"ACCUSE", "ruritania-mfa", "freedonia-government", Performed, "expelled", "1958-03-03"},
		{"RECALL_AMBASSADOR", "ruritania-government", "freedonia", Performed, "recall its Ambassador", "1958-03-03"},
		{"REJECT", "ruritania-government", "", Performed, "rejects the demand", "1958-03-03"},
	}
	for _, c := range checks {
		ok := false
		for _, e := range d.Events {
			if e.Type == c.typ && slices.Contains(e.Agents, c.agent) && (c.target == "" || slices.Contains(e.Targets, c.target)) && e.Stance == c.stance && strings.Contains(e.Quote, c.quote) && e.Date == c.date {
				ok = true
			}
		}
		if !ok {
			dumpEvents(t, d)
			t.Errorf("missing %s %s by %s against %s (%q, %s)", c.stance, c.typ, c.agent, c.target, c.quote, c.date)
		}
	}
	var amb *Actor
	for i := range d.Actors {
		if d.Actors[i].ID == "rassendyll" {
			amb = &d.Actors[i]
		}
	}
	if amb == nil || amb.Role != "Ambassador" || !slices.Contains(amb.Represents, "ruritania") {
		t.Errorf("the ambassador: %+v", amb)
	}
}

func FuzzFile(f *testing.F) {
	x := newX(f)
	f.Add("a.txt", []byte("Note of the Government of the USSR to the Embassy, May 1, 1960:\n\nThe Government protests. We demand the recall of the Ambassador, N. Name.\n\nMoscow, May 1, 1960\n"))
	f.Add("b.xml", []byte(`<TEI><text><body><div type="document"><head>Telegram From the <gloss type="from">Embassy in Finland</gloss></head><p>He <persName corresp="#p1">X</persName> protested.<note>Y was arrested.</note></p></div></body></text></TEI>`))
	f.Add("c.md", []byte("[1] footnote\n(Visited 3 times)"))
	// unknown states, a dateline under the heading, a signature block
	f.Add("d.txt", []byte("Letter of the Republic of Xa to the Yan People's Republic\n\nXa, May 1, 1960, 6 p.m.\n\nThe Yan Chargé, Mr. Z, was declared persona non grata. Republic of\n\nFor the CPSU(b)\nJ. Q\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		ext := []string{".txt", ".xml", ".md"}[len(name)%3]
		file, err := x.File("fuzz"+ext, data)
		if err != nil {
			if _, ok := err.(*InputError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		src := []rune(string(data))
		for _, d := range file.Documents {
			rs := []rune(d.Text)
			if d.SourceStart >= 0 && string(src[d.SourceStart:d.SourceEnd]) != d.Text {
				t.Fatalf("document text is not the file's span")
			}
			for _, e := range d.Events {
				if string(rs[e.Evidence.Start:e.Evidence.End]) != e.Quote {
					t.Fatalf("quote mismatch")
				}
			}
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	x := newX(b)
	data, err := os.ReadFile(filepath.Join(corpusDir, "albania-ussr-1961.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.File("albania-ussr-1961.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractLong runs one long document (the 9 December note's body
// repeated), to keep per-trigger analysis local: throughput must not fall
// with document length.
func BenchmarkExtractLong(b *testing.B) {
	x := newX(b)
	data, err := os.ReadFile(filepath.Join(corpusDir, "albania-ussr-1961.txt"))
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	body := s[strings.Index(s, "Since its creation"):strings.LastIndex(s, "Tirana, December 9, 1961")]
	big := []byte("Note of the Ministry of Foreign Affairs of the Albanian People’s Republic to the Embassy of the Soviet Union in Tirana, December 9, 1961:\n\n" + strings.Repeat(body, 30))
	b.SetBytes(int64(len(big)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.File("long.txt", big); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTEIFixture reads a small TEI file: markup metadata, a person known only
// by persName/@corresp, a footnote asserted by the publisher, offsets.
func TestTEIFixture(t *testing.T) {
	x := newX(t)
	tei := `<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><publicationStmt>
<publisher>Office of the Historian</publisher><idno type="frus">frus-test</idno>
</publicationStmt></fileDesc></teiHeader><text><body>
<div type="document" xml:id="d1"><head>1. Telegram From the <gloss type="from">Embassy in Finland</gloss> to the <gloss type="to">Department of State</gloss></head>
<dateline><placeName>Helsinki</placeName>, <date when="1961-11-03T15:00:00">November 3, 1961</date></dateline>
<p>100. <persName corresp="#p_XYZ9">Virtanen</persName> protested the Soviet note.<note n="1">On November 1 the Soviet authorities arrested <persName corresp="#p_XYZ9">Virtanen</persName>.</note></p>
<closer><signed><persName corresp="#p_GB1">Gufler</persName></signed></closer></div>
</body></text></TEI>`
	f, err := x.File("fixture.xml", []byte(tei))
	if err != nil {
		t.Fatal(err)
	}
	d := f.Documents[0]
	if d.Kind != KindTelegram || d.Date != "1961-11-03" || d.Place != "Helsinki" || d.Issuer != "embassy-in-finland" || d.Addressee != "us-department-of-state" || d.SourceStart != -1 {
		t.Errorf("metadata: %+v", d)
	}
	if !strings.HasPrefix(d.Title, "Telegram From the Embassy in Finland") {
		t.Errorf("title %q", d.Title)
	}
	var vir *Actor
	for i := range d.Actors {
		if d.Actors[i].ID == "frus-test-p-xyz9" {
			vir = &d.Actors[i]
		}
	}
	if vir == nil || vir.Label != "Virtanen" || vir.Kind != Person {
		t.Fatalf("person by corresp: %+v", d.Actors)
	}
	if !findEvent(d, "PROTEST", "frus-test-p-xyz9", "", Reported, "Virtanen protested") && !findEvent(d, "PROTEST", "frus-test-p-xyz9", "", Alleged, "Virtanen protested") {
		dumpEvents(t, d)
		t.Error("no protest by the person known by corresp")
	}
	editor := ""
	for _, e := range d.Events {
		if e.Type == "ARREST" {
			editor = e.AssertedBy
			if !slices.Contains(e.Targets, "frus-test-p-xyz9") || e.Date != "1961-11-01" {
				t.Errorf("footnote arrest: %+v", e)
			}
		}
	}
	if editor != "office-of-the-historian" {
		dumpEvents(t, d)
		t.Errorf("footnote events asserted by %q, want the publisher", editor)
	}
	if strings.Contains(d.Text, "  ") || strings.Contains(d.Text, "<") {
		t.Errorf("text keeps markup or runs of blanks: %q", d.Text)
	}
}

// TestMarkdown segments a Markdown file at its headings.
func TestMarkdown(t *testing.T) {
	x := newX(t)
	md := "# Statement of the Government of the Soviet Union\n\nThe Government of the Soviet Union protests against the hostile campaign of the Albanian Government.\n\n## Note of the Ministry of Foreign Affairs of the Albanian People's Republic, December 9, 1961\n\nThe Government of the Albanian People's Republic rejects the demand of the Soviet Government.\n"
	f, err := x.File("notes.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Documents) != 2 {
		t.Fatalf("%d documents", len(f.Documents))
	}
	a, b := f.Documents[0], f.Documents[1]
	if a.Kind != KindStatement || a.Title != "Statement of the Government of the Soviet Union" || a.Issuer != "soviet-union-government" {
		t.Errorf("first: %s %q %s", a.Kind, a.Title, a.Issuer)
	}
	if b.Kind != KindNote || b.Date != "1961-12-09" || b.Issuer != "albania-mfa" {
		t.Errorf("second: %s %s %s", b.Kind, b.Date, b.Issuer)
	}
	if !findEvent(a, "PROTEST", "soviet-union-government", "", Performed, "protests against") || !findEvent(b, "REJECT", "albania-government", "", Performed, "rejects the demand") {
		dumpEvents(t, a)
		dumpEvents(t, b)
		t.Error("events missing")
	}
}

// TestUnseenCuba reads an invented note and telegram about states the corpora
// never mention (testdata/unseen-cuba-1962.txt): a protecting power that only
// transmits the note must not be taken for the other side.
func TestUnseenCuba(t *testing.T) {
	f := extractFile(t, newX(t), filepath.Join("testdata", "unseen-cuba-1962.txt"))
	if len(f.Documents) != 2 {
		t.Fatalf("%d documents", len(f.Documents))
	}
	n, tg := f.Documents[0], f.Documents[1]
	if n.Issuer != "cuba-mfa" || n.Addressee != "switzerland-embassy" || n.Date != "1962-10-25" || n.Place != "Havana" {
		t.Errorf("note metadata: %s %s %s %s", n.Issuer, n.Addressee, n.Date, n.Place)
	}
	checks := []struct {
		typ, agent, target string
		stance             Stance
		quote, date        string
	}{
		{"PROTEST", "cuba-government", "united-states-government", Performed, "protests most energetically", "1962-10-22"},
		{"BLOCKADE", "united-states-government", "cuba", Alleged, "blockade imposed by the United States Government", "1962-10-22"},
		{"DEMAND", "united-states", "cuba-government", Alleged, "demand of the United States", "1962-10-25"},
		{"EXPEL", "united-states-government", "cuba", Alleged, "has expelled the Cuban diplomats", "1962-10-25"},
		{"CANCEL_AGREEMENT", "united-states-government", "cuba", Alleged, "cancelled the trade agreement", "1962-10-25"},
		{"DEMAND", "cuba-government", "united-states-government", Performed, "demands that the United States Government", "1962-10-25"},
		{"PROPOSE", "cuba-government", "", Performed, "proposes negotiations", "1962-10-25"},
	}
	for _, c := range checks {
		ok := false
		for _, e := range n.Events {
			if e.Type == c.typ && slices.Contains(e.Agents, c.agent) && (c.target == "" || slices.Contains(e.Targets, c.target)) && e.Stance == c.stance && strings.Contains(e.Quote, c.quote) && e.Date == c.date {
				ok = true
			}
		}
		if !ok {
			dumpEvents(t, n)
			t.Errorf("missing %s %s by %s against %s (%q, %s)", c.stance, c.typ, c.agent, c.target, c.quote, c.date)
		}
	}
	if tg.Kind != KindTelegram || tg.Issuer != "embassy-in-cuba" || tg.Addressee != "us-department-of-state" {
		t.Errorf("telegram metadata: %s %s %s", tg.Kind, tg.Issuer, tg.Addressee)
	}
	if !findEvent(tg, "PROTEST", "roa", "", Reported, "Raúl Roa protested") {
		dumpEvents(t, tg)
		t.Error("no reported protest by the Foreign Minister")
	}
	for _, e := range tg.Events {
		if e.Type == "DEMAND" {
			t.Errorf("\"the American demands\" read as a verb: %+v", e)
		}
	}
}

// TestGenreFormulas reads an invented verbal note written in the formulas of
// the genre, with triggers the 1961 corpus does not use.
func TestGenreFormulas(t *testing.T) {
	note := "Verbal note of the Embassy of Poland in Prague, May 4, 1958:\n\n" +
		"The Embassy of the Polish People's Republic presents its compliments to the Ministry of Foreign Affairs of the Czechoslovak Republic and has the honour to state the following.\n\n" +
		"The Embassy lodged a strong protest with the Ministry of Foreign Affairs against the arrest of two Polish citizens.\n\n" +
		"On April 30, 1958, the Czechoslovak Government ordered the Polish consul to leave the country within 48 hours and suspended all economic aid to Poland.\n\n" +
		"The Government of Poland has decided to sever diplomatic relations with Czechoslovakia.\n"
	f, err := newX(t).File("formulas.txt", []byte(note))
	if err != nil {
		t.Fatal(err)
	}
	d := f.Documents[0]
	if d.Kind != KindVerbalNote || d.Issuer != "poland-embassy" || d.Addressee != "czechoslovakia-mfa" || d.Date != "1958-05-04" {
		t.Errorf("metadata: %s %s %s %s", d.Kind, d.Issuer, d.Addressee, d.Date)
	}
	cases := []struct {
		typ, agent, target string
		stance             Stance
		quote              string
	}{
		{"PROTEST", "poland-embassy", "czechoslovakia-mfa", Alleged, "lodged a strong protest"},
		{"EXPEL", "czechoslovakia-government", "poland", Alleged, "ordered the Polish consul to leave"},
		{"REDUCE_AID", "czechoslovakia-government", "poland", Alleged, "suspended all economic aid"},
		{"WITHDRAW_MISSION", "poland-government", "czechoslovakia", Performed, "sever diplomatic relations"},
	}
	for _, c := range cases {
		if !findEvent(d, c.typ, c.agent, c.target, c.stance, c.quote) {
			dumpEvents(t, d)
			t.Errorf("missing %s %s by %s against %s quoting %q", c.stance, c.typ, c.agent, c.target, c.quote)
		}
	}
}
