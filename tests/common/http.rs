//! A loopback HTTP server's plumbing for the tests that serve pages: the request's path read
//! (headers skipped), an answer written. Included with `#[path]` by the tests that use it.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;

/// The path a request asks for, its headers read and dropped; `None` when it cannot be read.
pub fn request_path(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            return Some(path);
        }
    }
}

/// Answers with `status` and an HTML `body`, then closes.
pub fn respond(stream: &mut TcpStream, status: &str, body: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nContent-Type: text/html; charset=utf-8\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}
