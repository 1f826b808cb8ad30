//! podlab's integration tests, one crate (one link of the library) with a module per subject.
//! `cargo test --test it NAME` runs one subject, e.g. `cargo test --test it model::`.

mod app;
mod assets;
mod bad_input;
mod budgets;
mod challenges;
mod cronjob_controller;
mod cronjob_properties;
mod cronjob_validation;
mod daemonset_controller;
mod daemonset_properties;
mod daemonset_validation;
mod determinism;
mod docs_examples;
mod embeds;
mod eviction;
mod golden;
mod job_controller;
mod job_properties;
mod job_validation;
mod kubectl_console;
mod kubectl_truth;
mod lessons;
mod model;
mod namespaces;
mod rollout_board;
mod scenarios;
mod share_links;
mod support;
mod tidy;
mod tzdb;
