//! leakdesk's integration tests: one crate, so they link once. Every storage-touching test runs
//! on SQLite and on PostgreSQL (see `harness`).

mod harness;

mod accessibility;
mod accounts;
mod activities;
mod activity_report;
mod answers;
mod architecture;
mod audit;
mod auth;
mod backup;
mod browser;
mod cli;
mod durability;
mod foundation;
mod hostile;
mod hotline;
mod imports;
mod isolation;
mod lists;
mod mail;
mod organizations;
mod oversight;
mod process;
mod public;
pub mod registers;
mod reports;
mod review;
mod search;
mod smtp;
pub mod stats;
mod supervision;
mod vocabulary;
pub mod web;
mod work;
mod workspace;
