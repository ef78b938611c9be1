package gitdiff

// Status is the kind of change git reports for one path.
type Status byte

// The statuses Changes reports; they are git's own letters so logs and
// `git diff --name-status` read alike.
const (
	Added       Status = 'A'
	Modified    Status = 'M'
	Deleted     Status = 'D'
	Renamed     Status = 'R' // with or without edits
	TypeChanged Status = 'T' // e.g. regular file <-> symlink or submodule
)

func (s Status) String() string { return string(rune(s)) }

// Hunk is one changed range with -U0 semantics: OldCount == 0 is a pure
// insertion after line OldStart; NewCount == 0 a pure deletion, with
// NewStart the line the deleted block followed in the new file.
type Hunk struct{ OldStart, OldCount, NewStart, NewCount int }

// Change is one path that differs between the base commit and the working
// tree. Paths are slash-separated and relative to Repo.Root.
type Change struct {
	Status    Status
	OldPath   string // "" when added
	NewPath   string // "" when deleted
	Untracked bool   // not known to git (and not ignored)
	Binary    bool
	Hunks     []Hunk // nil for added, deleted, type-changed, binary files and submodules
}

// Path is the path the change is known by: the new one unless deleted.
func (c Change) Path() string {
	if c.NewPath != "" {
		return c.NewPath
	}
	return c.OldPath
}
