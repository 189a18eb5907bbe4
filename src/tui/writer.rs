//! The reader's writes (read, star, search history) on a thread and connection of their own,
//! so a star is saved at once even while the worker is in a long catch-up or refresh.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use crate::store::{Store, StoreError};

use super::load::Write;
use super::worker::WorkerEvent;

/// Where the worker's events go.
pub type Post = Arc<dyn Fn(WorkerEvent) + Send + Sync>;

/// The running writer; [`Writer::stop`] ends it once the writes asked for are made.
pub struct Writer {
    writes: Option<Sender<Write>>,
    ended: Receiver<()>,
}

impl Writer {
    /// Starts the writer on the store at `path` (opened on the first write).
    pub fn spawn(path: PathBuf, post: Post) -> Writer {
        let (writes, rx) = channel();
        let (ended_tx, ended) = channel();
        let _ = std::thread::Builder::new()
            .name("byline-writer".into())
            .spawn(move || {
                run(&path, &rx, &post);
                let _ = ended_tx.send(());
            });
        Writer {
            writes: Some(writes),
            ended,
        }
    }

    /// Queues a write; false once stopped.
    pub fn send(&self, write: Write) -> bool {
        self.writes.as_ref().is_some_and(|w| w.send(write).is_ok())
    }

    /// Makes the writes asked for, then closes the connection; waits at most `patience`.
    pub fn stop(&mut self, patience: Duration) {
        self.writes = None;
        let _ = self.ended.recv_timeout(patience);
    }
}

fn run(path: &Path, writes: &Receiver<Write>, post: &Post) {
    let mut store: Option<Store> = None;
    for write in writes {
        if store.is_none() {
            match Store::open(path) {
                Ok(s) => store = Some(s),
                Err(e) => post(WorkerEvent::Failed(format!("cannot save: {e}"))),
            }
        }
        let Some(store) = store.as_mut() else {
            continue;
        };
        match self::write(store, &write) {
            Err(e) => post(WorkerEvent::Failed(format!("cannot save: {e}"))),
            Ok(Some(event)) => post(event),
            Ok(None) => {}
        }
    }
}

/// Makes a change the reader asked for; what the reader must hear of it afterwards, if
/// anything (every name of the watched entities, an entity edit made).
pub fn write(store: &mut Store, write: &Write) -> Result<Option<WorkerEvent>, StoreError> {
    match write {
        Write::State { id, change } => store.change_state(id, change)?,
        Write::Meta { key, value } => store.set_meta(key, value)?,
        Write::Remove { ids } => drop(store.remove_articles(ids)?),
        Write::SaveSearch { name, query } => drop(store.save_search(name, query)?),
        Write::Watch { name, on } => {
            match on {
                true => drop(store.watch_entity(name)?),
                false => drop(store.unwatch_entity(name)?),
            }
            // The reader highlights every name of the watched entities: the store knows them.
            return Ok(Some(WorkerEvent::WatchedNames(store.watched_names()?)));
        }
        Write::EntityEdit { edit, said, name } => {
            if let Some(why) = store.edit_refused(edit)? {
                return Ok(Some(WorkerEvent::Failed(why)));
            }
            let number = store.add_entity_edit(edit)?;
            store.resolve_entities_after_edit()?;
            return Ok(Some(WorkerEvent::EntitiesEdited {
                said: format!("edit {number}: {said} (byline entity forget {number} undoes it)"),
                name: name.clone(),
            }));
        }
    }
    Ok(None)
}
