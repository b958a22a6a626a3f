"""Coverage-guided fuzzing harnesses (atheris); ``make fuzz`` runs them, ``harness`` holds the
checks they share with the regression tests."""
