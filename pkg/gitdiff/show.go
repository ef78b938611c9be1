package gitdiff

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Show returns the contents of paths as they are at rev, read through one
// `git cat-file --batch` process. Paths that do not exist at rev, or name a
// directory or submodule there, are absent from the map.
func (r *Repo) Show(ctx context.Context, rev string, paths []string) (map[string][]byte, error) {
	sha, err := r.Resolve(ctx, rev)
	if err != nil {
		return nil, err
	}
	paths = unique(paths)
	out := make(map[string][]byte, len(paths))
	if len(paths) == 0 {
		return out, nil
	}
	// cat-file reads one name per line; only a path holding a newline needs
	// NUL-separated input, which git has understood since 2.38.
	sep, args := "\n", []string{"cat-file", "--batch"}
	if anyContains(paths, "\n") {
		sep, args = "\x00", append(args, "-z")
	}
	feed := func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		for _, p := range paths {
			if _, err := bw.WriteString(sha + ":" + p + sep); err != nil {
				return err
			}
		}
		return bw.Flush()
	}
	err = r.stream(ctx, args, feed, func(br *bufio.Reader) error {
		for _, p := range paths {
			if err := readObject(br, sha+":"+p, p, out); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read files at %s: %w", rev, err)
	}
	return out, nil
}

// readObject reads one cat-file --batch answer: "<oid> <type> <size>\n"
// then the content and a newline, or "<name> missing\n". Blobs land in out.
func readObject(br *bufio.Reader, name, path string, out map[string][]byte) error {
	line, err := br.ReadString('\n')
	if err != nil {
		return err
	}
	line = strings.TrimSuffix(line, "\n")
	typ, size, found := parseObjectHeader(line)
	if !found {
		return readMissing(br, name, line)
	}
	buf := make([]byte, size+1)
	if _, err := io.ReadFull(br, buf); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if typ == "blob" {
		out[path] = buf[:size]
	}
	return nil
}

// readMissing consumes "<name> missing\n", where name may span lines.
func readMissing(br *bufio.Reader, name, line string) error {
	want := name + " missing"
	for len(line) < len(want) && strings.HasPrefix(want, line+"\n") {
		more, err := br.ReadString('\n')
		if err != nil {
			return err
		}
		line += "\n" + strings.TrimSuffix(more, "\n")
	}
	if line != want {
		return fmt.Errorf("unexpected cat-file answer %q for %q", line, name)
	}
	return nil
}

// parseObjectHeader parses "<hex oid> <type> <size>". A missing answer
// starts with "<sha>:" and so can never parse as one.
func parseObjectHeader(line string) (typ string, size int, ok bool) {
	f := strings.Split(line, " ")
	if len(f) != 3 || (len(f[0]) != 40 && len(f[0]) != 64) || strings.Trim(f[0], "0123456789abcdef") != "" {
		return "", 0, false
	}
	size, err := strconv.Atoi(f[2])
	if err != nil || size < 0 {
		return "", 0, false
	}
	return f[1], size, true
}

func unique(paths []string) []string {
	seen := make(map[string]bool, len(paths))
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func anyContains(paths []string, sub string) bool {
	for _, p := range paths {
		if strings.Contains(p, sub) {
			return true
		}
	}
	return false
}
