//! Microbenchmarks of the hot paths, to catch regressions:
//! `cargo bench --bench hot_paths`. Plain `std` timing (no framework, so the
//! build stays lean): each case runs for about half a second after a warm-up
//! and prints the median of 5 rounds in ns per item and MB/s.

use std::hint::black_box;
use std::io::Cursor;
use std::time::{Duration, Instant};

use auralog::formats::{self, Flow, Format, Item, Options};
use auralog::wire::{Entry, Level};

/// Only the cases whose name contains this (`cargo bench --bench hot_paths -- otlp`).
fn wanted(name: &str) -> bool {
    std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .is_none_or(|f| name.contains(&f))
}

fn bench(name: &str, bytes_per_iter: usize, mut f: impl FnMut()) {
    if !wanted(name) {
        return;
    }
    // A fixed count of iterations and no timing, for `perf stat` (the
    // machine is shared: instructions and cycles are steadier than time).
    if let Some(n) = std::env::var("HOT_PATHS_ITERS")
        .ok()
        .and_then(|n| n.parse::<u64>().ok())
    {
        for _ in 0..n {
            f();
        }
        println!("{name}: {n} iterations");
        return;
    }
    for _ in 0..3 {
        f();
    }
    let mut rounds = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let mut iters = 0u64;
        while start.elapsed() < Duration::from_millis(100) {
            f();
            iters += 1;
        }
        rounds.push(start.elapsed().as_nanos() as f64 / iters as f64);
    }
    rounds.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let ns = rounds[2];
    let mbs = bytes_per_iter as f64 / ns * 1e3;
    println!("{name:<44} {ns:>12.0} ns/iter {mbs:>10.1} MB/s");
}

fn lines(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            format!(
                "2026-11-22T10:00:{:02}Z INFO worker-{} request {i} served from cache shard {} ok",
                i % 60,
                i % 16,
                i % 97
            )
        })
        .collect()
}

fn main() {
    let sample = lines(1000);
    let bytes: usize = sample.iter().map(|l| l.len() + 1).sum();

    bench("serde Entry::write_json x1000", bytes, || {
        let mut out = Vec::with_capacity(300_000);
        for l in &sample {
            let e = Entry {
                level: Level::Info,
                message: l.clone(),
                environment: "production".into(),
                timestamp: "2026-11-22T10:00:00.000000Z".into(),
                metadata: Default::default(),
                stack_trace: None,
                trace_id: "4bf92f35-77b3-4da6-a3ce-929d0e0e4736".into(),
            };
            e.write_json(&mut out);
        }
        black_box(out);
    });

    bench("fastjson::write_str x1000", bytes, || {
        let mut out = Vec::with_capacity(150_000);
        for l in &sample {
            auralog::fastjson::write_str(&mut out, l);
        }
        black_box(out);
    });

    bench("detect::detect (level) x1000", bytes, || {
        for l in &sample {
            black_box(auralog::detect::detect(l));
        }
    });

    let inputs: Vec<(Format, Vec<u8>)> = vec![
        (Format::Jsonl, sample.iter().enumerate().map(|(i, l)| format!("{{\"timestamp\":\"2026-11-22T10:00:00Z\",\"level\":\"info\",\"message\":\"{l}\",\"n\":{i}}}\n")).collect::<String>().into_bytes()),
        (Format::Csv, {
            let mut s = String::from("timestamp,level,message,n\n");
            for (i, l) in sample.iter().enumerate() {
                s.push_str(&format!("2026-11-22T10:00:00Z,info,\"{l}\",{i}\n"));
            }
            s.into_bytes()
        }),
        (Format::Syslog, sample.iter().map(|l| format!("<14>1 2026-11-22T10:00:00.000Z web1 app 1234 ID7 [m k=\"v\"] {l}\n")).collect::<String>().into_bytes()),
        (Format::Text, sample.iter().map(|l| format!("{l}\n")).collect::<String>().into_bytes()),
    ];
    let opts = Options::default();
    for (fmt, data) in &inputs {
        bench(
            &format!("formats::parse {} x1000 records", fmt.name()),
            data.len(),
            || {
                let mut n = 0usize;
                let mut cur = Cursor::new(&data[..]);
                formats::parse(*fmt, &mut cur, &opts, &mut |item| {
                    if let Item::Record(r, _) = item {
                        n += black_box(&r).line as usize;
                    }
                    Flow::Continue
                })
                .unwrap();
                black_box(n);
            },
        );
    }

    // What ingest spends per record: parse, THE reading (its plan), and the
    // wire entry written into the batch buffer.
    let writer = formats::EntryWriter::new(Level::Info, "production", "t-1", &Default::default());
    for (fmt, data) in &inputs {
        bench(
            &format!("ingest {} x1000 records -> wire", fmt.name()),
            data.len(),
            || {
                let mut out = Vec::with_capacity(data.len() * 2);
                let mut cur = Cursor::new(&data[..]);
                formats::parse(*fmt, &mut cur, &opts, &mut |item| {
                    if let Item::Record(r, _) = item {
                        writer.write(&r, &mut out);
                    }
                    Flow::Continue
                })
                .unwrap();
                black_box(out);
            },
        );
    }

    // One batch of 1000 entries, encoded by each output (issue 13: OTLP
    // protobuf should cost no more than 25% over the Auralogs JSON).
    let entries: Vec<Entry> = sample
        .iter()
        .enumerate()
        .map(|(i, l)| Entry {
            level: Level::Info,
            message: l.clone(),
            environment: "production".into(),
            timestamp: "2026-11-22T10:00:00.000000Z".into(),
            metadata: serde_json::json!({"n": i, "host": "web1", "ok": true})
                .as_object()
                .unwrap()
                .clone(),
            stack_trace: None,
            trace_id: "4bf92f35-77b3-4da6-a3ce-929d0e0e4736".into(),
        })
        .collect();
    bench("output auralogs JSON batch x1000", bytes, || {
        let mut body = Vec::with_capacity(300_000);
        body.extend_from_slice(b"{\"projectApiKey\":\"aura_k\",\"logs\":[");
        for (i, e) in entries.iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            e.write_json(&mut body);
        }
        body.extend_from_slice(b"]}");
        black_box(body);
    });
    for protocol in ["http/protobuf", "http/json"] {
        let o = otlp_output(protocol);
        bench(
            &format!("output otlp {protocol} batch x1000"),
            bytes,
            || {
                let (mut body, mut ends) = (Vec::with_capacity(300_000), Vec::with_capacity(1000));
                for (i, e) in entries.iter().enumerate() {
                    if i > 0 {
                        body.push(b',');
                    }
                    o.encode(e, &mut body);
                    ends.push(body.len());
                }
                let mut out = Vec::with_capacity(body.len() + 512);
                o.body(&body, &ends, &mut out);
                black_box(out);
            },
        );
    }
    // What tail-stdin and ingest hand the OTLP output: each entry's wire
    // JSON, read straight into the record (`Otlp::encode_json`).
    let wire: Vec<Vec<u8>> = entries.iter().map(|e| e.to_json().into_bytes()).collect();
    let o = otlp_output("http/protobuf");
    bench("output otlp protobuf from wire JSON x1000", bytes, || {
        let (mut body, mut ends) = (Vec::with_capacity(300_000), Vec::with_capacity(1000));
        for (i, j) in wire.iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            o.encode_json(j, &mut body);
            ends.push(body.len());
        }
        let mut out = Vec::with_capacity(body.len() + 512);
        o.body(&body, &ends, &mut out);
        black_box(out);
    });
    bench(
        "output auralogs from wire JSON x1000 (a copy)",
        bytes,
        || {
            let mut body = Vec::with_capacity(300_000);
            body.extend_from_slice(b"{\"projectApiKey\":\"aura_k\",\"logs\":[");
            for (i, j) in wire.iter().enumerate() {
                if i > 0 {
                    body.push(b',');
                }
                body.extend_from_slice(j);
            }
            body.extend_from_slice(b"]}");
            black_box(body);
        },
    );
    otlp_from_the_commands();
}

/// The OTLP output the benchmarks use (no TRACEPARENT).
fn otlp_output(protocol: &str) -> auralog::sender::otlp::Otlp {
    auralog::sender::otlp::Otlp::from_parts(&auralog::sender::otlp::Parts {
        url: "http://127.0.0.1:4318/v1/logs",
        protocol,
        headers: "",
        service_name: "auralog",
        environment: "production",
        resource_attributes: "",
        traceparent: None,
    })
}

/// The wire JSON tail-stdin and ingest write (as `bench/run --latency --only
/// otlp` feeds them: one second apart, ingest's metadata with the file and
/// line), re-encoded by the OTLP output as the sender does: tail-stdin per
/// entry (`Output::encode_json`), ingest per batch (`encode_json_batch`),
/// then the request body; beside the Auralogs output's copy of the same.
fn otlp_from_the_commands() {
    use auralog::sender::encoder::Output;
    let tail: Vec<String> = (0..1000)
        .map(|i| {
            format!(
                r#"{{"level":"info","message":"INFO worker-{} alpha request delta delta gamma beta ok user beta login cache alp{:04}","environment":"production","timestamp":"2026-11-22T{:02}:{:02}:{:02}.000000Z","traceId":"8f1284de-73f0-4cfa-b62b-906fc4c1b8ad"}}"#,
                i % 16,
                i,
                10 + i / 3600,
                (i / 60) % 60,
                i % 60
            )
        })
        .collect();
    let ingest: Vec<String> = (0..1000)
        .map(|i| {
            format!(
                r#"{{"level":"{}","message":"request {i} served from cache shard {} for user {}","environment":"production","timestamp":"2026-11-22T{:02}:{:02}:{:02}.{:03}000Z","metadata":{{"host":"web{}","status":200,"duration_ms":{},"file":"/work/wt/otlp3/bench/out/input-100M.jsonl","line":{}}},"traceId":"d9543f2c-3e53-475e-8597-97b51937f686"}}"#,
                ["info", "info", "warn", "debug", "error"][i % 5],
                i % 97,
                (i * 7919) % 1_000_000,
                10 + i / 3600,
                (i / 60) % 60,
                i % 60,
                i % 1000,
                i % 10,
                i % 1000,
                i + 1
            )
        })
        .collect();
    let o = otlp_output("http/protobuf");
    for (name, wire) in [("tail-stdin", &tail), ("ingest", &ingest)] {
        let bytes: usize = wire.iter().map(|j| j.len() + 1).sum();
        let e = auralog::sender::entry_of_json(wire[0].as_bytes()).unwrap();
        let r = o.record(&e, 0);
        bench(&format!("otlp {name} prost slice x1000"), bytes, || {
            use prost::Message as _;
            let len = r.encoded_len();
            let mut body = vec![0u8; (len + 16) * 1000];
            let mut at = &mut body[..];
            for _ in 0..1000 {
                prost::encoding::message::encode(2, &r, &mut at);
            }
            black_box(body);
        });
        bench(&format!("otlp {name} prost only x1000"), bytes, || {
            let mut body = Vec::with_capacity(bytes);
            for _ in 0..1000 {
                prost::encoding::message::encode(2, &r, &mut body);
            }
            black_box(body);
        });
        bench(
            &format!("auralogs {name} wire JSON x1000 (a copy)"),
            bytes,
            || {
                let mut body = Vec::with_capacity(bytes + 64);
                body.extend_from_slice(b"{\"projectApiKey\":\"aura_k\",\"logs\":[");
                for (i, j) in wire.iter().enumerate() {
                    if i > 0 {
                        body.push(b',');
                    }
                    body.extend_from_slice(j.as_bytes());
                }
                body.extend_from_slice(b"]}");
                black_box(body);
            },
        );
        // ingest's batch as the parser thread hands it over (comma-joined,
        // its ends); the request buffer is the worker's, kept.
        let (mut joined, mut joined_ends) = (Vec::new(), Vec::new());
        for (i, j) in wire.iter().enumerate() {
            if i > 0 {
                joined.push(b',');
            }
            joined.extend_from_slice(j.as_bytes());
            joined_ends.push(joined.len());
        }
        let mut out = Vec::new();
        bench(
            &format!("otlp {name} wire JSON -> protobuf x1000"),
            bytes,
            || {
                let (body, ends) = if name == "ingest" {
                    Output::encode_json_batch(&o, &joined, &joined_ends)
                } else {
                    let (mut body, mut ends) =
                        (Vec::with_capacity(bytes), Vec::with_capacity(1000));
                    for (i, j) in wire.iter().enumerate() {
                        if i > 0 {
                            body.push(b',');
                        }
                        Output::encode_json(&o, j.as_bytes(), &mut body);
                        ends.push(body.len());
                    }
                    (body, ends)
                };
                black_box(o.request_body(&body, &ends, &mut out).len());
            },
        );
    }
}
