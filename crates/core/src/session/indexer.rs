//! The index rows of single notes (the app's own writes, a note another program changed) and of
//! a whole scan, stored on a thread of their own so that an answer, a change on screen or the
//! first screen of a vault does not wait for the database's commit. A crash before a row is
//! stored costs one re-read of its note at the next scan: the index still holds the note's older
//! stamp, or none.

use super::lock;
use crate::index::Update;
use crate::note::Note;
use crate::store::Store;
use crate::vault::{Scan, Stamp};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// What the indexing thread is asked to do.
enum Job {
    /// Store a note's row: the vault's key, the file's stamp after the change, the note.
    Row(String, Stamp, Box<Note>),
    /// Bring the index up to a scan.
    Scan(Update, Arc<Scan>),
    /// Say when every row asked before is stored.
    Flush(Sender<()>),
}

/// The indexing thread, started at the first row and ended (after storing what it was given)
/// when the session ends.
#[derive(Default)]
pub(super) struct Indexer {
    worker: Mutex<Option<Worker>>,
}

/// The running thread and the way to hand it jobs.
struct Worker {
    jobs: Sender<Job>,
    thread: JoinHandle<()>,
}

impl Indexer {
    /// Stores `note`'s row soon, through `store`; at once if no thread can be started.
    pub(super) fn store(&self, store: &Arc<Mutex<Store>>, vault: String, stamp: Stamp, note: Note) {
        self.run(store, Job::Row(vault, stamp, Box::new(note)));
    }

    /// Stores a scan's rows soon ([`Update::apply`]), through `store`; at once if no thread can be
    /// started.
    pub(super) fn update(&self, store: &Arc<Mutex<Store>>, update: Update, scan: Arc<Scan>) {
        self.run(store, Job::Scan(update, scan));
    }

    /// Hands `job` to the thread, or does it on this one if no thread can be started.
    fn run(&self, store: &Arc<Mutex<Store>>, job: Job) {
        if let Err(job) = self.send(store, job) {
            do_job(store, job);
        }
    }

    /// Waits until every row asked for is stored: before a scan reads the index, so that it
    /// does not read again a note the app has just written.
    pub(super) fn flush(&self) {
        let worker = lock(&self.worker);
        let Some(worker) = worker.as_ref() else { return };
        let (done, stored) = channel();
        if worker.jobs.send(Job::Flush(done)).is_ok() {
            let _ = stored.recv();
        }
    }

    /// Hands `job` to the thread, starting it the first time; gives the job back if it cannot.
    fn send(&self, store: &Arc<Mutex<Store>>, job: Job) -> Result<(), Job> {
        let mut worker = lock(&self.worker);
        if worker.is_none() {
            let (jobs, receiver) = channel::<Job>();
            let store = Arc::clone(store);
            let spawned = std::thread::Builder::new()
                .name("bokseup-index".into())
                .spawn(move || receiver.into_iter().for_each(|job| do_job(&store, job)));
            let Ok(thread) = spawned else { return Err(job) };
            *worker = Some(Worker { jobs, thread });
        }
        let Some(worker) = worker.as_ref() else { return Err(job) };
        worker.jobs.send(job).map_err(|failed| failed.0)
    }
}

/// Does `job` on the calling thread: the indexing thread's loop, and a row stored at once when no
/// thread could be started.
fn do_job(store: &Mutex<Store>, job: Job) {
    match job {
        Job::Row(vault, stamp, note) => {
            let _ = lock(store).index_note(&vault, stamp, &note);
        }
        Job::Scan(update, scan) => update.apply(&mut lock(store), &scan.notes),
        Job::Flush(done) => {
            let _ = done.send(());
        }
    }
}

impl Drop for Indexer {
    /// The rows asked for are stored before the session ends (the command line's process exits
    /// right after).
    fn drop(&mut self) {
        // The thread ends once its sender is dropped and it has done what it was given.
        if let Some(Worker { jobs, thread }) = lock(&self.worker).take() {
            drop(jobs);
            let _ = thread.join();
        }
    }
}
