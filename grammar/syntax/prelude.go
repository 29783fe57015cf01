package syntax

import (
	"embed"
	"fmt"
	"sync"

	"github.com/abnfc/abnfc/grammar"
)

//go:embed prelude/*.abnf
var preludeFS embed.FS

// preludeFile names the built-in rules of each dialect.
var preludeFile = map[grammar.Dialect]string{
	grammar.RFC5234: "prelude/core.abnf",
	grammar.RFC7230: "prelude/core.abnf",
	grammar.RFC2616: "prelude/rfc2616.abnf",
}

var preludes sync.Map // grammar.Dialect → []*grammar.Rule

// Prelude returns the built-in rules of dialect d, parsed from the
// embedded prelude files (written in RFC 5234 notation).
func Prelude(d grammar.Dialect) ([]*grammar.Rule, error) {
	if v, ok := preludes.Load(d); ok {
		return v.([]*grammar.Rule), nil
	}
	name, ok := preludeFile[d]
	if !ok {
		return nil, fmt.Errorf("no prelude for dialect %v", d)
	}
	src, err := preludeFS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	g, err := Parse([]Source{{Name: "prelude:" + d.String(), Text: src}}, Options{Dialect: grammar.RFC5234, NoPrelude: true})
	if err != nil {
		return nil, fmt.Errorf("prelude: %v", err)
	}
	for _, r := range g.Rules {
		r.Builtin = true
	}
	preludes.Store(d, g.Rules)
	return g.Rules, nil
}

func addPrelude(g *grammar.Grammar, d grammar.Dialect) error {
	rules, err := Prelude(d)
	if err != nil {
		return err
	}
	for _, r := range rules {
		cp := *r
		g.Add(&cp)
	}
	return nil
}
