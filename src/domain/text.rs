//! Checks on free text shared by every form: nothing blank, no control characters.

use crate::error::Refusal;

/// Text a person must have written: not empty once trimmed, and free of control characters
/// other than line breaks and tabs. A byte order mark counts as blank space.
pub fn check_text(value: &str) -> Result<(), Refusal> {
    if value.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
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

/// [`check_text`] as a regular expression (ECMA 262, as OpenAPI reads one): the pattern of the
/// document's `format: text` strings, so a client can check a field before sending it. The
/// spaces and the control characters are spelt out, since regex dialects disagree on `\s`.
pub const TEXT_PATTERN: &str = concat!(
    "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*",
    "[^\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]",
    "[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$",
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern refuses exactly what the rule refuses: every character of the Basic
    /// Multilingual Plane alone, between letters, and after a space.
    #[test]
    fn the_pattern_is_the_rule() {
        let pattern = regex::Regex::new(TEXT_PATTERN).unwrap();
        for c in (0..=0xFFFF_u32).filter_map(char::from_u32) {
            for text in [
                c.to_string(),
                format!("a{c}b"),
                format!(" {c}"),
                format!("{c}\n"),
            ] {
                assert_eq!(
                    pattern.is_match(&text),
                    check_text(&text).is_ok(),
                    "U+{:04X} in {text:?}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn blank_and_control_characters_are_refused() {
        assert!(check_text("株式会社テスト").is_ok());
        assert!(check_text("line one\nline two").is_ok());
        assert_eq!(check_text("  \t"), Err(Refusal::Blank));
        assert_eq!(check_text("a\u{0}b"), Err(Refusal::ControlCharacters));
        assert_eq!(check_text("\u{feff}　"), Err(Refusal::Blank));
    }
}
