// Package ontology is notegraph's vocabulary and its one mapping from
// extracted values to RDF: the namespaces, the ng: classes and properties,
// the SKOS event-type scheme, the JSON-LD context, and the minting of
// instance IRIs. Every export reads the graph this package writes.
package ontology

// Namespaces used by the graph model (DESIGN.md).
const (
	NG      = "https://w3id.org/notegraph/ns#"
	Scheme  = "https://w3id.org/notegraph/ns/event-type/" // SKOS concepts: Scheme + notation
	RDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFS    = "http://www.w3.org/2000/01/rdf-schema#"
	XSD     = "http://www.w3.org/2001/XMLSchema#"
	OWL     = "http://www.w3.org/2002/07/owl#"
	SKOS    = "http://www.w3.org/2004/02/skos/core#"
	PROV    = "http://www.w3.org/ns/prov#"
	OA      = "http://www.w3.org/ns/oa#"
	DCTERMS = "http://purl.org/dc/terms/"
	SEM     = "http://semanticweb.cs.vu.nl/2009/11/sem/"
	SCHEMA  = "http://schema.org/"
	ORG     = "http://www.w3.org/ns/org#"
	NIF     = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
	FOAF    = "http://xmlns.com/foaf/0.1/"
	WD      = "http://www.wikidata.org/entity/"

	// DefaultBase is where instance IRIs are minted unless --base says otherwise.
	DefaultBase = "https://w3id.org/notegraph/id/"
)

// Prefixes lists the prefixes every RDF export declares, in a fixed order.
var Prefixes = []struct{ Prefix, IRI string }{
	{"ng", NG},
	{"ngt", Scheme},
	{"rdf", RDF},
	{"rdfs", RDFS},
	{"xsd", XSD},
	{"owl", OWL},
	{"skos", SKOS},
	{"prov", PROV},
	{"oa", OA},
	{"dcterms", DCTERMS},
	{"sem", SEM},
	{"schema", SCHEMA},
	{"org", ORG},
	{"nif", NIF},
	{"foaf", FOAF},
	{"wd", WD},
}

// Classes and properties of the graph model.
const (
	// documents
	DiplomaticNote = NG + "DiplomaticNote"
	VerbalNote     = NG + "VerbalNote"
	Speech         = NG + "Speech"
	Telegram       = NG + "Telegram"
	Memorandum     = NG + "Memorandum"
	Statement      = NG + "Statement"
	Commentary     = NG + "Commentary"
	Document       = NG + "Document" // superclass of the above
	SourceFile     = NG + "SourceFile"

	Title       = DCTERMS + "title"
	Date        = DCTERMS + "date"
	Creator     = DCTERMS + "creator"
	IsPartOf    = DCTERMS + "isPartOf"
	Addressee   = NG + "addressee"
	DeliveredBy = NG + "deliveredBy"
	DeliveredTo = NG + "deliveredTo"
	Place       = NG + "place"
	SHA256      = NG + "sha256"
	FileName    = NG + "fileName"
	SourceStart = NG + "sourceStart" // code point offsets of the document's text in its source file
	SourceEnd   = NG + "sourceEnd"
	IsString    = NIF + "isString"

	// actors
	Person                 = SCHEMA + "Person"
	Organization           = SCHEMA + "Organization"
	GovernmentOrganization = SCHEMA + "GovernmentOrganization"
	Country                = SCHEMA + "Country"
	SchemaPlace            = SCHEMA + "Place" // a place mentioned (Moscow, Tirana): never an event's agent or target
	Label                  = RDFS + "label"
	AltLabel               = SKOS + "altLabel"
	PrefLabel              = SKOS + "prefLabel"
	MemberOf               = ORG + "memberOf"
	SubOrganizationOf      = ORG + "subOrganizationOf"
	Represents             = NG + "represents"
	Role                   = NG + "role"
	ExactMatch             = SKOS + "exactMatch"

	// event reports
	EventReport      = NG + "EventReport"
	SemEvent         = SEM + "Event"
	EventType        = NG + "eventType"
	Agent            = NG + "agent"
	Target           = NG + "target"
	Theme            = NG + "theme"
	ThemeText        = NG + "themeText"
	Charge           = NG + "charge"
	ChargeText       = NG + "chargeText"
	EventDate        = NG + "date"
	AssertedBy       = NG + "assertedBy"
	Stance           = NG + "stance"
	Trigger          = NG + "trigger"
	Performed        = NG + "Performed"
	Alleged          = NG + "Alleged"
	Reported         = NG + "Reported"
	Denied           = NG + "Denied"
	StanceClass      = NG + "Stance"
	HadPrimarySource = PROV + "hadPrimarySource"
	Evidence         = NG + "evidence"

	// evidence (W3C Web Annotation)
	SpecificResource     = OA + "SpecificResource"
	TextQuoteSelector    = OA + "TextQuoteSelector"
	TextPositionSelector = OA + "TextPositionSelector"
	HasSource            = OA + "hasSource"
	HasSelector          = OA + "hasSelector"
	Exact                = OA + "exact"
	PrefixP              = OA + "prefix"
	SuffixP              = OA + "suffix"
	Start                = OA + "start"
	End                  = OA + "end"

	// the event-type scheme
	ConceptScheme   = SKOS + "ConceptScheme"
	Concept         = SKOS + "Concept"
	InScheme        = SKOS + "inScheme"
	TopConceptOf    = SKOS + "topConceptOf"
	Notation        = SKOS + "notation"
	Definition      = SKOS + "definition"
	CAMEO           = NG + "cameoCode"
	PLOVER          = NG + "ploverCategory"
	EventTypeScheme = NG + "EventTypeScheme" // the scheme IRI itself
)
