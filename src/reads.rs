//! The read log: staff opening a report, a case or a consultation, or downloading a file, leave
//! an audit row with the action `read` — who (the actor), when, what, and the request's id.
//!
//! Writing a row in its own transaction for every page would cost each page a commit (measured
//! with `bench/reads`: the page's time doubled). So a read is noted in memory as the answer
//! leaves, and a writer thread of the app writes what has gathered in one transaction (at most
//! [`BATCH`] rows, at the latest [`LINGER`] after the first). When the app stops — a graceful
//! shutdown lets requests finish and then drops the app — the log writes what is left before its
//! thread ends, so nothing is lost; only a crash of the process can lose the reads of its last
//! moments, as it loses the answers in flight. Admins read the rows through `GET /api/v1/audit`
//! (`action=read`) and from each record's page (閲覧履歴).

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::db::{Action, Actor, Db, Entity, Happened};
use crate::domain::access::{Role, read_is_logged};
use crate::error::AppError;

/// The most rows one transaction of the log writes.
pub const BATCH: usize = 500;
/// How long a noted read may wait for others to share its transaction.
pub const LINGER: Duration = Duration::from_millis(200);

/// What was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    Report(i64),
    Case(i64),
    Consultation(i64),
    Attachment(i64),
}

impl Read {
    /// The audit trail's entity type and id.
    pub fn entity(self) -> (Entity, i64) {
        match self {
            Self::Report(id) => (Entity::Report, id),
            Self::Case(id) => (Entity::Case, id),
            Self::Consultation(id) => (Entity::Consultation, id),
            Self::Attachment(id) => (Entity::Attachment, id),
        }
    }
}

/// Whether a reader of the audit trail of `role` sees the read log; asking for it (`action=read`)
/// is an admin's alone (403 otherwise).
pub fn shown_to(role: Role, action: Option<&str>) -> Result<bool, AppError> {
    let admin = role == Role::Admin;
    if action == Some(Action::Read.as_str()) && !admin {
        return Err(AppError::Forbidden(crate::error::Denial::AdminOnly));
    }
    Ok(admin)
}

#[derive(Default)]
struct Queue {
    noted: Vec<Happened>,
    closing: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
}

/// The app's read log: reads noted as answers leave, written by its own thread in batches.
pub struct ReadLog {
    shared: Arc<Shared>,
    writer: Option<JoinHandle<()>>,
}

impl ReadLog {
    /// Starts the log's writer thread on `db`.
    pub fn start(db: Db) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
        });
        let writer = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("read-log".into())
                .spawn(move || write_until_closed(&db, &shared))
                .expect("the read log's thread starts")
        };
        Self {
            shared,
            writer: Some(writer),
        }
    }

    /// Notes that `actor`, of `role`, read a record — if reads by that role are logged.
    pub fn record(&self, role: Role, actor: Actor, read: Read) {
        if !read_is_logged(role) {
            return;
        }
        let (entity_type, entity_id) = read.entity();
        let happened = Happened {
            at: chrono::Utc::now().naive_utc(),
            actor,
            action: Action::Read,
            entity_type,
            entity_id,
        };
        let mut queue = self
            .shared
            .queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        queue.noted.push(happened);
        self.shared.wake.notify_one();
    }
}

impl Drop for ReadLog {
    /// Writes what is left, then ends the thread.
    fn drop(&mut self) {
        self.shared
            .queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .closing = true;
        self.shared.wake.notify_one();
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

/// The writer: waits for a noted read, lets others gather for up to [`LINGER`], writes them in
/// one transaction; after the log is closed, writes what is left and returns.
fn write_until_closed(db: &Db, shared: &Shared) {
    loop {
        let (batch, closing) = {
            let mut queue = shared.queue.lock().unwrap_or_else(PoisonError::into_inner);
            while queue.noted.is_empty() && !queue.closing {
                queue = shared
                    .wake
                    .wait(queue)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            if !queue.closing && queue.noted.len() < BATCH {
                queue = shared
                    .wake
                    .wait_timeout_while(queue, LINGER, |q| q.noted.len() < BATCH && !q.closing)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            let take = queue.noted.len().min(BATCH);
            (
                queue.noted.drain(..take).collect::<Vec<_>>(),
                queue.closing && queue.noted.is_empty(),
            )
        };
        if !batch.is_empty() {
            let written =
                db.write_blocking(&Actor::system("read-log"), |tx| tx.record_happened(&batch));
            if let Err(error) = written {
                tracing::error!(error = %error.chain(), rows = batch.len(), "the read log could not be written");
            }
        }
        if closing {
            return;
        }
    }
}
