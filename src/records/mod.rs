//! Read models that more than one capability reads, kept below them all so that no capability
//! imports another: an organization (`organizations`), a report and its incident
//! (`incidents`), and the reports that may describe the same event (`related`). Each is a type
//! and the few queries that read it; the capability that writes the record owns everything else.

pub mod half_year;
pub mod incidents;
pub mod organizations;
pub mod related;
