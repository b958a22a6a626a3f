"""Coverage-guided fuzzing of `harness.fuzz_lines` with atheris.

    .venv/bin/python -m fuzz.fuzz_lines -max_total_time=120 WORK_CORPUS fuzz/seeds/lines

A crash writes its input (libFuzzer's `-artifact_prefix`); keep it as a regression in
`tests/fuzz_regressions/lines/` once fixed.
"""

import sys

import atheris

with atheris.instrument_imports(include=["eventwire", "fuzz"]):
    from fuzz.harness import fuzz_lines


def main() -> None:
    atheris.Setup(sys.argv, fuzz_lines)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
