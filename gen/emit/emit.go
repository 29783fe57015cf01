package emit

import (
	"bytes"
	"fmt"
	"go/format"
	"go/token"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abnfc/abnfc/gen/automata"
	"github.com/abnfc/abnfc/grammar"
)

// Config describes the file to generate.
type Config struct {
	// Package is the Go package name.
	Package string
	// Prefix goes before every generated identifier, so that several
	// grammars can share a package: each file has its own engine, named
	// after its prefix. It goes after the verb (MatchXFoo for rule foo
	// with Prefix X), and the generator sees one file at a time: give
	// each grammar of a package a prefix, as rule x-foo of an unprefixed
	// file would be MatchXFoo too (abnfc gen finds such a clash with
	// Files.Decls before it writes). It is empty or starts with an
	// upper-case letter (ValidPrefix).
	Prefix string
	// Command is the abnfc command line, recorded in the header.
	Command string
	// Source names the grammar files, recorded in the header.
	Source string
	// MaxDepth is the nesting limit of recursive rules.
	MaxDepth int
	// Style is the code style of MatchR for rules that compile to one
	// machine: StyleGoto (the default), StyleTable or StyleSwitch.
	Style string
	// SIMD adds vector run skipping with simd/archsimd (AVX2) in a pair
	// of build-tagged files: see GenerateFiles and simd.go.
	SIMD bool
	// MaxGotoStates is the most states written as one goto function in
	// the goto style (0: MaxGotoStates, the constant). A machine with
	// more runs from its tables, as in the table style, and so does
	// MatchR of a rule with calls whose machines have more in all; see
	// MaxGotoStates.
	MaxGotoStates int
}

// Rule is one requested rule: its definition (quoted in comments), the
// grammar it is from (for the annotations of its machines) and its
// compiled program.
//
// Spans, for a rule annotated @spans, is its machine from
// automata.CompileSpans, written as SpansR.
type Rule struct {
	Rule    *grammar.Rule
	Grammar *grammar.Grammar
	Program *automata.Program
	Spans   *automata.Machine
	// SpansNullable says, for each of Spans.Spans, whether its rule can
	// match the empty string: only such a span needs the test that keeps
	// an empty match out of SpansR's result (nil: every span does).
	SpansNullable []bool
	// WriteGoto gives the rule's Machine.Write goto code of its own
	// (abnfc gen -write-goto): see writeGotoFunc. It needs a rule of one
	// machine that calls nothing, in the goto style.
	WriteGoto bool
}

// Annotations the emitter interprets.
const (
	// AnnotCapture reports the spans a rule matches.
	AnnotCapture = "capture"
	// AnnotLimit bounds the length of a rule's matches: @limit 8190.
	AnnotLimit = "limit"
	// AnnotExtern names a hand-written Go function that matches the rule
	// in one-shot mode: @extern scanToken, with func scanToken(b []byte) int
	// returning the length of the longest prefix of b in the rule's
	// language, or -1.
	AnnotExtern = "extern"
	// AnnotSpans names rules whose matches inside the annotated rule's
	// match are reported by one pass of one machine, SpansR:
	// @spans message-header, field-name.
	AnnotSpans = "spans"
	// AnnotShort says that the matches of a rule are short (a word: a
	// method, a field name), so that with Config.SIMD the loops over its
	// bytes get no vector loop: for runs of a few bytes the call costs
	// more than it saves, and its mere presence in the goto code (a call
	// clobbers every register) slows the table loop. @short takes no
	// arguments; the rfc2616 dialect's token has it.
	AnnotShort = "short"
)

// GoName returns the CamelCase Go name of a rule: Request-Line becomes
// RequestLine, HTTP-date HTTPDate, abs_path AbsPath.
func GoName(rule string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(rule, func(r rune) bool { return r == '-' || r == '_' }) {
		rs := []rune(part)
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	return b.String()
}

// ValidPackage reports whether name can follow the package keyword: a Go
// identifier, not a keyword, and not the blank identifier, which the
// spec forbids as a package name.
func ValidPackage(name string) bool { return token.IsIdentifier(name) && name != "_" }

// ValidPrefix reports whether p can be Config.Prefix: empty, or a Go
// identifier that starts with an upper-case letter. The prefix starts the
// names of the generated types and variables (XFooMachine, XSpan) and
// follows the verb of the functions (MatchXFoo): with a lower-case one,
// MatchxFoo would be exported and its xSpan and xFooMachine not.
func ValidPrefix(p string) bool {
	if p == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p)
	return token.IsIdentifier(p) && unicode.IsUpper(r)
}

// file is the model of the generated file; the printer writes it with P.
type file struct {
	cfg   Config
	buf   bytes.Buffer
	rules []Rule
	// loopIDs maps a machine's name and a loop set to its table number.
	loopIDs map[string]map[string]int
	// strings interns the descriptions of states, written once as a table.
	strings  []string
	strIndex map[string]int
	// captures numbers the captured rules of the whole file.
	captures []string
	capIndex map[string]int
	// vecLoops are the vector loops of Config.SIMD, one per distinct
	// loop set; vecNames maps a set's String to its function's name.
	vecLoops []vecLoop
	vecNames map[string]string
	// skipNames maps a SWAR loop set's String to its LoopNSkip function,
	// one per distinct set in the file.
	skipNames map[string]string
	// short holds the alphabets of the rules annotated @short, by key.
	short map[string]automata.ByteSet
}

// P writes its arguments and a newline.
func (f *file) P(args ...any) {
	for _, a := range args {
		fmt.Fprint(&f.buf, a)
	}
	f.buf.WriteByte('\n')
}

// Generate returns the gofmt'd Go source for the rules. With cfg.SIMD
// the source needs the files that GenerateFiles returns besides.
func Generate(cfg Config, rules []Rule) ([]byte, error) {
	fs, err := GenerateFiles(cfg, rules)
	return fs.Main, err
}

// GenerateFiles returns the gofmt'd Go source for the rules, and with
// cfg.SIMD the pair of files of the vector loops.
func GenerateFiles(cfg Config, rules []Rule) (Files, error) {
	f, main, err := generate(cfg, rules)
	if err != nil {
		return Files{Main: main}, err
	}
	if !cfg.SIMD {
		return Files{Main: main, owners: f.owners()}, nil
	}
	simd, nosimd, err := f.simdFiles()
	return Files{Main: main, SIMD: simd, NoSIMD: nosimd, owners: f.owners()}, err
}

func generate(cfg Config, rules []Rule) (*file, []byte, error) {
	if cfg.MaxDepth <= 0 {
		cfg.MaxDepth = automata.DefaultMaxDepth
	}
	if cfg.Package == "" {
		return nil, nil, fmt.Errorf("emit: no package name")
	}
	if !ValidPackage(cfg.Package) {
		return nil, nil, fmt.Errorf("emit: package name %q is not a Go identifier other than _", cfg.Package)
	}
	if !ValidPrefix(cfg.Prefix) {
		return nil, nil, fmt.Errorf("emit: prefix %q is not a Go identifier starting with an upper-case letter", cfg.Prefix)
	}
	if cfg.Style == "" {
		cfg.Style = Styles[0]
	}
	if cfg.MaxGotoStates <= 0 {
		cfg.MaxGotoStates = MaxGotoStates
	}
	switch cfg.Style {
	case StyleTable, StyleSwitch, StyleGoto:
	default:
		return nil, nil, fmt.Errorf("unknown style %q (want table, switch or goto)", cfg.Style)
	}
	for _, r := range rules {
		if r.WriteGoto && (cfg.Style != StyleGoto || !directRule(cfg.Style, r)) {
			return nil, nil, &grammar.Error{Pos: r.Rule.Pos, Rule: r.Rule.Name, Msg: fmt.Sprintf("rule %s: -write-goto needs the goto style and a rule of one machine without calls, @limit or @extern", r.Rule.Name)}
		}
		// The second copy costs the compiler more than the first (it
		// measured 3 to 7 times the time of the Run function alone), so
		// the machine is counted twice.
		if n := len(r.Program.Machines[0].States); r.WriteGoto && 2*n > cfg.MaxGotoStates {
			return nil, nil, &grammar.Error{Pos: r.Rule.Pos, Rule: r.Rule.Name, Msg: fmt.Sprintf("rule %s: -write-goto writes its machine as goto code a second time, and its %d states are more than half of %d, the most goto code written for one machine (-max-goto-states): a goto function that large takes the Go compiler minutes and gigabytes to build; drop the rule from -write-goto", r.Rule.Name, n, cfg.MaxGotoStates)}
		}
		// SpansR is goto code in every style: there are no tables to
		// fall back to.
		if r.Spans != nil && len(r.Spans.States) > cfg.MaxGotoStates {
			a, _ := r.Rule.Annotation(AnnotSpans)
			return nil, nil, &grammar.Error{Pos: a.Pos, Rule: r.Rule.Name, Msg: fmt.Sprintf("@spans of rule %s: its span machine has %d states, more than %d, the most written as goto code (-max-goto-states), and SpansR is goto code only: a goto function that large takes the Go compiler minutes and gigabytes to build; drop @spans (CaptureR reports the spans of @capture rules from tables)", r.Rule.Name, len(r.Spans.States), cfg.MaxGotoStates)}
		}
	}
	f := &file{cfg: cfg, rules: rules, capIndex: map[string]int{}, loopIDs: map[string]map[string]int{}, strIndex: map[string]int{},
		skipNames: map[string]string{}, vecNames: map[string]string{}, short: map[string]automata.ByteSet{}}
	for _, r := range rules {
		for _, gr := range r.Grammar.Rules {
			if _, ok := f.short[grammar.Key(gr.Name)]; !ok && gr.Has(AnnotShort) {
				f.short[grammar.Key(gr.Name)] = alphabet(r.Grammar, gr.Name)
			}
		}
		// A rule's own machine (Machines[0]) reports no span of itself:
		// its match is the whole input. Only the captured rules inside
		// it get a capture constant.
		for _, m := range r.Program.Machines[1:] {
			gr := r.Grammar.Lookup(m.Rule)
			if gr != nil && gr.Has(AnnotCapture) {
				if _, ok := f.capIndex[grammar.Key(m.Rule)]; !ok {
					f.capIndex[grammar.Key(m.Rule)] = len(f.captures)
					f.captures = append(f.captures, m.Rule)
				}
			}
		}
	}
	// Every exported name a rule produces must be unique in the file.
	seen := map[string]string{}
	fixed := []string{"Rules", "RuleFuncs", "SyntaxError", "Span", "Handler", "CaptureNames"}
	for _, n := range fixed {
		seen[cfg.Prefix+n] = "the generated API"
	}
	// where names a rule and its position, for the errors below.
	where := func(name string) string { return fmt.Sprintf("rule %s (%s)", name, posOf(rules, name)) }
	// Errors are positioned, as the front end's are (file:line:col first).
	fail := func(name, format string, args ...any) error {
		return &grammar.Error{Pos: posOf(rules, name), Rule: name, Msg: fmt.Sprintf(format, args...)}
	}
	for _, c := range f.captures {
		id := cfg.Prefix + GoName(c) + "Capture"
		if prev, ok := seen[id]; ok {
			return nil, nil, fail(c, "%s and the capture constant of %s are both %s: rename one of the captured rules", prev, where(c), id)
		}
		seen[id] = "the capture constant of " + where(c)
	}
	for _, r := range rules {
		n := cfg.Prefix + GoName(r.Rule.Name)
		ids := []string{"Match" + n, "Scan" + n, "Validate" + n, "Capture" + n, n + "Machine"}
		if r.Spans != nil {
			ids = append(ids, "Spans"+n, n+"SpanNames")
			for _, sp := range r.Spans.Spans {
				if GoName(sp) == "Names" {
					// Within one rule, so -prefix cannot part them.
					a, _ := r.Rule.Annotation(AnnotSpans)
					return nil, nil, &grammar.Error{Pos: a.Pos, Rule: r.Rule.Name, Msg: fmt.Sprintf("@spans of rule %s: the constant of span %s would be %sSpanNames, the name of the table of span names: rename %s", r.Rule.Name, sp, n, where(sp))}
				}
				ids = append(ids, n+"Span"+GoName(sp))
			}
		}
		for _, id := range ids {
			if prev, ok := seen[id]; ok {
				return nil, nil, fail(r.Rule.Name, "%s and %s both produce the Go name %s: generate them in separate files with -prefix", prev, where(r.Rule.Name), id)
			}
			seen[id] = where(r.Rule.Name)
		}
	}
	f.captureConsts()
	for _, r := range rules {
		f.rule(r)
	}
	if len(f.strings) > 1<<16 {
		return nil, nil, fmt.Errorf("emit: %d state descriptions, more than a file can index (generate fewer rules per file)", len(f.strings))
	}
	f.ruleTable()
	f.stringTable()
	f.runtime()
	// The header goes last, when the imports are known.
	body := append([]byte(nil), f.buf.Bytes()...)
	f.buf.Reset()
	f.header()
	f.buf.Write(body)
	out, err := format.Source(f.buf.Bytes())
	if err != nil {
		return nil, f.buf.Bytes(), fmt.Errorf("emit: generated code does not format: %v", err)
	}
	return f, out, nil
}

func (f *file) id(s string) string { return "abnf" + f.cfg.Prefix + s }

// posOf returns the position of rule name in the rules' grammar.
func posOf(rules []Rule, name string) grammar.Pos {
	for _, r := range rules {
		if gr := r.Grammar.Lookup(name); gr != nil {
			return gr.Pos
		}
	}
	return grammar.Pos{}
}

func (f *file) header() {
	// One line, whatever the arguments hold, or the marker is lost.
	f.P("// Code generated by ", commentText(f.cfg.Command), "; DO NOT EDIT.")
	f.P()
	f.P("// Source: ", commentText(f.cfg.Source))
	f.P()
	f.P("package ", f.cfg.Package)
	f.P()
	f.P("import (")
	f.P(`"bytes"`)
	f.P(`"fmt"`)
	f.P(`"math/bits"`)
	f.P(`"strconv"`)
	f.P(")")
}

// ruleTable lists the generated rules, for callers that choose a rule at
// run time (by header name, say).
func (f *file) ruleTable() {
	p := f.cfg.Prefix
	f.P()
	f.P("// ", p, "RuleFuncs are the generated functions of one rule.")
	f.P("type ", p, "RuleFuncs struct {")
	f.P("Name     string // as in the grammar")
	f.P("Match    func(b []byte) bool")
	f.P("Scan     func(b []byte) (n int, ok bool)")
	f.P("Validate func(b []byte) error")
	f.P("}")
	f.P()
	f.P("// ", p, "Rules lists the generated rules in the order they were requested.")
	f.P("var ", p, "Rules = [...]", p, "RuleFuncs{")
	for _, r := range f.rules {
		n := p + GoName(r.Rule.Name)
		f.P(fmt.Sprintf("{%q, Match%s, Scan%s, Validate%s},", r.Rule.Name, n, n, n))
	}
	f.P("}")
}

// intern returns the index of s in the file's string table.
func (f *file) intern(s string) int {
	if i, ok := f.strIndex[s]; ok {
		return i
	}
	f.strIndex[s] = len(f.strings)
	f.strings = append(f.strings, s)
	return len(f.strings) - 1
}

// stringTable writes the interned state descriptions.
func (f *file) stringTable() {
	f.P()
	f.P("// ", f.id("strings"), " holds the descriptions of states used in errors: where")
	f.P("// in the grammar a state is, and the bytes it expects.")
	f.P("var ", f.id("strings"), " = [...]string{")
	for i, s := range f.strings {
		f.P(fmt.Sprintf("%q,", s), " // ", i)
	}
	f.P("}")
}

// captureConsts names the captured rules: FieldNameCapture and so on.
// The rule's name comes first, as in the @spans constants (RSpanA), so
// that the constant of a captured rule R never meets the function
// CaptureR of R's own captures.
func (f *file) captureConsts() {
	if len(f.captures) == 0 {
		return
	}
	f.P()
	f.P("// The captured rules (annotated @capture), as Span.Capture and Handler")
	f.P("// report them.")
	f.P("const (")
	for i, c := range f.captures {
		f.P(f.cfg.Prefix, GoName(c), "Capture = ", i, " // ", c)
	}
	f.P(")")
	f.P()
	f.P("// ", f.cfg.Prefix, "CaptureNames holds the rule name of each capture index.")
	f.P("var ", f.cfg.Prefix, "CaptureNames = [...]string{")
	for _, c := range f.captures {
		f.P(fmt.Sprintf("%q,", c))
	}
	f.P("}")
}

// inlineDepth is the number of stack frames a runner, or a goto function
// with calls, holds in itself: a deeper nesting limit (abnfc gen -depth)
// keeps the frames past it in a slice that grows as a match nests, so
// that a large limit costs a shallow match nothing (an array of the
// limit's size, cleared at every one-shot call, made -depth 65536 cost
// milliseconds a call whatever the input).
const inlineDepth = 32

func (f *file) runtime() {
	src := strings.NewReplacer(
		"ABNFMaxDepth", f.id("MaxDepth"),
		"SyntaxError", f.cfg.Prefix+"SyntaxError",
		// The Handler method Span keeps its name (README: Start, Span,
		// End), so that one handler type serves files of any prefix.
		".Span(", ".Span(",
		"\tSpan(capture", "\tSpan(capture",
		"Span", f.cfg.Prefix+"Span",
		"Handler", f.cfg.Prefix+"Handler",
		"MAXDEPTH", fmt.Sprint(f.cfg.MaxDepth),
		"INLINEDEPTH", fmt.Sprint(min(f.cfg.MaxDepth, inlineDepth)),
		"ABNF", f.id(""),
	).Replace(runtime)
	f.P(src)
}

// quoteABNF returns the ABNF of r as the lines of a comment block, with
// bytes outside printable ASCII escaped (RFC 2616 prose may hold HT).
func quoteABNF(d grammar.Dialect, r *grammar.Rule) []string {
	var b strings.Builder
	grammar.PrintRule(&b, d, &grammar.Rule{Name: r.Name, Def: r.Def})
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for i, l := range lines {
		lines[i] = escapeText(l)
	}
	return lines
}

// commentText returns s (a command line, file names) for one line of a
// comment: white space runs, line ends included, as one space, and bytes
// outside printable ASCII escaped.
func commentText(s string) string {
	return escapeText(strings.Join(strings.Fields(s), " "))
}

// escapeText writes the bytes of s outside printable ASCII as \xNN, so
// that text from a grammar or a file name cannot make a generated file
// unformattable (invalid UTF-8) or carry invisible or bidirectional
// characters (U+202E) into it.
func escapeText(s string) string {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x7e {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		if c := s[i]; c >= 0x20 && c <= 0x7e {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "\\x%02x", c)
		}
	}
	return b.String()
}

func (f *file) rule(r Rule) {
	name := f.cfg.Prefix + GoName(r.Rule.Name)
	prog := f.id("Prog_" + GoName(r.Rule.Name)) // as writeGotoFunc and directFuncs name it
	abnf := quoteABNF(r.Grammar.Dialect, r.Rule)
	doc := func(first string) {
		f.P("// ", first)
		f.P("//")
		for _, l := range abnf {
			f.P("//\t", l)
		}
		f.P("//")
		f.P("// (", escapeText(r.Rule.Pos.String()), ")")
	}
	f.P()
	doc(fmt.Sprintf("Match%s reports whether all of b is in the language of rule %s:", name, r.Rule.Name))
	if f.direct(r) || f.gotoProgram(r) {
		f.P("func Match", name, "(b []byte) bool { return ", f.id("match"+GoName(r.Rule.Name)), "(b) }")
	} else {
		f.P("func Match", name, "(b []byte) bool { return ", f.id("match"), "(&", prog, ", b) }")
	}
	f.P()
	f.P("// Scan", name, " returns the length of the longest prefix of b in the language of rule ", r.Rule.Name, ".")
	if f.direct(r) && f.ruleStyle(r) == StyleGoto {
		f.P("func Scan", name, "(b []byte) (n int, ok bool) { return ", f.id("scan"+GoName(r.Rule.Name)), "(b) }")
	} else {
		f.P("func Scan", name, "(b []byte) (n int, ok bool) { return ", f.id("scan"), "(&", prog, ", b) }")
	}
	f.P()
	f.P("// Validate", name, " is Match", name, " with an error, a *", f.cfg.Prefix, "SyntaxError, saying where and why the input does not match.")
	f.P("func Validate", name, "(b []byte) error { return ", f.id("validate"), "(&", prog, ", b) }")
	f.P()
	if f.hasCaptures(r) {
		f.P("// Capture", name, " matches all of b against rule ", r.Rule.Name, " and appends the spans")
		f.P("// of its captures to dst, each when its match ends (inner before outer).")
		f.P("// An empty match of a captured rule reports no span.")
		f.P("func Capture", name, "(b []byte, dst []", f.cfg.Prefix, "Span) ([]", f.cfg.Prefix, "Span, error) { return ", f.id("capture"), "(&", prog, ", b, dst) }")
		f.P()
	}
	f.P("// ", name, "Machine matches rule ", r.Rule.Name, " on input fed in chunks of any size;")
	f.P("// the result does not depend on how the input is split. The zero value is")
	f.P("// ready to use, as after Reset.")
	f.P("type ", name, "Machine struct{ r ", f.id("runner"), " }")
	f.P()
	f.P("// Reset starts a new input.")
	f.P("func (m *", name, "Machine) Reset() { m.r.reset(&", prog, ") }")
	f.P()
	f.P("// Write feeds the next chunk. It returns how many bytes were consumed and")
	f.P("// the first error; after an error every call returns it again, and after")
	f.P("// a Close that succeeded an error that says so (Reset starts a new input).")
	if f.direct(r) && f.ruleStyle(r) == StyleGoto {
		f.P("func (m *", name, "Machine) Write(p []byte) (n int, err error) { return ", f.id("write"+GoName(r.Rule.Name)), "(&m.r, p) }")
	} else {
		f.P("func (m *", name, "Machine) Write(p []byte) (n int, err error) { return m.r.writeFrom(&", prog, ", p) }")
	}
	f.P()
	f.P("// Close ends the input and reports whether all of it matched; again, it")
	f.P("// reports the same.")
	f.P("func (m *", name, "Machine) Close() error { return m.r.closeFrom(&", prog, ") }")
	f.P()
	f.P("// SetHandler sets the receiver of captures; Reset keeps it.")
	f.P("func (m *", name, "Machine) SetHandler(h ", f.cfg.Prefix, "Handler) { m.r.handler = h }")
	f.P()
	f.P("// Offset returns the number of bytes consumed.")
	f.P("func (m *", name, "Machine) Offset() int { return m.r.off }")
	f.P()
	f.P("// Prefix returns the length of the longest prefix consumed so far that is")
	f.P("// in the language, or -1.")
	f.P("func (m *", name, "Machine) Prefix() int {")
	f.P("if m.r.prog == nil { // the zero value")
	f.P("return ", emptyPrefix(r.Program))
	f.P("}")
	f.P("return m.r.lastAccept")
	f.P("}")
	f.P()
	p := r.Program
	if f.cfg.Style == StyleGoto && !direct(p) && !f.gotoProgram(r) && f.gotoProgramStyle(r) {
		f.P()
		f.P("// Match", name, " runs the engine, not one goto function over the rule's machines:")
		f.P("// they have ", f.programStates(p), " states in all, more than the ", f.cfg.MaxGotoStates, " written as goto code")
		f.P("// (abnfc gen -max-goto-states), as a goto function that large takes the Go")
		f.P("// compiler minutes and gigabytes to build.")
	}
	f.P("var ", prog, " = ", f.id("prog"), "{")
	f.P("dfas: []*", f.id("dfa"), "{")
	for mi := range p.Machines {
		f.P("&", f.dfaName(r, mi), ",")
	}
	f.P("},")
	calls := f.calls(p)
	if len(calls) > 0 {
		f.P("calls: []", f.id("call"), "{")
		for _, c := range calls {
			f.P("{dfa: ", c.Call, ", ret: ", c.To, ", tail: ", c.Tail, "}, // call ", p.Machines[c.Call].Rule)
		}
		f.P("},")
	}
	if l := ruleLimit(r, p.Machines[0].Rule); l > 0 {
		f.P("limit: ", l, ", // @limit")
	} else {
		f.P("limit: ", f.id("noLimit"), ",")
	}
	f.P("empty: ", emptyPrefix(p), ",")
	f.P("}")
	// The index of each call edge, once for the program (a map per
	// machine took time quadratic in the number of machines).
	callIndex := make(map[automata.Edge]int, len(calls))
	for i, c := range calls {
		callIndex[c] = i
	}
	for mi, m := range p.Machines {
		f.machine(r, mi, m, callIndex)
		if f.gotoMachine(m) {
			f.runFunc(f.dfaName(r, mi), m)
		}
	}
	if f.direct(r) {
		f.matchFunc(r, f.ruleStyle(r))
		if f.ruleStyle(r) == StyleGoto {
			f.directFuncs(r)
		}
	}
	if f.gotoProgram(r) {
		f.programMatchFunc(r)
	}
	if r.Spans != nil {
		f.spansFunc(r)
	}
}

// direct reports whether r's one-shot functions are emitted as code in
// the rule's style (ruleStyle): one machine that calls nothing, and no @limit or
// @extern on the rule itself (the engine applies those).
func (f *file) direct(r Rule) bool { return directRule(f.ruleStyle(r), r) }

// ruleStyle is the style r's one-shot functions are written in: the
// file's, but the table style for a rule of one machine with more states
// than goto code is written for (gotoMachine).
func (f *file) ruleStyle(r Rule) string {
	if f.cfg.Style == StyleGoto && direct(r.Program) && !f.gotoMachine(r.Program.Machines[0]) {
		return StyleTable
	}
	return f.cfg.Style
}

// gotoMachine reports whether m is written as goto code: in the goto
// style, when it has at most Config.MaxGotoStates states.
func (f *file) gotoMachine(m *automata.Machine) bool {
	return f.cfg.Style == StyleGoto && len(m.States) <= f.cfg.MaxGotoStates
}

// directRule is file.direct for the style.
func directRule(style string, r Rule) bool {
	return style != StyleTable && direct(r.Program) && !r.Rule.Has(AnnotLimit) && !r.Rule.Has(AnnotExtern)
}

func (f *file) hasCaptures(r Rule) bool {
	for _, m := range r.Program.Machines[1:] {
		if _, ok := f.capIndex[grammar.Key(m.Rule)]; ok {
			return true
		}
	}
	return false
}

// calls lists the distinct call edges of the program in a fixed order.
func (f *file) calls(p *automata.Program) []automata.Edge {
	var out []automata.Edge
	seen := map[automata.Edge]bool{}
	for _, m := range p.Machines {
		for _, s := range m.States {
			for _, e := range s.Next {
				if e.Call >= 0 && !seen[e] {
					seen[e] = true
					out = append(out, e)
				}
			}
		}
	}
	return out
}

func (f *file) dfaName(r Rule, mi int) string {
	return f.id("Dfa_" + GoName(r.Rule.Name) + "_" + fmt.Sprint(mi))
}

// Byte writes a byte as Go source: 'a' for printable ASCII, 0x7f otherwise.
func Byte(c byte) string {
	switch {
	case c == '\'' || c == '\\':
		return fmt.Sprintf(`'\%c'`, c)
	case c >= 0x20 && c < 0x7f:
		return fmt.Sprintf("'%c'", c)
	}
	return fmt.Sprintf("0x%02x", c)
}

// ruleLimit is the @limit of rule name in r's grammar, or 0.
func ruleLimit(r Rule, name string) int {
	limit := 0
	if gr := r.Grammar.Lookup(name); gr != nil {
		if a, ok := gr.Annotation(AnnotLimit); ok {
			fmt.Sscan(a.Args, &limit)
		}
	}
	return limit
}

func (f *file) machine(r Rule, mi int, m *automata.Machine, callIndex map[automata.Edge]int) {
	name := f.dfaName(r, mi)
	f.P()
	f.P("// ", name, " is the machine of rule ", m.Rule, ": ", len(m.States), " states over ", m.NumClasses, " byte classes.")
	if f.cfg.Style == StyleGoto && !f.gotoMachine(m) {
		f.P("// It runs from these tables, not as goto code: it has more than the ", f.cfg.MaxGotoStates)
		f.P("// states written as goto code (abnfc gen -max-goto-states), as a goto")
		f.P("// function that large takes the Go compiler minutes and gigabytes to build.")
	}
	f.P("var ", name, " = ", f.id("dfa"), "{")
	f.P("rule: ", fmt.Sprintf("%q", m.Rule), ",")
	capture, limit, extern := -1, ruleLimit(r, m.Rule), ""
	if gr := r.Grammar.Lookup(m.Rule); gr != nil {
		if i, ok := f.capIndex[grammar.Key(m.Rule)]; ok {
			capture = i
		}
		if a, ok := gr.Annotation(AnnotExtern); ok {
			extern = a.Args
		}
	}
	f.P("capture: ", capture, ",")
	if limit > 0 {
		f.P("limit: ", limit, ", // @limit")
	}
	if extern != "" {
		f.P("extern: ", extern, ", // @extern: func(b []byte) int, written by hand")
		if f.innerCaptures(r.Program, mi) {
			f.P("captures: true, // CaptureR runs the machine, not the extern")
		}
	}
	if f.gotoMachine(m) {
		f.P("run: ", name, "Run,")
	}
	f.P("class: &", name, "Class,")
	f.P("nclass: ", m.NumClasses, ",")
	f.P("next: ", name, "Next[:],")
	f.P("accept: []bool{")
	var acc []string
	for _, s := range m.States {
		acc = append(acc, fmt.Sprint(s.Accept))
	}
	f.wrap(acc)
	f.P("},")
	// Self-loops become fast paths over 256-entry tables.
	f.P("loop: []*[256]bool{")
	loops, loopOrder := f.loopTables(name, m)
	f.wrap(loops)
	f.P("},")
	var where, expected []string
	for si, s := range m.States {
		w := m.Rule
		if len(s.Labels) > 0 {
			w = automata.ShortLabel(s.Labels[0])
		}
		where = append(where, fmt.Sprint(f.intern(w)))
		exp := m.Out(si).String()
		if exp == "" {
			exp = "end of input"
		}
		expected = append(expected, fmt.Sprint(f.intern(exp)))
	}
	f.P("where: []uint16{ // indexes into ", f.id("strings"))
	f.wrap(where)
	f.P("},")
	f.P("expected: []uint16{")
	f.wrap(expected)
	f.P("},")
	f.P("}")
	f.classTable(name, m)
	// The transition table, one line per state with its grammar position.
	f.P()
	f.P("var ", name, "Next = [", len(m.States)*m.NumClasses, "]int32{")
	for si, s := range m.States {
		f.P("// state ", si, acceptNote(s), ": ", stateDesc(m, s))
		var row []string
		for _, e := range s.Next {
			switch {
			case e.Dead():
				row = append(row, "-1")
			case e.Call >= 0:
				row = append(row, fmt.Sprint(-2-callIndex[e]))
			default:
				row = append(row, fmt.Sprint(e.To))
			}
		}
		f.wrap(row)
	}
	f.P("}")
	f.writeLoops(name, loopOrder)
}

// innerCaptures reports whether machine mi of p calls, directly or
// through other machines, a machine of a captured rule.
func (f *file) innerCaptures(p *automata.Program, mi int) bool {
	seen := map[int]bool{}
	queue := []int{mi}
	for len(queue) > 0 {
		m := p.Machines[queue[0]]
		queue = queue[1:]
		for _, s := range m.States {
			for _, e := range s.Next {
				if e.Call < 0 || seen[e.Call] {
					continue
				}
				seen[e.Call] = true
				if _, ok := f.capIndex[grammar.Key(p.Machines[e.Call].Rule)]; ok {
					return true
				}
				queue = append(queue, e.Call)
			}
		}
	}
	return false
}

// loopTables numbers the distinct self-loop sets of m's states (for
// loopName) and returns, per state, a reference to its table or nil.
func (f *file) loopTables(name string, m *automata.Machine) (refs []string, order []automata.ByteSet) {
	ids := map[string]int{}
	f.loopIDs[name] = ids
	for si := range m.States {
		set := loopSet(m, si)
		if set.Empty() {
			refs = append(refs, "nil")
			continue
		}
		k := set.String()
		id, ok := ids[k]
		if !ok {
			id = len(order)
			ids[k] = id
			order = append(order, set)
		}
		refs = append(refs, fmt.Sprintf("&%sLoop%d", name, id))
	}
	return refs, order
}

// writeLoops writes the 256-entry tables of the loop sets.
func (f *file) writeLoops(name string, order []automata.ByteSet) {
	for id, set := range order {
		f.P()
		f.P("// ", name, "Loop", id, ": ", set.String())
		f.P("var ", name, "Loop", id, " = [256]bool{")
		var entries []string
		for b := 0; b < 256; b++ {
			if set.Has(byte(b)) {
				entries = append(entries, Byte(byte(b))+": true")
			}
		}
		f.wrap(entries)
		f.P("}")
		loop := fmt.Sprint(name, "Loop", id)
		if f.cfg.SIMD && nibbleLoop(set) {
			f.addVecLoop(loop, set, nil)
		}
		if !swarLoop(set) {
			continue
		}
		if _, ok := f.skipNames[set.String()]; ok {
			continue // a machine before this one has the same loop
		}
		f.skipNames[set.String()] = loop + "Skip"
		rs, _ := stopRanges(set)
		fn := loop + "Skip"
		if f.cfg.SIMD {
			// LoopNSkip is in the build-tagged pair: with AVX2 the vector
			// loop itself, which calls this function only for the last
			// bytes (one call a run, not two); else a wrapper of it.
			fn = loop + "SWAR"
			f.addVecLoop(loop, set, rs)
		}
		f.P()
		f.P("// ", fn, " returns the end of the run of ", set.String())
		f.P("// in b from i, for every machine with that loop.")
		f.P("//")
		f.P("//go:noinline")
		f.P("func ", fn, "(b []byte, i int) int {")
		f.swarSkip(set, rs, loop, "return i")
		f.P("return i")
		f.P("}")
	}
}

// classTable writes m's byte-class table, as byte: class entries for the
// non-zero classes.
func (f *file) classTable(name string, m *automata.Machine) {
	f.P()
	f.P("var ", name, "Class = [256]uint8{")
	for cls := 1; cls < m.NumClasses; cls++ {
		var entries []string
		for b := 0; b < 256; b++ {
			if int(m.Class[b]) == cls {
				entries = append(entries, Byte(byte(b))+": "+fmt.Sprint(cls))
			}
		}
		f.P("// class ", cls, ": ", m.Bytes(cls).String())
		f.wrap(entries)
	}
	f.P("}")
}

func acceptNote(s *automata.State) string {
	if s.Accept {
		return " (accepting)"
	}
	return ""
}

func labels(s *automata.State) []string {
	ls := append([]string(nil), s.Labels...)
	sort.Strings(ls)
	if len(ls) > 3 {
		ls = append(ls[:3:3], fmt.Sprintf("and %d more", len(s.Labels)-3))
	}
	for i, l := range ls {
		ls[i] = strings.ReplaceAll(automata.ShortLabel(l), "\n", " ")
	}
	return ls
}

// wrap writes comma-separated items, several to a line.
func (f *file) wrap(items []string) {
	line := ""
	for _, it := range items {
		if len(line)+len(it) > 90 {
			f.P(line)
			line = ""
		}
		line += it + ", "
	}
	if line != "" {
		f.P(line)
	}
}

// emptyPrefix is the longest matching prefix of a program before any
// input: 0 when its rule matches the empty string, else -1.
func emptyPrefix(p *automata.Program) int {
	if p.Machines[0].States[0].Accept {
		return 0
	}
	return -1
}
