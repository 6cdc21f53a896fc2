"""The Spark job (`examples/spark/convert_corpus.py`) on local[2] against `crdoc export --format parquet`.

Marked `spark` (deselect with `-m "not spark"`); `.ci/run` runs it. Needs Java 17 (JAVA_HOME or
/usr/lib/jvm/java-17-openjdk-amd64), pyspark and duckdb.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import crdoc
from conftest import REPO, SAMPLE

pytestmark = pytest.mark.spark

COPIES = 20
ENTRIES_PER_COPY = 656
JOB = REPO / "examples" / "spark" / "convert_corpus.py"


def java_home():
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    for candidate in ("/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/openjdk-17"):
        if Path(candidate, "bin", "java").exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def corpus_run(crdoc_bin, tmp_path_factory):
    """20 copies of the sample in nested folders plus one binary `.txt` and one file that is not
    `.txt`; the Spark job's output and `crdoc export --format parquet`'s, both run from the
    corpus's parent on the argument `corpus`."""
    base = tmp_path_factory.mktemp("spark")
    corpus = base / "corpus"
    for i in range(COPIES):
        folder = corpus / f"edition-{i % 3}" / f"batch-{i % 4}" / ("deep" if i % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLE, folder / f"copy-{i:02}.txt")
    (corpus / "edition-1" / "scan.txt").write_bytes(bytes(range(256)) * 64)
    (corpus / "edition-2" / "notes.md").write_text("not a report\n", encoding="utf-8")

    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    home = java_home()
    if home:
        env["JAVA_HOME"] = home
    job = subprocess.run(
        [sys.executable, str(JOB), "--input", "corpus", "--output", "spark-out", "--master", "local[2]"],
        cwd=base, env=env, capture_output=True, text=True, timeout=900,
    )
    assert job.returncode == 0, job.stderr[-4000:]

    cli = subprocess.run(
        [str(crdoc_bin), "export", "--format", "parquet", "-o", "cli-out", "corpus"],
        cwd=base, capture_output=True, text=True, timeout=300,
    )
    assert cli.returncode == 1 and "scan.txt" in cli.stderr, cli.stderr  # the binary file fails
    return base, job.stdout


def test_job_reports_the_counts(corpus_run):
    _, stdout = corpus_run
    counts = dict(line.split(": ") for line in stdout.strip().splitlines())
    assert counts["documents"] == str(COPIES)
    assert counts["entries"] == str(COPIES * ENTRIES_PER_COPY)
    assert counts["failures"] == "1"


def test_datasets_have_the_right_counts(corpus_run):
    import duckdb

    base, _ = corpus_run
    con = duckdb.connect()
    count = lambda kind: con.sql(f"select count(*) from read_parquet('{base}/spark-out/{kind}/*.parquet')").fetchone()[0]
    assert count("documents") == COPIES
    assert count("entries") == COPIES * ENTRIES_PER_COPY
    assert count("failures") == 1
    path, reason = con.sql(f"select path, reason from read_parquet('{base}/spark-out/failures/*.parquet')").fetchone()
    assert path == "corpus/edition-1/scan.txt"
    assert reason.startswith("not a text document")
    paths = sorted(r[0] for r in con.sql(f"select path from read_parquet('{base}/spark-out/documents/*.parquet')").fetchall())
    assert paths == sorted(str(p.relative_to(base)) for p in (base / "corpus").rglob("copy-*.txt"))


@pytest.mark.parametrize("kind", crdoc.record_kinds())
def test_datasets_equal_crdoc_export(corpus_run, kind):
    """Same columns, same types, same rows (as multisets) as `crdoc export --format parquet`."""
    import duckdb

    base, _ = corpus_run
    con = duckdb.connect()
    spark = f"read_parquet('{base}/spark-out/{kind}/*.parquet')"
    cli = f"read_parquet('{base}/cli-out/{kind}.parquet')"
    describe = lambda rel: [(r[0], r[1]) for r in con.sql(f"describe select * from {rel}").fetchall()]
    assert describe(spark) == describe(cli)
    assert [c[0] for c in describe(spark)] == [c["name"] for c in crdoc.record_columns(kind)]
    n_spark = con.sql(f"select count(*) from {spark}").fetchone()[0]
    n_cli = con.sql(f"select count(*) from {cli}").fetchone()[0]
    assert n_spark == n_cli
    assert n_spark > 0
    only_spark = con.sql(f"select count(*) from (select * from {spark} except all select * from {cli})").fetchone()[0]
    only_cli = con.sql(f"select count(*) from (select * from {cli} except all select * from {spark})").fetchone()[0]
    assert (only_spark, only_cli) == (0, 0)
