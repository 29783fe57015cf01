module consumer

go 1.26

// The test in package gen (TestConsumerModule) copies this module to a
// temporary directory and rewrites this file with
//
//	require github.com/abnfc/abnfc v0.0.0
//	replace github.com/abnfc/abnfc => <the repository>
//	tool github.com/abnfc/abnfc/cmd/abnfc
