use livespot_e2e::style::{check_file, comment_lines, rust_files};
use livespot_e2e::workspace_root;

#[test]
fn no_rust_file_in_the_workspace_has_a_comment_or_is_too_long() {
    let root = workspace_root();
    let files = rust_files(&root);
    assert!(
        files.len() > 10,
        "expected to scan the workspace, found {} files",
        files.len()
    );
    let findings: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let source = std::fs::read_to_string(path).unwrap_or_default();
            check_file(path.strip_prefix(&root).unwrap_or(path), &source)
        })
        .map(|finding| {
            format!(
                "{}:{}: {}",
                finding.path.display(),
                finding.line,
                finding.problem
            )
        })
        .collect();
    assert!(
        findings.is_empty(),
        "style violations:\n{}",
        findings.join("\n")
    );
}

#[test]
fn line_and_block_comments_are_found_on_their_lines() {
    let source = "fn a() {}\n// note\nfn b() {} /* x\n y */\n/// doc\n//! inner\n";
    assert_eq!(comment_lines(source), vec![2, 3, 5, 6]);
}

#[test]
fn comment_markers_inside_literals_are_not_comments() {
    let source = concat!(
        "let url = \"http://127.0.0.1\";\n",
        "let raw = r#\"a \"// b\" /* c */\"#;\n",
        "let bytes = b\"//\";\n",
        "let slash = '/';\n",
        "let quote = '\\'';\n",
        "fn f<'a>(x: &'a str) -> &'a str { x }\n",
        "let escaped = \"\\\"//\";\n",
    );
    assert_eq!(comment_lines(source), Vec::<usize>::new());
}

#[test]
fn a_comment_after_a_lifetime_or_raw_string_is_still_found() {
    let source = "fn f<'a>(x: &'a str) {}\nlet s = r\"x\"; // tail\n";
    assert_eq!(comment_lines(source), vec![2]);
}

#[test]
fn nested_block_comments_end_where_rust_ends_them() {
    let source = "/* a /* b */ still */\nlet x = 1;\n";
    assert_eq!(comment_lines(source), vec![1]);
}

#[test]
fn a_file_over_the_line_limit_is_reported() {
    let source = "let x = 1;\n".repeat(401);
    let findings = check_file(std::path::Path::new("big.rs"), &source);
    assert_eq!(findings.len(), 1);
    assert!(findings[0].problem.contains("401 lines"));
}
