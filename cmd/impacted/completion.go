package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/exitcode"
)

// Shell completion and the man page are generated from the command
// definitions themselves (urfave/cli), so they never drift from --help.
// bash and zsh ask the binary for candidates at each TAB through cli's
// --generate-bash-completion; fish gets a static script.

// bashCompletion needs no bash-completion package: words up to the cursor
// are re-run with --generate-bash-completion (no eval of the line).
const bashCompletion = `# bash completion for impacted: eval "$(impacted completion bash)"
_impacted_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}" opts
  local words=("${COMP_WORDS[@]:0:COMP_CWORD}")
  if [[ "$cur" == -* ]]; then
    opts=$("${words[@]}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${words[@]}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o bashdefault -o default -F _impacted_complete impacted
`

// zshCompletion is urfave/cli's autocomplete/zsh_autocomplete for impacted.
const zshCompletion = `#compdef impacted
# zsh completion for impacted: impacted completion zsh > "${fpath[1]}/_impacted"
_impacted() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
compdef _impacted impacted
`

func newCompletionCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: "bash:  eval \"$(impacted completion bash)\"   (in ~/.bashrc)\n" +
			"zsh:   impacted completion zsh > \"${fpath[1]}/_impacted\"\n" +
			"fish:  impacted completion fish > ~/.config/fish/completions/impacted.fish",
		Action: func(c *cli.Context) error {
			switch shell := c.Args().First(); shell {
			case "bash":
				fmt.Fprint(g.io.Out, bashCompletion)
			case "zsh":
				fmt.Fprint(g.io.Out, zshCompletion)
			case "fish":
				script, err := c.App.ToFishCompletion()
				if err != nil {
					return fail(exitcode.Software, "generate fish completion: %w", err)
				}
				fmt.Fprint(g.io.Out, script)
			default:
				return fail(exitcode.Usage, "completion: want bash, zsh or fish, got %q (e.g. impacted completion bash)", shell)
			}
			return nil
		},
	}
}

func newManCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:        "man",
		Usage:       "print the manual page (roff), e.g. impacted man | man -l -",
		Description: "Install it with: impacted man > \"$(manpath | cut -d: -f1)/man1/impacted.1\"",
		Action: func(c *cli.Context) error {
			page, err := c.App.ToManWithSection(1)
			if err != nil {
				return fail(exitcode.Software, "generate the man page: %w", err)
			}
			fmt.Fprint(g.io.Out, strings.TrimLeft(page, "\n"))
			return nil
		},
	}
}
