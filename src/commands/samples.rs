//! The bundled samples: added, tagged `sample`, only when the first start opens the reader on
//! an empty store.

use anyhow::{Context, Result};

use super::extract;
use crate::library;
use crate::store::{StateChange, Store, StoreError};

/// The tag the bundled samples carry (`byline rm tag:sample` removes them).
pub const SAMPLE_TAG: &str = "sample";

/// Opens the store for the reader: a new, empty store gets the bundled sample library, tagged
/// [`SAMPLE_TAG`], so that a first start has something to read.
pub fn open_reader_store(path: &std::path::Path) -> Result<Store> {
    let mut store = Store::open(path).context("cannot open the store")?;
    if store.is_read_only() {
        return Ok(store);
    }
    if store.meta("seeded")?.is_none() {
        if store.count()? == 0 {
            let mut samples = library::articles();
            // Inserted oldest-last, so the user's sample article lists first among undated ones.
            samples.reverse();
            store.insert_batch(&samples)?;
            extract::index_pending(&mut store, samples.len())?;
        }
        store.set_meta("seeded", "1")?;
    }
    tag_samples(&mut store)?;
    Ok(store)
}

/// Tags the samples a store holds, once: those of a new store, and those an older byline added
/// untagged.
fn tag_samples(store: &mut Store) -> Result<()> {
    if store.meta("seeded")?.as_deref() != Some("1") || store.meta("samples_tagged")?.is_some() {
        return Ok(());
    }
    for a in library::articles() {
        match store.change_state(&a.id, &StateChange::Tag(SAMPLE_TAG.into())) {
            Ok(()) | Err(StoreError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    store.set_meta("samples_tagged", "1")?;
    Ok(())
}
