//! Checks on free text shared by every form: nothing blank, no control characters.

/// Text a person must have written: not empty once trimmed, and free of control characters
/// other than line breaks and tabs.
pub fn check_text(value: &str) -> Result<(), &'static str> {
    if value.trim().is_empty() {
        return Err("must not be blank");
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err("must not contain control characters");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_control_characters_are_refused() {
        assert!(check_text("株式会社テスト").is_ok());
        assert!(check_text("line one\nline two").is_ok());
        assert_eq!(check_text("  \t"), Err("must not be blank"));
        assert_eq!(
            check_text("a\u{0}b"),
            Err("must not contain control characters")
        );
    }
}
