"""Coverage-guided fuzzing of `harness.fuzz_normalize` with atheris.

    .venv/bin/python -m fuzz.fuzz_normalize -max_total_time=120 WORK_CORPUS fuzz/seeds/normalize

A crash writes its input (libFuzzer's `-artifact_prefix`); keep it as a regression in
`tests/fuzz_regressions/normalize/` once fixed.
"""

import sys

import atheris

with atheris.instrument_imports(include=["eventwire", "fuzz"]):
    from fuzz.harness import fuzz_normalize


def main() -> None:
    atheris.Setup(sys.argv, fuzz_normalize)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
