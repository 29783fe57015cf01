package fuzz

import "github.com/abnfc/abnfc/parser"

// ruleFuncs returns the generated functions of rule (as named in the
// grammar, case-insensitively).
func ruleFuncs(rule string) (parser.RuleFuncs, bool) {
	for _, r := range parser.Rules {
		if equalFoldString(r.Name, rule) {
			return r, true
		}
	}
	return parser.RuleFuncs{}, false
}

// RuleNames lists the generated rules, in parser.Rules order.
func RuleNames() []string {
	names := make([]string, len(parser.Rules))
	for i, r := range parser.Rules {
		names[i] = r.Name
	}
	return names
}

// equalFoldString compares a and b ASCII case-insensitively (rule names,
// HTTP tokens); strings.EqualFold would also fold the Kelvin sign to k.
func equalFoldString(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// CheckRule is the generic target: the generated functions of rule
// against the reference parser on data (oracle 1), and the rule's
// machine fed data whole, byte by byte and in random chunks against
// them (oracle 3, compareMachine).
func CheckRule(rule string, data []byte) Result {
	r := Result{Target: "rule:" + rule, Verdict: "error"}
	if f, ok := ruleFuncs(rule); ok && f.Match(data) {
		r.Verdict = "ok"
	}
	compareRule(&r, rule, data)
	compareMachine(&r, rule, data)
	if rule == "message-head" {
		compareSpans(&r, data)
	}
	return r
}

// CheckRuleIndexed selects the rule from the first byte of data (modulo
// the number of generated rules) and checks the rest: one fuzz target for
// every rule.
func CheckRuleIndexed(data []byte) Result {
	if len(data) == 0 {
		return Result{Target: "rule", Verdict: "ok"}
	}
	rule := parser.Rules[int(data[0])%len(parser.Rules)].Name
	return CheckRule(rule, data[1:])
}
