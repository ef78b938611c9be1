package selector

import "testing"

func TestInertSharedFixture(t *testing.T) {
	for rec, want := range map[string]bool{
		"session:.venv/lib/python3.12/site-packages/_pytest/tmpdir.py::tmp_path_factory": true,
		"session:.venv/lib/python3.12/site-packages/xdist/plugin.py::worker_id":          true,
		"session:.venv/lib/python3.12/site-packages/_pytest/fixtures.py::pytestconfig":   false, // mutable config
		// pytest-asyncio's autouse session fixture, in every test's record
		"session:.venv/lib/python3.12/site-packages/pytest_asyncio/plugin.py::event_loop_policy": true,
		"session:tests/conftest.py::event_loop_policy":                                           false, // a project's override
		"session:tests/conftest.py::tmp_path_factory":                                            false, // the project's own
		"module:tests/conftest.py::store":                                                        false,
	} {
		if got := inertSharedFixture(rec); got != want {
			t.Errorf("inertSharedFixture(%q) = %v, want %v", rec, got, want)
		}
	}
}
