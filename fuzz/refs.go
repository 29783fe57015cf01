//go:build !gofuzz

package fuzz

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/parser"
)

// maxRefInput bounds the inputs given to the reference parser; longer
// inputs are compared through oracles 2 and 3 only. The bound is low
// because ref is superlinear on header lines (about n^2.3: "X: y" and
// 2000 more token bytes take 1.4 s against message-header, 50 ms at 500
// bytes), where the grammar's field-content is ambiguous; a fuzzing
// engine would take such an input for a hang.
const maxRefInput = 512

var (
	grammarOnce sync.Once
	theGrammar  *grammar.Grammar
	grammarErr  error

	refMu   sync.Mutex
	refs    = map[string]*ref.Parser{}
	refErrs = map[string]error{}
)

// Grammar returns the embedded RFC 2616 grammar, loaded once.
func Grammar() (*grammar.Grammar, error) {
	grammarOnce.Do(func() { theGrammar, grammarErr = rfc2616.Grammar() })
	return theGrammar, grammarErr
}

// refParser returns the reference parser of rule, built once and shared
// (ref.Parser is safe for concurrent use).
func refParser(rule string) (*ref.Parser, error) {
	refMu.Lock()
	defer refMu.Unlock()
	if p, ok := refs[rule]; ok {
		return p, nil
	}
	if err, ok := refErrs[rule]; ok {
		return nil, err
	}
	g, err := Grammar()
	if err == nil {
		var p *ref.Parser
		// Bounded work per input: a parse over the limits is skipped, as
		// one over maxRefInput is, so no input can look like a hang.
		p, err = ref.NewWithLimits(g, rule, ref.Limits{MaxInput: maxRefInput, MaxItems: 1 << 21})

		if err == nil {
			refs[rule] = p
			return p, nil
		}
	}
	err = fmt.Errorf("reference parser for %s: %w", rule, err)
	refErrs[rule] = err
	return nil, err
}

// refSeen, when set (by tests), sees each rule and input oracle 1 checks.
var refSeen func(rule string, data []byte)

// compareRule is oracle 1 for one rule on one input: Match, Scan (the
// longest matching prefix) and Validate of the generated parser against
// the reference parser. It records disagreements in r.
func compareRule(r *Result, rule string, data []byte) {
	if len(data) > maxRefInput {
		return
	}
	if refSeen != nil {
		refSeen(rule, data)
	}
	f, ok := ruleFuncs(rule)
	if !ok {
		r.add(OracleRef, rule, "no generated rule", "", "")
		return
	}
	compareRuleFuncs(r, rule, f, data)
}

// compareRuleFuncs is compareRule with the rule's functions given (the
// tests give wrong ones).
func compareRuleFuncs(r *Result, rule string, f parser.RuleFuncs, data []byte) {
	p, err := refParser(rule)
	if err != nil {
		r.add(OracleRef, rule, "", err.Error(), "")
		return
	}
	res, err := refParse(p, rule, data)
	if err != nil {
		return // over the reference parser's limits
	}
	gm := f.Match(data)
	if gm != res.Match {
		r.add(OracleRef, rule+".Match", fmt.Sprint(gm), fmt.Sprint(res.Match), "")
		return
	}
	ve := f.Validate(data)
	if (ve == nil) != gm {
		r.add(OracleRef, rule+".Validate", fmt.Sprint(ve), fmt.Sprint(gm), "")
	} else if ve != nil {
		compareValidateError(r, rule, ve, res.Failure)
	}
	n, sok := f.Scan(data)
	rn, rok := -1, len(res.Prefixes) > 0
	if rok {
		rn = res.Prefixes[len(res.Prefixes)-1]
	}
	if !sok {
		n = -1
	}
	if sok != rok || n != rn {
		r.add(OracleRef, rule+".Scan", fmt.Sprint(n), fmt.Sprint(rn), "")
	}
}

// compareValidateError holds the error of Validate on an input that
// does not match to the reference parser's Failure. Both report the
// same position: the offset of the first byte no match of the rule can
// have there, which is the length of the longest prefix of the input
// that some match starts with (the generated machine's dead state; the
// last non-empty Earley set), or the input's length when the whole
// input is such a prefix; and its 1-based line and byte column,
// counting LF. The error must be a *parser.SyntaxError. A limit's error
// (TooDeep: machines nested deeper than abnfc gen -depth; TooLong: an
// @limit, which RFC 2616's grammar has none of) is at the byte that
// crosses the limit, which the reference parser, with no such limits,
// knows nothing of: its offset is not compared.
func compareValidateError(r *Result, rule string, ve error, fail *ref.Failure) {
	var se *parser.SyntaxError
	if !errors.As(ve, &se) {
		r.add(OracleRef, rule+".Validate", fmt.Sprintf("%T %v", ve, ve), fmt.Sprint(fail), "")
		return
	}
	if fail == nil || se.TooDeep || se.TooLong {
		return
	}
	if se.Offset != fail.Offset || se.Line != fail.Line || se.Col != fail.Col {
		r.add(OracleRef, rule+".Validate.Offset", fmt.Sprintf("offset %d (%d:%d)", se.Offset, se.Line, se.Col),
			fmt.Sprintf("offset %d (%d:%d)", fail.Offset, fail.Line, fail.Col), "")
	}
}

// refCache remembers reference results by rule and input: message inputs
// repeat the same lines ("Host: example.com") over and over, and the
// Earley parser is the slowest oracle. It is bounded and cleared when
// full; results are never modified after they are stored.
var (
	refCacheMu sync.Mutex
	refCache   = map[string]*ref.Result{}
)

const refCacheMax = 1 << 16

func refParse(p *ref.Parser, rule string, data []byte) (*ref.Result, error) {
	key := rule + "\x00" + string(data)
	refCacheMu.Lock()
	res, ok := refCache[key]
	refCacheMu.Unlock()
	if ok {
		return res, nil
	}
	res, err := p.Parse(data)
	if err != nil {
		return nil, err
	}
	refCacheMu.Lock()
	if len(refCache) >= refCacheMax {
		clear(refCache)
	}
	refCache[key] = res
	refCacheMu.Unlock()
	return res, nil
}

// compareSpansRef holds parser.SpansMessageHead on data to the reference
// parser's tree of the head it scans (when it scans one of at most
// maxRefInput bytes): the spans of the nodes of the rules of
// parser.MessageHeadSpanNames, each when it ends (a node after its
// children), an empty one left out, as abnfc gen's @spans reports them.
// The span machine may report them only if they do not depend on which
// derivation the tree picks (gen/automata.CompileSpans refuses spans
// that do), so any tree will do.
func compareSpansRef(r *Result, data []byte) {
	spans, n, ok := spansMessageHead(data, nil)
	if !ok || n > maxRefInput {
		return
	}
	p, err := refParser("message-head")
	if err != nil {
		r.add(OracleRef, "message-head", "", err.Error(), "")
		return
	}
	tree, _, err := p.Tree(data[:n])
	if err != nil {
		return // over the reference parser's limits
	}
	if tree == nil {
		r.add(OracleRef, "SpansMessageHead", fmt.Sprintf("a head of %d bytes", n), "no match", "")
		return
	}
	var want []string
	var walk func(*ref.Node)
	walk = func(nd *ref.Node) {
		for _, c := range nd.Children {
			walk(c)
		}
		for _, name := range parser.MessageHeadSpanNames {
			if strings.EqualFold(nd.Rule, name) && nd.End > nd.Start {
				want = append(want, fmt.Sprintf("%s %d-%d", name, nd.Start, nd.End))
			}
		}
	}
	for _, c := range tree.Children {
		walk(c)
	}
	var got []string
	for _, s := range spans {
		name := "?"
		if s.Capture >= 0 && s.Capture < len(parser.MessageHeadSpanNames) {
			name = parser.MessageHeadSpanNames[s.Capture]
		}
		got = append(got, fmt.Sprintf("%s %d-%d", name, s.Start, s.End))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		r.add(OracleRef, "SpansMessageHead", fmt.Sprint(got), fmt.Sprint(want), "")
	}
}
