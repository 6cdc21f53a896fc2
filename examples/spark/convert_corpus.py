"""Convert a corpus of report text dumps with Spark: one Parquet dataset per record kind.

    python examples/spark/convert_corpus.py --input DIR --output DIR [--master URL]
    spark-submit [--master URL] examples/spark/convert_corpus.py --input DIR --output DIR

Every `*.txt` file under `--input` (searched recursively, as `crdoc convert` and `crdoc export`
do) is read with `SparkContext.binaryFiles` and converted on the executors by the `crdoc` Python
package, the same converter as the command line. The output directory gets one Parquet dataset
per record kind (`documents/`, `authors/`, `headings/`, `paragraphs/`, `tables/`, `table_cells/`,
`figures/`, `recommendations/`, `entries/`, `diagnostics/`) with the columns and types of
`crdoc export --format parquet`: the Spark schema is built from `crdoc.record_columns`, the one
definition in the Rust crate. `failures/` holds `path` and `reason` for every refused file.
`source.path` (the `path` column) is recorded as `--input` joined with the file's path below it,
so the records equal those of `crdoc export` run on the same argument.

Each file is converted once (`crdoc.all_records`) and its records are cached, so every dataset is
written from the same conversion. Existing datasets under `--output` are replaced.

Needs `crdoc` importable on the driver and on every executor (see "Scaling out" in the README):
the package is a compiled extension, so install its wheel on each node or ship a packed virtual
environment with `--archives`; `--py-files` cannot carry it.
"""

import argparse
import os
import sys
from typing import Dict, Iterator, List, Tuple
from urllib.parse import urlparse

from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import types as T

import crdoc

FAILURES = "failures"

SPARK_TYPES = {
    "text": T.StringType(),
    "int": T.LongType(),
    "float": T.DoubleType(),
    "date": T.DateType(),
    "bool": T.BooleanType(),
    "list<text>": T.ArrayType(T.StringType(), containsNull=True),
}


def spark_schema(kind: str) -> T.StructType:
    """The Spark schema of a record kind, from the column definitions of the Rust crate."""
    fields = []
    for column in crdoc.record_columns(kind):
        if column["type"] not in SPARK_TYPES:
            raise ValueError(f"{kind}.{column['name']}: no Spark type for column type {column['type']!r}")
        fields.append(T.StructField(column["name"], SPARK_TYPES[column["type"]], column["nullable"]))
    return T.StructType(fields)


FAILURE_SCHEMA = T.StructType(
    [T.StructField("path", T.StringType(), False), T.StructField("reason", T.StringType(), False)]
)


def relative_path(uri: str, root: str) -> str:
    """The path of a file URI (`file:/…`, `hdfs://host/…`) below the input directory's path."""
    path = urlparse(uri).path
    root = root.rstrip("/") + "/"
    return path[len(root):] if path.startswith(root) else path.rsplit("/", 1)[-1]


def convert_file(item: Tuple[str, bytes]) -> Iterator[Tuple[str, tuple]]:
    """Convert one file on an executor: `(kind, row)` pairs, or one `(failures, (path, reason))`."""
    path, data = item
    try:
        by_kind = crdoc.all_records(data, path=path)
    except crdoc.DecodeError as e:
        yield FAILURES, (path, e.reason)
        return
    except ValueError as e:  # a document the schema or the record builder refused
        yield FAILURES, (path, str(e))
        return
    for kind, rows in by_kind.items():
        for row in rows:
            yield kind, tuple(row.values())


def run(spark: SparkSession, input_dir: str, output_dir: str) -> Dict[str, int]:
    """Convert every `*.txt` under `input_dir`; returns the number of records per dataset."""
    sc = spark.sparkContext
    hadoop_conf = sc._jsc.hadoopConfiguration()
    hadoop_conf.set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    # The input directory as Hadoop qualifies it, to cut each file's URI down to its path below.
    jpath = sc._jvm.org.apache.hadoop.fs.Path(input_dir)
    root = jpath.getFileSystem(hadoop_conf).makeQualified(jpath).toUri().getPath()
    shown = input_dir.rstrip("/")

    files = sc.binaryFiles(input_dir, minPartitions=sc.defaultParallelism)
    if files.getNumPartitions() < sc.defaultParallelism:
        # Small files are packed into few splits (spark.files.maxPartitionBytes); spread them so
        # that every executor core converts.
        files = files.repartition(sc.defaultParallelism)
    records = (
        files.filter(lambda kv: kv[0].lower().endswith(".txt"))
        .map(lambda kv: (shown + "/" + relative_path(kv[0], root), kv[1]))
        .flatMap(convert_file)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        found = records.countByKey()  # converts every file once, into the cache
        counts = {}
        for kind in crdoc.record_kinds() + [FAILURES]:
            schema = FAILURE_SCHEMA if kind == FAILURES else spark_schema(kind)
            rows = records.filter(lambda kr, k=kind: kr[0] == k).map(lambda kr: kr[1])
            spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(os.path.join(output_dir, kind))
            counts[kind] = found.get(kind, 0)
    finally:
        records.unpersist()
    return counts


def parse_args(argv: List[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="directory searched recursively for *.txt")
    parser.add_argument("--output", required=True, help="directory for the Parquet datasets")
    parser.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    return parser.parse_args(argv)


def main(argv: List[str]) -> int:
    args = parse_args(argv)
    builder = SparkSession.builder.appName("crdoc-convert-corpus").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    if (args.master or "local").startswith("local"):
        # Local executors run this interpreter, which has crdoc; a cluster's come from its config.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    try:
        counts = run(spark, args.input, args.output)
    finally:
        spark.stop()
    for kind, n in counts.items():
        print(f"{kind}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
