package parser

// knownHeader describes a header field defined in RFC 2616 §14.
type knownHeader struct {
	Name    string
	Section string
	// List reports a list-valued field (#rule): only these may appear
	// more than once in a message (§4.2).
	List bool
	// Validate checks a whole header line ("Name: value", without the
	// CRLF) against the field's own grammar.
	Validate func([]byte) error
}

// knownHeaders are the header fields of RFC 2616 §14, with their own
// grammars (generated in zz_rfc2616.go).
var knownHeaders = [...]knownHeader{
	{"Accept", "14.1", true, ValidateAccept},
	{"Accept-Charset", "14.2", true, ValidateAcceptCharset},
	{"Accept-Encoding", "14.3", true, ValidateAcceptEncoding},
	{"Accept-Language", "14.4", true, ValidateAcceptLanguage},
	{"Accept-Ranges", "14.5", true, ValidateAcceptRanges},
	{"Age", "14.6", false, ValidateAge},
	{"Allow", "14.7", true, ValidateAllow},
	{"Authorization", "14.8", false, ValidateAuthorization},
	{"Cache-Control", "14.9", true, ValidateCacheControl},
	{"Connection", "14.10", true, ValidateConnection},
	{"Content-Encoding", "14.11", true, ValidateContentEncoding},
	{"Content-Language", "14.12", true, ValidateContentLanguage},
	{"Content-Length", "14.13", false, ValidateContentLength},
	{"Content-Location", "14.14", false, ValidateContentLocation},
	{"Content-MD5", "14.15", false, ValidateContentMD5},
	{"Content-Range", "14.16", false, ValidateContentRange},
	{"Content-Type", "14.17", false, ValidateContentType},
	{"Date", "14.18", false, ValidateDate},
	{"ETag", "14.19", false, ValidateETag},
	{"Expect", "14.20", true, ValidateExpect},
	{"Expires", "14.21", false, ValidateExpires},
	{"From", "14.22", false, ValidateFrom},
	{"Host", "14.23", false, ValidateHost},
	{"If-Match", "14.24", true, ValidateIfMatch},
	{"If-Modified-Since", "14.25", false, ValidateIfModifiedSince},
	{"If-None-Match", "14.26", true, ValidateIfNoneMatch},
	{"If-Range", "14.27", false, ValidateIfRange},
	{"If-Unmodified-Since", "14.28", false, ValidateIfUnmodifiedSince},
	{"Last-Modified", "14.29", false, ValidateLastModified},
	{"Location", "14.30", false, ValidateLocation},
	{"Max-Forwards", "14.31", false, ValidateMaxForwards},
	{"Pragma", "14.32", true, ValidatePragma},
	{"Proxy-Authenticate", "14.33", true, ValidateProxyAuthenticate},
	{"Proxy-Authorization", "14.34", false, ValidateProxyAuthorization},
	{"Range", "14.35", false, ValidateRange},
	{"Referer", "14.36", false, ValidateReferer},
	{"Retry-After", "14.37", false, ValidateRetryAfter},
	{"Server", "14.38", false, ValidateServer},
	{"TE", "14.39", true, ValidateTE},
	{"Trailer", "14.40", true, ValidateTrailer},
	{"Transfer-Encoding", "14.41", true, ValidateTransferEncoding},
	{"Upgrade", "14.42", true, ValidateUpgrade},
	{"User-Agent", "14.43", false, ValidateUserAgent},
	{"Vary", "14.44", true, ValidateVary},
	{"Via", "14.45", true, ValidateVia},
	{"Warning", "14.46", true, ValidateWarning},
	{"WWW-Authenticate", "14.47", true, ValidateWWWAuthenticate},
}

// Header indexes into knownHeaders for the fields the message rules use.
const (
	hConnection       = 9
	hContentLength    = 12
	hContentType      = 16
	hExpect           = 19
	hHost             = 22
	hTransferEncoding = 40
)

// lookupHeader returns the index of the known header called name
// (case-insensitively, §4.2), or -1. It does not allocate.
func lookupHeader(name []byte) int {
	for i := range knownHeaders {
		if equalFold(name, knownHeaders[i].Name) {
			return i
		}
	}
	return -1
}

// equalFold compares ASCII case-insensitively.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		x, y := b[i], s[i]
		if x|0x20 != y|0x20 || (x|0x20 < 'a' || x|0x20 > 'z') && x != y {
			return false
		}
	}
	return true
}
