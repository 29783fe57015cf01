package fuzz

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/abnfc/abnfc/parser"
)

// The model oracle (OracleModel) is RFC 2616's message rules written a
// second time, from the RFC's text and over a head's raw lines, with none
// of package parser's code: §4.4's message length, §3.6's transfer-codings,
// §8.1.2.1, §19.6.2 and §14.10's persistence (and RFC 9112 §6.1's close
// after an HTTP/1.0 message with Transfer-Encoding). Every message the one-shot
// parse reads must get the framing and persistence the model gives its
// head, exactly. It is the check that net/http cannot be for these rules:
// net/http accepts only a lone "chunked" and ignores Transfer-Encoding in
// HTTP/1.0, so the transfer-encoding class explains any framing of ours
// against it (DIVERGENCES.md), and a bug in how ours reads a list of
// codings would hide there.

// model is what the message rules give one head.
type model struct {
	// framing is as Msg.Framing, or "error" for a request whose
	// transfer-codings do not end with chunked, or a message that
	// applies chunked more than once (§3.6).
	framing   string
	keepAlive bool
}

// modelHead applies the message rules to a head (its start line, field
// lines and empty line, CRLF-terminated as a strict parse reads them) of a
// message of kind; a response answers a request with method. ok is false where the model
// makes no claim: a head it cannot split, a multipart/byteranges
// Content-Type that rule 4 would read in a response (the boundary
// parameter's syntax is not modelled), and heads a strict parse rejects
// for other reasons (several Content-Length fields, one off its grammar,
// Content-Length with Transfer-Encoding, Connection naming an end-to-end
// field, an Upgrade or Trailer field, a 101, TRACE with a body,
// 100-continue without one).
func modelHead(head []byte, kind parser.Kind, method string) (m model, ok bool) {
	start, fields, ok := splitHead(head)
	if !ok {
		return model{}, false
	}
	var version, status string
	f := strings.Split(start, " ")
	if kind == parser.Request {
		if len(f) != 3 {
			return model{}, false
		}
		version = f[2]
	} else {
		if len(f) < 2 {
			return model{}, false
		}
		version, status = f[0], f[1]
	}
	http11, ok := atLeast11(version)
	if !ok {
		return model{}, false
	}
	var te, cl, ctype []string
	m.keepAlive = http11 // §8.1.2.1; §19.6.2 for HTTP/1.0
	closed, connTE, expect100 := false, false, false
	for _, fl := range fields {
		// §2.1's implied *LWS may stand between field-name and ":".
		name, value, _ := strings.Cut(fl, ":")
		switch strings.ToLower(trimLWS(name)) {
		case "transfer-encoding":
			te = append(te, value)
		case "content-length":
			cl = append(cl, value)
		case "content-type":
			ctype = append(ctype, value)
		case "connection":
			// §14.10: Connection = 1#(connection-token), so no quoted
			// strings; "close" wins over "keep-alive" wherever it is.
			for _, tok := range strings.Split(value, ",") {
				switch t := strings.ToLower(trimLWS(tok)); {
				case t == "close":
					closed = true
				case t == "keep-alive":
					m.keepAlive = true
				case t == "transfer-encoding":
					connTE = true
				case isEndToEnd(t):
					// §14.10: refused, for a reason the model does
					// not claim.
					return model{}, false
				}
			}
		case "expect":
			for _, tok := range strings.Split(value, ",") {
				if strings.EqualFold(trimLWS(tok), "100-continue") {
					expect100 = true
				}
			}
		case "upgrade", "trailer":
			// §14.42 and §14.40 refuse some of these: not modelled.
			return model{}, false
		}
	}
	// §14.10: an HTTP/1.0 recipient MUST "remove and ignore" the fields
	// Connection names; Transfer-Encoding is the one that frames, and
	// only its framing is ignored (rule 2 below): the other rules still
	// read it.
	teIgnored := !http11 && connTE
	// §8.2.3: 100-continue without a body is refused: not modelled.
	if kind == parser.Request && expect100 && len(te)+len(cl) == 0 {
		return model{}, false
	}
	// §9.8: a TRACE request with a body is refused: not modelled.
	if kind == parser.Request && f[0] == "TRACE" && len(te)+len(cl) > 0 {
		return model{}, false
	}
	if kind == parser.Response && status == "101" {
		return model{}, false // §14.42: a 101 needs Upgrade
	}
	m.keepAlive = m.keepAlive && !closed
	// RFC 9112 §6.1: an HTTP/1.0 message with a Transfer-Encoding field
	// is processed, then the connection closes.
	if !http11 && len(te) > 0 {
		m.keepAlive = false
	}
	// Two sender rules hold for every message, whether it has a body or
	// not: §4.4, "Messages MUST NOT include both a Content-Length header
	// field and a non-identity transfer-coding" (a strict parse rejects
	// that, for reasons the model does not claim), and §3.6, chunked
	// "MUST NOT be applied more than once".
	codings := transferCodings(te)
	coded := len(codings) > 0 && !allIdentity(codings)
	if coded {
		if len(cl) > 0 {
			return model{}, false
		}
		chunks := 0
		for _, c := range codings {
			if c == "chunked" {
				chunks++
			}
		}
		if chunks > 1 {
			m.framing = "error"
			return m, true
		}
	}
	// §4.4 rule 1: "Any response message which "MUST NOT" include a
	// message-body (such as the 1xx, 204, and 304 responses and any
	// response to a HEAD request)" ends at the empty line. §5.1.1: the
	// method is case-sensitive, so "head" is another method. A 2xx
	// answer to CONNECT starts a tunnel (§9.9, RFC 2817 §5.3; RFC 9112
	// §6.3 rule 2): it has none either. Persistence is as for any
	// other message.
	// §10.2.6: a 205 "MUST NOT include an entity", so it is one of them.
	noBody := strings.HasPrefix(status, "1") || status == "204" || status == "205" || status == "304" ||
		method == "HEAD" || method == "CONNECT" && len(status) == 3 && status[0] == '2'
	if kind == parser.Response && noBody {
		// The Content-Length of a response without a body is still
		// read (parser.Message.DeclaredLength; §14.13: after HEAD, the
		// length a GET would have had), except in a 2xx to CONNECT
		// (RFC 9112 §6.3 rule 2): a value past 63 bits is refused, and
		// its grammar is not the model's to claim.
		tunnel := method == "CONNECT" && len(status) == 3 && status[0] == '2'
		if len(cl) == 1 && !tunnel {
			if _, err := strconv.ParseUint(trimLWS(cl[0]), 10, 63); err != nil {
				return model{}, false
			}
		}
		m.framing = "none"
		return m, true
	}
	if len(cl) > 1 {
		return model{}, false
	}
	// §4.4 rule 2: "If a Transfer-Encoding header field is present and
	// has any value other than "identity", then the transfer-length is
	// defined by use of the "chunked" transfer-coding, unless the
	// message is terminated by closing the connection."
	if coded && !teIgnored {
		// §3.6: chunked is applied last, unless the connection's close
		// ends the message, which only a response can do (§4.4 rule 5).
		switch {
		case codings[len(codings)-1] == "chunked":
			m.framing = "chunked"
		case kind == parser.Request:
			m.framing = "error"
		default:
			m.framing, m.keepAlive = "close", false
		}
		return m, true
	}
	// Rule 3: Content-Length = "Content-Length" ":" 1*DIGIT (§14.13);
	// the normalised framing of a length of 0 is "none".
	if len(cl) == 1 {
		v := trimLWS(cl[0])
		n, err := strconv.ParseUint(v, 10, 63)
		if v == "" || strings.Trim(v, "0123456789") != "" || err != nil {
			return model{}, false
		}
		m.framing = "length"
		if n == 0 {
			m.framing = "none"
		}
		return m, true
	}
	// Rule 4: multipart/byteranges delimits a response's body itself:
	// not modelled. A request has a body only with Content-Length or
	// Transfer-Encoding (§4.3).
	const byteranges = "multipart/byteranges"
	for _, v := range ctype {
		if kind == parser.Request {
			break
		}
		if t := trimLWS(v); len(t) >= len(byteranges) && strings.EqualFold(t[:len(byteranges)], byteranges) {
			return model{}, false
		}
	}
	// Rule 5: the server's close ends a response; a request without a
	// length has no body, unless Transfer-Encoding (identity alone
	// here) signals one (§4.3), whose length nothing gives: "400 (bad
	// request) ... or 411 (length required)".
	if kind == parser.Response {
		m.framing, m.keepAlive = "close", false
		return m, true
	}
	if len(te) > 0 && !teIgnored {
		m.framing = "error"
		return m, true
	}
	m.framing = "none"
	return m, true
}

// splitHead splits a head at CRLF into its start line and its fields,
// each continuation line (§2.2 LWS) joined to its field with one SP.
func splitHead(head []byte) (start string, fields []string, ok bool) {
	end := bytes.Index(head, []byte("\r\n\r\n"))
	if end < 0 {
		return "", nil, false
	}
	lines := strings.Split(string(head[:end]), "\r\n")
	for _, l := range lines[1:] {
		if continues(l) {
			if len(fields) == 0 {
				return "", nil, false
			}
			fields[len(fields)-1] += " " + l
			continue
		}
		if !strings.Contains(l, ":") {
			return "", nil, false
		}
		fields = append(fields, l)
	}
	return lines[0], fields, true
}

// atLeast11 reads HTTP-Version = "HTTP" "/" 1*DIGIT "." 1*DIGIT (§3.1,
// where "leading zeros MUST be ignored by recipients") and reports whether
// it is 1.1 or later, with numbers of any length.
func atLeast11(v string) (at, ok bool) {
	rest, ok := strings.CutPrefix(v, "HTTP/")
	if !ok {
		return false, false
	}
	major, minor, ok := strings.Cut(rest, ".")
	if !ok || !allDigits(major) || !allDigits(minor) {
		return false, false
	}
	major, minor = strings.TrimLeft(major, "0"), strings.TrimLeft(minor, "0")
	switch {
	case major == "":
		return false, true
	case major != "1":
		return true, true
	}
	return minor != "", true
}

func allDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// transferCodings returns the transfer-codings of the Transfer-Encoding
// fields in order, lower-cased: Transfer-Encoding = 1#transfer-coding
// (§14.41), transfer-coding = "chunked" | token *( ";" parameter ) (§3.6),
// and a parameter's value may be a quoted-string, whose commas separate
// nothing (§2.2). Empty list elements are skipped (§2.1).
func transferCodings(values []string) []string {
	var out []string
	for _, v := range values {
		el, quoted := []byte{}, false
		flush := func() {
			name, _, _ := strings.Cut(string(el), ";")
			if name = strings.ToLower(trimLWS(name)); name != "" {
				out = append(out, name)
			}
			el = el[:0]
		}
		for i := 0; i < len(v); i++ {
			c := v[i]
			switch {
			case quoted && c == '\\' && i+1 < len(v):
				el = append(el, c, v[i+1])
				i++
				continue
			case c == '"':
				quoted = !quoted
			case c == ',' && !quoted:
				flush()
				continue
			}
			el = append(el, c)
		}
		flush()
	}
	return out
}

func allIdentity(codings []string) bool {
	for _, c := range codings {
		if c != "identity" {
			return false
		}
	}
	return true
}

// trimLWS trims SP and HT (folds are joined into SP by splitHead).
func trimLWS(s string) string { return strings.Trim(s, " \t") }

// compareModel runs the model oracle over every message of the one-shot
// outcome, and over the head ours refused for its transfer-codings; a
// response answers method.
func compareModel(r *Result, data []byte, one Outcome, kind parser.Kind, method string) {
	for i, msg := range one.Messages {
		m, ok := modelHead(data[msg.Start:], kind, method)
		if !ok {
			continue
		}
		if msg.Framing != m.framing {
			r.add(OracleModel, "framing["+strconv.Itoa(i)+"]", msg.Framing, m.framing, "")
		}
		if msg.KeepAlive != m.keepAlive {
			r.add(OracleModel, "keep-alive["+strconv.Itoa(i)+"]", strconv.FormatBool(msg.KeepAlive), strconv.FormatBool(m.keepAlive), "")
		}
	}
	if one.Verdict == "error" && (strings.Contains(one.Err, "must end with chunked") || strings.Contains(one.Err, "chunked transfer-coding is applied more than once")) {
		at := messageStart(one, len(one.Messages))
		if m, ok := modelHead(data[at:], kind, method); ok && m.framing != "error" {
			r.add(OracleModel, "verdict", one.Verdict+" "+one.Err, m.framing, "")
		}
	}
}
