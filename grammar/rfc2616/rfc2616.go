// Package rfc2616 embeds the grammar of RFC 2616 (HTTP/1.1), curated from
// the RFC's text as .abnf files in the rfc2616 dialect, with the RFC 2396
// URI rules it imports and the fixes listed in NOTES.md. It is what
// "-grammar rfc2616" selects in the abnfc commands.
package rfc2616

import (
	"embed"
	"io/fs"
	"sort"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/syntax"
)

//go:embed *.abnf
var files embed.FS

// Name is the name that selects this grammar on command lines.
const Name = "rfc2616"

// Dialect is the notation the files are written in.
const Dialect = grammar.RFC2616

// Sources returns the grammar's files, sorted by name. Positions in
// diagnostics name them as "rfc2616/FILE".
func Sources() []syntax.Source {
	names, _ := fs.Glob(files, "*.abnf")
	sort.Strings(names)
	var out []syntax.Source
	for _, n := range names {
		b, _ := files.ReadFile(n)
		out = append(out, syntax.Source{Name: "rfc2616/" + n, Text: b})
	}
	return out
}

// Grammar parses the embedded grammar, with the rfc2616 prelude.
func Grammar() (*grammar.Grammar, error) {
	return syntax.Parse(Sources(), syntax.Options{Dialect: Dialect})
}
