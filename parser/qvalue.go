package parser

// ParseQValue parses a qvalue (RFC 2616 §3.9) and returns it in
// thousandths, 0 to 1000: "1" is 1000, "0.5" is 500, "0.001" is 1.
//
//	qvalue = ( "0" [ "." 0*3DIGIT ] )
//	       | ( "1" [ "." 0*3("0") ] )
//
// The input is all of b, with no white space; "0." and "1." are valid (zero
// digits after the dot), "1.001", ".5" and "0.5000" are not. Errors are
// *Error with Rule "qvalue" and Section "3.9". ParseQValue does not
// allocate, except for the error.
func ParseQValue(b []byte) (int, error) {
	if !MatchQvalue(b) {
		return 0, syntaxError(ValidateQvalue(b), "qvalue", "3.9", 0)
	}
	if b[0] == '1' {
		return 1000, nil
	}
	q, scale := 0, 100
	for _, c := range b[min(len(b), 2):] { // the digits after "0."
		q += int(c-'0') * scale
		scale /= 10
	}
	return q, nil
}
