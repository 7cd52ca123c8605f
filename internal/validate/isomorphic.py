"""Compare two RDF files with rdflib: the union graphs must be isomorphic,
and when both files are datasets, so must be each named graph.

Usage: isomorphic.py FILE_A FORMAT_A DATASET_A FILE_B FORMAT_B DATASET_B
where FORMAT is an rdflib parser name and DATASET is 0 or 1.
Exit 0 and print "isomorphic", or exit 1 with the differences.
"""
import subprocess
import sys
import tempfile

import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic


# rdflib files a document's default-graph statements under a context named
# by the document's public ID; a fixed one lets us recognise it.
DEFAULT = "urn:x-notegraph-validate:default"


def norm(triple):
    """RDF 1.1 compares language tags case-insensitively, and JSON-LD
    processors lower-case them; rdflib compares them as written."""
    s, p, o = triple
    if isinstance(o, rdflib.Literal) and o.language:
        o = rdflib.Literal(str(o), lang=o.language.lower())
    return s, p, o


# rdflib 6.1's N-Triples/N-Quads parser mis-reads an escaped backslash
# before certain letters ("4\\b" becomes a backslash and a backspace), while
# its Turtle/TriG parser reads it right; serdi rewrites those two syntaxes
# as Turtle/TriG first, changing nothing of the RDF.
VIA_SERDI = {"nt": ("ntriples", "turtle", "turtle"), "nquads": ("nquads", "trig", "trig")}


def load(path, fmt):
    if fmt in VIA_SERDI:
        src, dst, fmt = VIA_SERDI[fmt]
        out = tempfile.NamedTemporaryFile(suffix="." + dst, delete=False)
        subprocess.run(["serdi", "-i", src, "-o", dst, path], stdout=out, check=True)
        out.close()
        path = out.name
    cg = rdflib.ConjunctiveGraph()
    cg.parse(path, format=fmt, publicID=DEFAULT)
    union = rdflib.Graph()
    for t in cg.triples((None, None, None)):
        union.add(norm(t))
    named = {}
    default_id = cg.default_context.identifier
    for ctx in cg.contexts():
        if ctx.identifier in (default_id, rdflib.URIRef(DEFAULT)) or len(ctx) == 0:
            continue
        g = rdflib.Graph()
        for t in ctx.triples((None, None, None)):
            g.add(norm(t))
        named[ctx.identifier] = g
    return union, named


def describe(name, a, b):
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    lines = ["%s differ: %d vs %d triples" % (name, len(a), len(b))]
    for label, g in (("only in A", only_a), ("only in B", only_b)):
        for i, t in enumerate(sorted(g.triples((None, None, None)))):
            if i == 10:
                lines.append("  %s: ..." % label)
                break
            lines.append("  %s: %s" % (label, " ".join(x.n3() for x in t)))
    return "\n".join(lines)


def main():
    path_a, fmt_a, ds_a, path_b, fmt_b, ds_b = sys.argv[1:7]
    union_a, named_a = load(path_a, fmt_a)
    union_b, named_b = load(path_b, fmt_b)
    problems = []
    if not isomorphic(union_a, union_b):
        problems.append(describe("union graphs", union_a, union_b))
    if ds_a == "1" and ds_b == "1":
        # Blank graph names cannot be matched by name; compare them as a
        # multiset of graphs instead.
        iris_a = {k for k in named_a if isinstance(k, rdflib.URIRef)}
        iris_b = {k for k in named_b if isinstance(k, rdflib.URIRef)}
        if iris_a != iris_b:
            problems.append("named graphs differ: only in A %s, only in B %s"
                            % (sorted(iris_a - iris_b), sorted(iris_b - iris_a)))
        for name in sorted(iris_a & iris_b):
            if not isomorphic(named_a[name], named_b[name]):
                problems.append(describe("graph <%s>" % name, named_a[name], named_b[name]))
        blanks_a = len(named_a) - len(iris_a)
        blanks_b = len(named_b) - len(iris_b)
        if blanks_a != blanks_b:
            problems.append("blank-named graphs: %d vs %d" % (blanks_a, blanks_b))
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("isomorphic")


main()
