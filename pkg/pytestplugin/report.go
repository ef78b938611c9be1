package pytestplugin

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// ReportDirEnv names the directory FilterPlugin writes its collection
// reports to: one collected-<worker>.json per process that collected.
const ReportDirEnv = "IMPACTED_REPORT_DIR"

// Report is what FilterPlugin saw: how many collected tests it kept, and
// how many xdist workers ran them (0 without xdist).
type Report struct {
	Kept    int
	Workers int
	OK      bool // some process reported
}

// ReadReport reads the reports in dir. xdist workers collect the same
// tests, so any one report gives the count.
func ReadReport(dir string) Report {
	paths, _ := filepath.Glob(filepath.Join(dir, "collected-*.json"))
	var r Report
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var doc struct {
			Kept    int  `json:"kept"`
			Workers *int `json:"workers"`
		}
		if json.Unmarshal(data, &doc) != nil {
			continue
		}
		r.Kept, r.OK = doc.Kept, true
		if doc.Workers != nil {
			r.Workers = *doc.Workers
		}
	}
	return r
}
