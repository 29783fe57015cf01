package fuzz

import "github.com/abnfc/abnfc/parser"

// The value functions of package parser that the checks call, in one
// place: their names were still changing while fuzz/ was written, so a
// rename needs one edit here.
var (
	parseDateAt = parser.ParseHTTPDateAt
	parseQValue = parser.ParseQValue
	parseRange  = parser.ParseRange
	resolve     = parser.ResolveRanges
)
