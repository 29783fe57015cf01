package fuzz

import (
	"fmt"
	"sort"
	"strings"
)

// The oracles a check may consult. OracleRef and OracleStream must agree
// exactly; the others may disagree only within a divergence class.
const (
	OracleRef          = "ref"    // grammar/ref Earley parser
	OracleStream       = "stream" // parser.Reader, split reads
	OracleNetHTTP      = "net/http.ReadRequest"
	OracleNetHTTPResp  = "net/http.ReadResponse"
	OracleServer       = "net/http.Server" // real server on loopback
	OracleChunked      = "httputil.ChunkedReader"
	OracleTime         = "net/http.ParseTime"
	OracleServeContent = "net/http.ServeContent"
	OracleTextproto    = "textproto.ReadMIMEHeader"
	OracleFloat        = "strconv.ParseFloat"
	OracleModel        = "model"        // RFC 2616's message rules, written again (model.go)
	OracleLineByLine   = "line-by-line" // parser's line-by-line head path (internal/headpath)
)

// exact reports whether an oracle must agree exactly with the generated
// parser (no divergence class may excuse it).
func exact(oracle string) bool {
	return oracle == OracleRef || oracle == OracleStream || oracle == OracleModel || oracle == OracleLineByLine
}

// Disagreement is one difference between the generated parser and an
// oracle.
type Disagreement struct {
	// Oracle is the oracle that disagrees (an Oracle... constant).
	Oracle string
	// Field names what differs: "verdict", "method", "body", ... or the
	// grammar rule for OracleRef.
	Field string
	// Ours and Theirs are the two values, short and printable.
	Ours, Theirs string
	// Class is the divergence class that explains the difference (see
	// DIVERGENCES.md), or "" when none does.
	Class string
	// KnownBug names an open bug of package parser (listed in
	// DIVERGENCES.md while it is open; none is now, and nothing sets
	// KnownBug) that this disagreement of an exact oracle reproduces;
	// such a disagreement is reported but does not fail.
	KnownBug string
}

// String formats d as "oracle: field: ours X, theirs Y [class]", with
// UNEXPLAINED or KNOWN PARSER BUG in place of a class it lacks.
func (d Disagreement) String() string {
	c := d.Class
	switch {
	case d.KnownBug != "":
		c = "KNOWN PARSER BUG " + d.KnownBug
	case c == "":
		c = "UNEXPLAINED"
	}
	return fmt.Sprintf("%s: %s: ours %s, theirs %s [%s]", d.Oracle, d.Field, d.Ours, d.Theirs, c)
}

// Result is the outcome of one check of one input against all oracles of
// a target.
type Result struct {
	// Target is the name of the target (see Targets).
	Target string
	// Verdict is the generated parser's verdict: "ok", "error" or
	// "incomplete".
	Verdict string
	// ErrRule is the rule named by the generated parser's error, if any.
	ErrRule string
	// Disagreements lists the differences found, in oracle order.
	Disagreements []Disagreement
}

// Failed reports whether the result has a disagreement that no divergence
// class explains (always the case for the exact oracles, OracleRef,
// OracleStream, OracleModel and OracleLineByLine) and no KnownBug names.
func (r Result) Failed() bool {
	for _, d := range r.Disagreements {
		if d.Class == "" && d.KnownBug == "" {
			return true
		}
	}
	return false
}

// KnownBugs returns the open parser bugs the result reproduces.
func (r Result) KnownBugs() []string {
	var out []string
	for _, d := range r.Disagreements {
		if d.KnownBug != "" && !contains(out, d.KnownBug) {
			out = append(out, d.KnownBug)
		}
	}
	return out
}

// Key is the deduplication key of the result: the target, the oracles
// that disagree and the classes, sorted. It is "" when all agree.
func (r Result) Key() string {
	if len(r.Disagreements) == 0 {
		return ""
	}
	set := map[string]bool{}
	for _, d := range r.Disagreements {
		c := d.Class
		switch {
		case d.KnownBug != "":
			c = "BUG:" + d.KnownBug
		case c == "":
			c = "UNEXPLAINED:" + d.Field
		}
		set[d.Oracle+"="+c] = true
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return r.Target + "|" + strings.Join(keys, ",")
}

// Behaviour is a coverage-free notion of what the input exercised: the
// verdict, the error rule and the disagreement key. Campaigns count new
// behaviours.
func (r Result) Behaviour() string {
	return r.Target + "|" + r.Verdict + "|" + r.ErrRule + "|" + r.Key()
}

// String formats r as "target: verdict (error rule)", then each
// disagreement on a line of its own.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", r.Target, r.Verdict)
	if r.ErrRule != "" {
		fmt.Fprintf(&b, " (%s)", r.ErrRule)
	}
	for _, d := range r.Disagreements {
		b.WriteString("\n\t" + d.String())
	}
	return b.String()
}

// add records a disagreement.
func (r *Result) add(oracle, field, ours, theirs, class string) {
	if exact(oracle) {
		class = ""
	}
	r.Disagreements = append(r.Disagreements, Disagreement{Oracle: oracle, Field: field, Ours: short(ours), Theirs: short(theirs), Class: class})
}

// short quotes s, cut to 120 bytes.
func short(s string) string {
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return fmt.Sprintf("%q", s)
}
