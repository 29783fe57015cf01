// Package httplist splits the value of an RFC 2616 list header field
// (#rule, §2.1) into its elements, for the tools that read a field's
// value apart from package parser: the differential fuzzer's classes
// (package fuzz) and httpcheck's -pair checks. It is deliberately not
// parser's own splitter, so that the fuzzer does not read the values it
// judges through the code it tests.
package httplist

// Elements splits v at the commas between list elements (RFC 2616 §2.1),
// not at those inside a quoted-string, where a backslash quotes the next
// byte (§2.2 quoted-pair). An unclosed quoted-string runs to the end of
// v. Elements are returned as they are, white space included; v without
// a comma is one element.
func Elements(v string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == ',':
			out = append(out, v[start:i])
			start = i + 1
		}
	}
	return append(out, v[start:])
}
