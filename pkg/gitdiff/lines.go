package gitdiff

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// maxLine caps how much of one line is kept. Content lines only need their
// first byte and headers are far shorter, so a minified megabyte-long line
// costs no memory beyond this.
const maxLine = 1 << 20

// lineReader yields newline-terminated lines of any length from br.
type lineReader struct {
	br   *bufio.Reader
	long []byte
}

// next returns the next line without its newline, valid until the next
// call; the last line may lack a newline. It returns io.EOF at the end.
func (lr *lineReader) next() ([]byte, error) {
	l, err := lr.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		lr.long = append(lr.long[:0], l...)
		for errors.Is(err, bufio.ErrBufferFull) {
			l, err = lr.br.ReadSlice('\n')
			if room := maxLine - len(lr.long); room > 0 {
				lr.long = append(lr.long, l[:min(room, len(l))]...)
			}
		}
		l = lr.long
	}
	if errors.Is(err, io.EOF) && len(l) > 0 {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(l, []byte("\n")), nil
}
