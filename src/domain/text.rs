//! Checks on free text shared by every form: nothing blank, no control characters.

use crate::error::Refusal;

/// Text a person must have written: not empty once trimmed, and free of control characters
/// other than line breaks and tabs.
pub fn check_text(value: &str) -> Result<(), Refusal> {
    if value.trim().is_empty() {
        return Err(Refusal::Blank);
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Refusal::ControlCharacters);
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
        assert_eq!(check_text("  \t"), Err(Refusal::Blank));
        assert_eq!(check_text("a\u{0}b"), Err(Refusal::ControlCharacters));
    }
}
