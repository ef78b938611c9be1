package pytestplugin

import (
	"encoding/json"
	"fmt"
	"os"
)

// OutcomesPlugin is the module name for `-p`: it writes how every test
// ended to the JSON file named by OutcomesOutEnv (for `impacted audit`).
const OutcomesPlugin = "impacted_outcomes"

// OutcomesOutEnv names the JSON file OutcomesPlugin writes at session end.
const OutcomesOutEnv = "IMPACTED_OUTCOMES_OUT"

// Outcomes is what OutcomesPlugin writes: node id -> passed, skipped,
// failed or error (a module that failed to import is an error).
type Outcomes struct {
	Tests      map[string]string `json:"tests"`
	ExitStatus int               `json:"exitstatus"`
}

// ReadOutcomes reads what OutcomesPlugin wrote.
func ReadOutcomes(path string) (Outcomes, error) {
	var o Outcomes
	data, err := os.ReadFile(path)
	if err != nil {
		return o, fmt.Errorf("read test outcomes: %w", err)
	}
	if err := json.Unmarshal(data, &o); err != nil {
		return o, fmt.Errorf("read test outcomes %s: %w", path, err)
	}
	return o, nil
}
