//! Parquet: a directory with one `<kind>.parquet` per kind, written through Arrow record
//! batches (one per document). Types: text → Utf8, int → Int64, float → Float64, date → Date32,
//! bool → Boolean, list<text> → List<Utf8>; nullability as declared by the column.

use super::{output_dir, Flat, Sink, Staged};
use crate::model::records::{Column, ColumnType, RecordKind, Value};
use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

/// Buffered row groups are written out past this size (bytes), so memory stays bounded.
const ROW_GROUP_BYTES: usize = 32 * 1024 * 1024;

pub struct ParquetSink {
    writers: Vec<(RecordKind, SchemaRef, ArrowWriter<File>)>,
    staged: Staged,
}

/// The Arrow type of a column type.
pub fn arrow_type(ty: ColumnType) -> DataType {
    match ty {
        ColumnType::Text => DataType::Utf8,
        ColumnType::Int => DataType::Int64,
        ColumnType::Float => DataType::Float64,
        ColumnType::Date => DataType::Date32,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::TextList => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
    }
}

/// The Arrow schema of a kind.
pub fn schema(kind: RecordKind) -> SchemaRef {
    Arc::new(Schema::new(
        kind.columns().iter().map(|c| Field::new(c.name, arrow_type(c.ty), c.nullable)).collect::<Vec<_>>(),
    ))
}

impl ParquetSink {
    pub fn open(dir: &Path) -> Result<Self, String> {
        output_dir(dir)?;
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let mut staged = Staged::default();
        let mut writers = Vec::new();
        for kind in RecordKind::ALL {
            let tmp = staged.add(&dir.join(format!("{}.parquet", kind.name())));
            let file = File::create(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
            let schema = schema(kind);
            let w = ArrowWriter::try_new(file, schema.clone(), Some(props.clone()))
                .map_err(|e| format!("cannot start {}.parquet: {e}", kind.name()))?;
            writers.push((kind, schema, w));
        }
        Ok(ParquetSink { writers, staged })
    }
}

fn mismatch(c: &Column, v: &Value) -> String {
    format!("column {} ({}) cannot hold {v:?}", c.name, c.ty.name())
}

/// One Arrow array from one column of the rows.
fn column(c: &Column, k: usize, rows: &[Vec<Value>]) -> Result<ArrayRef, String> {
    let values = rows.iter().map(|r| r.get(k).unwrap_or(&Value::Null));
    let mut b: Box<dyn ArrayBuilder> = match c.ty {
        ColumnType::Text => Box::new(StringBuilder::new()),
        ColumnType::Int => Box::new(Int64Builder::new()),
        ColumnType::Float => Box::new(Float64Builder::new()),
        ColumnType::Date => Box::new(Date32Builder::new()),
        ColumnType::Bool => Box::new(BooleanBuilder::new()),
        ColumnType::TextList => Box::new(ListBuilder::new(StringBuilder::new())),
    };
    let any = b.as_any_mut();
    for v in values {
        if matches!(v, Value::Null) && !c.nullable {
            return Err(mismatch(c, v));
        }
        let ok = match (c.ty, v) {
            (ColumnType::Text, Value::Text(s)) => any.downcast_mut::<StringBuilder>().map(|b| b.append_value(s)),
            (ColumnType::Text, Value::Null) => any.downcast_mut::<StringBuilder>().map(|b| b.append_null()),
            (ColumnType::Int, Value::Int(n)) => any.downcast_mut::<Int64Builder>().map(|b| b.append_value(*n)),
            (ColumnType::Int, Value::Null) => any.downcast_mut::<Int64Builder>().map(|b| b.append_null()),
            (ColumnType::Float, Value::Float(x)) => any.downcast_mut::<Float64Builder>().map(|b| b.append_value(*x)),
            (ColumnType::Float, Value::Null) => any.downcast_mut::<Float64Builder>().map(|b| b.append_null()),
            (ColumnType::Date, Value::Date(d)) => {
                any.downcast_mut::<Date32Builder>().map(|b| b.append_value(d.days_since_epoch()))
            }
            (ColumnType::Date, Value::Null) => any.downcast_mut::<Date32Builder>().map(|b| b.append_null()),
            (ColumnType::Bool, Value::Bool(x)) => any.downcast_mut::<BooleanBuilder>().map(|b| b.append_value(*x)),
            (ColumnType::Bool, Value::Null) => any.downcast_mut::<BooleanBuilder>().map(|b| b.append_null()),
            (ColumnType::TextList, Value::TextList(items)) => {
                any.downcast_mut::<ListBuilder<StringBuilder>>().map(|b| {
                    items.iter().for_each(|s| b.values().append_value(s));
                    b.append(true);
                })
            }
            (ColumnType::TextList, Value::Null) => {
                any.downcast_mut::<ListBuilder<StringBuilder>>().map(|b| b.append(false))
            }
            _ => None,
        };
        ok.ok_or_else(|| mismatch(c, v))?;
    }
    Ok(b.finish())
}

/// The record batch of one kind's rows.
pub fn batch(kind: RecordKind, schema: &SchemaRef, rows: &[Vec<Value>]) -> Result<RecordBatch, String> {
    let arrays = kind.columns().iter().enumerate().map(|(k, c)| column(c, k, rows)).collect::<Result<Vec<_>, _>>()?;
    RecordBatch::try_new(schema.clone(), arrays).map_err(|e| format!("{kind}: {e}"))
}

impl Sink for ParquetSink {
    fn write(&mut self, doc: &Flat) -> Result<(), String> {
        // Build every batch first: a document whose rows do not fit writes nothing.
        let batches = self
            .writers
            .iter()
            .map(|(kind, schema, _)| batch(*kind, schema, doc.rows(*kind)))
            .collect::<Result<Vec<_>, _>>()?;
        for ((kind, _, w), b) in self.writers.iter_mut().zip(batches) {
            if b.num_rows() == 0 {
                continue;
            }
            w.write(&b).map_err(|e| format!("cannot write {kind}.parquet: {e}"))?;
            if w.in_progress_size() > ROW_GROUP_BYTES {
                w.flush().map_err(|e| format!("cannot write {kind}.parquet: {e}"))?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), String> {
        let ParquetSink { writers, staged } = *self;
        for (kind, _, w) in writers {
            let file = w.into_inner().map_err(|e| format!("cannot finish {kind}.parquet: {e}"))?;
            file.sync_all().map_err(|e| format!("cannot write {kind}.parquet: {e}"))?;
        }
        staged.commit()
    }
}
