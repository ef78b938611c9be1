package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// version is set by scripts/wheel with -ldflags "-X main.version=...": the
// wheel's own version, so `impacted --version` and the package agree.
var version string

// buildVersion says which impacted this is, so a bug report and a map's
// build record name it.
func buildVersion() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(version, bi)
}

// versionOf is the version a release build stamped, else the module version
// `go install` / `go build` recorded (from Go 1.24 a pseudo-version naming
// the commit, +dirty for a modified tree), else the commit alone, else dev.
func versionOf(stamped string, bi *debug.BuildInfo) string {
	if stamped != "" {
		return stamped
	}
	if bi == nil {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := vcsInfo(bi)
	if rev == "" {
		return "dev"
	}
	return "dev+" + shortRev(rev) + dirty
}

// vcsInfo is the commit the binary was built from and "+dirty" when the
// tree had uncommitted changes.
func vcsInfo(bi *debug.BuildInfo) (rev, dirty string) {
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = ".dirty"
		}
	}
	return rev, dirty
}

func shortRev(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

func newVersionCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version, the commit it was built from, and the Go toolchain",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(g.io.Out, "impacted %s\n", buildVersion())
			if bi, ok := debug.ReadBuildInfo(); ok {
				if rev, dirty := vcsInfo(bi); rev != "" {
					fmt.Fprintf(g.io.Out, "commit:  %s%s\n", rev, dirty)
				}
			}
			fmt.Fprintf(g.io.Out, "go:      %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
