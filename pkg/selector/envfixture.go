package selector

import (
	"slices"

	"github.com/impacted/impacted/pkg/pysrc"
)

// A wide fixture that only sets or removes environment variables through
// a MonkeyPatch of its own (flask's session autouse _standard_os_environ:
// `mp = monkeypatch.MonkeyPatch()`, `mp.delenv(key, False)` for a table
// of names, `yield out`, `mp.undo()`) seeds nothing but the process's
// environment, which every test shares with or without it; what it yields
// is data (the table). A changed test that disturbs the environment
// disturbs it for every later test alike, fixture or none: no reach of
// the fixture's. So, as an only-looking one, it widens no changed test.

// envPatchMethods are the MonkeyPatch methods such a fixture may call.
var envPatchMethods = map[string]bool{"setenv": true, "delenv": true, "undo": true}

func (s *state) onlyPatchesEnv(rec string) bool {
	w := s.wideFixture(rec)
	return memo(&w.patches, w.onlyPatchesEnv)
}

func (w *wideFixture) onlyPatchesEnv() bool {
	lines, ok := w.plainBody()
	if !ok {
		return false
	}
	patcher := ""
	for _, ln := range lines {
		last := len(ln) - 1
		switch {
		case lookingLine(ln):
		case patcher == "" && len(ln) >= 5 && ln[0].Type == pysrc.Name && ln[1].Text == "=" && newPatcher(ln[2:]):
			patcher = ln[0].Text
		case len(ln) >= 3 && ln[0].Type == pysrc.Name && ln[1].Text == "=" && looks(ln[2:], false):
			// a table of data: names, attributes, strings
		case len(ln) == 2 && (ln[0].Text == "yield" || ln[0].Text == "return") && ln[1].Type == pysrc.Name:
		case patcher != "" && len(ln) >= 5 && ln[0].Text == patcher && ln[1].Text == "." && envPatchMethods[ln[2].Text] &&
			ln[3].Text == "(" && ln[last].Text == ")" && looks(ln[4:last], true):
		default:
			return false
		}
	}
	return patcher != ""
}

// newPatcher: the tokens are `MonkeyPatch()`, `monkeypatch.MonkeyPatch()`
// or `pytest.MonkeyPatch()`.
func newPatcher(ln []pysrc.Token) bool {
	texts := make([]string, len(ln))
	for i, t := range ln {
		texts[i] = t.Text
	}
	return slices.Equal(texts, []string{"MonkeyPatch", "(", ")"}) ||
		len(texts) == 5 && (texts[0] == "monkeypatch" || texts[0] == "pytest") && slices.Equal(texts[1:], []string{".", "MonkeyPatch", "(", ")"})
}
