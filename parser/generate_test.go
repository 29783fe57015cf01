package parser

import (
	"testing"

	"github.com/abnfc/abnfc/internal/gentest"
)

// TestGeneratedFiles fails when zz_rfc2616.go is stale, missing or
// orphaned. Fix a failure with: go generate ./parser/...
func TestGeneratedFiles(t *testing.T) {
	gentest.Check(t, "go generate ./parser/...")
}
