"""scripts/replay's pieces: recipes, processes, the impacted/pytest/testmon steps,
mutations, the drive loops and the report. Standard library only."""
