// Package headpath lets the differential fuzz harness (package fuzz)
// parse a message head by package parser's line-by-line path alone, so
// that it can hold the one-pass path (SpansMessageHead, taken for
// well-formed heads) to it on any input, as parser's own tests do with
// an unexported switch. It is internal: the switch is no part of
// parser's API, and parser's results do not depend on the path.
package headpath

// ParseLineByLine is set by package parser when it is initialised. It
// parses the head at the start of b as (*parser.Options).ParseRequest
// (response false) or ParseResponse to method (response true) does, with
// the one-pass head path off: opts is a *parser.Options (nil for the
// zero Options) and m the *parser.Message to fill. The dates in the head
// are read as always (the date fast path stays on).
var ParseLineByLine func(opts, m any, b, method []byte, response bool) (int, error)
