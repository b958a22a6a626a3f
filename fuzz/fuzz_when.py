"""Coverage-guided fuzzing of `harness.fuzz_when` with atheris.

    .venv/bin/python -m fuzz.fuzz_when -max_total_time=120 WORK_CORPUS fuzz/seeds/when

A crash writes its input (libFuzzer's `-artifact_prefix`); keep it as a regression in
`tests/fuzz_regressions/when/` once fixed.
"""

import sys

import atheris

with atheris.instrument_imports(include=["eventwire", "fuzz"]):
    from fuzz.harness import fuzz_when


def main() -> None:
    atheris.Setup(sys.argv, fuzz_when)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
