package parser

import "encoding/binary"

// knownHeader describes a header field defined in RFC 2616 §14.
type knownHeader struct {
	Name    string
	Section string
	// List reports a list-valued field (#rule): only these may appear
	// more than once in a message (§4.2).
	List bool
	// Match and Validate check a whole header line ("Name: value",
	// without the CRLF) against the field's own grammar; Validate says
	// why it fails.
	Match    func([]byte) bool
	Validate func([]byte) error
}

// knownHeaders are the header fields of RFC 2616 §14, with their own
// grammars (generated in zz_rfc2616.go).
var knownHeaders = [...]knownHeader{
	{"Accept", "14.1", true, MatchAccept, ValidateAccept},
	{"Accept-Charset", "14.2", true, MatchAcceptCharset, ValidateAcceptCharset},
	{"Accept-Encoding", "14.3", true, MatchAcceptEncoding, ValidateAcceptEncoding},
	{"Accept-Language", "14.4", true, MatchAcceptLanguage, ValidateAcceptLanguage},
	{"Accept-Ranges", "14.5", true, MatchAcceptRanges, ValidateAcceptRanges},
	{"Age", "14.6", false, MatchAge, ValidateAge},
	{"Allow", "14.7", true, MatchAllow, ValidateAllow},
	{"Authorization", "14.8", false, MatchAuthorization, ValidateAuthorization},
	{"Cache-Control", "14.9", true, MatchCacheControl, ValidateCacheControl},
	{"Connection", "14.10", true, MatchConnection, ValidateConnection},
	{"Content-Encoding", "14.11", true, MatchContentEncoding, ValidateContentEncoding},
	{"Content-Language", "14.12", true, MatchContentLanguage, ValidateContentLanguage},
	{"Content-Length", "14.13", false, MatchContentLength, ValidateContentLength},
	{"Content-Location", "14.14", false, MatchContentLocation, ValidateContentLocation},
	{"Content-MD5", "14.15", false, MatchContentMD5, ValidateContentMD5},
	{"Content-Range", "14.16", false, MatchContentRange, ValidateContentRange},
	{"Content-Type", "14.17", false, MatchContentType, ValidateContentType},
	{"Date", "14.18", false, MatchDate, ValidateDate},
	{"ETag", "14.19", false, MatchETag, ValidateETag},
	{"Expect", "14.20", true, MatchExpect, ValidateExpect},
	{"Expires", "14.21", false, MatchExpires, ValidateExpires},
	{"From", "14.22", false, MatchFrom, ValidateFrom},
	{"Host", "14.23", false, MatchHost, ValidateHost},
	{"If-Match", "14.24", true, MatchIfMatch, ValidateIfMatch},
	{"If-Modified-Since", "14.25", false, MatchIfModifiedSince, ValidateIfModifiedSince},
	{"If-None-Match", "14.26", true, MatchIfNoneMatch, ValidateIfNoneMatch},
	{"If-Range", "14.27", false, MatchIfRange, ValidateIfRange},
	{"If-Unmodified-Since", "14.28", false, MatchIfUnmodifiedSince, ValidateIfUnmodifiedSince},
	{"Last-Modified", "14.29", false, MatchLastModified, ValidateLastModified},
	{"Location", "14.30", false, MatchLocation, ValidateLocation},
	{"Max-Forwards", "14.31", false, MatchMaxForwards, ValidateMaxForwards},
	{"Pragma", "14.32", true, MatchPragma, ValidatePragma},
	{"Proxy-Authenticate", "14.33", true, MatchProxyAuthenticate, ValidateProxyAuthenticate},
	{"Proxy-Authorization", "14.34", false, MatchProxyAuthorization, ValidateProxyAuthorization},
	{"Range", "14.35", false, MatchRange, ValidateRange},
	{"Referer", "14.36", false, MatchReferer, ValidateReferer},
	{"Retry-After", "14.37", false, MatchRetryAfter, ValidateRetryAfter},
	{"Server", "14.38", false, MatchServer, ValidateServer},
	{"TE", "14.39", true, MatchTE, ValidateTE},
	{"Trailer", "14.40", true, MatchTrailer, ValidateTrailer},
	{"Transfer-Encoding", "14.41", true, MatchTransferEncoding, ValidateTransferEncoding},
	{"Upgrade", "14.42", true, MatchUpgrade, ValidateUpgrade},
	{"User-Agent", "14.43", false, MatchUserAgent, ValidateUserAgent},
	{"Vary", "14.44", true, MatchVary, ValidateVary},
	{"Via", "14.45", true, MatchVia, ValidateVia},
	{"Warning", "14.46", true, MatchWarning, ValidateWarning},
	{"WWW-Authenticate", "14.47", true, MatchWWWAuthenticate, ValidateWWWAuthenticate},
}

// KnownField describes a header field of RFC 2616 §14: the parser checks
// such a field against its own grammar (unless Options.SkipValueGrammars
// says otherwise), and Header.Known names it.
type KnownField struct {
	// Name is the field's name as §14 writes it; Section is that section
	// ("14.23" for Host).
	Name, Section string
	// List reports a list-valued field (#rule): only such a field may
	// appear more than once in a message (§4.2).
	List bool
}

// KnownFields returns the header fields of RFC 2616 §14 in the RFC's
// order, in a new slice.
func KnownFields() []KnownField {
	fs := make([]KnownField, len(knownHeaders))
	for i, h := range knownHeaders {
		fs[i] = KnownField{h.Name, h.Section, h.List}
	}
	return fs
}

// Header indexes into knownHeaders for the fields the message rules use.
const (
	hConnection         = 9
	hContentLength      = 12
	hContentType        = 16
	hExpect             = 19
	hExpires            = 20
	hHost               = 22
	hIfModifiedSince    = 24
	hIfUnmodSince       = 27
	hProxyAuthenticate  = 32
	hProxyAuthorization = 33
	hTE                 = 38
	hTrailer            = 39
	hTransferEncoding   = 40
	hUpgrade            = 41
)

// ruleField marks the fields the message rules read (framing, Host,
// persistence, expectations, Upgrade), which Options.SkipValueGrammars still
// checks against their own grammars.
var ruleField = [len(knownHeaders)]bool{
	hConnection: true, hContentLength: true, hContentType: true,
	hExpect: true, hHost: true, hTrailer: true, hTransferEncoding: true, hUpgrade: true,
}

// hopByHop marks the hop-by-hop fields of §13.5.1 (Keep-Alive is not a
// §14 field); "All other headers defined by HTTP/1.1 are end-to-end
// headers", which Connection may not name (§14.10). §13.5.1 writes
// "Trailers" for the Trailer field of §14.40.
var hopByHop = [len(knownHeaders)]bool{
	hConnection: true, hProxyAuthenticate: true, hProxyAuthorization: true,
	hTE: true, hTrailer: true, hTransferEncoding: true, hUpgrade: true,
}

// dateField marks the fields Options.AllowInvalidDates accepts with a
// value that is not an HTTP-date (§14.21, §14.25, §14.28).
var dateField = [len(knownHeaders)]bool{hExpires: true, hIfModifiedSince: true, hIfUnmodSince: true}

// The known names are found by a hash of a name's length and its first
// and last bytes (case folded) into nameSlots, then one comparison of at
// most three 8-byte words: nameWords holds each name lower-cased, and
// nameFold has 0x20 where the name has a letter, so that
// x|fold == lower holds exactly when x equals the name ASCII
// case-insensitively (§4.2: field names are case-insensitive).
const (
	nameSlotBits = 8
	maxNameLen   = 24 // the longest known name, If-Unmodified-Since, has 19
)

var (
	nameSlots            [1 << nameSlotBits]int8 // 1 + index, 0 for none
	nameLens             [len(knownHeaders)]uint8
	nameWords, nameFolds [len(knownHeaders)][maxNameLen / 8]uint64
)

func nameHash(n int, first, last byte) int {
	return (n + int(first|0x20)*14 + int(last|0x20)*11) & (1<<nameSlotBits - 1)
}

func init() {
	for i, h := range knownHeaders {
		slot := nameHash(len(h.Name), h.Name[0], h.Name[len(h.Name)-1])
		if nameSlots[slot] != 0 {
			panic("parser: known header names " + knownHeaders[nameSlots[slot]-1].Name + " and " + h.Name + " share a hash slot")
		}
		nameSlots[slot] = int8(i + 1)
		nameLens[i] = uint8(len(h.Name))
		for j := 0; j < len(h.Name); j++ {
			c := h.Name[j]
			var fold uint64
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				c |= 0x20
				fold = 0x20
			}
			nameWords[i][j/8] |= uint64(c) << (8 * (j % 8))
			nameFolds[i][j/8] |= fold << (8 * (j % 8))
		}
	}
}

// lookupHeader returns the index of the known header called name
// (case-insensitively, §4.2), or -1. It does not allocate.
func lookupHeader(name []byte) int {
	n := len(name)
	if n == 0 || n > maxNameLen {
		return -1
	}
	k := int(nameSlots[nameHash(n, name[0], name[n-1])]) - 1
	if k < 0 || int(nameLens[k]) != n {
		return -1
	}
	// Whole words where the slice's capacity allows (a name inside a
	// head is followed by at least its colon and the empty line), the
	// bytes past the name masked off; byte by byte otherwise.
	full := name[:cap(name)]
	for w := 0; w*8 < n; w++ {
		var x uint64
		if rest := n - w*8; len(full)-w*8 >= 8 {
			x = binary.LittleEndian.Uint64(full[w*8:])
			if rest < 8 {
				x &= 1<<(8*rest) - 1
			}
		} else {
			x = word(name[w*8:])
		}
		if x|nameFolds[k][w] != nameWords[k][w] {
			return -1
		}
	}
	return k
}

// word reads up to 8 bytes of b little-endian, zero beyond b's end.
func word(b []byte) uint64 {
	if len(b) >= 8 {
		return binary.LittleEndian.Uint64(b)
	}
	var x uint64
	for i := len(b) - 1; i >= 0; i-- {
		x = x<<8 | uint64(b[i])
	}
	return x
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
