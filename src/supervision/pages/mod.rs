//! Supervision's pages: cases with their entities, incidents, timeline and files; actions and
//! meetings; report collections with their answers; and the published cases for the public.

pub mod action_form;
pub mod actions;
pub mod cases;
pub mod collections;
pub mod incidents;
pub mod parts;
pub mod public;
