//! The index rows of single notes (the app's own writes, a note another program changed), stored
//! on a thread of their own so that an answer or a change on screen does not wait for the
//! database's commit. A crash before a row is stored costs one re-read of its note at the next
//! scan: the index still holds the note's older stamp.

use super::lock;
use crate::note::Note;
use crate::store::Store;
use crate::vault::Stamp;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// What the indexing thread is asked to do.
enum Job {
    /// Store a note's row: the vault's key, the file's stamp after the change, the note.
    Row(String, Stamp, Box<Note>),
    /// Say when every row asked before is stored.
    Flush(Sender<()>),
}

/// The indexing thread, started at the first row and ended (after storing what it was given)
/// when the session ends.
#[derive(Default)]
pub(super) struct Indexer {
    jobs: Mutex<Option<Sender<Job>>>,
    worker: Mutex<Option<JoinHandle<()>>>,
}

impl Indexer {
    /// Stores `note`'s row soon, through `store`; at once if no thread can be started.
    pub(super) fn store(&self, store: &Arc<Mutex<Store>>, vault: String, stamp: Stamp, note: Note) {
        let job = Job::Row(vault, stamp, Box::new(note));
        let Err(job) = self.send(store, job) else { return };
        if let Job::Row(vault, stamp, note) = job {
            let _ = lock(store).index_note(&vault, stamp, &note);
        }
    }

    /// Waits until every row asked for is stored: before a scan reads the index, so that it
    /// does not read again a note the app has just written.
    pub(super) fn flush(&self) {
        let jobs = lock(&self.jobs);
        let Some(jobs) = jobs.as_ref() else { return };
        let (done, stored) = channel();
        if jobs.send(Job::Flush(done)).is_ok() {
            let _ = stored.recv();
        }
    }

    /// Hands `job` to the thread, starting it the first time; gives the job back if it cannot.
    fn send(&self, store: &Arc<Mutex<Store>>, job: Job) -> Result<(), Job> {
        let mut jobs = lock(&self.jobs);
        if jobs.is_none() {
            let (sender, receiver) = channel::<Job>();
            let store = Arc::clone(store);
            let spawned = std::thread::Builder::new().name("bokseup-index".into()).spawn(move || {
                for job in receiver {
                    match job {
                        Job::Row(vault, stamp, note) => {
                            let _ = lock(&store).index_note(&vault, stamp, &note);
                        }
                        Job::Flush(done) => {
                            let _ = done.send(());
                        }
                    }
                }
            });
            let Ok(worker) = spawned else { return Err(job) };
            *lock(&self.worker) = Some(worker);
            *jobs = Some(sender);
        }
        let Some(sender) = jobs.as_ref() else { return Err(job) };
        sender.send(job).map_err(|failed| failed.0)
    }
}

impl Drop for Indexer {
    /// The rows asked for are stored before the session ends (the command line's process exits
    /// right after).
    fn drop(&mut self) {
        lock(&self.jobs).take();
        if let Some(worker) = lock(&self.worker).take() {
            let _ = worker.join();
        }
    }
}
