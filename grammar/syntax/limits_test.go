package syntax_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// padded returns head followed by a comment line that makes the source n
// bytes long.
func padded(head string, n int) string {
	return head + ";" + strings.Repeat("x", n-len(head)-1)
}

// TestSizeLimit: a source larger than MaxSize gets one error, at the first
// byte beyond the limit, that names the limit; a source of exactly MaxSize
// bytes is read.
func TestSizeLimit(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the error, or "" for none
	}{
		{name: "at the limit", src: padded("a = \"x\"\n", syntax.MaxSize)},
		{name: "one byte over", src: padded("a = \"x\"\n", syntax.MaxSize+1),
			want: "big.abnf:2:1048569: grammar is larger than the limit of 1048576 bytes (1024 KiB)"},
		{name: "far over, before a syntax error", src: padded("a = \"x\"\n", 3*syntax.MaxSize) + "\nb = ()\n",
			want: "big.abnf:2:1048569: grammar is larger than the limit of 1048576 bytes (1024 KiB)"},
		{name: "a syntax error first", src: "a = ()\n" + strings.Repeat("b", syntax.MaxSize),
			want: "big.abnf:2:1048570: grammar is larger than the limit of 1048576 bytes (1024 KiB)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := syntax.ParseString("big.abnf", tt.src, syntax.Options{})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestParseFileSizeLimit: ParseFile reads no more than MaxSize+1 bytes
// and reports a larger file with a position.
func TestParseFileSizeLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.abnf")
	if err := os.WriteFile(path, []byte(padded("a = \"x\"\n", 4*syntax.MaxSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := syntax.ParseFile(path, syntax.Options{})
	var list grammar.ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("ParseFile: %v, want one positioned error", err)
	}
	if want := path + ":2:1048569: grammar is larger than the limit of 1048576 bytes (1024 KiB)"; list[0].Error() != want {
		t.Errorf("got %q, want %q", list[0].Error(), want)
	}
}

// TestFirstSyntaxErrorStopsEarly: a syntax error in the first rule is
// reported without lexing and copying the tokens of every later rule (a
// whole-source token list cost hundreds of bytes per source byte).
func TestFirstSyntaxErrorStopsEarly(t *testing.T) {
	src := "a = ()\n" + strings.Repeat("b = \"x\" c\n", (syntax.MaxSize-16)/10)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := syntax.ParseString("big.abnf", src, syntax.Options{NoPrelude: true})
	runtime.ReadMemStats(&after)
	if err == nil || !strings.HasPrefix(err.Error(), "big.abnf:1:6: syntax error") {
		t.Fatalf("got %v, want a syntax error at big.abnf:1:6", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("parsing allocated %d bytes before the first error, want at most 4 MiB", alloc)
	}
}

// TestTotalLimit: the sources of one Parse come to at most MaxTotal
// bytes; the first source that crosses it gets one error and is not read,
// and sources up to the limit are.
func TestTotalLimit(t *testing.T) {
	src := func(i int) syntax.Source {
		return syntax.Source{Name: "s" + string(rune('a'+i)) + ".abnf", Text: []byte(padded("r"+string(rune('a'+i))+" = \"x\"\n", syntax.MaxSize))}
	}
	var at, over []syntax.Source
	for i := 0; i < syntax.MaxTotal/syntax.MaxSize; i++ {
		at = append(at, src(i))
	}
	over = append(append(over, at...), src(len(at)), src(len(at)+1))
	if _, err := syntax.Parse(at, syntax.Options{}); err != nil {
		t.Fatalf("sources of %d bytes in all: %v", syntax.MaxTotal, err)
	}
	_, err := syntax.Parse(over, syntax.Options{})
	want := "se.abnf:1:1: the grammar sources come to more than the limit of 4194304 bytes (4 MiB) together; this one is not read"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

// TestRuleTokenLimit: a rule of MaxRuleTokens tokens is read; one more is
// an error at the token past the limit, and the source is read no further.
func TestRuleTokenLimit(t *testing.T) {
	rule := func(n int) string { // "a", "=" and n strings
		return "a = " + strings.Repeat(`"x" `, n) + "\nb = ()\n"
	}
	_, err := syntax.ParseString("t.abnf", rule(syntax.MaxRuleTokens-2), syntax.Options{})
	if err == nil || !strings.Contains(err.Error(), "t.abnf:2:6: syntax error") {
		t.Fatalf("at the limit: err = %v, want only the syntax error of rule b", err)
	}
	_, err = syntax.ParseString("t.abnf", rule(syntax.MaxRuleTokens-1), syntax.Options{})
	want := fmt.Sprintf("t.abnf:1:%d: rule a has more than %d tokens", 5+4*(syntax.MaxRuleTokens-2), syntax.MaxRuleTokens)
	if err == nil || err.Error() != want {
		t.Fatalf("over the limit: err = %v, want %s", err, want)
	}
}

// TestNameLimit: a rule name has at most MaxName bytes. Messages carry
// rule names, often twice ("undefined rule x (in rule y)"); a name as long
// as the source made each of them as long.
func TestNameLimit(t *testing.T) {
	long := strings.Repeat("n", syntax.MaxName)
	tests := []struct {
		name string
		src  string
		want string // the error, or "" for none
	}{
		{name: "at the limit", src: long + " = \"x\"\nb = " + long + "\n"},
		{name: "rule name over", src: "a = \"x\"\n" + long + "x = \"y\"\n",
			want: fmt.Sprintf(`t.abnf:2:1: rule name "nnnnnnnnnnnnnnnnnnnnnnnn"... is longer than the limit of %d bytes`, syntax.MaxName)},
		{name: "reference over", src: "a = \"x\" " + long + "nn\n",
			want: fmt.Sprintf(`t.abnf:1:9: rule name "nnnnnnnnnnnnnnnnnnnnnnnn"... is longer than the limit of %d bytes`, syntax.MaxName)},
		{name: "far over", src: "a = " + strings.Repeat("n", syntax.MaxSize-8) + "\n",
			want: fmt.Sprintf(`t.abnf:1:5: rule name "nnnnnnnnnnnnnnnnnnnnnnnn"... is longer than the limit of %d bytes`, syntax.MaxName)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseError(tt.src, grammar.RFC5234)
			if got != tt.want {
				t.Errorf("got  %.300s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestManyCommentsLinear: finding a rule's annotations takes time in
// proportion to its comments, not to the source's: each rule looked at
// every comment of the source, so that 20,000 rules with a comment each
// (400 KB) took minutes to parse.
func TestManyCommentsLinear(t *testing.T) {
	var b strings.Builder
	const n = 20000
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "; @root\nr%d = \"x\" ; @lws\n", i)
	}
	type result struct {
		g   *grammar.Grammar
		err error
	}
	done := make(chan result)
	go func() {
		g, err := syntax.ParseString("c.abnf", b.String(), syntax.Options{Dialect: grammar.RFC2616})
		done <- result{g, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		for _, rule := range r.g.UserRules() {
			if len(rule.Annotations) != 2 || !rule.Has(grammar.AnnotRoot) || !rule.Has(grammar.AnnotLWS) {
				t.Fatalf("rule %s: annotations %v, want @root and @lws", rule.Name, rule.Annotations)
			}
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("parsing %d rules with comments took more than 30 s", n)
	}
}
