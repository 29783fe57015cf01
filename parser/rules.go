package parser

import "strconv"

// messageRules applies the message rules of RFC 2616 to a parsed head:
// the message length (§4.4, with the boundary of a multipart/byteranges
// body that frames itself, §19.2 and RFC 2046 §5.1.1), persistent
// connections (§8.1.2.1, §19.6.2), Host (§14.23) and Expect (§8.2.3,
// §14.20).
func (h *head) messageRules(method []byte) error {
	m := h.m
	http11 := m.Major > 1 || m.Major == 1 && m.Minor >= 1
	var te, cl, conn, expect, ctype, trailer int = -1, -1, -1, -1, -1, -1
	// The first of each list-valued field the rules read, where walking
	// its tokens starts.
	var te0, conn0, expect0, trailer0 int
	hosts := 0
	upgrade := -1
	for i := range m.Headers {
		switch m.Headers[i].index() {
		case hTransferEncoding:
			if te < 0 {
				te0 = i
			}
			te = i
		case hContentLength:
			// The first: under Options.AllowDuplicateContentLength the
			// repeats have its value and are dropped (RFC 7230 §3.3.2).
			if cl < 0 {
				cl = i
			}
		case hConnection:
			if conn < 0 {
				conn0 = i
			}
			conn = i
		case hExpect:
			if expect < 0 {
				expect0 = i
			}
			expect = i
		case hContentType:
			ctype = i
		case hHost:
			hosts++
			m.Host = m.Headers[i].Value
		case hUpgrade:
			if upgrade < 0 {
				upgrade = i
			}
		case hTrailer:
			if trailer < 0 {
				trailer0 = i
			}
			trailer = i
		}
	}
	// §5.1.2, for a target that is not an abs_path:
	//   - "The asterisk "*" means that the request does not apply to a
	//     particular resource, but to the server itself, and is only
	//     allowed when the method used does not necessarily apply to a
	//     resource" (OPTIONS, §9.2). The methods of §9 that do are
	//     refused with it; an extension method's meaning is unknown, and
	//     CONNECT's target is an authority, whose reg_name (RFC 2396
	//     §3.2) "*" is.
	//   - "The authority form is only used by the CONNECT method". A
	//     target that is not "*" and not an absoluteURI can only be an
	//     authority (RFC 2396 §3.2), so it is refused with any other
	//     method: "GET example.com HTTP/1.1".
	//   - The empty target is an empty authority (RFC 2396's server may
	//     be empty) and names nothing to apply the request to, so it is
	//     refused with CONNECT too (RFC 9110 §9.3.6: the target of
	//     CONNECT consists "of only the host and port number of the
	//     tunnel destination"; RFC 9112 §3.2.3 authority-form = uri-host
	//     ":" port).
	if m.Kind == Request && (len(m.Target) == 0 || m.Target[0] != '/') {
		off := cap(h.b) - cap(m.Target) // m.Target is a slice of h.b
		switch {
		case len(m.Target) == 0:
			return h.errorf(off, "Request-URI", "5.1.2", "the Request-URI is empty")
		case string(m.Target) == "*":
			switch string(m.Method) {
			case "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE":
				return h.errorf(off, "Request-URI", "5.1.2", `"*" is only allowed when the method does not necessarily apply to a resource (OPTIONS), not with %s`, m.Method)
			}
		case string(m.Method) != "CONNECT":
			if _, absolute := absoluteHost(m.Target, false); !absolute {
				return h.errorf(off, "Request-URI", "5.1.2", "the authority form is only used by the CONNECT method, not by %s", m.Method)
			}
		}
	}
	// §14.23: "A client MUST include a Host header field in all HTTP/1.1
	// request messages." (Several are caught by §4.2 already.)
	if m.Kind == Request && http11 && hosts == 0 {
		return h.errorf(h.start, "Host", "14.23", "an HTTP/1.1 request must have a Host header field")
	}
	// §8.1.2.1: HTTP/1.1 connections persist unless "close"; §19.6.2:
	// HTTP/1.0 ones only with "keep-alive". §14.10: "close" signals that
	// the connection will be closed after the response, so it wins over a
	// "keep-alive" wherever each is in the Connection fields.
	//
	// §14.42: a message asks to switch protocols with an Upgrade field,
	// and "the upgrade keyword MUST be supplied within a Connection header
	// field (section 14.10) whenever Upgrade is present in an HTTP/1.1
	// message"; without it a proxy would have forwarded the field. Not in
	// HTTP/1.0: the switch is a 101 answer, and §10.1 says "servers MUST
	// NOT send a 1xx response to an HTTP/1.0 client" (RFC 7230 §6.7: "A
	// server MUST ignore an Upgrade header field that is received in an
	// HTTP/1.0 request").
	//
	// §14.10: "Message headers listed in the Connection header MUST NOT
	// include end-to-end headers, such as Cache-Control", and §13.5.1
	// names the hop-by-hop ones: "All other headers defined by HTTP/1.1
	// are end-to-end headers." A proxy removes the fields Connection
	// names (§14.10), so one that named Content-Length or Host would
	// reach the next hop without it. And "A system receiving an HTTP/1.0
	// (or lower-version) message that includes a Connection header MUST,
	// for each connection-token in this field, remove and ignore any
	// header field(s) from the message with the same name": of the
	// hop-by-hop fields the rules read, only Transfer-Encoding then
	// changes anything (Upgrade is not read in HTTP/1.0).
	keepAlive, closed, connUpgrade, connTE := http11, false, false, false
	if conn >= 0 {
		for it := (tokens{m: m, k: hConnection, i: conn0, end: conn + 1}); it.next(); {
			switch {
			case equalFold(it.tok, "close"):
				closed = true
			case equalFold(it.tok, "keep-alive"):
				keepAlive = true
			case equalFold(it.tok, "upgrade"):
				connUpgrade = true
			default:
				k := lookupHeader(it.tok)
				if k == hTransferEncoding {
					connTE = true
				}
				if k >= 0 && !hopByHop[k] {
					return h.errorf(cap(h.b)-cap(it.tok), "Connection", "14.10", "Connection names %s, an end-to-end header field (§13.5.1): the fields it lists MUST NOT include end-to-end ones", knownHeaders[k].Name)
				}
			}
		}
	}
	// The field stays in m.Headers, and every other rule still reads it
	// (Content-Length beside it is refused, unless
	// AllowContentLengthWithTE, the connection closes after an HTTP/1.0
	// message with it): only its framing is ignored, below, where
	// Content-Length then frames the body (§4.4 rule 3).
	teIgnored := !http11 && connTE
	// §14.42: "the upgrade keyword MUST be supplied within a Connection
	// header field (section 14.10) whenever Upgrade is present in an
	// HTTP/1.1 message", and "The Upgrade header field MUST be used
	// within a 101 (Switching Protocols) response" (§10.1.2: the server
	// says there which protocol it switches to).
	if upgrade >= 0 && http11 && !connUpgrade {
		return h.errorf(m.Headers[upgrade].Offset, "Upgrade", "14.42", `Upgrade without "upgrade" in Connection: the keyword MUST be supplied within a Connection header field whenever Upgrade is present in an HTTP/1.1 message`)
	}
	if m.Kind == Response && m.Status == 101 && upgrade < 0 {
		return h.errorf(h.start, "Upgrade", "14.42", "a 101 (Switching Protocols) response without an Upgrade header field, which MUST be used within a 101 response")
	}
	m.KeepAlive = keepAlive && !closed
	m.Upgrade = upgrade >= 0 && connUpgrade && http11
	// RFC 9112 §6.1: "A server or client that receives an HTTP/1.0
	// message containing a Transfer-Encoding header field MUST treat the
	// message as if the framing is faulty, even if a Content-Length is
	// present, and close the connection after processing the message":
	// an HTTP/1.0 hop may have forwarded the coding without decoding it.
	// RFC 2616 lets any party close a connection at any time (§8.1.4).
	if !http11 && te >= 0 {
		m.KeepAlive = false
	}
	// §14.20: Expect is a request-header field; a response's says nothing.
	if expect >= 0 && m.Kind == Request {
		for it := (tokens{m: m, k: hExpect, i: expect0, end: expect + 1}); it.next(); {
			// §14.20: expectation = "100-continue" | expectation-extension;
			// "100-continue=1" is an extension that shares the token.
			if equalFold(it.el, "100-continue") {
				// §8.2.3: "A client MUST NOT send an Expect
				// request-header field (section 14.20) with the
				// "100-continue" expectation if it does not intend to
				// send a request body", and a request has one only
				// with Content-Length or Transfer-Encoding (§4.3).
				if cl < 0 && te < 0 {
					return h.errorf(cap(h.b)-cap(it.el), "Expect", "8.2.3", `Expect: 100-continue on a request without a body (no Content-Length or Transfer-Encoding, §4.3): a client MUST NOT send it if it does not intend to send a request body`)
				}
				// §8.2.3: an origin server "MUST NOT send a 100 (Continue)
				// response if such a request comes from an HTTP/1.0 (or
				// earlier) client"; RFC 7231 §5.1.1: "A server that
				// receives a 100-continue expectation in an HTTP/1.0
				// request MUST ignore that expectation."
				m.Expect100 = m.Expect100 || http11
			} else {
				m.UnknownExpect = true
			}
		}
	}
	// §14.40: "the message header fields listed in the Trailer header
	// field MUST NOT include the following header fields:
	// Transfer-Encoding, Content-Length, Trailer" (a recipient would
	// learn the framing after the body it frames).
	if trailer >= 0 {
		for it := (tokens{m: m, k: hTrailer, i: trailer0, end: trailer + 1}); it.next(); {
			switch k := lookupHeader(it.tok); k {
			case hTransferEncoding, hContentLength, hTrailer:
				return h.errorf(cap(h.b)-cap(it.tok), "Trailer", "14.40", "Trailer lists %s, which it MUST NOT include", knownHeaders[k].Name)
			}
		}
	}
	// The transfer-codings, in the order applied (§3.6, §14.41): coded
	// when one is not identity, chunked when the last is chunked.
	coded, chunked, chunks := false, false, 0
	if te >= 0 {
		var last []byte
		for it := (tokens{m: m, k: hTransferEncoding, i: te0, end: te + 1}); it.next(); {
			last = it.tok
			coded = coded || !equalFold(it.tok, "identity")
			if equalFold(it.tok, "chunked") {
				chunks++
			}
		}
		chunked = equalFold(last, "chunked")
	}
	// What §3.6 and §4.4 forbid in any message, one with no body
	// (rule 1) too.
	if coded {
		// §3.6: "The "chunked" transfer-coding MUST NOT be applied
		// more than once to a message-body" (RFC 7230 §3.3.1 too):
		// one chunked framing would be decoded and the next left in
		// the body.
		if chunks > 1 {
			return h.errorf(m.Headers[te].Offset, "Transfer-Encoding", "3.6", "the chunked transfer-coding is applied more than once")
		}
		// §4.4: "Messages MUST NOT include both a Content-Length header
		// field and a non-identity transfer-coding."
		if cl >= 0 && (h.o == nil || !h.o.AllowContentLengthWithTE) {
			return h.errorf(m.Headers[cl].Offset, "Content-Length", "4.4", "Content-Length with a Transfer-Encoding: messages MUST NOT include both (Options.AllowContentLengthWithTE ignores Content-Length)")
		}
	}
	// §9.8: "A TRACE request MUST NOT include an entity", and §4.3: "The
	// presence of a message-body in a request is signaled by the
	// inclusion of a Content-Length or Transfer-Encoding header field"
	// (Content-Length: 0 signals an empty one).
	if m.Kind == Request && string(m.Method) == "TRACE" && (cl >= 0 || te >= 0) {
		// Content-Length is ignored where a transfer-coding frames the
		// body (AllowContentLengthWithTE): the entity is
		// Transfer-Encoding's.
		f := cl
		if coded && !teIgnored || f < 0 || te >= 0 && te0 < f {
			f = te0
		}
		name := knownHeaders[m.Headers[f].index()].Name
		return h.errorf(m.Headers[f].Offset, name, "9.8", "a TRACE request MUST NOT include an entity: %s signals a message-body (§4.3)", name)
	}
	// The Content-Length field's value, whether or not it frames the
	// body (DeclaredLength): §14.13, "the size of the entity-body, in
	// decimal number of OCTETs, sent to the recipient or, in the case of
	// the HEAD method, the size of the entity-body that would have been
	// sent had the request been a GET". It is ignored with a
	// non-identity transfer-coding (§4.4; refused above unless
	// Options.AllowContentLengthWithTE) and in a 2xx response to CONNECT
	// (RFC 9112 §6.3 rule 2: "A client MUST ignore any Content-Length or
	// Transfer-Encoding header fields received in such a message"). A
	// value that does not fit in an int64 is refused in a response
	// without a body too, as net/http does after HEAD.
	// A transfer-coding ignored for an HTTP/1.0 Connection field naming
	// Transfer-Encoding (§14.10) does not: with it removed, nothing else
	// frames the body, which had been read as none, or to the close,
	// and a Reader handed its bytes out as the next request (an audit).
	tunnel := m.Kind == Response && m.Status/100 == 2 && string(method) == "CONNECT"
	if cl >= 0 && !(coded && !teIgnored) && !tunnel {
		n, ok := parseLength(m.Headers[cl].Value)
		if !ok {
			return h.errorf(m.Headers[cl].Offset, "Content-Length", "14.13", "Content-Length does not fit in 63 bits")
		}
		m.declared, m.hasDeclared = n, true
	}
	// §4.4, in the RFC's order.
	// 1. Responses that never have a body.
	// §5.1.1: "The method is case-sensitive": "head" is an extension
	// method, and a response to it has a body.
	// A 2xx response to CONNECT has none either: §9.9 reserves CONNECT
	// for tunnels, which begin after the head (RFC 2817 §5.3; RFC 9112
	// §6.3 rule 2: "A client MUST ignore any Content-Length or
	// Transfer-Encoding header fields received in such a message").
	// §10.2.6: a 205 (Reset Content) "response MUST NOT include an
	// entity", so it is such a response too (§4.4 rule 1: "such as").
	if m.Kind == Response && (m.Status/100 == 1 || m.Status == 204 || m.Status == 205 || m.Status == 304 || string(method) == "HEAD" || tunnel) {
		m.Body = BodyNone
		return nil
	}
	// 2. A Transfer-Encoding other than identity means chunked, unless
	// an HTTP/1.0 Connection field named it (§14.10: removed and
	// ignored).
	if coded && !teIgnored {
		// §3.6: "the set of transfer-codings MUST include chunked,
		// unless the message is terminated by closing the
		// connection", and chunked is the last one applied. Only a
		// response can end so (§4.4 rule 5); a request cannot.
		if !chunked && m.Kind != Response {
			return h.errorf(m.Headers[te].Offset, "Transfer-Encoding", "3.6", "transfer-codings of a request must end with chunked")
		}
		if !chunked {
			// §4.4 rule 2: "... unless the message is terminated by
			// closing the connection".
			m.Body = BodyClose
			m.KeepAlive = false
			return nil
		}
		m.Body = BodyChunked
		return nil
	}
	// 3. Content-Length (read above).
	if m.hasDeclared {
		m.Body, m.ContentLength = BodyLength, m.declared
		return nil
	}
	// 4. multipart/byteranges delimits itself, with its boundary: in a
	// response. §4.4 gives the length "When a message-body is included
	// with a message", and §4.3: "The presence of a message-body in a
	// request is signaled by the inclusion of a Content-Length or
	// Transfer-Encoding header field", neither of which is here.
	if ctype >= 0 && m.Kind == Response {
		if b, raw, again, ok := byterangesBoundary(m.Headers[ctype].Value); ok {
			// §19.2: "Optional parameters: none"; a second boundary is
			// one a recipient may take instead of the first.
			if again != nil {
				return h.errorf(cap(h.b)-cap(again), "boundary", "19.2", "a second boundary parameter: which one delimits the body is ambiguous")
			}
			// RFC 2046 §5.1.1: "The Content-Type field for multipart
			// entities requires one parameter, "boundary""; without it
			// the body cannot delimit itself, and nothing else frames it.
			if b == nil {
				return h.errorf(m.Headers[ctype].Offset, "boundary", "19.2", "multipart/byteranges without a boundary parameter cannot delimit the body (RFC 2046 §5.1.1: the boundary parameter is required)")
			}
			if i, msg := checkBoundary(b); msg != "" {
				// raw is b in h.b, b itself unless quoted-pairs were
				// undone: then the error is at the boundary's start.
				off := cap(h.b) - cap(raw)
				if len(raw) == len(b) {
					off += i
				}
				return h.errorf(off, "boundary", "19.2", "%s (RFC 2046 §5.1.1: boundary := 0*69<bchars> bcharsnospace)", msg)
			}
			m.Body, m.Boundary = BodyByteranges, b
			return nil
		}
	}
	// 5. A response is delimited by closing the connection; a request
	// without a length has no body, unless a Transfer-Encoding of
	// identity alone signals one (§4.3: "The presence of a message-body
	// in a request is signaled by the inclusion of a Content-Length or
	// Transfer-Encoding header field"): then none of §4.4's rules gives
	// its length, and the server "SHOULD respond with 400 (bad request)
	// if it cannot determine the length of the message, or with 411
	// (length required)". Read as no body, its bytes would be the next
	// request. An HTTP/1.0 Connection that names the field removes it
	// (§14.10), and with it the signal.
	if m.Kind == Response {
		m.Body = BodyClose
		m.KeepAlive = false
	} else if te >= 0 && !teIgnored {
		return h.errorf(m.Headers[te0].Offset, "Transfer-Encoding", "4.4", "Transfer-Encoding signals a request body (§4.3), and without chunked or Content-Length its length cannot be determined (400, or 411 Length Required)")
	}
	return nil
}

// DeclaredLength returns the value of the message's Content-Length field
// (RFC 2616 §14.13) and true, or 0 and false when it has none. It differs
// from ContentLength, the length of the body that is read, where §4.4
// rule 1 gives a response no body whatever its fields: in a response to
// HEAD it is "the size of the entity-body that would have been sent had
// the request been a GET" (§14.13), and in a 304 the length of the
// entity the 200 would have carried (RFC 9110 §8.6), while Body is
// BodyNone, ContentLength 0, and a Reader reads no body. Where
// Content-Length frames the body (BodyLength) the two are equal. It is
// 0, false where the message rules ignore the field: with a
// Transfer-Encoding other than identity (Options.AllowContentLengthWithTE,
// §4.4) and in a 2xx response to CONNECT (§9.9; RFC 9112 §6.3 rule 2).
// The field was checked as any other: 1*DIGIT (§14.13), once (§4.2, or
// repeated with one value under Options.AllowDuplicateContentLength), and
// a value that does not fit in an int64 is an error, in every message.
func (m *Message) DeclaredLength() (n int64, ok bool) {
	return m.declared, m.hasDeclared
}

// tokens walks the elements of every field with index k in knownHeaders
// (a #rule list, §2.1) among m.Headers[i:end]: el is the element without
// the LWS around it, tok its first token, up to ";" or "=" (the values are
// already checked by the field's grammar). Elements are separated by
// commas outside quoted-strings (§2.2): in Transfer-Encoding's
// `x;p="a, chunked"` the comma is a parameter's, not the list's.
type tokens struct {
	m       *Message
	k       int
	i, end  int    // the next field to look at, and the end of the fields
	v       []byte // the rest of the current field's value
	el, tok []byte
}

// quotedEnd returns the index of the quote that closes the quoted-string
// opening at v[0] (a backslash quotes the next byte, §2.2), or -1.
func quotedEnd(v []byte) int {
	for j := 1; j < len(v); j++ {
		switch v[j] {
		case '\\': // quoted-pair
			j++
		case '"':
			return j
		}
	}
	return -1
}

// listComma returns the index of the first comma of v outside a
// quoted-string, or -1.
func listComma(v []byte) int {
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '"':
			j := quotedEnd(v[i:])
			if j < 0 {
				return -1
			}
			i += j
		case ',':
			return i
		}
	}
	return -1
}

func (t *tokens) next() bool {
	for {
		for len(t.v) == 0 {
			for t.i < t.end && t.m.Headers[t.i].index() != t.k {
				t.i++
			}
			if t.i >= t.end {
				return false
			}
			t.v = t.m.Headers[t.i].Value
			t.i++
		}
		j := listComma(t.v)
		var el []byte
		if j < 0 {
			el, t.v = t.v, nil
		} else {
			el, t.v = t.v[:j], t.v[j+1:]
		}
		el = trimLWS(el)
		n := 0
		for n < len(el) && el[n] != ';' && el[n] != '=' && !isLWS(el[n]) {
			n++
		}
		if n > 0 {
			t.el, t.tok = el, el[:n]
			return true
		}
	}
}

// parseLength reads 1*DIGIT into an int64, failing on overflow.
func parseLength(b []byte) (int64, bool) {
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > (1<<63-1-int64(c-'0'))/10 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, len(b) > 0
}

// byterangesBoundary reports whether a Content-Type value is
// multipart/byteranges (§19.2), and returns its boundary parameter (a
// quoted one with its quoted-pairs undone) and raw, where it is in v
// (inside the quotes of a quoted one); boundary is nil when there is no
// such parameter. again is where a second boundary parameter's value is
// in v, or nil.
func byterangesBoundary(v []byte) (boundary, raw, again []byte, ok bool) {
	const mt = "multipart/byteranges"
	if len(v) < len(mt) || !equalFold(v[:len(mt)], mt) {
		return nil, nil, nil, false
	}
	rest := v[len(mt):]
	// §3.7: the subtype is a whole token (multipart/byterangesX is
	// another type): LWS, ";" or the end follows it.
	if len(rest) > 0 && rest[0] != ';' && !isLWS(rest[0]) {
		return nil, nil, nil, false
	}
	boundary, raw, rest = nextBoundary(rest)
	if raw != nil {
		_, again, _ = nextBoundary(rest)
	}
	return boundary, raw, again, true
}

// nextBoundary reads the parameters of a media type, *( ";" parameter )
// with parameter = attribute "=" value and value = token | quoted-string
// (§3.7), from rest up to the first whose attribute is boundary, and
// returns its value (a quoted one with its quoted-pairs undone), raw,
// where the value is in rest (inside the quotes of a quoted one), and the
// parameters after it; all nil when there is none. A ";" inside a
// quoted-string starts no parameter.
func nextBoundary(rest []byte) (val, raw, after []byte) {
	for {
		rest = trimLeftLWS(rest)
		if len(rest) == 0 || rest[0] != ';' {
			return nil, nil, nil
		}
		rest = trimLeftLWS(rest[1:])
		i := 0
		for i < len(rest) && rest[i] != '=' && rest[i] != ';' && !isLWS(rest[i]) {
			i++
		}
		attr := rest[:i]
		rest = rest[i:]
		if len(rest) == 0 || rest[0] != '=' {
			return nil, nil, nil
		}
		rest = rest[1:]
		var in []byte
		if len(rest) > 0 && rest[0] == '"' {
			j := quotedEnd(rest)
			if j < 0 {
				return nil, nil, nil
			}
			val, rest = rest[1:j], rest[j+1:]
			in = val
			if indexByte(val, '\\') >= 0 {
				// §2.2: quoted-pair = "\" CHAR stands for the CHAR. A copy,
				// the one allocation of an escaped boundary (rare: RFC 2046
				// boundaries never need one).
				u := make([]byte, 0, len(val))
				for k := 0; k < len(val); k++ {
					if val[k] == '\\' && k+1 < len(val) {
						k++
					}
					u = append(u, val[k])
				}
				val = u
			}
		} else {
			j := 0
			for j < len(rest) && rest[j] != ';' && !isLWS(rest[j]) {
				j++
			}
			val, rest = rest[:j], rest[j:]
			in = val
		}
		if equalFold(attr, "boundary") {
			return val, in, rest
		}
	}
}

// checkBoundary checks a multipart boundary against RFC 2046 §5.1.1:
//
//	boundary := 0*69<bchars> bcharsnospace
//	bchars := bcharsnospace / " "
//	bcharsnospace := DIGIT / ALPHA / "'" / "(" / ")" /
//	                 "+" / "_" / "," / "-" / "." /
//	                 "/" / ":" / "=" / "?"
//
// It returns "" or what is wrong and the index of the byte at fault. A
// boundary outside the grammar makes a delimiter that the body reader
// cannot match as RFC 2046 means it (one with an LF in it, §2.2's folded
// LWS in a quoted-string, would start a line inside itself).
func checkBoundary(b []byte) (int, string) {
	if len(b) == 0 {
		return 0, "the boundary is empty"
	}
	for i, c := range b {
		if !isBchar(c) {
			return i, "found " + abnfbyte(c) + " in the boundary, expected bchars"
		}
	}
	if len(b) > 70 {
		return 70, "the boundary has " + strconv.Itoa(len(b)) + " bytes, more than 70"
	}
	if b[len(b)-1] == ' ' {
		return len(b) - 1, "the boundary ends with a space, expected bcharsnospace"
	}
	return 0, ""
}

// isBchar reports whether c is one of RFC 2046's bchars (§5.1.1).
func isBchar(c byte) bool {
	switch {
	case '0' <= c && c <= '9', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		return true
	}
	switch c {
	case '\'', '(', ')', '+', '_', ',', '-', '.', '/', ':', '=', '?', ' ':
		return true
	}
	return false
}
