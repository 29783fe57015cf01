package emit_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/gen/automata"
	"github.com/abnfc/abnfc/gen/emit"
	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/sample"
)

// e2eCase is one generated file of the end-to-end test: rules of a
// grammar, with a nesting limit (0 for the default).
type e2eCase struct {
	name    string
	grammar string
	rules   []string
	depth   int
	// extra returns more inputs for every rule of the case.
	extra func() [][]byte
	// writeGoto are the rules whose Machine.Write is goto code of its
	// own in the goto style's file (gen.Options.WriteGoto).
	writeGoto []string
	// maxGoto is gen.Options.MaxGotoStates (0 for the default): a
	// small one runs the larger machines of a goto file from tables.
	maxGoto int
}

var e2eCases = []e2eCase{
	{name: "list", grammar: "list.abnf", rules: []string{"list", "value"}},
	{name: "deep", grammar: "list.abnf", rules: []string{"list"}, depth: 4},
	// A limit past the frames a runner holds in itself (32): the frames
	// past them are in a slice, and the limit holds there too.
	{name: "deeper", grammar: "list.abnf", rules: []string{"list"}, depth: 40},
	{name: "path", grammar: "path.abnf", rules: []string{"path", "paren", "segment"}},
	{name: "misc", grammar: "misc.abnf", rules: []string{"method", "alnum", "crlf-x", "port", "hexbyte", "bounded", "digits"}},
	{name: "capture", grammar: "capture.abnf", rules: []string{"pair", "val"}},
	{name: "nested", grammar: "nested.abnf", rules: []string{"tree", "node"}},
	{name: "runs", grammar: "runs.abnf", rules: []string{"text", "notcr", "high", "four", "field"}, extra: runInputs, writeGoto: []string{"text", "notcr", "high", "four", "field"}},
	// RFC 2616: §3.9 qvalue, §3.3.1 HTTP-date, §2.2 comment (recursive) and
	// quoted-string, §5.1 Request-Line, §3.2.2 Host, §14.1 Accept,
	// §14.9 Cache-Control, §4.2 message-header (folded values: the exit
	// path after a value's run, CR LF and SP or HT, counts its LF).
	// Its Request-Line, message-header, qvalue and HTTP-date streams run
	// -write-goto's Write.
	{name: "http", grammar: rfc2616.Name, rules: []string{"qvalue", "HTTP-date", "comment", "quoted-string", "Request-Line", "Host", "Accept", "Cache-Control", "message-header"},
		writeGoto: []string{"qvalue", "HTTP-date", "Request-Line", "message-header"}},
	// Goto files with machines past -max-goto-states, which run from
	// their tables beside goto code: value's program (9 states in all,
	// machines of 3 and 6) runs the engine with the machines' goto code,
	// list's (6) stays one goto function. In RFC 2616 with at most 16
	// states, Request-Line (98) and Host (54) run from tables, User-Agent
	// runs the engine over its machine's tables (20 states) and its
	// comment's goto code (6), and qvalue (10) and message-header (8,
	// written twice with -write-goto) are goto code.
	{name: "listcap", grammar: "list.abnf", rules: []string{"list", "value"}, maxGoto: 7},
	{name: "httpcap", grammar: rfc2616.Name, rules: []string{"Request-Line", "Host", "qvalue", "User-Agent", "message-header"},
		writeGoto: []string{"message-header"}, maxGoto: 16},
}

// e2eRule is one rule of one case, compiled for the runner and the
// reference parser, with the inputs to try.
type e2eRule struct {
	key    string // case/rule, the driver's name for it
	rule   string
	prefix string // Go prefix of the case
	depth  int
	prog   *automata.Program
	ref    *ref.Parser
	inputs [][]byte
	// captured are the captured rules CaptureR reports, when it exists.
	captured []string
}

// driverResult is what the driver prints for one input line, as JSON.
type driverResult struct {
	Match       bool
	MatchTable  bool // MatchR of the table style
	MatchSwitch bool // MatchR of the switch style
	ScanN       int
	ScanOK      bool
	Validate    *driverErr
	Writes      []int  // bytes consumed by each Write
	WriteErrs   []bool // whether each Write returned an error
	SameErr     bool   // every error after the first was the same value
	Close       *driverErr
	CloseAgain  bool // a second Close returned the same error
	// AfterClose is what a Write of one byte after the two Closes
	// consumed and whether it returned an error, and CloseAfter whether
	// a third Close returned what the first did.
	AfterClose     int
	AfterCloseErr  bool
	CloseAfter     bool
	Offset, Prefix int
	// Captures are CaptureR's spans as "rule start end", in its order,
	// and CaptureOK whether it returned no error (rules with CaptureR).
	Captures  []string
	CaptureOK bool
}

type driverErr struct {
	Rule, Where, Expected string
	Offset, Line, Col     int
	Found                 int
	TooDeep               bool
	Msg                   string
}

// TestEndToEnd generates code for several grammars, in every style of
// MatchR, into one temporary module with a small driver, builds it once with the go tool, and runs it
// over sampler output, coverage samples, near-misses and random bytes.
// Every Match, Scan, Validate and streaming result (in random chunks and
// byte by byte) must agree with automata.Runner (the specification of the
// generated code) and with the reference parser, and so must CaptureR's
// spans on unambiguous matches (they were checked only by a golden file).
func TestEndToEnd(t *testing.T) {
	start := time.Now()
	dir := t.TempDir()
	rnd := rand.New(rand.NewSource(1))
	var rules []*e2eRule
	var table strings.Builder
	for ci, c := range e2eCases {
		g := loadGrammar(t, c.grammar)
		prefix := fmt.Sprintf("C%d", ci)
		// Every style of MatchR: goto (the default, whose file the other
		// functions come from), table (prefix T) and switch (prefix S).
		for _, style := range []struct{ suffix, style string }{{"", emit.StyleGoto}, {"T", emit.StyleTable}, {"S", emit.StyleSwitch}} {
			var writeGoto []string
			if style.style == emit.StyleGoto {
				writeGoto = c.writeGoto
			}
			fs, err := gen.GenerateFiles(g, gen.Options{Rules: c.rules, Package: "main", Prefix: prefix + style.suffix, MaxDepth: c.depth, Style: style.style, SIMD: true, Command: "e2e", Source: c.grammar, WriteGoto: writeGoto, MaxGotoStates: c.maxGoto})
			if err != nil {
				t.Fatalf("%s: Generate(style %s): %v", c.name, style.style, err)
			}
			out := filepath.Join(dir, "zz_"+c.name+"_"+style.style+".go")
			simd, nosimd := gen.SIMDFileNames(out)
			writeFile(t, out, fs.Main)
			writeFile(t, simd, fs.SIMD)
			writeFile(t, nosimd, fs.NoSIMD)
		}
		low, err := grammar.Lower(g)
		var lowErrs grammar.ErrorList
		if err != nil && !errors.As(err, &lowErrs) {
			t.Fatal(err)
		}
		fmt.Fprintf(&table, "\t// %s\n", c.name)
		for _, name := range c.rules {
			p, err := gen.Compile(low, name, lowErrs, gen.Options{})
			if err != nil {
				t.Fatalf("%s: Compile(%s): %v", c.name, name, err)
			}
			rp, err := ref.New(g, name)
			if err != nil {
				t.Fatal(err)
			}
			r := &e2eRule{key: c.name + "/" + name, rule: name, prefix: prefix, depth: c.depth, prog: p, ref: rp}
			r.inputs = e2eInputs(t, g, name, rp, rnd, c.depth)
			if c.extra != nil {
				r.inputs = append(r.inputs, c.extra()...)
			}
			rules = append(rules, r)
			id := prefix + emit.GoName(name)
			capture := "nil"
			for _, m := range p.Machines[1:] {
				if gr := g.Lookup(m.Rule); gr != nil && gr.Has(emit.AnnotCapture) && !slices.Contains(r.captured, m.Rule) {
					r.captured = append(r.captured, m.Rule)
				}
			}
			if r.captured != nil {
				capture = fmt.Sprintf("func(b []byte) ([]string, bool) { sp, err := Capture%s(b, nil); var out []string; for _, x := range sp { out = append(out, fmt.Sprint(%sCaptureNames[x.Capture], \" \", x.Start, \" \", x.End)) }; return out, err == nil }", id, prefix)
			}
			fmt.Fprintf(&table, "\t%q: {Match%s, Scan%s, Validate%s, new(%sMachine), conv%s, Match%sT%s, Match%sS%s, %s},\n", r.key, id, id, id, id, prefix, prefix, emit.GoName(name), prefix, emit.GoName(name), capture)
		}
	}
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module e2e\n\ngo 1.26\n"))
	writeFile(t, filepath.Join(dir, "main.go"), []byte(driverSource(table.String(), len(e2eCases))))

	// The inputs, two lines each: random chunks, then byte by byte.
	var in bytes.Buffer
	type line struct {
		r      *e2eRule
		input  []byte
		chunks []int
	}
	var lines []line
	for _, r := range rules {
		for _, b := range r.inputs {
			for _, chunks := range [][]int{randomChunks(rnd, len(b)), ones(len(b))} {
				lines = append(lines, line{r, b, chunks})
				fmt.Fprintf(&in, "%s\t%s\t%s\n", r.key, sample.Escape(b), joinInts(chunks))
			}
		}
	}
	writeFile(t, filepath.Join(dir, "inputs.txt"), in.Bytes())
	genTime := time.Since(start)

	// The driver twice: the default build (the SWAR loops) and the one
	// with GOEXPERIMENT=simd, where the vector loops of the files that
	// Config.SIMD adds run (on a CPU with AVX2; amd64 only).
	type driverBuild struct {
		name string
		env  []string
	}
	builds := []driverBuild{{"default", nil}}
	if runtime.GOARCH == "amd64" {
		builds = append(builds, driverBuild{"simd", []string{"GOEXPERIMENT=simd"}})
	}
	for _, build := range builds {
		bin := filepath.Join(dir, "driver-"+build.name)
		buildStart := time.Now()
		goTool(t, dir, build.env, "build", "-o", bin, ".")
		buildTime := time.Since(buildStart)

		cmd := exec.Command(bin, filepath.Join(dir, "inputs.txt"))
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("driver (%s build): %v\n%s", build.name, err, stderr.Bytes())
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<20)
		compared, failures, emptyExpected, tooDeep := 0, 0, 0, 0
		firstEmpty := ""
		var kinds []string
		groups, counts := map[string]string{}, map[string]int{}
		for i := 0; sc.Scan(); i++ {
			if i >= len(lines) {
				t.Fatalf("driver printed more lines than inputs")
			}
			var got driverResult
			if err := json.Unmarshal(sc.Bytes(), &got); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			l := lines[i]
			for _, msg := range compareResult(l.r, l.input, l.chunks, &got) {
				failures++
				// One report per rule and kind of failure, with its first case.
				kind := build.name + " build: " + l.r.key + ": " + msg[:strings.IndexAny(msg+"=", "=,")]
				if _, ok := groups[kind]; !ok {
					kinds = append(kinds, kind)
					groups[kind] = fmt.Sprintf("%q (chunks %v): %s", l.input, l.chunks, msg)
				}
				counts[kind]++
			}
			// At the end of a match nothing more may come: the message must
			// not read "expected  (in rule)". Counted apart, as it is one bug.
			for _, e := range []*driverErr{got.Validate, got.Close} {
				if e != nil && !e.TooDeep && e.Expected == "" {
					if emptyExpected == 0 {
						firstEmpty = fmt.Sprintf("%s %q: %s", l.r.key, l.input, e.Msg)
					}
					emptyExpected++
				}
				if e != nil && e.TooDeep {
					if tooDeep == 0 {
						t.Logf("a nesting-limit error: %s %q: %s", l.r.key, l.input, e.Msg)
					}
					tooDeep++
				}
			}
			compared++
		}
		if emptyExpected > 0 {
			t.Errorf("%d syntax errors have an empty Expected (an accepting state without edges should say it expected the end of the input); first: %s", emptyExpected, firstEmpty)
		}
		if compared != len(lines) {
			t.Fatalf("driver printed %d results for %d inputs", compared, len(lines))
		}
		for _, k := range kinds {
			t.Errorf("%s: %d failures; first: %s", k, counts[k], groups[k])
		}
		t.Logf("%s build: compared %d input lines (%d inputs × random chunks and byte by byte) on %d rules (%d nesting-limit errors); %d disagreements; generate %v, build %v, total %v",
			build.name, compared, compared/2, len(rules), tooDeep, failures, genTime.Round(time.Millisecond), buildTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	}
}

// e2eInputs returns the inputs for one rule: samples with their
// near-misses, coverage samples, random bytes, random strings over the
// bytes the samples use, and, with a small nesting limit, deep nests.
func e2eInputs(t *testing.T, g *grammar.Grammar, rule string, rp *ref.Parser, rnd *rand.Rand, depth int) [][]byte {
	t.Helper()
	s, err := sample.New(g, rule, sample.Options{Seed: 1, MaxSize: 200})
	if err != nil {
		t.Fatalf("sample.New(%s): %v", rule, err)
	}
	inputs := [][]byte{{}}
	var alphabet []byte
	for i := 0; i < 25; i++ {
		d, err := s.NextDerivation()
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, d.Bytes)
		alphabet = append(alphabet, d.Bytes...)
		if i < 6 {
			for _, nm := range s.NearMisses(d, rnd, rp.Match) {
				inputs = append(inputs, nm.Input)
			}
		}
	}
	ds, _, _ := s.Coverage() // uncovered targets are no error here
	for i, d := range ds {
		if i == 60 {
			break
		}
		inputs = append(inputs, d.Bytes)
	}
	for i := 0; i < 15; i++ {
		b := make([]byte, rnd.Intn(16))
		rnd.Read(b)
		inputs = append(inputs, b)
		if len(alphabet) > 0 {
			b := make([]byte, rnd.Intn(24))
			for k := range b {
				b[k] = alphabet[rnd.Intn(len(alphabet))]
			}
			inputs = append(inputs, b)
		}
	}
	if depth != 0 {
		// Nesting up to and past the limit (list.abnf's brackets).
		for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, depth - 1, depth, depth + 1, depth + 2} {
			inputs = append(inputs, []byte(strings.Repeat("[", n)+"1"+strings.Repeat("]", n)), []byte(strings.Repeat("[", n)))
		}
	}
	// Lines and columns in errors; the smallest cases of recursion in a
	// single machine (path, paren).
	inputs = append(inputs, []byte("\n\nx"), []byte("1\n2"), []byte("a/b"), []byte("(a(b)c)"))
	return inputs
}

var offsetRE = regexp.MustCompile(`^offset (\d+): rule (\S+?):? `)

// compareResult lists the differences between the driver's result for
// input fed in chunks and the runner's and the reference parser's.
func compareResult(r *e2eRule, input []byte, chunks []int, got *driverResult) []string {
	var msgs []string
	bad := func(format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) }

	// The specification: one Runner over the whole input.
	run := automata.NewRunner(r.prog, r.depth)
	_, werr := run.Write(input)
	cerr := werr
	if cerr == nil {
		cerr = run.Close()
	}
	wantMatch := cerr == nil
	wantScan, _ := r.prog.Scan(input)
	if r.depth != 0 {
		wantScan = scanWithDepth(r.prog, r.depth, input)
	}
	tooDeep := cerr != nil && strings.Contains(cerr.Error(), "nests more than")

	if got.Match != wantMatch {
		bad("Match (goto style) = %v, runner says %v (%v)", got.Match, wantMatch, cerr)
	}
	if got.MatchTable != wantMatch {
		bad("Match (table style) = %v, runner says %v (%v)", got.MatchTable, wantMatch, cerr)
	}
	if got.MatchSwitch != wantMatch {
		bad("Match (switch style) = %v, runner says %v (%v)", got.MatchSwitch, wantMatch, cerr)
	}
	if got.ScanN != wantScan || got.ScanOK != (wantScan >= 0) {
		bad("Scan = %d, %v; runner says %d", got.ScanN, got.ScanOK, wantScan)
	}
	if (got.Validate == nil) != wantMatch {
		bad("Validate = %v, runner says %v", got.Validate, cerr)
	} else if got.Validate != nil {
		msgs = append(msgs, compareErr("Validate", got.Validate, cerr, input, tooDeep)...)
	}

	// Streaming: the same chunks fed to a fresh Runner.
	sr := automata.NewRunner(r.prog, r.depth)
	pos, consumed := 0, 0
	for i, k := range chunks {
		n, err := sr.Write(input[pos : pos+k])
		pos += k
		consumed += n
		if i >= len(got.Writes) || got.Writes[i] != n || got.WriteErrs[i] != (err != nil) {
			bad("Write #%d of %d bytes: driver says %v/%v, runner says %d, %v", i, k, at(got.Writes, i), at(got.WriteErrs, i), n, err)
			break
		}
	}
	if got.Offset != consumed {
		bad("Offset = %d after writes, runner consumed %d", got.Offset, consumed)
	}
	if got.Prefix != wantScan {
		bad("Prefix = %d after writes, want the longest matching prefix %d", got.Prefix, wantScan)
	}
	if (got.Close == nil) != wantMatch {
		bad("streaming Close = %v, runner says %v", got.Close, cerr)
	} else if got.Close != nil {
		msgs = append(msgs, compareErr("streaming", got.Close, cerr, input, tooDeep)...)
	}
	if !got.SameErr || !got.CloseAgain {
		bad("after an error, later calls did not return the same error (writes %v, close %v)", got.SameErr, got.CloseAgain)
	}
	// The input has ended: a Write after Close consumes nothing and
	// fails, and Close still says what it said (an audit found a Write
	// after a Close that succeeded carrying on the closed input).
	if got.AfterClose != 0 || !got.AfterCloseErr || !got.CloseAfter {
		bad("a Write after Close consumed %d bytes (error %v), and Close then gave the same result: %v", got.AfterClose, got.AfterCloseErr, got.CloseAfter)
	}

	// The reference parser, where no nesting limit is involved.
	if r.depth == 0 && !tooDeep {
		res, err := r.ref.Parse(input)
		if err != nil {
			bad("ref: %v", err)
			return msgs
		}
		refScan := -1
		if len(res.Prefixes) > 0 {
			refScan = res.Prefixes[len(res.Prefixes)-1]
		}
		if got.Match != res.Match {
			bad("Match (goto style) = %v, reference parser says %v", got.Match, res.Match)
		}
		if got.ScanN != refScan {
			bad("Scan = %d, reference parser's longest prefix is %d", got.ScanN, refScan)
		}
		// Errors too: the offending byte is where the reference parser
		// got furthest.
		if got.Validate != nil && res.Failure != nil && got.Validate.Offset != res.Failure.Offset {
			bad("Validate error at offset %d, reference parser fails at %d (%s)", got.Validate.Offset, res.Failure.Offset, got.Validate.Msg)
		}
		// CaptureR: the reference parser's spans of the captured rules,
		// but for empty ones, which CaptureR does not report.
		if r.captured != nil {
			if got.CaptureOK != res.Match {
				bad("CaptureR ok = %v, reference parser says %v", got.CaptureOK, res.Match)
			}
			if tree, ambiguous, err := r.ref.Tree(input); res.Match && err == nil && !ambiguous {
				var want []string
				for _, name := range r.captured {
					for _, sp := range tree.Spans(name) {
						if sp[0] < sp[1] {
							want = append(want, fmt.Sprint(name, " ", sp[0], " ", sp[1]))
						}
					}
				}
				got := slices.Clone(got.Captures)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					bad("CaptureR spans %q, reference parser's %q", got, want)
				}
			}
		}
	}
	return msgs
}

// compareErr checks a *SyntaxError of the generated code against the
// runner's error and the input: offset, rule, found byte, line and column.
func compareErr(what string, e *driverErr, want error, input []byte, tooDeep bool) []string {
	var msgs []string
	bad := func(format string, args ...any) { msgs = append(msgs, what+": "+fmt.Sprintf(format, args...)) }
	if e.Msg != "" && e.Rule == "" {
		return []string{what + ": " + e.Msg}
	}
	m := offsetRE.FindStringSubmatch(want.Error())
	if m == nil {
		return []string{fmt.Sprintf("%s: cannot read runner error %q", what, want)}
	}
	off, _ := strconv.Atoi(m[1])
	if e.Offset != off {
		bad("error offset %d, runner says %d (%v; %s)", e.Offset, off, want, e.Msg)
	}
	if e.TooDeep != tooDeep {
		bad("TooDeep = %v, runner says %v", e.TooDeep, want)
	}
	if !tooDeep && e.Rule != m[2] {
		bad("error in rule %s, runner says %s", e.Rule, m[2])
	}
	found := -1
	if e.Offset < len(input) {
		found = int(input[e.Offset])
	}
	if e.Found != found {
		bad("Found = %d, the byte at offset %d is %d", e.Found, e.Offset, found)
	}
	line := 1 + bytes.Count(input[:min(e.Offset, len(input))], []byte("\n"))
	col := e.Offset - bytes.LastIndexByte(input[:min(e.Offset, len(input))], '\n')
	if e.Line != line || e.Col != col {
		bad("error at %d:%d, offset %d is at %d:%d", e.Line, e.Col, e.Offset, line, col)
	}
	if !strings.HasPrefix(e.Msg, fmt.Sprintf("%d:%d: offset %d: ", line, col, e.Offset)) {
		bad("message %q does not start with line:col: offset", e.Msg)
	}
	return msgs
}

// scanWithDepth is Program.Scan under a nesting limit: the longest prefix
// that a runner with that limit accepts.
func scanWithDepth(p *automata.Program, depth int, input []byte) int {
	for n := len(input); n >= 0; n-- {
		r := automata.NewRunner(p, depth)
		if _, err := r.Write(input[:n]); err == nil && r.Close() == nil {
			return n
		}
	}
	return -1
}

func at[T any](s []T, i int) any {
	if i < len(s) {
		return s[i]
	}
	return "missing"
}

func randomChunks(rnd *rand.Rand, n int) []int {
	var out []int
	for n > 0 {
		k := 1 + rnd.Intn(n)
		out = append(out, k)
		n -= k
	}
	return out
}

func ones(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = 1
	}
	return out
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goTool runs the go command in dir, offline and with the local
// toolchain: GOFLAGS from the environment (such as -mod=vendor) must not
// leak into a module without dependencies, GOWORK must not pull in a
// workspace, and nothing may be downloaded. extra adds or overrides
// variables.
func goTool(t testing.TB, dir string, extra []string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false", "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off")
	cmd.Env = append(cmd.Env, extra...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return out
}

// driverSource is the driver's main.go: it reads lines of "key TAB
// Go-escaped input TAB chunk sizes" and prints one JSON driverResult a
// line. table holds the entries of the rules map.
func driverSource(table string, ncases int) string {
	var conv strings.Builder
	for i := 0; i < ncases; i++ {
		fmt.Fprintf(&conv, `
func convC%[1]d(err error) *result2 {
	if err == nil {
		return nil
	}
	e, ok := err.(*C%[1]dSyntaxError)
	if !ok {
		return &result2{Msg: fmt.Sprintf("not a *C%[1]dSyntaxError: %%T %%v", err, err)}
	}
	return &result2{Rule: e.Rule, Where: e.Where, Expected: e.Expected, Offset: e.Offset, Line: e.Line, Col: e.Col, Found: e.Found, TooDeep: e.TooDeep, Msg: e.Error()}
}
`, i)
	}
	return `package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
)

type machine interface {
	Reset()
	Write([]byte) (int, error)
	Close() error
	Offset() int
	Prefix() int
}

type rule struct {
	match   func([]byte) bool
	scan    func([]byte) (int, bool)
	validate func([]byte) error
	machine machine
	conv    func(error) *result2
	matchT  func([]byte) bool
	matchS  func([]byte) bool
	capture func([]byte) ([]string, bool)
}

var rules = map[string]rule{
` + table + `}

type result2 struct {
	Rule, Where, Expected string
	Offset, Line, Col     int
	Found                 int
	TooDeep               bool
	Msg                   string
}

type result struct {
	Match          bool
	MatchTable     bool
	MatchSwitch    bool
	ScanN          int
	ScanOK         bool
	Validate       *result2
	Writes         []int
	WriteErrs      []bool
	SameErr        bool
	Close          *result2
	CloseAgain     bool
	AfterClose     int
	AfterCloseErr  bool
	CloseAfter     bool
	Offset, Prefix int
	Captures       []string
	CaptureOK      bool
}
` + conv.String() + `
func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		r, ok := rules[fields[0]]
		if !ok {
			panic("unknown rule " + fields[0])
		}
		in, err := strconv.Unquote("\"" + fields[1] + "\"")
		if err != nil {
			panic(err)
		}
		b := []byte(in)
		var res result
		res.Match = r.match(b)
		res.MatchTable = r.matchT(b)
		res.MatchSwitch = r.matchS(b)
		res.ScanN, res.ScanOK = r.scan(b)
		res.Validate = r.conv(r.validate(b))
		if r.capture != nil {
			res.Captures, res.CaptureOK = r.capture(b)
		}
		m := r.machine
		m.Reset()
		var first error
		res.SameErr = true
		pos := 0
		if fields[2] != "" {
			for _, s := range strings.Split(fields[2], ",") {
				k, _ := strconv.Atoi(s)
				n, err := m.Write(b[pos : pos+k])
				pos += k
				res.Writes = append(res.Writes, n)
				res.WriteErrs = append(res.WriteErrs, err != nil)
				if first == nil {
					first = err
				} else if err != first {
					res.SameErr = false
				}
			}
		}
		res.Offset, res.Prefix = m.Offset(), m.Prefix()
		cerr := m.Close()
		if first != nil && cerr != first {
			res.SameErr = false
		}
		res.Close = r.conv(cerr)
		res.CloseAgain = m.Close() == cerr
		n, err := m.Write([]byte("x"))
		res.AfterClose, res.AfterCloseErr = n, err != nil
		res.CloseAfter = m.Close() == cerr
		if err := enc.Encode(&res); err != nil {
			panic(err)
		}
	}
	if err := sc.Err(); err != nil {
		panic(err)
	}
	w.Flush()
}
`
}

// runInputs are runs of 0 to 20 bytes (and some of 30 to 66) from the edges of runs.abnf's sets
// (so that SWAR words hold them at every position), then one byte that
// may end the run, then a tail, short or long (24 bytes, so that the
// stop falls inside the words of a step and not only at b's end): each
// rule's stop bytes at every offset.
func runInputs() [][]byte {
	edges := []byte{0x00, 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x0e, 0x1f, 0x20, 0x21, '-', ':', '.', 'a', 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff}
	var in [][]byte
	// Lengths up to 20 for the SWAR words, and about one and two 32-byte
	// vector steps for the vector loops of Config.SIMD.
	lengths := []int{30, 31, 32, 33, 34, 62, 63, 64, 65, 66}
	for n := 0; n <= 20; n++ {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		for _, fill := range []byte{'a', ' ', 0x80, 0x09, 0x01} {
			for _, stop := range edges {
				run := append(bytes.Repeat([]byte{fill}, n), stop)
				in = append(in, run, append(append([]byte("x:"), run...), "\r\n"...), append(run, '!'), append(run, '.'))
				// A long tail, so that the stop is read inside whole
				// words (and the two-word step) and not only at the end.
				in = append(in, append(append([]byte("x:"), run...), "aaaaaaaaaaaaaaaaaaaaaaaa\r\n"...))
			}
		}
	}
	return in
}
