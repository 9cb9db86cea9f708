//! A kind's workbook to fill in for an import (`/imports/templates/{kind}.xlsx`): a first sheet
//! with the columns headed by their short labels and one example row, and a second sheet that
//! explains each column in Japanese — its heading, the API's name, the form's label, whether a
//! row must give it, what it may hold. Both sheets are written from the kind's vocabulary, so a
//! template and its import never disagree.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::vocabulary::Vocabulary;
use crate::error::AppError;

/// The name of the sheet to fill in.
pub const ROWS_SHEET: &str = "記入用";
/// The name of the sheet that explains the columns.
pub const HELP_SHEET: &str = "項目の説明";

fn failed(error: XlsxError) -> AppError {
    AppError::internal(format!("a template workbook: {error}"))
}

fn row(
    sheet: &mut Worksheet,
    at: u32,
    cells: &[&str],
    format: Option<&Format>,
) -> Result<(), AppError> {
    for (column, text) in cells.iter().enumerate() {
        let column =
            u16::try_from(column).map_err(|_| AppError::internal("a template's columns"))?;
        match format {
            Some(format) => sheet.write_string_with_format(at, column, *text, format),
            None => sheet.write_string(at, column, *text),
        }
        .map_err(failed)?;
    }
    Ok(())
}

/// The template of `vocabulary`'s kind, as the bytes of an XLSX workbook.
pub fn workbook(vocabulary: &Vocabulary) -> Result<Vec<u8>, AppError> {
    let bold = Format::new().set_bold();
    // Every cell is text: an example of 0001 or 2025-04-01 stays as written.
    let text = Format::new().set_num_format("@");
    let mut book = Workbook::new();
    let terms: Vec<_> = vocabulary.entered().collect();

    let sheet = book.add_worksheet().set_name(ROWS_SHEET).map_err(failed)?;
    let headings: Vec<&str> = terms.iter().map(|term| term.short).collect();
    row(sheet, 0, &headings, Some(&bold))?;
    let examples: Vec<&str> = terms.iter().map(|term| term.example).collect();
    row(sheet, 1, &examples, Some(&text))?;
    for (column, term) in terms.iter().enumerate() {
        let column =
            u16::try_from(column).map_err(|_| AppError::internal("a template's columns"))?;
        let width = term
            .short
            .chars()
            .count()
            .max(term.example.chars().count())
            .clamp(8, 40);
        sheet
            .set_column_width(column, (width * 2) as f64)
            .map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;

    let help = book.add_worksheet().set_name(HELP_SHEET).map_err(failed)?;
    row(
        help,
        0,
        &[
            "見出し",
            "項目名（API）",
            "入力画面の項目名",
            "別名",
            "必須",
            "入力できる値",
            "説明",
        ],
        Some(&bold),
    )?;
    let wrap = Format::new().set_text_wrap();
    for (at, term) in terms.iter().enumerate() {
        let at = u32::try_from(at + 1).map_err(|_| AppError::internal("a template's rows"))?;
        let aliases = term.aliases.join("、");
        let allowed = term.allowed_ja();
        row(
            help,
            at,
            &[
                term.short,
                term.name,
                term.form,
                &aliases,
                if term.required { "必須" } else { "" },
                &allowed,
                term.help,
            ],
            Some(&wrap),
        )?;
    }
    for (column, width) in [16.0, 26.0, 40.0, 16.0, 6.0, 50.0, 50.0]
        .into_iter()
        .enumerate()
    {
        help.set_column_width(column as u16, width)
            .map_err(failed)?;
    }
    let last =
        u32::try_from(terms.len() + 2).map_err(|_| AppError::internal("a template's rows"))?;
    help.write_string(
        last,
        0,
        "１行目は見出しです。見出しには、この表の見出し、項目名（API）、入力画面の項目名、別名のどれを使っても読み取ります。受付番号・期限など、システムが付与する項目の列は読みません。",
    )
    .map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheets::vocabulary::{Cell, Term};

    static TERMS: &[Term] = &[
        Term::derived("id", "番号"),
        Term::new("name", "名称", Cell::Text)
            .required()
            .example("株式会社サンプル"),
        Term::new("prefecture", "都道府県", Cell::Text).example("愛知県"),
    ];
    static WORDS: Vocabulary = Vocabulary {
        kind: "tests",
        terms: TERMS,
    };

    #[test]
    fn a_template_has_the_entered_columns_an_example_and_their_explanation() {
        use calamine::{Reader, Xlsx};
        let bytes = workbook(&WORDS).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), [ROWS_SHEET, HELP_SHEET]);
        let rows = book.worksheet_range(ROWS_SHEET).unwrap();
        let cells: Vec<Vec<String>> = rows
            .rows()
            .map(|row| row.iter().map(ToString::to_string).collect())
            .collect();
        assert_eq!(
            cells,
            [["名称", "都道府県"], ["株式会社サンプル", "愛知県"]]
        );
        let help = book.worksheet_range(HELP_SHEET).unwrap();
        let first: Vec<String> = help
            .rows()
            .nth(1)
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(first[..5], ["名称", "name", "名称", "", "必須"]);
    }
}
