package main

import (
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/exitcode"
)

// checkLauncherFlags validates the flags whose values only pytest would
// otherwise judge, late (or never, under --dry-run): a usage error before
// anything runs, naming the accepted values, as the README promises.
func checkLauncherFlags(c *cli.Context) error {
	switch color := c.String("color"); color {
	case "auto", "yes", "no":
	default:
		return fail(exitcode.Usage, "--color %q: want auto, yes or no", color)
	}
	if w := c.String("xdist"); w != "" && w != xdistDefault {
		return checkWorkers("--xdist", w)
	}
	return nil
}

// checkWorkers accepts what pytest-xdist's -n does, except 0 (which
// silently runs without xdist: say --serial instead).
func checkWorkers(what, w string) error {
	if w == "" || w == "auto" || w == "logical" {
		return nil
	}
	if n, err := strconv.Atoi(w); err == nil && n > 0 {
		return nil
	}
	return fail(exitcode.Usage, "%s %q: want a number of workers (1 or more), auto or logical (use --serial to run without xdist)", what, w)
}
