"""Coverage-guided fuzzing of `harness.fuzz_pipeline` with atheris.

    .venv/bin/python -m fuzz.fuzz_pipeline -max_total_time=120 WORK_CORPUS fuzz/seeds/pipeline

The pipeline (spaCy and the lexicons) is loaded once, before the first input. A crash writes
its input (libFuzzer's `-artifact_prefix`); keep it as a regression in
`tests/fuzz_regressions/pipeline/` once fixed.
"""

import sys

import atheris

with atheris.instrument_imports(include=["eventwire", "fuzz"]):
    from eventwire.pipeline import Pipeline
    from fuzz.harness import PIPELINES, fuzz_pipeline


def main() -> None:
    PIPELINES.append(Pipeline(on_error="record"))
    atheris.Setup(sys.argv, fuzz_pipeline)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
