//! One integration test binary (faster to build and link than many).
//! Every test runs the real `auralog` binary against real receivers on
//! 127.0.0.1.

mod support;

mod checkpoints;
mod ci;
mod config;
mod delivery;
mod faults;
mod flow;
mod follow;
mod ingest;
mod ingest_corpora;
mod log;
mod loss;
mod otlp;
mod reading;
mod resume;
mod serve;
mod settings;
mod shell;
mod spool;
mod tail_stdin;
mod trace;
