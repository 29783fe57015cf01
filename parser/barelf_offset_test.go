package parser

import (
	"errors"
	"testing"
)

// TestBareLFFoldErrorOffset: under Options.AllowBareLF (RFC 2616 §19.3)
// an error in a field folded over bare LF line ends (§2.2 LWS) is
// positioned in the input as received, as the same field with CRLF
// ends is. The grammars read the field with each bare LF written CRLF,
// and their offsets were used as they were, one byte late per bare LF
// before the error.
func TestBareLFFoldErrorOffset(t *testing.T) {
	o := &Options{AllowBareLF: true}
	for _, tt := range []struct {
		name, in string
		kind     Kind
		rule     string
		off      int
	}{
		// message-header (§4.2): "e" and its fold hold no colon.
		{"message-header", "HTTP/1.0 204 \ne\n \n\n", Response, "message-header", 17},
		{"message-header two folds", "HTTP/1.0 204 \ne\n \n \n\n", Response, "message-header", 19},
		// §14.1: "c/" lacks its subtype, after a fold over a bare LF.
		{"Accept", "GET / HTTP/1.1\nHost: a\nAccept: a/b,\n c/\n\n", Request, "Accept", 39},
		// CRLF before the bare LF: only the bare one counts.
		{"Accept after CRLF", "GET / HTTP/1.1\nHost: a\nAccept: a/b,\r\n d/e,\n c/\n\n", Request, "Accept", 46},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var m Message
			var err error
			if tt.kind == Request {
				_, err = o.ParseRequest([]byte(tt.in), &m)
			} else {
				_, err = o.ParseResponse([]byte(tt.in), &m, []byte("GET"))
			}
			var e *Error
			if !errors.As(err, &e) || e.Rule != tt.rule || e.Offset != tt.off {
				t.Fatalf("error %v (offset %d), want [%s] at %d", err, offsetOf(e), tt.rule, tt.off)
			}
		})
	}
}

// offsetOf is e's offset, or -2 for no *Error.
func offsetOf(e *Error) int {
	if e == nil {
		return -2
	}
	return e.Offset
}

// TestBareLFQuotedPairFold: under Options.AllowBareLF a bare LF is a
// line end (RFC 2616 §19.3), read as the CRLF it stands for, so a "\"
// before it quotes the CR of that CRLF (§2.2: quoted-pair = "\" CHAR)
// and the LF that follows ends the comment (§14.43), which the same
// field with CRLF refuses there. A field's own grammar was first tried
// (its Match) on the field as received, where "\" quoted the LF itself
// and the fold was accepted (httpfuzz -seed 77, the AllowBareLF model).
func TestBareLFQuotedPairFold(t *testing.T) {
	o := &Options{AllowBareLF: true}
	for _, tt := range []struct {
		name, in string
		off      int
	}{
		{"bare LF", "GET / HTTP/1.1\nHost: a\nUser-Agent: (\\\n\t)\n\n", 37},
		{"CRLF", "GET / HTTP/1.1\r\nHost: a\r\nUser-Agent: (\\\r\n\t)\r\n\r\n", 40},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var m Message
			_, err := o.ParseRequest([]byte(tt.in), &m)
			var e *Error
			if !errors.As(err, &e) || e.Rule != "User-Agent" || e.Offset != tt.off {
				t.Fatalf("error %v (offset %d), want [User-Agent] at %d", err, offsetOf(e), tt.off)
			}
		})
	}
}
