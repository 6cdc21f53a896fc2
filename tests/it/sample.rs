//! The bundled sample, end to end: the whole JSON as a snapshot, a readable outline snapshot,
//! the invariants, the counts the pipeline issue asks for, and determinism across thread counts.

use crate::common::*;

#[test]
fn sample_document_snapshot() {
    let doc = sample_doc();
    let json = crdoc::output::json::to_json(&doc, true).expect("serializes");
    insta::assert_snapshot!("sample_document", json);
}

#[test]
fn sample_outline_snapshot() {
    insta::assert_snapshot!("sample_outline", outline(&sample_doc()));
}

#[test]
fn sample_satisfies_every_invariant() {
    let bytes = sample_bytes();
    assert_invariants(&bytes, &convert(&bytes));
}

#[test]
fn sample_has_the_whole_structure() {
    let doc = sample_doc();
    let m = &doc.metadata;
    assert_eq!(m.title.as_deref(), Some("中俄对话：2020模式"));
    assert_eq!(m.date.as_deref(), Some("2020-07"));
    assert_eq!(m.institutions.len(), 3);
    use crdoc::model::{Role, Team};
    let count = |t: Team, r: Role| m.authors.iter().filter(|a| a.team == t && a.role == r).count();
    assert_eq!((count(Team::Cn, Role::Lead), count(Team::Cn, Role::Member)), (1, 8));
    assert_eq!((count(Team::Ru, Role::Lead), count(Team::Ru, Role::Member)), (1, 9));
    assert_eq!((count(Team::Cn, Role::Translator), count(Team::Cn, Role::Proofreader)), (5, 1));
    assert!(m.authors.iter().filter(|a| matches!(a.role, Role::Lead | Role::Member)).all(|a| a.affiliation.is_some()));
    assert_eq!(doc.toc.len(), 33);
    assert!(doc.toc.iter().all(|t| t.page.is_some()));
    let sections: Vec<usize> = doc.chapters.iter().map(|c| c.sections.len()).collect();
    assert_eq!(sections, [5, 2, 2, 5, 4, 5]);
    assert_eq!(doc.chapters[0].title, "中国和俄罗斯：全面伙伴关系的发展趋势与对世界形势的评估");
    let blocks: Vec<&crdoc::model::Block> = doc
        .chapters
        .iter()
        .flat_map(|c| c.blocks.iter().chain(c.sections.iter().flat_map(|s| s.blocks.iter())))
        .collect();
    let tables: Vec<_> =
        blocks.iter().filter_map(|b| if let crdoc::model::Block::Table(t) = b { Some(t) } else { None }).collect();
    assert_eq!(tables.iter().map(|t| t.number).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(tables.iter().map(|t| t.rows.len()).collect::<Vec<_>>(), [2, 12, 18, 2]);
    assert_eq!(tables[1].rows[0].cells[1].value, Some(42619.3));
    let figures = blocks.iter().filter(|b| matches!(b, crdoc::model::Block::Figure(_))).count();
    assert_eq!(figures, 4);
    let rec = doc.recommendations.as_ref().expect("recommendations");
    let numbers: Vec<u32> = rec.groups.iter().flat_map(|g| g.items.iter().map(|i| i.number)).collect();
    assert_eq!(numbers, (1..=26).collect::<Vec<_>>());
    assert_eq!(rec.groups.len(), 5);
    let chron = doc.chronology.as_ref().expect("chronology");
    assert_eq!(chron.categories.len(), 9);
    assert_eq!(chron.categories.iter().map(|c| c.entries.len()).sum::<usize>(), 656);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let bytes = sample_bytes();
    let run = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        pool.install(|| crdoc::output::json::to_json(&convert(&bytes), false).expect("json"))
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(4));
}
