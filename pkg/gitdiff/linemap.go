package gitdiff

// MapLine says where line l of the old file is in the new one, through the
// change's hunks (in git's order). A line outside every hunk moves by the
// lines inserted and deleted before it. A changed line maps to the line in
// the same place when its hunk kept its length, else to every line the
// hunk brought (a rewritten block is credited wholly, never lost), and to
// none when the hunk only deleted.
func (c Change) MapLine(l int) []int {
	shift := 0
	for _, h := range c.Hunks {
		if h.OldCount == 0 { // pure insertion after line OldStart
			if l > h.OldStart {
				shift += h.NewCount
				continue
			}
			break
		}
		if l >= h.OldStart+h.OldCount {
			shift += h.NewCount - h.OldCount
			continue
		}
		if l < h.OldStart {
			break
		}
		if h.OldCount == h.NewCount {
			return []int{h.NewStart + l - h.OldStart}
		}
		out := make([]int, h.NewCount)
		for i := range out {
			out[i] = h.NewStart + i
		}
		return out
	}
	return []int{l + shift}
}
