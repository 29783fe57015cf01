package extract

import (
	"fmt"
	"os"
	"testing"
)

func TestDebug(t *testing.T) {
	for _, f := range []string{"rfc2616", "rfc5234", "rfc7230", "rfc7233", "rfc9110", "rfc9112"} {
		b, _ := os.ReadFile("../../../shared/rfc/" + f + ".txt")
		all, _ := Extract(b, Options{Section: "*"})
		def, _ := Extract(b, Options{})
		fmt.Println(f, len(all), len(def))
		if os.Getenv("DUMP") == f {
			_, lines := 0, splitLines(b)
			for _, h := range findHeadings(lines) {
				fmt.Println("H", lines[h.line].num, h.section, h.title)
			}
			Write(os.Stdout, f, all)
		}
	}
}
