package selector

import "testing"

// TestMetadataWordsCoverTheCalls: the cheap word check must pass every
// source the metadata patterns match, or a reader of the version would go
// unseen.
func TestMetadataWordsCoverTheCalls(t *testing.T) {
	for _, src := range []string{
		"import importlib.metadata", "from importlib_metadata import version", "import pkg_resources",
		`v = version("pkg")`, `m = metadata(__name__)`, `d = distribution("pkg")`, `get_distribution("pkg")`,
		`requires("pkg")`, `packages_distributions()`, `distributions()`,
	} {
		matched := metadataCall.MatchString(src) || fullMetadataCall.MatchString(src)
		if !matched {
			t.Fatalf("%q: no pattern matches it, so it proves nothing", src)
		}
		if !mayReadMetadata([]byte(src)) {
			t.Errorf("%q matches a metadata pattern but fails the word check", src)
		}
	}
	if mayReadMetadata([]byte("def f():\n    return 1\n")) {
		t.Error("plain code passes the word check")
	}
}
