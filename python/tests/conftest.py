"""Shared fixtures: the repository, the bundled sample, and the `crdoc` command line to compare with."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE_REL = "input/china-russia-dialogue-2020.zh.txt"
SAMPLE = REPO / SAMPLE_REL


@pytest.fixture(scope="session")
def crdoc_bin() -> Path:
    """The command line built from the same sources: `$CRDOC_BIN` (set by `.ci/run` to the binary
    `cargo test` built), else `cargo build --bin crdoc`."""
    given = os.environ.get("CRDOC_BIN")
    if given:
        path = Path(given)
        if not path.is_absolute():
            path = REPO / path
        assert path.is_file(), f"CRDOC_BIN={given} is not a file"
        return path
    subprocess.run(["cargo", "build", "--quiet", "--bin", "crdoc"], cwd=REPO, check=True)
    return REPO / "target" / "debug" / "crdoc"
