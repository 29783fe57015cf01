package sample

import "strings"

// Escape writes b on one line with Go escapes: printable ASCII stands for
// itself except `\` and `"`, which become `\\` and `\"`; \a \b \f \n \r
// \t \v are written so; every other byte is \xNN. It is the body of a Go
// double-quoted string, so strconv.Unquote(`"` + Escape(b) + `"`) gives b
// back, byte for byte (bytes ≥ 0x80 are never read as UTF-8).
func Escape(b []byte) string {
	const hex = "0123456789abcdef"
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		switch c {
		case '\\':
			sb.WriteString(`\\`)
		case '"':
			sb.WriteString(`\"`)
		case '\a':
			sb.WriteString(`\a`)
		case '\b':
			sb.WriteString(`\b`)
		case '\f':
			sb.WriteString(`\f`)
		case '\n':
			sb.WriteString(`\n`)
		case '\r':
			sb.WriteString(`\r`)
		case '\t':
			sb.WriteString(`\t`)
		case '\v':
			sb.WriteString(`\v`)
		default:
			if c >= 0x20 && c < 0x7f {
				sb.WriteByte(c)
			} else {
				sb.WriteString(`\x`)
				sb.WriteByte(hex[c>>4])
				sb.WriteByte(hex[c&15])
			}
		}
	}
	return sb.String()
}
