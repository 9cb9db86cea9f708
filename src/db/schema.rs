//! The tables, written once for both backends. Ids are BigInt on both (SQLite's INTEGER reads as
//! i64); enums are Text; timestamps are UTC without a zone.

diesel::table! {
    organizations (id) {
        id -> BigInt,
        name -> Text,
        kind -> Text,
        corporate_number -> Nullable<Text>,
        prefecture -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        role -> Text,
        organization_id -> Nullable<BigInt>,
        password_hash -> Nullable<Text>,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
        totp_secret -> Nullable<Text>,
        totp_enabled_at -> Nullable<Timestamp>,
        totp_last_step -> Nullable<BigInt>,
    }
}

diesel::table! {
    login_challenges (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> BigInt,
        user_id -> BigInt,
        code_hash -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        kind -> Text,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> BigInt,
        email -> Text,
        client -> Text,
        attempted_at -> Timestamp,
        succeeded -> Bool,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        actor_user_id -> Nullable<BigInt>,
        actor -> Text,
        request_id -> Nullable<Text>,
        action -> Text,
        entity_type -> Text,
        entity_id -> BigInt,
        changes -> Text,
    }
}

diesel::table! {
    incidents (id) {
        id -> BigInt,
        organization_id -> BigInt,
        regime -> Text,
        first_received_on -> Date,
        received_via -> Text,
        aware_on -> Date,
        computed_mandatory -> Bool,
        override_mandatory -> Nullable<Bool>,
        override_reason -> Nullable<Text>,
        mandatory -> Bool,
        serious -> Bool,
        grounds -> Text,
        preliminary_due_on -> Date,
        final_due_on -> Date,
        final_report_id -> Nullable<BigInt>,
        final_received_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reports (id) {
        id -> BigInt,
        incident_id -> BigInt,
        organization_id -> BigInt,
        regime -> Text,
        stage -> Text,
        preliminary_report_id -> Nullable<BigInt>,
        aware_on -> Date,
        occurred_on -> Nullable<Date>,
        received_on -> Date,
        summary -> Text,
        data_items -> Text,
        persons_affected -> BigInt,
        persons_estimated -> Bool,
        cause -> Text,
        sensitive_data -> Bool,
        financial_damage_risk -> Bool,
        unlawful_purpose -> Bool,
        ordinance_sensitive -> Bool,
        network_system -> Bool,
        publicly_viewable -> Bool,
        strongly_encrypted -> Bool,
        secondary_damage -> Nullable<Text>,
        response_to_individuals -> Nullable<Text>,
        publication -> Nullable<Text>,
        prevention_measures -> Nullable<Text>,
        notes -> Nullable<Text>,
        contractor_organization_id -> Nullable<BigInt>,
        received_via -> Text,
        grounds -> Text,
        filed_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        version -> Integer,
        review_status -> Text,
    }
}

diesel::table! {
    report_versions (id) {
        id -> BigInt,
        report_id -> BigInt,
        version -> Integer,
        changed -> Text,
        reason -> Nullable<Text>,
        filed_by_user_id -> Nullable<BigInt>,
        report -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    report_reviews (id) {
        id -> BigInt,
        report_id -> BigInt,
        version -> Integer,
        decision -> Text,
        comment -> Nullable<Text>,
        due_on -> Nullable<Date>,
        reviewer_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (id) {
        id -> BigInt,
        user_id -> BigInt,
        idempotency_key -> Text,
        request_hash -> Text,
        status -> Integer,
        response -> Text,
        created_at -> Timestamp,
        report_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    cases (id) {
        id -> BigInt,
        title -> Text,
        summary -> Nullable<Text>,
        occurred_from -> Nullable<Date>,
        occurred_to -> Nullable<Date>,
        status -> Text,
        as_of -> Nullable<Date>,
        published -> Bool,
        problem -> Nullable<Text>,
        response_policy -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    case_entities (id) {
        id -> BigInt,
        case_id -> BigInt,
        organization_id -> BigInt,
        role -> Text,
        focus_points -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    case_incidents (id) {
        id -> BigInt,
        case_id -> BigInt,
        incident_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    meetings (id) {
        id -> BigInt,
        number -> Integer,
        held_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    actions (id) {
        id -> BigInt,
        kind -> Text,
        regime -> Text,
        organization_id -> BigInt,
        case_id -> Nullable<BigInt>,
        incident_id -> Nullable<BigInt>,
        started_on -> Date,
        ended_on -> Nullable<Date>,
        due_on -> Nullable<Date>,
        performed_by -> Text,
        meeting_id -> Nullable<BigInt>,
        published -> Bool,
        complied -> Nullable<Bool>,
        imminent_harm -> Bool,
        recommendation_id -> Nullable<BigInt>,
        notes -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        answered_on -> Nullable<Date>,
        inspection_type -> Nullable<Text>,
        plan_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    responses (id) {
        id -> BigInt,
        action_id -> BigInt,
        body -> Text,
        submitted_on -> Date,
        late -> Bool,
        submitted_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    attachments (id) {
        id -> BigInt,
        report_id -> Nullable<BigInt>,
        response_id -> Nullable<BigInt>,
        case_id -> Nullable<BigInt>,
        filename -> Text,
        content_type -> Text,
        charset -> Nullable<Text>,
        size -> BigInt,
        sha256 -> Text,
        created_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        guideline_id -> Nullable<BigInt>,
        pia_evaluation_id -> Nullable<BigInt>,
        agenda_item_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    attachment_chunks (attachment_id, seq) {
        attachment_id -> BigInt,
        seq -> Integer,
        data -> Binary,
    }
}

diesel::table! {
    consultation_categories (id) {
        id -> BigInt,
        desk -> Text,
        code -> Text,
        label_ja -> Text,
        position -> Integer,
        created_at -> Timestamp,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
    }
}

diesel::table! {
    consultations (id) {
        id -> BigInt,
        desk -> Text,
        class -> Text,
        received_on -> Date,
        summary -> Nullable<Text>,
        advice -> Nullable<Text>,
        referred_to_supervision -> Bool,
        organization_id -> Nullable<BigInt>,
        case_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    consultation_category_links (id) {
        id -> BigInt,
        consultation_id -> BigInt,
        category_id -> BigInt,
        received_on -> Date,
        class -> Text,
    }
}

diesel::table! {
    mediations (id) {
        id -> BigInt,
        consultation_id -> BigInt,
        applied_on -> Date,
        entity_identifiable -> Bool,
        applicant_is_party -> Bool,
        other_procedure_pending -> Bool,
        seeks_compensation_or_apology -> Bool,
        status -> Text,
        started_on -> Nullable<Date>,
        declined_on -> Nullable<Date>,
        decline_reason -> Nullable<Text>,
        closed_on -> Nullable<Date>,
        outcome -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    mediation_steps (id) {
        id -> BigInt,
        mediation_id -> BigInt,
        kind -> Text,
        taken_on -> Date,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    published_statistics (id) {
        id -> BigInt,
        kind -> Text,
        period_id -> Text,
        figures -> Text,
        published_at -> Timestamp,
        published_by_user_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// 正誤表: corrections of a published table, beside its frozen figures (migration 26).
    statistics_errata (id) {
        id -> BigInt,
        publication_id -> BigInt,
        figure -> Text,
        published_value -> Text,
        corrected_value -> Text,
        reason -> Text,
        corrected_on -> Date,
        created_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Moved on by the database itself (triggers, migration 17) whenever its table is written.
    table_changes (id) {
        id -> BigInt,
        name -> Text,
        weight -> BigInt,
    }
}

diesel::table! {
    derived_figures (name) {
        name -> Text,
        as_of -> Date,
        stamps -> Text,
        body -> Text,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        kind -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        entity_type -> Text,
        entity_id -> BigInt,
        dedupe_key -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_at -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    search_entries (id) {
        id -> BigInt,
        kind -> Text,
        record_id -> BigInt,
        organization_id -> Nullable<BigInt>,
        title -> Text,
        exact_key -> Nullable<Text>,
        content -> Text,
        folded -> Text,
    }
}

diesel::table! {
    search_reindex_pending (id) {
        id -> Integer,
    }
}

diesel::table! {
    /// SQLite only: the FTS5 index of `search_entries`' bigram words (rowid = the entry's id).
    search_bigrams (rowid) {
        rowid -> BigInt,
        words -> Text,
    }
}

diesel::joinable!(users -> organizations (organization_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(login_challenges -> users (user_id));
diesel::joinable!(audit_log -> users (actor_user_id));
diesel::joinable!(reports -> incidents (incident_id));
diesel::joinable!(report_versions -> reports (report_id));
diesel::joinable!(report_reviews -> reports (report_id));
diesel::joinable!(incidents -> organizations (organization_id));
diesel::joinable!(case_entities -> cases (case_id));
diesel::joinable!(case_entities -> organizations (organization_id));
diesel::joinable!(case_incidents -> cases (case_id));
diesel::joinable!(case_incidents -> incidents (incident_id));
diesel::joinable!(actions -> meetings (meeting_id));
diesel::joinable!(actions -> organizations (organization_id));
diesel::joinable!(responses -> actions (action_id));
diesel::joinable!(attachments -> reports (report_id));
diesel::table! {
    /// A previewed file of the imports page, until it is imported (at most a day).
    pending_imports (id) {
        id -> BigInt,
        user_id -> BigInt,
        records -> Text,
        filename -> Text,
        encoding -> Nullable<Text>,
        sheet -> Nullable<Text>,
        sha256 -> Text,
        data -> Binary,
        created_at -> Timestamp,
    }
}

diesel::joinable!(attachments -> responses (response_id));
diesel::joinable!(attachments -> cases (case_id));
diesel::joinable!(attachment_chunks -> attachments (attachment_id));
diesel::joinable!(attachments -> body_guidelines (guideline_id));
diesel::joinable!(body_guidelines -> accredited_bodies (body_id));
diesel::joinable!(inspection_plan_items -> inspection_plans (plan_id));
diesel::joinable!(inspection_plans -> meetings (meeting_id));
diesel::joinable!(consultation_category_links -> consultations (consultation_id));
diesel::joinable!(consultation_category_links -> consultation_categories (category_id));
diesel::joinable!(statistics_errata -> published_statistics (publication_id));
diesel::joinable!(mediations -> consultations (consultation_id));
diesel::table! {
    optout_notifications (id) {
        id -> BigInt,
        organization_id -> BigInt,
        provider_name -> Text,
        provider_address -> Text,
        representative -> Text,
        purpose -> Text,
        data_items -> Text,
        obtained_how -> Nullable<Text>,
        provided_how -> Text,
        request_method -> Text,
        update_method -> Nullable<Text>,
        start_on -> Nullable<Date>,
        notified_on -> Date,
        filing -> Text,
        filed_on -> Date,
        change_effective_on -> Nullable<Date>,
        version -> Integer,
        review_status -> Text,
        accepted_on -> Nullable<Date>,
        withdrawn_on -> Nullable<Date>,
        withdrawal_submitted_on -> Nullable<Date>,
        published -> Nullable<Text>,
        published_version -> Nullable<Integer>,
        filed_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    optout_versions (id) {
        id -> BigInt,
        notification_id -> BigInt,
        version -> Integer,
        filing -> Text,
        changed -> Text,
        reason -> Nullable<Text>,
        submitted_on -> Date,
        effective_on -> Nullable<Date>,
        content -> Text,
        filed_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    optout_reviews (id) {
        id -> BigInt,
        notification_id -> BigInt,
        version -> Integer,
        decision -> Text,
        comment -> Nullable<Text>,
        due_on -> Nullable<Date>,
        decided_on -> Date,
        reviewer_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    accredited_bodies (id) {
        id -> BigInt,
        name -> Text,
        corporate_number -> Nullable<Text>,
        accredited_on -> Date,
        sector -> Text,
        scope -> Text,
        revoked_on -> Nullable<Date>,
        revocation_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    inspection_plans (id) {
        id -> BigInt,
        fiscal_year -> Integer,
        title -> Text,
        adopted_on -> Date,
        meeting_id -> Nullable<BigInt>,
        coverage_since -> Nullable<Date>,
        created_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    inspection_plan_items (id) {
        id -> BigInt,
        plan_id -> BigInt,
        position -> Integer,
        organization_id -> Nullable<BigInt>,
        organization_kind -> Nullable<Text>,
        inspection_type -> Text,
        quarter -> Integer,
    }
}

diesel::table! {
    events (id) {
        id -> BigInt,
        kind -> Text,
        regime -> Text,
        held_on -> Date,
        title -> Text,
        prefecture -> Nullable<Text>,
        audience -> Nullable<Text>,
        bodies -> Nullable<Integer>,
        participants -> Integer,
        created_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    body_guidelines (id) {
        id -> BigInt,
        body_id -> BigInt,
        version -> Text,
        title -> Nullable<Text>,
        published_on -> Date,
        created_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    anonymised_publications (id) {
        id -> BigInt,
        organization_id -> BigInt,
        published_on -> Date,
        location -> Text,
        data_items -> Text,
        provided_to_third_parties -> Bool,
        created_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    optout_campaigns (id) {
        id -> BigInt,
        title -> Text,
        started_on -> Date,
        due_on -> Nullable<Date>,
        created_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    optout_confirmations (id) {
        id -> BigInt,
        campaign_id -> BigInt,
        notification_id -> BigInt,
        organization_id -> BigInt,
        outcome -> Nullable<Text>,
        answered_on -> Nullable<Date>,
        note -> Nullable<Text>,
        answered_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    periodic_questionnaires (id) {
        id -> BigInt,
        fiscal_year -> Integer,
        title -> Text,
        due_on -> Date,
        items -> Text,
        created_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    periodic_reports (id) {
        id -> BigInt,
        questionnaire_id -> BigInt,
        organization_id -> BigInt,
        answers -> Text,
        notes -> Nullable<Text>,
        version -> Integer,
        submitted_on -> Nullable<Date>,
        review_status -> Nullable<Text>,
        accepted_on -> Nullable<Date>,
        filed_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    pia_evaluations (id) {
        id -> BigInt,
        organization_id -> BigInt,
        level -> Text,
        task_name -> Text,
        files -> Text,
        submitted_on -> Date,
        version -> Integer,
        review_status -> Text,
        superseded_by_id -> Nullable<BigInt>,
        approval_meeting_id -> Nullable<BigInt>,
        approval_item -> Nullable<Integer>,
        approved_on -> Nullable<Date>,
        published_on -> Nullable<Date>,
        filed_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        approval_agenda_item_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    pia_remarks (id) {
        id -> BigInt,
        evaluation_id -> BigInt,
        text -> Text,
        user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    oversight_versions (id) {
        id -> BigInt,
        record_kind -> Text,
        record_id -> BigInt,
        version -> Integer,
        content -> Text,
        reason -> Nullable<Text>,
        submitted_on -> Nullable<Date>,
        filed_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    oversight_reviews (id) {
        id -> BigInt,
        record_kind -> Text,
        record_id -> BigInt,
        version -> Integer,
        decision -> Text,
        comment -> Nullable<Text>,
        due_on -> Nullable<Date>,
        decided_on -> Date,
        reviewer_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agenda_items (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        position -> Integer,
        title -> Text,
        kind -> Text,
        closed -> Bool,
        decision -> Nullable<Text>,
        records -> Text,
        published_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    activities (id) {
        id -> BigInt,
        kind -> Text,
        on_date -> Date,
        counterpart -> Text,
        law -> Nullable<Text>,
        subject -> Text,
        bodies -> Nullable<Integer>,
        persons -> Nullable<Integer>,
        outcome -> Nullable<Text>,
        created_by_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(periodic_reports -> periodic_questionnaires (questionnaire_id));
diesel::joinable!(periodic_reports -> organizations (organization_id));
diesel::joinable!(pia_evaluations -> organizations (organization_id));
diesel::joinable!(pia_evaluations -> meetings (approval_meeting_id));
diesel::joinable!(pia_remarks -> pia_evaluations (evaluation_id));
diesel::joinable!(agenda_items -> meetings (meeting_id));
diesel::joinable!(optout_confirmations -> optout_campaigns (campaign_id));
diesel::joinable!(anonymised_publications -> organizations (organization_id));
diesel::joinable!(optout_notifications -> organizations (organization_id));
diesel::joinable!(mediation_steps -> mediations (mediation_id));

diesel::table! {
    /// Who each open record is assigned to, if anyone (migration 27).
    assignees (record_kind, record_id) {
        record_kind -> Text,
        record_id -> BigInt,
        user_id -> BigInt,
        assigned_at -> Timestamp,
    }
}

diesel::table! {
    /// Every change of a record's assignee, kept.
    assignments (id) {
        id -> BigInt,
        record_kind -> Text,
        record_id -> BigInt,
        user_id -> Nullable<BigInt>,
        previous_user_id -> Nullable<BigInt>,
        assigned_by_user_id -> Nullable<BigInt>,
        assigned_at -> Timestamp,
    }
}

diesel::table! {
    /// Staff's internal notes, appended (a correction names the note it corrects).
    notes (id) {
        id -> BigInt,
        record_kind -> Text,
        record_id -> BigInt,
        body -> Text,
        corrects_id -> Nullable<BigInt>,
        author_user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(assignees -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    users,
    api_tokens,
    recovery_codes,
    login_challenges,
    login_attempts,
    audit_log,
    incidents,
    reports,
    report_versions,
    report_reviews,
    idempotency_keys,
    cases,
    case_entities,
    case_incidents,
    meetings,
    actions,
    responses,
    attachments,
    attachment_chunks,
    consultation_categories,
    consultations,
    consultation_category_links,
    mediations,
    mediation_steps,
    published_statistics,
    statistics_errata,
    outbox,
    pending_imports,
    optout_notifications,
    optout_versions,
    optout_reviews,
    accredited_bodies,
    body_guidelines,
    events,
    inspection_plans,
    inspection_plan_items,
    anonymised_publications,
    optout_campaigns,
    optout_confirmations,
    periodic_questionnaires,
    periodic_reports,
    pia_evaluations,
    pia_remarks,
    oversight_versions,
    oversight_reviews,
    agenda_items,
    activities,
    assignees,
    assignments,
    notes,
);

// The hotline's category counts group by the category's desk and code and the class its link
// carries from the consultation.
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    consultation_categories::desk,
    consultation_categories::code,
    consultation_category_links::class,
);
