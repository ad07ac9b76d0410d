use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleFinding {
    pub path: PathBuf,
    pub line: usize,
    pub problem: String,
}

pub const MAX_RS_FILE_LINES: usize = 400;

pub fn comment_lines(source: &str) -> Vec<usize> {
    let chars: Vec<char> = source.chars().collect();
    let mut scanner = Scanner {
        chars: &chars,
        index: 0,
        line: 1,
        found: Vec::new(),
    };
    scanner.run();
    scanner.found
}

struct Scanner<'a> {
    chars: &'a [char],
    index: usize,
    line: usize,
    found: Vec<usize>,
}

impl Scanner<'_> {
    fn peek(&self, offset: usize) -> Option<char> {
        self.chars.get(self.index + offset).copied()
    }

    fn advance(&mut self) {
        if self.peek(0) == Some('\n') {
            self.line += 1;
        }
        self.index += 1;
    }

    fn run(&mut self) {
        while let Some(current) = self.peek(0) {
            match (current, self.peek(1)) {
                ('/', Some('/')) => self.line_comment(),
                ('/', Some('*')) => self.block_comment(),
                ('"', _) => self.quoted_string(),
                ('\'', _) => self.char_or_lifetime(),
                ('r' | 'b' | 'c', _) if self.raw_string_hashes().is_some() => self.raw_string(),
                _ => self.advance(),
            }
        }
    }

    fn record(&mut self) {
        if self.found.last() != Some(&self.line) {
            self.found.push(self.line);
        }
    }

    fn line_comment(&mut self) {
        self.record();
        while let Some(current) = self.peek(0) {
            if current == '\n' {
                return;
            }
            self.advance();
        }
    }

    fn block_comment(&mut self) {
        self.record();
        let mut depth = 0usize;
        while let Some(current) = self.peek(0) {
            match (current, self.peek(1)) {
                ('/', Some('*')) => {
                    depth += 1;
                    self.advance();
                }
                ('*', Some('/')) => {
                    depth = depth.saturating_sub(1);
                    self.advance();
                    if depth == 0 {
                        self.advance();
                        return;
                    }
                }
                _ => {}
            }
            self.advance();
        }
    }

    fn quoted_string(&mut self) {
        self.advance();
        while let Some(current) = self.peek(0) {
            self.advance();
            match current {
                '\\' => self.advance(),
                '"' => return,
                _ => {}
            }
        }
    }

    fn char_or_lifetime(&mut self) {
        self.advance();
        if self.peek(0) == Some('\\') {
            while let Some(current) = self.peek(0) {
                self.advance();
                if current == '\'' && self.chars.get(self.index.wrapping_sub(2)) != Some(&'\\') {
                    return;
                }
            }
        } else if self.peek(1) == Some('\'') {
            self.advance();
            self.advance();
        }
    }

    fn raw_string_hashes(&self) -> Option<usize> {
        let previous = self.index.checked_sub(1).and_then(|i| self.chars.get(i));
        if previous.is_some_and(|c| c.is_alphanumeric() || *c == '_') {
            return None;
        }
        let mut offset = usize::from(self.peek(0) != Some('r'));
        if self.peek(offset) != Some('r') {
            return None;
        }
        offset += 1;
        let mut hashes = 0;
        while self.peek(offset) == Some('#') {
            hashes += 1;
            offset += 1;
        }
        (self.peek(offset) == Some('"')).then_some(hashes)
    }

    fn raw_string(&mut self) {
        let hashes = self.raw_string_hashes().unwrap_or(0);
        while self.peek(0) != Some('"') {
            self.advance();
        }
        self.advance();
        while self.peek(0).is_some() {
            if self.peek(0) == Some('"') && (1..=hashes).all(|k| self.peek(k) == Some('#')) {
                for _ in 0..=hashes {
                    self.advance();
                }
                return;
            }
            self.advance();
        }
    }
}

pub fn check_file(path: &Path, source: &str) -> Vec<StyleFinding> {
    let mut findings: Vec<StyleFinding> = comment_lines(source)
        .into_iter()
        .map(|line| StyleFinding {
            path: path.to_path_buf(),
            line,
            problem: "comment in code".to_owned(),
        })
        .collect();
    let lines = source.lines().count();
    if lines > MAX_RS_FILE_LINES {
        findings.push(StyleFinding {
            path: path.to_path_buf(),
            line: lines,
            problem: format!("file has {lines} lines, over {MAX_RS_FILE_LINES}"),
        });
    }
    findings
}

pub fn rust_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    collect_rust_files(root, &mut found);
    found.sort();
    found
}

fn collect_rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let hidden_or_build = name.to_string_lossy().starts_with('.') || name == "target";
        if path.is_dir() && !hidden_or_build {
            collect_rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}
