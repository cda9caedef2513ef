use super::*;

#[test]
fn columns_by_any_name_case_and_order() {
    let c = columns([
        "\u{feff}Publication",
        " Headline ",
        "Publish Date",
        "BODY",
        "Link",
        "byline",
        "ID",
    ])
    .unwrap();
    assert_eq!(
        c,
        Columns {
            text: 3,
            title: Some(1),
            date: Some(2),
            url: Some(4),
            author: Some(5),
            source: Some(0),
            id: Some(6)
        }
    );
    // The preferred name wins when a table has several.
    assert_eq!(columns(["content", "text"]).unwrap().text, 1);
    assert!(columns(["title"]).is_err());
}

#[test]
fn fields_are_cut_at_a_char_boundary() {
    assert_eq!(decode_capped("ééé".as_bytes(), 3), ("é".to_owned(), true));
    assert_eq!(decode_capped(b"  abc  ", 10), ("abc".to_owned(), false));
    assert_eq!(decode_capped(b"ab\xffcd", 10), ("ab\u{fffd}cd".to_owned(), false));
}

#[test]
fn the_delimiter_is_sniffed_outside_quotes() {
    assert_eq!(sniff(b"title\ttext\n"), b'\t');
    assert_eq!(sniff(b"\"a\tb\tc\",text\n"), b',');
    assert_eq!(sniff(b"text\n"), b',');
}

#[test]
fn an_unclosed_quote_stops_the_table_without_holding_the_file() {
    let mut input = b"title,text\na,\"never closed".to_vec();
    input.extend(std::iter::repeat_n(b'x', 3 << 20));
    let rows: Vec<_> = TableReader::new(&input[..], Delimiter::Comma, 1000).unwrap().collect();
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].as_ref().unwrap_err().reason.contains("unclosed quote"),
        "{rows:?}"
    );
}
