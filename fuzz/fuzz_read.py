"""Coverage-guided fuzzing of `harness.fuzz_read` with atheris.

    .venv/bin/python -m fuzz.fuzz_read -max_total_time=120 WORK_CORPUS fuzz/seeds/read

A crash writes its input (libFuzzer's `-artifact_prefix`); keep it as a regression in
`tests/fuzz_regressions/read/` once fixed.
"""

import sys

import atheris

with atheris.instrument_imports(include=["eventwire", "fuzz"]):
    from fuzz.harness import fuzz_read


def main() -> None:
    atheris.Setup(sys.argv, fuzz_read)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
