//! A receiver that costs next to nothing, for `bench/cpu-split --sink`: it
//! tells apart what shipping costs auralog itself (the request, the copy
//! into the socket, the kernel's loopback) from what the receiver beside it
//! costs on the same cores (`auralog serve --count` parses every body).
//!
//! It reads each HTTP/1.1 request on a kept-alive connection (one thread per
//! connection), counts the body's entries by their `"traceId":` keys (every
//! Auralogs entry auralog writes has one; a diagnostic count, not a parse:
//! nothing is validated), answers `{"success":true,"count":N}`, and writes
//! the running total of entries to COUNT_FILE before answering, so the file
//! is complete once the shipper has its last answer.
//!
//! Usage: cargo build --release --example countsink
//!        target/release/examples/countsink LISTEN COUNT_FILE

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

struct Tally {
    entries: AtomicU64,
    file: PathBuf,
    /// Writes of the count file, one at a time.
    write: Mutex<()>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [listen, file] = &args[..] else {
        eprintln!("usage: countsink LISTEN COUNT_FILE");
        return ExitCode::from(2);
    };
    let listener = match TcpListener::bind(listen) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("countsink: cannot listen on {listen}: {e}");
            return ExitCode::from(1);
        }
    };
    let tally = Arc::new(Tally {
        entries: AtomicU64::new(0),
        file: PathBuf::from(file),
        write: Mutex::new(()),
    });
    let _ = std::fs::write(&tally.file, "0");
    for stream in listener.incoming().flatten() {
        let tally = tally.clone();
        std::thread::spawn(move || {
            if let Err(e) = serve(stream, &tally) {
                eprintln!("countsink: {e}");
            }
        });
    }
    ExitCode::SUCCESS
}

fn serve(stream: TcpStream, tally: &Tally) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut out = stream.try_clone()?;
    let mut input = BufReader::with_capacity(64 << 10, stream);
    let finder = memchr::memmem::Finder::new(b"\"traceId\":");
    let (mut line, mut body) = (String::new(), Vec::new());
    loop {
        // The request line (blank lines before it are allowed).
        line.clear();
        while line.trim().is_empty() {
            line.clear();
            if input.read_line(&mut line)? == 0 {
                return Ok(());
            }
        }
        let mut length = 0usize;
        loop {
            line.clear();
            if input.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((k, v)) = header.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().map_err(std::io::Error::other)?;
                }
            }
        }
        body.resize(length, 0);
        input.read_exact(&mut body)?;
        let n = finder.find_iter(&body).count() as u64;
        let total = tally.entries.fetch_add(n, Ordering::SeqCst) + n;
        {
            let _one = tally.write.lock().unwrap_or_else(|e| e.into_inner());
            // The total may have moved on: write the latest.
            let latest = tally.entries.load(Ordering::SeqCst).max(total);
            std::fs::write(&tally.file, latest.to_string())?;
        }
        let answer = format!("{{\"success\":true,\"count\":{n}}}");
        write!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{answer}",
            answer.len()
        )?;
    }
}
