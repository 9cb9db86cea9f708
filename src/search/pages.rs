//! The search page (`/search`, the box in the header): results grouped by kind with the matches
//! marked, a kind's whole list paged; a reporter's search covers its own reports. On the same
//! `search::find` the API answers with.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;

use crate::db::Db;
use crate::domain::search::SnippetPart;
use crate::error::{AppError, FieldErrors};
use crate::search::{Found, SearchFilter, SearchKind, find};
use crate::web::forms::{self, Field, Input, Section, SectionView};
use crate::web::layout::Chrome;
use crate::web::lists::{Pager, Request};
use crate::web::{WebError, WebUser, page};

/// Results shown for each kind when all kinds are searched.
const GROUP_SIZE: u32 = 10;

fn sections(staff: bool) -> Vec<Section> {
    let mut fields = vec![
        Field::new("q", "検索語", Input::Text)
            .required()
            .hint("2文字以上の語を空白で区切ると、すべてを含む記録が見つかります。全角・半角、大文字・小文字は区別しません。"),
    ];
    if staff {
        fields.push(Field::new(
            "kind",
            "種類",
            Input::Select(
                SearchKind::ALL
                    .iter()
                    .map(|kind| (kind.as_str().to_owned(), kind.label_ja().to_owned()))
                    .collect(),
            ),
        ));
    }
    vec![Section {
        legend: "検索条件",
        fields,
    }]
}

/// One result as the page shows it.
struct Hit {
    href: String,
    title: String,
    snippet: Vec<SnippetPart>,
}

impl From<Found> for Hit {
    fn from(found: Found) -> Self {
        let path = match found.kind {
            SearchKind::Report => "reports",
            SearchKind::Organization => "organizations",
            SearchKind::Case => "cases",
            SearchKind::Consultation => "consultations",
        };
        Self {
            href: format!("/{path}/{}", found.id),
            title: found.title,
            snippet: found.snippet,
        }
    }
}

/// The results of one kind.
struct Group {
    kind: &'static str,
    label: &'static str,
    hits: Vec<Hit>,
    total: i64,
    exact: bool,
    /// The link to all of them, when the group shows only the first.
    more: Option<String>,
}

#[derive(Template)]
#[template(path = "search/search.html")]
struct SearchPage {
    chrome: Chrome,
    sections: Vec<SectionView>,
    problem: Option<String>,
    error_count: usize,
    /// Whether a query was made (and the results are shown).
    asked: bool,
    groups: Vec<Group>,
    pager: Option<Pager>,
}

impl SearchPage {
    fn total(&self) -> i64 {
        self.groups.iter().map(|group| group.total).sum()
    }

    /// Whether every kind was counted to its end (else the total is a lower bound).
    fn exact(&self) -> bool {
        self.groups.iter().all(|group| group.exact)
    }
}

/// Finds reports, organizations, cases and consultations holding every word typed (a reporter:
/// its own reports).
#[utoipa::path(get, path = "/search", tag = "pages", params(("q" = Option<String>, Query, description = "the words to find"), ("kind" = Option<String>, Query, description = "only this kind: report, organization, case, consultation"), ("page" = Option<String>, Query, description = "page of one kind's results")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 422, description = "the form again, the refusal beside the field")))]
#[get("/search")]
pub async fn search_page(
    user: WebUser,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let staff = user.role.is_staff();
    let sections = sections(staff);
    let (asked, filter) = Request::read::<SearchFilter>(&request, &sections);
    let chrome = user.chrome("検索");
    if asked.values.get("q").is_none_or(str::is_empty) {
        let values = asked.values;
        return page(
            StatusCode::OK,
            &SearchPage {
                chrome,
                sections: forms::views(&sections, &values, &FieldErrors::new()),
                problem: None,
                error_count: 0,
                asked: false,
                groups: Vec::new(),
                pager: None,
            },
        );
    }
    let found = match filter {
        Ok(filter) => results(&db, &user, filter, &asked).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (groups, pager, errors) = match found {
        Ok((groups, pager)) => (groups, pager, FieldErrors::new()),
        Err(AppError::Validation(errors)) => (Vec::new(), None, errors),
        Err(other) => return Err(other.into()),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(
        status,
        &SearchPage {
            chrome,
            sections: forms::views(&sections, &asked.values, &errors),
            problem: None,
            error_count: errors.iter().count(),
            asked: errors.is_empty(),
            groups,
            pager,
        },
    )
}

/// The groups of results: each kind's first few, or one kind's page.
async fn results(
    db: &Db,
    user: &WebUser,
    filter: SearchFilter,
    asked: &Request,
) -> Result<(Vec<Group>, Option<Pager>), AppError> {
    let mut pairs = vec![("q", filter.q.as_str())];
    pairs.extend(filter.kind.map(|kind| ("kind", kind.as_str())));
    let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
    let kinds: Vec<SearchKind> = match (filter.kind, user.role.is_staff()) {
        (Some(kind), _) => vec![kind],
        (None, true) => SearchKind::ALL.to_vec(),
        (None, false) => vec![SearchKind::Report],
    };
    let single = kinds.len() == 1;
    // The kinds are searched at once, each on a connection of its own.
    let searches = kinds.into_iter().map(|kind| {
        let filter = SearchFilter {
            q: filter.q.clone(),
            kind: Some(kind),
            page: Some(if single { asked.page } else { 1 }),
            per_page: Some(if single { asked.per_page } else { GROUP_SIZE }),
        };
        async move {
            let (results, request) = find(db, &user.principal, &filter).await?;
            Ok::<_, AppError>((kind, results, request))
        }
    });
    let mut groups = Vec::new();
    let mut pager = None;
    for (kind, results, request) in futures_util::future::try_join_all(searches).await? {
        let href = serde_urlencoded::to_string([("q", filter.q.as_str()), ("kind", kind.as_str())])
            .unwrap_or_default();
        if single {
            pager = Some(Pager::new(
                "/search",
                &query,
                request.page,
                request.per_page,
                crate::http::Total {
                    count: results.total,
                    exact: results.exact,
                },
            ));
        }
        groups.push(Group {
            kind: kind.as_str(),
            label: kind.label_ja(),
            more: (!single && results.total > results.found.len() as i64)
                .then(|| format!("/search?{href}")),
            hits: results.found.into_iter().map(Hit::from).collect(),
            total: results.total,
            exact: results.exact,
        });
    }
    Ok((groups, pager))
}
