"""The Spark job (`examples/spark/convert_corpus.py`) on local[2] against `crdoc export --format parquet`.

Marked `spark` (deselect with `-m "not spark"`); `.ci/run` runs it. Needs Java 17 (JAVA_HOME or
/usr/lib/jvm/java-17-openjdk-amd64), pyspark and duckdb.
"""

import json
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

    has_export = subprocess.run([str(crdoc_bin), "export", "--help"], capture_output=True).returncode == 0
    if has_export:
        cli = subprocess.run(
            [str(crdoc_bin), "export", "--format", "parquet", "-o", "cli-all", "corpus"],
            cwd=base, capture_output=True, text=True, timeout=300,
        )
        assert cli.returncode == 1 and "scan.txt" in cli.stderr, cli.stderr  # the binary file fails
        # One run over the folder exports identical copies once (same document id); the Spark job
        # keeps every file, so the comparison is with one export per file (`cli-out/<n>/`).
        for n, p in enumerate(sorted((base / "corpus").rglob("copy-*.txt"))):
            one = subprocess.run(
                [str(crdoc_bin), "export", "--format", "parquet", "-o", f"cli-out/{n:02}", str(p.relative_to(base))],
                cwd=base, capture_output=True, text=True, timeout=300,
            )
            assert one.returncode == 0, one.stderr

    # The package's own records of every file, one JSON-lines file per kind.
    (base / "package-out").mkdir()
    for kind in crdoc.record_kinds():
        with open(base / "package-out" / f"{kind}.jsonl", "w", encoding="utf-8") as f:
            for p in sorted((base / "corpus").rglob("copy-*.txt")):
                for row in crdoc.records(p, kind, path=str(p.relative_to(base))):
                    f.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    return base, job.stdout, has_export


def test_job_reports_the_counts(corpus_run):
    _, stdout, _ = corpus_run
    counts = dict(line.split(": ") for line in stdout.strip().splitlines())
    assert counts["documents"] == str(COPIES)
    assert counts["entries"] == str(COPIES * ENTRIES_PER_COPY)
    assert counts["failures"] == "1"


def test_datasets_have_the_right_counts(corpus_run):
    import duckdb

    base, _, _ = corpus_run
    con = duckdb.connect()
    count = lambda kind: con.execute(f"select count(*) from read_parquet('{base}/spark-out/{kind}/*.parquet')").fetchone()[0]
    assert count("documents") == COPIES
    assert count("entries") == COPIES * ENTRIES_PER_COPY
    assert count("failures") == 1
    path, reason = con.execute(f"select path, reason from read_parquet('{base}/spark-out/failures/*.parquet')").fetchone()
    assert path == "corpus/edition-1/scan.txt"
    assert reason.startswith("not a text document")
    paths = sorted(r[0] for r in con.execute(f"select path from read_parquet('{base}/spark-out/documents/*.parquet')").fetchall())
    assert paths == sorted(str(p.relative_to(base)) for p in (base / "corpus").rglob("copy-*.txt"))


DUCKDB_TYPES = {"text": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "date": "DATE", "bool": "BOOLEAN",
                "list<text>": "VARCHAR[]"}


def assert_same_rows(con, a: str, b: str):
    """Same column names and types, same rows as multisets."""
    describe = lambda rel: [(r[0], r[1]) for r in con.execute(f"describe select * from {rel}").fetchall()]
    assert describe(a) == describe(b)
    n_a = con.execute(f"select count(*) from {a}").fetchone()[0]
    assert n_a == con.execute(f"select count(*) from {b}").fetchone()[0]
    assert n_a > 0
    only_a = con.execute(f"select count(*) from (select * from {a} except all select * from {b})").fetchone()[0]
    only_b = con.execute(f"select count(*) from (select * from {b} except all select * from {a})").fetchone()[0]
    assert (only_a, only_b) == (0, 0)


@pytest.mark.parametrize("kind", crdoc.record_kinds())
def test_datasets_equal_the_package_records(corpus_run, kind):
    """Each dataset holds exactly the records `crdoc.records` gives for each file, typed as declared."""
    import duckdb

    base, _, _ = corpus_run
    con = duckdb.connect()
    columns = crdoc.record_columns(kind)
    spark = f"read_parquet('{base}/spark-out/{kind}/*.parquet')"
    declared = ", ".join(f"'{c['name']}': '{DUCKDB_TYPES[c['type']]}'" for c in columns)
    package = f"read_json('{base}/package-out/{kind}.jsonl', format='newline_delimited', columns={{{declared}}})"
    assert [c[0] for c in con.execute(f"describe select * from {spark}").fetchall()] == [c["name"] for c in columns]
    assert_same_rows(con, spark, package)


@pytest.mark.parametrize("kind", crdoc.record_kinds())
def test_datasets_equal_crdoc_export(corpus_run, kind):
    """Same columns, same types, same rows (as multisets) as `crdoc export --format parquet`."""
    import duckdb

    base, _, has_export = corpus_run
    if not has_export:
        pytest.skip("this crdoc binary has no `export` command")
    con = duckdb.connect()
    assert_same_rows(con, f"read_parquet('{base}/spark-out/{kind}/*.parquet')",
                     f"read_parquet('{base}/cli-out/*/{kind}.parquet')")
