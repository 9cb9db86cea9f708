//! The routes of `work`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

use super::handlers as api;

/// The work lists, assignment, notes and timelines; the dashboard.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::assign_incident)
        .service(api::note_incident)
        .service(api::incident_notes)
        .service(api::incident_timeline)
        .service(api::assign_case)
        .service(api::note_case)
        .service(api::case_notes)
        .service(api::case_timeline)
        .service(api::assign_action)
        .service(api::note_action)
        .service(api::action_notes)
        .service(api::action_timeline)
        .service(api::assign_consultation)
        .service(api::note_consultation)
        .service(api::consultation_notes)
        .service(api::consultation_timeline)
        .service(api::assign_mediation)
        .service(api::note_mediation)
        .service(api::mediation_notes)
        .service(api::mediation_timeline)
        .service(api::assign_records)
        .service(api::work_list)
        .service(api::team_workload)
        .service(super::pages::dashboard)
        .service(super::pages::work_page)
        .service(super::pages::team_page)
        .service(super::pages::assign_form)
        .service(super::pages::note_form);
}
