package pyproject

import (
	"maps"
	"testing"
)

func TestScripts(t *testing.T) {
	toml := "[project]\nname = \"python-dotenv\"\n\n[project.scripts]\ndotenv = \"dotenv.__main__:cli\"\n\n[project.gui-scripts]\nview = \"dotenv.gui:main\"\n"
	if got, want := Scripts("pyproject.toml", []byte(toml)), map[string]string{"dotenv": "dotenv.__main__", "view": "dotenv.gui"}; !maps.Equal(got, want) {
		t.Errorf("pyproject scripts = %v, want %v", got, want)
	}
	cfg := "[metadata]\nname = shop\n\n[options.entry_points]\nconsole_scripts =\n    shop = shop.cli:main\n    shop-admin=shop.admin:run\n"
	if got, want := Scripts("setup.cfg", []byte(cfg)), map[string]string{"shop": "shop.cli", "shop-admin": "shop.admin"}; !maps.Equal(got, want) {
		t.Errorf("setup.cfg scripts = %v, want %v", got, want)
	}
}
