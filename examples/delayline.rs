//! A TCP delay line for the latency benchmarks (bench/run --latency): listens
//! on 127.0.0.1, connects every accepted client to UPSTREAM, and adds a round
//! trip of RTT_MS milliseconds to everything that passes.
//!
//! How the delay is applied: every chunk read from one side is delivered to
//! the other side RTT_MS/2 ms after it was read, in each direction, so a
//! request and its answer together cost RTT_MS more. The client's handshake
//! with the proxy is local, so the handshake's round trip is modelled too:
//! nothing the client sends is delivered before RTT_MS/2 after the first
//! RTT_MS of the connection (when its SYN-ACK would have come back on a real
//! link). A new connection's first answer therefore comes 2 x RTT_MS late, as
//! it would over a real link; later requests on a kept-alive connection pay 1 x.
//!
//! No throughput cap of its own: two threads per direction (a reader that
//! timestamps chunks of up to 256 KiB, a writer that sleeps until a chunk is
//! due), so bytes keep flowing while earlier ones wait; a bounded queue of
//! chunks gives back-pressure. Many concurrent connections: four threads each.
//! TCP_NODELAY on both sides, so small answers are not held back by Nagle.
//! A half-close is passed on (after the delay); either side's error closes both.
//!
//! Usage: cargo build --release --example delayline
//!        target/release/examples/delayline UPSTREAM RTT_MS [LISTEN]
//! LISTEN defaults to 127.0.0.1:0; the address is printed on stdout as
//! `delayline listening on 127.0.0.1:PORT` (then stdout is left alone).

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread;
use std::time::{Duration, Instant};

/// Chunks queued per direction before the reader waits (back-pressure):
/// 256 of up to 256 KiB bounds one direction at 64 MiB in flight.
const QUEUE: usize = 256;
const CHUNK: usize = 256 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 || args.len() > 3 {
        eprintln!("usage: delayline UPSTREAM RTT_MS [LISTEN]");
        return ExitCode::from(2);
    }
    let upstream: SocketAddr = match args[0].parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("delayline: error: upstream {}: {e}", args[0]);
            return ExitCode::from(2);
        }
    };
    let rtt_ms: f64 = match args[1].parse() {
        Ok(v) if v >= 0.0 => v,
        _ => {
            eprintln!("delayline: error: RTT_MS must be a number >= 0");
            return ExitCode::from(2);
        }
    };
    let listen = args.get(2).map_or("127.0.0.1:0", |s| s.as_str());
    let listener = match TcpListener::bind(listen) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("delayline: error: cannot listen on {listen}: {e}");
            return ExitCode::from(1);
        }
    };
    let half = Duration::from_secs_f64(rtt_ms / 2000.0);
    match listener.local_addr() {
        Ok(a) => println!("delayline listening on {a}"),
        Err(e) => {
            eprintln!("delayline: error: {e}");
            return ExitCode::from(1);
        }
    }
    let _ = std::io::stdout().flush();
    for client in listener.incoming() {
        let Ok(client) = client else { continue };
        thread::spawn(move || {
            // The client sees the connection closed, as with a dead upstream.
            let Ok(server) = TcpStream::connect(upstream) else {
                return;
            };
            let _ = client.set_nodelay(true);
            let _ = server.set_nodelay(true);
            let accepted = Instant::now();
            pipe(&client, &server, half, accepted + half * 2);
            pipe(&server, &client, half, accepted);
        });
    }
    ExitCode::SUCCESS
}

/// Chunk read at `Instant`; an empty chunk is end of stream.
type Timed = (Instant, Vec<u8>);

/// One direction: `from` is read now, written to `to` `delay` later (and
/// never before `not_before + delay`: the handshake's round trip).
fn pipe(from: &TcpStream, to: &TcpStream, delay: Duration, not_before: Instant) {
    let (Ok(mut r), Ok(w)) = (from.try_clone(), to.try_clone()) else {
        return;
    };
    let (tx, rx): (SyncSender<Timed>, Receiver<Timed>) = sync_channel(QUEUE);
    thread::spawn(move || loop {
        let mut buf = vec![0u8; CHUNK];
        match r.read(&mut buf) {
            Ok(0) | Err(_) => {
                let _ = tx.send((Instant::now(), Vec::new()));
                return;
            }
            Ok(n) => {
                buf.truncate(n);
                if tx.send((Instant::now(), buf)).is_err() {
                    return;
                }
            }
        }
    });
    let (Ok(reader_side), Ok(mut w)) = (from.try_clone(), w.try_clone()) else {
        return;
    };
    thread::spawn(move || {
        for (at, chunk) in rx {
            let due = at.max(not_before) + delay;
            let now = Instant::now();
            if due > now {
                thread::sleep(due - now);
            }
            if chunk.is_empty() {
                let _ = w.shutdown(Shutdown::Write);
                return;
            }
            if w.write_all(&chunk).is_err() {
                // The far side is gone: stop reading from the near side too.
                let _ = reader_side.shutdown(Shutdown::Both);
                let _ = w.shutdown(Shutdown::Both);
                return;
            }
        }
    });
}
