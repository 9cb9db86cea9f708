//! Matching user text inside stored text, the same on both backends: lower-cased on both sides,
//! `%`, `_` and `\` in the user's text matching themselves.

diesel::define_sql_function!(fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// The LIKE pattern (escape character `\`) that finds `text` anywhere, lower-cased.
pub fn containing(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    #[test]
    fn wildcards_in_user_text_match_themselves() {
        assert_eq!(super::containing(" 10%_A\\ "), "%10\\%\\_a\\\\%");
    }
}
